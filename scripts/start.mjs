// `npm start`: everything a fresh clone needs, then Paja on one machine with SQLite in ./data.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildClient, checkNode, ensureDependencies, ensurePnpm, root, say } from './setup.mjs';

checkNode();
const pnpm = ensurePnpm();
ensureDependencies(pnpm);
buildClient(pnpm);

const env = { ...process.env, PAJA_DATA_DIR: process.env.PAJA_DATA_DIR || path.join(root, 'data') };
say(`Starting Paja (data in ${env.PAJA_DATA_DIR}) ...`);
const tsx = path.join(root, 'server', 'node_modules', '.bin', 'tsx');
const server = spawn(tsx, [path.join(root, 'server', 'src', 'main.ts')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
// The server saves every board on SIGTERM/SIGINT; pass them on and exit with its status.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
