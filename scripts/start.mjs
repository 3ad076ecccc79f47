// `npm start`: everything a fresh clone needs, then Paja on one machine with SQLite in ./data.
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  buildClient,
  buildServer,
  checkNode,
  ensureDependencies,
  ensurePnpm,
  root,
  SERVER_ENTRY,
  say,
} from './setup.mjs';

checkNode();
const pnpm = ensurePnpm();
ensureDependencies(pnpm);
buildClient(pnpm);
buildServer(pnpm);

// ./data of the checkout by default; a relative PAJA_DATA_DIR is relative to where the user
// ran the command (npm tells it in INIT_CWD).
const userDir = process.env.INIT_CWD || process.cwd();
const dataDir = process.env.PAJA_DATA_DIR
  ? path.resolve(userDir, process.env.PAJA_DATA_DIR)
  : path.join(root, 'data');
const env = { ...process.env, PAJA_DATA_DIR: dataDir };
say(`Starting Paja (data in ${env.PAJA_DATA_DIR}) ...`);
// Node runs the compiled server itself (no wrapper process), so signals reach it. It runs
// inside server/ like `pnpm dev`; INIT_CWD keeps relative paths ours.
const server = spawn(process.execPath, [SERVER_ENTRY], {
  cwd: path.join(root, 'server'),
  env: { ...env, INIT_CWD: userDir },
  stdio: 'inherit',
});
// The server saves every board on SIGTERM/SIGINT; pass them on and exit with its status.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
