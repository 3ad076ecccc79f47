/**
 * Starting, measuring and stopping the three servers the sync benchmark compares, each as its
 * own process the way its users start it:
 *
 * - Paja: `node dist/main.mjs` in server/, the compiled server exactly as `npm start` runs it
 *   (built first by server/build.mjs when its sources changed), SQLite in a fresh data
 *   directory. PAJA_BENCH_PAJA_FROM=source runs `node --import tsx src/main.ts` instead, the
 *   way `npm start` ran it before the server was compiled (to compare start times).
 * - y-websocket: the `bin/server.js` of @y/websocket-server 0.1.1, with YPERSISTENCE (LevelDB).
 * - Hocuspocus: @hocuspocus/server 3.4.4 with @hocuspocus/extension-sqlite (see hocuspocus.mjs).
 *
 * Every server gets `--expose-gc --import probe.mjs` so that heap can be read the same way from
 * all three; when `taskset` exists and there are two cores, servers run on core 1 and the load
 * generator on core 0.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStorage } from '@paja/server';
import { PARTICIPANT_KEY_PARAM, PUBLIC_PARAM, pajaClientParams } from '@paja/shared';
import Database from 'better-sqlite3';
import { LeveldbPersistence } from 'y-leveldb';

export type ServerKind = 'paja' | 'y-websocket' | 'hocuspocus' | 'relay' | 'durable-relay';
/** The Yjs servers compared in every scenario. */
export const SERVER_KINDS: readonly ServerKind[] = ['paja', 'y-websocket', 'hocuspocus'];
/**
 * With the floor: a verbatim relay (relay.mjs), no Yjs and no storage, in the scenarios where
 * it means something (fan-out, the crowd).
 */
export const WITH_RELAY: readonly ServerKind[] = [...SERVER_KINDS, 'relay'];
/**
 * The floor of a server that keeps Paja's promise (durableRelay.mjs): relays verbatim, and
 * answers \`saveRequest\` after an fsync'd SQLite commit, at most one per 10 ms. What Paja costs beyond
 * it is Paja's own work; what it costs beyond the peers is what "saved" costs on this disk.
 */
export const WITH_FLOORS: readonly ServerKind[] = [...WITH_RELAY, 'durable-relay'];
/** Whether a server answers Paja's \`saveRequest\` (Paja's client asks after every change). */
export const answersSaved = (kind: ServerKind): boolean =>
  kind === 'paja' || kind === 'durable-relay';

/** How clients talk to a server: y-websocket framing, or Hocuspocus's (document name first). */
export type Dialect = 'y-websocket' | 'hocuspocus';
export const dialectOf = (kind: ServerKind): Dialect =>
  kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const benchDir = path.resolve(here, '../..');
export const serverDir = path.resolve(benchDir, '../server');
const probe = path.join(here, 'probe.mjs');
const hocuspocusScript = path.join(here, 'hocuspocus.mjs');
const relayScript = path.join(here, 'relay.mjs');
const durableRelayScript = path.join(here, 'durableRelay.mjs');
const yWebsocketScript = path.join(
  path.dirname(require.resolve('@y/websocket-server/package.json')),
  'src/server.js',
);

export const PAJA_SECRET = 'paja-benchmark-secret-0123456789-abcdefghij';

/**
 * Paja's limits are per person (120 updates/s, 25 facilitators, 250 participants and 500
 * readers per board, 200 sockets and 30 new boards an hour per address by default). The load
 * generator runs writers at up to 240 Hz and up to 1,000 people on one board, all from one
 * address, so these are raised; everything else (awareness 30/s, message and board sizes) is
 * Paja's default.
 */
export const PAJA_BENCH_ENV: Record<string, string> = {
  PAJA_UPDATE_RATE: '1000',
  PAJA_MAX_FACILITATORS_PER_BOARD: '2000',
  PAJA_MAX_PARTICIPANTS_PER_BOARD: '2000',
  PAJA_MAX_READERS_PER_BOARD: '2000',
  PAJA_MAX_CONNECTIONS_PER_ADDRESS: '100000',
  PAJA_CREATE_PER_HOUR: '1000000',
};

export interface Pinning {
  enabled: boolean;
  generatorCore: number | null;
  serverCore: number | null;
  note: string;
}

/** Pins this process (the generator) to core 0 and decides where servers run. */
export function setUpPinning(): Pinning {
  const cores = os.cpus().length;
  if (process.env.PAJA_BENCH_PIN === '0') {
    return { enabled: false, generatorCore: null, serverCore: null, note: 'disabled' };
  }
  let hasTaskset = false;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    hasTaskset = true;
  } catch {}
  if (!hasTaskset || cores < 2) {
    return {
      enabled: false,
      generatorCore: null,
      serverCore: null,
      note: hasTaskset ? `only ${cores} core(s)` : 'taskset not found',
    };
  }
  execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  return {
    enabled: true,
    generatorCore: 0,
    serverCore: 1,
    note: 'generator on core 0, server on core 1 (taskset)',
  };
}

let pinning: Pinning = { enabled: false, generatorCore: null, serverCore: null, note: '' };
export function usePinning(p: Pinning): void {
  pinning = p;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** The young generation's size (V8's new spaces), which V8 grows by itself under load. */
  youngGeneration: number;
}

export interface RunningServer {
  kind: ServerKind;
  port: number;
  dataDir: string;
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code or signal when the process has ended. */
  exited: Promise<number | string>;
  /** Milliseconds from spawn until it answered HTTP. */
  startMs: number;
  output: string[];
}

export interface StartOptions {
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  /**
   * Paja only: the server/ directory to start it from, e.g. another worktree's at the commit
   * before a change, to measure before and after in one run (default: this repository's).
   */
  pajaDir?: string;
  /** Node flags for this server, after those of PAJA_BENCH_SERVER_NODE_ARGS. */
  nodeArgs?: string[];
}

/** Checkouts whose compiled server was built in this benchmark process (a no-op when up to date). */
const pajaBuilt = new Set<string>();
function ensurePajaBuilt(pajaDir: string): void {
  if (pajaBuilt.has(pajaDir)) return;
  execFileSync(process.execPath, [path.join(pajaDir, 'build.mjs')], { stdio: 'ignore' });
  pajaBuilt.add(pajaDir);
}

/** How Paja is started in this run, for the report. */
export function pajaStartedAs(): string {
  return process.env.PAJA_BENCH_PAJA_FROM === 'source'
    ? '`node --import tsx src/main.ts` (from source, as `npm start` ran it before the server was compiled)'
    : '`node dist/main.mjs` (compiled by server/build.mjs, as `npm start`)';
}

/** A checkout from before the compiled server (no build.mjs) runs from source. */
function pajaEntry(pajaDir: string): string[] {
  const compiled = fs.existsSync(path.join(pajaDir, 'build.mjs'));
  if (process.env.PAJA_BENCH_PAJA_FROM === 'source' || !compiled) {
    return ['--import', 'tsx', 'src/main.ts'];
  }
  ensurePajaBuilt(pajaDir);
  return ['dist/main.mjs'];
}

function command(
  kind: ServerKind,
  port: number,
  dataDir: string,
  pajaDir = serverDir,
  flags: string[] = [],
) {
  // PAJA_BENCH_SERVER_NODE_ARGS: extra node flags for every server, e.g. "--cpu-prof".
  const extra = process.env.PAJA_BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const nodeArgs = ['--expose-gc', ...extra, ...flags];
  switch (kind) {
    case 'paja':
      return {
        args: [...nodeArgs, '--import', probe, ...pajaEntry(pajaDir)],
        cwd: pajaDir,
        env: {
          PAJA_PORT: String(port),
          PAJA_HOST: '127.0.0.1',
          PAJA_DATA_DIR: dataDir,
          PAJA_SECRET,
          PAJA_LOG_LEVEL: 'warn',
          PAJA_CLIENT_DIR: path.join(dataDir, 'no-client'),
          INIT_CWD: pajaDir,
          ...PAJA_BENCH_ENV,
        },
      };
    case 'y-websocket':
      return {
        args: [...nodeArgs, '--import', probe, yWebsocketScript],
        cwd: benchDir,
        env: { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: path.join(dataDir, 'leveldb') },
      };
    case 'hocuspocus':
      return {
        args: [...nodeArgs, '--import', probe, hocuspocusScript],
        cwd: benchDir,
        env: { PORT: String(port), HOCUSPOCUS_DB: path.join(dataDir, 'hocuspocus.sqlite') },
      };
    case 'relay':
      return {
        args: [...nodeArgs, '--import', probe, relayScript],
        cwd: benchDir,
        env: { HOST: '127.0.0.1', PORT: String(port) },
      };
    case 'durable-relay':
      return {
        args: [...nodeArgs, '--import', probe, durableRelayScript],
        cwd: benchDir,
        env: {
          HOST: '127.0.0.1',
          PORT: String(port),
          DURABLE_RELAY_DB: path.join(dataDir, 'relay.sqlite'),
        },
      };
  }
}

/** Starts a server and resolves once it answers HTTP on its port. */
export async function startServer(
  kind: ServerKind,
  options: StartOptions = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDir(`paja-bench-${kind}-`);
  const { args, cwd, env } = command(kind, port, dataDir, options.pajaDir, options.nodeArgs);
  const started = performance.now();
  const [file, argv] =
    pinning.enabled && pinning.serverCore !== null
      ? ['taskset', ['-c', String(pinning.serverCore), process.execPath, ...args]]
      : [process.execPath, args];
  const child = spawn(file, argv as string[], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`${kind} exited before it started:\n${output.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${kind} did not start in 60 s:\n${output.join('')}`);
    }
    if (await answers(port)) break;
    await sleep(5);
  }
  const startMs = performance.now() - started;
  if (child.pid === undefined) throw new Error(`${kind}: no pid`);
  return { kind, port, dataDir, child, pid: child.pid, exited, startMs, output };
}

/** Whether something answers HTTP on the port (any status). */
export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Stops a server: `signal` first (SIGTERM by default), SIGKILL after `graceMs`. */
export async function stopServer(
  server: RunningServer,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 15_000,
): Promise<number> {
  const started = performance.now();
  if (server.child.exitCode !== null || server.child.signalCode !== null) return 0;
  server.child.kill(signal);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
  return performance.now() - started;
}

/**
 * CPU time the process has used, all threads, in milliseconds: the sum of the threads'
 * schedstat run times (nanoseconds), or /proc/<pid>/stat (10 ms ticks) where that is missing.
 */
export function cpuMs(pid: number): number {
  try {
    let ns = 0;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {} // the thread ended meanwhile
    }
    if (ns > 0) return ns / 1e6;
  } catch {}
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The server's memory after two full garbage collections (via probe.mjs). */
export function serverMemory(server: RunningServer): Promise<MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.child.off('message', onMessage);
      reject(new Error(`${server.kind} did not report its memory`));
    }, 30_000);
    const onMessage = (message: unknown) => {
      const m = message as { type?: string } & MemoryUsage;
      if (m?.type !== 'paja-bench:memory') return;
      clearTimeout(timer);
      server.child.off('message', onMessage);
      resolve({
        rss: m.rss,
        heapUsed: m.heapUsed,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        youngGeneration: m.youngGeneration,
      });
    };
    server.child.on('message', onMessage);
    server.child.send('paja-bench:memory');
  });
}

/** A board on a server: Paja needs a board id and tokens; the references only a name. */
export interface BoardRef {
  name: string;
  /** Paja: the facilitator's token (the board's creator). */
  token: string;
  /** Paja: a participant link's token, as a facilitator hands out in a workshop (else the facilitator's). */
  participantToken?: string;
}

let boardCounter = 0;
/** A fresh, empty board (Paja: created over its API, with only its meta). */
export async function createBoard(server: RunningServer): Promise<BoardRef> {
  boardCounter++;
  if (server.kind !== 'paja') {
    return { name: `bench-board-${boardCounter}`, token: 'bench', participantToken: 'bench' };
  }
  const api = `http://127.0.0.1:${server.port}/api/boards`;
  const response = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Bench ${boardCounter}`, locale: 'en' }),
  });
  if (response.status !== 201) throw new Error(`Paja create board: ${response.status}`);
  const { id, token } = (await response.json()) as { id: string; token: string };
  // The participant link, made the way the share dialog makes it.
  const link = await fetch(`${api}/${encodeURIComponent(id)}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ role: 'participant' }),
  });
  if (link.status !== 201) throw new Error(`Paja participant link: ${link.status}`);
  const { token: participantToken } = (await link.json()) as { token: string };
  return { name: id, token, participantToken };
}

/** Paja: publishes the board for the public phase (its address needs no token to read). */
export async function publishBoard(server: RunningServer, board: BoardRef): Promise<void> {
  if (server.kind !== 'paja') return;
  const url = `http://127.0.0.1:${server.port}/api/boards/${encodeURIComponent(board.name)}/publish`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${board.token}` },
    body: JSON.stringify({ comments: true }),
  });
  if (response.status !== 200) throw new Error(`Paja publish: ${response.status}`);
}

export interface UrlOptions {
  /** Paja only: ask for `welcome` and `saved` messages (Paja's own client does). */
  pajaClient?: boolean;
  /**
   * Paja only: which link the socket opens with. 'public' is the published board's address
   * (no token; a member of the public). Default 'participant'.
   */
  as?: 'facilitator' | 'participant' | 'public';
  /** Paja only: the participant key a browser keeps (a stable identity on the board). */
  participantKey?: string;
}

export function wsUrl(server: RunningServer, board: BoardRef, options: UrlOptions = {}): string {
  const base = `ws://127.0.0.1:${server.port}`;
  if (server.kind === 'paja') {
    const params = new URLSearchParams(options.pajaClient ? pajaClientParams() : {});
    const as = options.as ?? 'participant';
    if (as === 'public') params.set(PUBLIC_PARAM, '1');
    else
      params.set(
        'token',
        as === 'participant' ? (board.participantToken ?? board.token) : board.token,
      );
    if (options.participantKey) params.set(PARTICIPANT_KEY_PARAM, options.participantKey);
    return `${base}/sync/${encodeURIComponent(board.name)}?${params}`;
  }
  return `${base}/${board.name}`;
}

/** A token for a board made in storage, signed as PROTOCOL.md describes. */
export function pajaToken(
  boardId: string,
  role: 'facilitator' | 'participant' = 'facilitator',
): string {
  const body = Buffer.from(JSON.stringify({ b: boardId, r: role, g: 0, e: 0 })).toString(
    'base64url',
  );
  const mac = crypto
    .createHmac('sha256', PAJA_SECRET)
    .update('paja-link.v1.')
    .update(body)
    .digest('base64url');
  return `${body}.${mac}`;
}

/**
 * Stores a board in a server's own persistence before the server starts, the way that server
 * keeps it: Paja's SQLite board row, y-websocket's LevelDB update log, Hocuspocus's documents
 * table.
 */
export async function storeBoard(
  kind: ServerKind,
  dataDir: string,
  name: string,
  update: Uint8Array,
): Promise<BoardRef> {
  switch (kind) {
    case 'paja': {
      const storage = SqliteStorage.open(dataDir);
      await storage.createBoard(name, update);
      await storage.close();
      return { name, token: pajaToken(name), participantToken: pajaToken(name, 'participant') };
    }
    case 'y-websocket': {
      const ldb = new LeveldbPersistence(path.join(dataDir, 'leveldb'));
      await ldb.storeUpdate(name, update);
      await ldb.destroy();
      return { name, token: 'bench', participantToken: 'bench' };
    }
    case 'hocuspocus': {
      const db = new Database(path.join(dataDir, 'hocuspocus.sqlite'));
      db.exec(
        'CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))',
      );
      db.prepare('INSERT INTO "documents" ("name", "data") VALUES (?, ?)').run(
        name,
        Buffer.from(update),
      );
      db.close();
      return { name, token: 'bench', participantToken: 'bench' };
    }
    case 'relay':
    case 'durable-relay':
      throw new Error('a relay keeps no board to load');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Paja: one value from its `/metrics` (Prometheus text), e.g. `paja_persist_seconds_count`. */
export async function pajaMetric(server: RunningServer, name: string): Promise<number> {
  const url = `http://127.0.0.1:${server.port}/metrics`;
  // Once more on a reset: fetch may reuse a kept-alive socket to an earlier server that had
  // the same port and is gone. A saturated server may not answer for long: NaN after 10 s.
  const get = () => fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await get()
    .catch(get)
    .then((response) => response.text())
    .catch(() => '');
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : Number.NaN;
}
