// `pnpm paja ...`: the admin command line, compiled like the server so that it runs on plain
// Node (no tsx, which a production image need not carry). server/build.mjs builds
// server/dist/cli.mjs next to dist/main.mjs, and only when a source changed since the last
// build, as `npm start` does. Anything the build says goes to stderr: stdout stays the
// command's JSON.
//
// node scripts/paja.mjs <command> [options]   (pnpm runs it in server/, see server/package.json)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const serverDir = path.resolve(import.meta.dirname, '../server');
const cli = path.join(serverDir, 'dist/cli.mjs');

await buildIfChanged();
const { runCli } = await import(pathToFileURL(cli).href);
await runCli(process.argv.slice(2));

/**
 * Builds when a source changed. Where only production packages are installed there is no
 * esbuild to build with: an existing build is then used as it is.
 */
async function buildIfChanged() {
  let buildServer;
  try {
    ({ buildServer } = await import('../server/build.mjs'));
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND' || !fs.existsSync(cli)) throw error;
    process.stderr.write('paja: esbuild is not installed; running the existing server/dist/\n');
    return;
  }
  if (await buildServer()) process.stderr.write('paja: built the server into server/dist/\n');
}
