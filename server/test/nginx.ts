import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const deployConf = path.resolve(import.meta.dirname, '../../deploy/nginx.conf');

/** nginx, for the load-balancer test: PAJA_NGINX, or Debian's (`npm test` installs it as root). */
export function findNginx(): string | null {
  const candidates = [process.env.PAJA_NGINX, '/usr/sbin/nginx', '/usr/bin/nginx'];
  return (
    candidates.find(
      (candidate) => candidate && spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0,
    ) ?? null
  );
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * deploy/nginx.conf as it is, but for this machine: the upstreams `pajaN:8080` become
 * `127.0.0.1:<port of instance N>` and `listen 80` a free port of 127.0.0.1. Nothing else of
 * the file changes: the test runs the deployment's own balancer rules.
 */
export function localNginxConf(
  instancePorts: readonly number[],
  listenPort: number,
  accessLog: string,
): string {
  let conf = fs.readFileSync(deployConf, 'utf8');
  instancePorts.forEach((port, i) => {
    const upstream = `paja${i + 1}:8080`;
    if (!conf.includes(upstream)) throw new Error(`deploy/nginx.conf has no ${upstream}`);
    conf = conf.replace(upstream, `127.0.0.1:${port}`);
  });
  if (!conf.includes('listen 80;')) throw new Error('deploy/nginx.conf does not listen on 80');
  const log = '/var/log/nginx/access.log';
  const errors = '/var/log/nginx/error.log';
  if (!conf.includes(log)) throw new Error(`deploy/nginx.conf does not log to ${log}`);
  if (!conf.includes(errors)) throw new Error(`deploy/nginx.conf does not log errors to ${errors}`);
  return conf
    .replace('listen 80;', `listen 127.0.0.1:${listenPort};`)
    .replace(log, accessLog)
    .replace(errors, accessLog.replace(/access\.log$/, 'server-errors.log'));
}

export interface RunningNginx {
  url: string;
  wsUrl: string;
  /** What deploy/nginx.conf's access log wrote (its format, here in a file of the temp dir). */
  accessLog(): string;
  /** What its error log for the server wrote (failed upstream requests quote their line). */
  errorLog(): string;
  stop(): Promise<void>;
}

/** Runs nginx in the foreground with deploy/nginx.conf (localNginxConf) in a temp dir. */
export async function startNginx(nginx: string, instancePorts: number[]): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-nginx-'));
  // Workers of an nginx started by root run as nobody: they must reach the temp dirs.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const accessLog = path.join(dir, 'access.log');
  fs.writeFileSync(path.join(dir, 'paja.conf'), localNginxConf(instancePorts, port, accessLog));
  // What the nginx image's own nginx.conf puts around conf.d/default.conf, in this dir.
  const main = [
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `  ${kind}_temp_path ${dir}/${kind};`,
    ),
    `  include ${dir}/paja.conf;`,
    '}',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), main);
  const child: ChildProcess = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    accessLog: () => (fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8') : ''),
    errorLog: () => {
      const file = path.join(dir, 'server-errors.log');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    },
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
