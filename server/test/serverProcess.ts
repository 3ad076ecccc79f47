import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const serverDir = path.resolve(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output: string[];
  /** Resolves with the exit code (or signal name) when the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts the real server entry point as its own process and resolves once it prints its
 * address: src/main.ts with tsx's loader (as `pnpm dev`), or with `from: 'compiled'` the built
 * dist/main.mjs exactly as `npm start` runs it (build it first: server/build.mjs). Node runs it
 * directly, so a signal sent to `child` reaches the server itself.
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  from: 'source' | 'compiled' = 'source',
): Promise<ServerProcess> {
  const entry = from === 'compiled' ? ['dist/main.mjs'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, entry, {
    cwd: serverDir,
    env: {
      ...process.env,
      PAJA_PORT: '0',
      PAJA_HOST: '127.0.0.1',
      PAJA_DATA_DIR: dataDir,
      PAJA_SECRET: 'process-test-secret-long-enough-0123456789',
      PAJA_LOG_LEVEL: 'warn',
      INIT_CWD: serverDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${output.join('')}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Open (http:\/\/[^\s/]+)\//.exec(output.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it started:\n${output.join('')}`));
    });
  });
  const port = Number(new URL(url).port);
  return { child, url, port, output, exited };
}
