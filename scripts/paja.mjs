// `pnpm paja ...`: the admin command line, compiled like the server so that it runs on plain
// Node (no tsx, which a production image need not carry). server/build.mjs builds
// server/dist/cli.mjs next to dist/main.mjs, and only when a source changed since the last
// build, as `npm start` does. Anything the build says goes to stderr: stdout stays the
// command's JSON.
//
// node scripts/paja.mjs <command> [options]   (pnpm runs it in server/, see server/package.json)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer } from '../server/build.mjs';

const serverDir = path.resolve(import.meta.dirname, '../server');

if (await buildServer()) process.stderr.write('paja: built the server into server/dist/\n');
const { runCli } = await import(pathToFileURL(path.join(serverDir, 'dist/cli.mjs')).href);
await runCli(process.argv.slice(2));
