/**
 * Crowds on large boards, the two measurements y/hub (y-redis) published for itself:
 *
 *   pnpm --filter @paja/bench bench:crowd [--quick] [--only=presence|joiners]
 *
 * 1. Presence: USERS people on one 4 MB board spread over three instances (PostgreSQL and
 *    Redis), each with a cursor it moves every PRESENCE_MS, while WRITERS of them move notes.
 *    Every move must reach every person: "undelivered" counts the deliveries that never came
 *    (target 0); latency is from the writer's send to each receipt (target p99 under 1 s).
 * 2. Joiners: JOINERS people opening a 20 MB board at once on one instance (PostgreSQL);
 *    time from each one's connect to its synced board (target p99 under 5 s), and the
 *    server's peak resident memory (target under 1 GB). The joiners are spread over
 *    GENERATORS processes (joinerProcess.ts; `--generators=N`), since reading 150 copies of
 *    20 MB in one process made the generator, not the server, the bottleneck. Each joiner is a
 *    CountingJoiner (a bare WebSocket that counts the board's bytes and keeps none), or with
 *    `--stock-joiners` a stock `ws` client.
 *
 * Every server is a process as `npm start` runs it; PostgreSQL, Redis and this load generator
 * share the machine with them, so times are upper bounds. Prints Markdown for RESULTS.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countAwarenessEntries,
  encodeAwareness,
  now,
  openMany,
  SyncClient,
  sentAtOf,
} from '../sync/client';
import { closeAll, log, pace, sleep, waitFor } from '../sync/load';
import { cpuMs, type RunningServer, wsUrl } from '../sync/servers';
import { fmtMs, table } from '../sync/stats';
import { startInstances } from './instances';
import { JOINERS_MESSAGE, type JoinCommand, type JoinReport } from './joinerProcess';
import { boardOfSize, LightWriter, latencies, peakRss, storeInPostgres } from './measure';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const USERS = quick ? 100 : 500;
const WRITERS = quick ? 5 : 10;
const WRITE_HZ = 2;
const PRESENCE_MS = 10_000;
const WINDOW_MS = quick ? 10_000 : 30_000;
const JOINERS = quick ? 50 : 150;
const GENERATORS = Number(
  process.argv.find((a) => a.startsWith('--generators='))?.slice('--generators='.length) ?? 3,
);
/** Stock `ws` joiners (SyncClient) instead of CountingJoiner, to compare the generator's cost. */
const STOCK_JOINERS = process.argv.includes('--stock-joiners');
const MB = 1024 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
const load1 = () => os.loadavg()[0]?.toFixed(2) ?? '?';

async function presence() {
  log(`presence: building a 4 MB board`);
  const update = boardOfSize(4 * MB);
  let board = { name: '', token: '' };
  const { servers, stop } = await startInstances(
    'postgresql + redis, 3 instances',
    async (schema) => {
      board = await storeInPostgres(schema, update);
    },
  );
  try {
    const on = (i: number) => servers[i % servers.length] as RunningServer;
    const samples: number[] = [];
    const cursorSamples: number[] = [];
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    const decoder = new TextDecoder();
    const joinStarted = now();
    log(`presence: ${USERS} people joining over 3 instances`);
    const users = await openMany(
      USERS,
      (i) =>
        new SyncClient({
          url: wsUrl(on(i), board),
          dialect: 'y-websocket',
          docName: board.name,
          onUpdate: (u, at) => {
            const sent = sentAtOf(u);
            if (sent && sent.sentAt >= from && sent.sentAt < to) samples.push(at - sent.sentAt);
          },
          onAwareness: (u, at) => {
            if (at < from || at >= to + 5_000) return;
            countAwarenessEntries(u, (_id, _clock, json) => {
              const t = (JSON.parse(decoder.decode(json)) as { t?: number } | null)?.t;
              if (t !== undefined && t >= from && t < to) cursorSamples.push(at - t);
            });
          },
        }),
      25,
    );
    const joinMs = now() - joinStarted;
    log(`presence: joined in ${(joinMs / 1000).toFixed(1)} s`);
    const clocks = users.map(() => 0);
    const cursor = (i: number) => {
      const user = users[i] as SyncClient;
      clocks[i] = (clocks[i] as number) + 1;
      const state = {
        user: { name: `Osallistuja ${i}` },
        cursor: { x: i, y: clocks[i] },
        t: now(),
      };
      user.sendAwareness(encodeAwareness(0x20000000 + i, clocks[i] as number, state));
    };
    for (const i of users.keys()) cursor(i);
    const writers = Array.from({ length: WRITERS }, (_, i) => new LightWriter(on(i), board));
    await Promise.all(writers.map((w, i) => w.ready(i)));
    const cursors = pace(
      users.map((_, i) => () => cursor(i)),
      1000 / PRESENCE_MS,
    );
    const moves = pace(
      writers.map((w) => () => w.move()),
      WRITE_HZ,
    );
    await sleep(3_000);
    const cpuBefore = servers.map((s) => cpuMs(s.pid));
    const generatorBefore = process.cpuUsage();
    from = now();
    to = from + WINDOW_MS;
    await sleep(WINDOW_MS);
    const cpu = servers.reduce((sum, s, i) => sum + cpuMs(s.pid) - (cpuBefore[i] ?? 0), 0);
    const generator = process.cpuUsage(generatorBefore);
    const generatorPct = (100 * (generator.user + generator.system)) / 1000 / WINDOW_MS;
    moves.stop();
    cursors.stop();
    const expected = writers.reduce((n, w) => n + w.movesIn(from, to), 0) * USERS;
    await waitFor(() => samples.length >= expected, 20_000);
    const undelivered = expected - samples.length;
    const rss = servers.map((s) => peakRss(s.pid));
    // A socket the server closed (its send budget, say) misses what follows: say so.
    const closed = new Map<number, number>();
    for (const user of users) {
      if (user.closeCode !== null)
        closed.set(user.closeCode, (closed.get(user.closeCode) ?? 0) + 1);
    }
    if (closed.size > 0) log(`presence: sockets closed during the run: ${[...closed].join(' ')}`);
    await closeAll([...users, ...writers.map((w) => w.client)], 1000);
    const l = latencies(samples);
    const c = latencies(cursorSamples);
    log(`presence: undelivered ${undelivered} of ${expected}, p99 ${fmtMs(l.p99)} ms`);
    return {
      joinMs,
      expected,
      undelivered,
      l,
      c,
      cpuPct: (100 * cpu) / WINDOW_MS,
      generatorPct,
      rss,
    };
  } finally {
    await stop();
  }
}

async function joiners() {
  log('joiners: building a 20 MB board');
  const update = boardOfSize(20 * MB);
  let board = { name: '', token: '' };
  const { servers, stop } = await startInstances('postgresql, 1 instance', async (schema) => {
    board = await storeInPostgres(schema, update);
  });
  try {
    const server = servers[0] as RunningServer;
    const rssBefore = peakRss(server.pid);
    // Started (tsx compiles for a second or two) before anyone joins.
    const generators = await Promise.all(
      Array.from({ length: Math.max(1, Math.min(GENERATORS, JOINERS)) }, joinerProcess),
    );
    log(`joiners: ${JOINERS} people opening it at once from ${generators.length} processes`);
    const started = now();
    const serverCpuBefore = cpuMs(server.pid);
    const machineBefore = machineBusyMs();
    const loadBefore = load1();
    const stalls = probeResponsiveness(server.port);
    const reports = await Promise.all(
      generators.map((generator, i) =>
        generator.join({
          url: wsUrl(server, board),
          docName: board.name,
          stock: STOCK_JOINERS,
          // The joiners dealt out evenly, the first processes taking one more.
          count:
            Math.floor(JOINERS / generators.length) + (i < JOINERS % generators.length ? 1 : 0),
        }),
      ),
    );
    const wallMs = now() - started;
    const responses = latencies(stalls.stop());
    const serverCpu = cpuMs(server.pid) - serverCpuBefore;
    const machineCpu = machineBusyMs() - machineBefore;
    const generatorCpu = reports.reduce((sum, r) => sum + r.cpuMs, 0);
    const generatorSystem = reports.reduce((sum, r) => sum + r.systemMs, 0);
    const synced = reports.flatMap((r) => r.synced);
    const boardStarted = latencies(reports.flatMap((r) => r.boardStarted));
    const closed = reports.flatMap((r) => r.closed);
    if (closed.length > 0)
      log(`joiners: ${closed.length} closed before synced: ${closed.join(' ')}`);
    const bytes = reports.reduce((n, r) => n + r.bytesIn, 0) / synced.length;
    const rss = peakRss(server.pid);
    const l = latencies(synced);
    log(`joiners: p99 ${fmtMs(l.p99)} ms, peak RSS ${(rss / MB).toFixed(0)} MB`);
    // Every socket gets its 20 MB at the same time, sharing the bandwidth: the first finishes
    // late too. The CPU times say who was busy meanwhile.
    const first = Math.min(...synced);
    return {
      bytes: update.byteLength,
      received: bytes,
      l,
      first,
      wallMs,
      rssBefore,
      rss,
      serverCpu,
      generatorCpu,
      generatorSystem,
      machineCpu,
      boardStarted,
      responses,
      generators: generators.length,
      closed: closed.length,
      loadBefore,
      loadAfter: load1(),
    };
  } finally {
    await stop();
  }
}

/**
 * CPU time the whole machine spent busy (every core, every process: this run's and anyone
 * else's), in ms, from /proc/stat: what other work took from the cores during a measurement.
 */
function machineBusyMs(): number {
  const fields = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1, 9) // user nice system idle iowait irq softirq steal (guest is within user)
    .map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle, iowait
  return (total - idle) * 10; // in USER_HZ, 100 a second on Linux
}

/**
 * How responsive the server stays while the joiners arrive: `GET /healthz` one after the
 * other (a new one 20 ms after each answer), each answer's time. A long one is a turn of the
 * event loop that kept everything else (other boards' edits too) waiting.
 */
function probeResponsiveness(port: number): { stop: () => number[] } {
  const times: number[] = [];
  let stopped = false;
  const probe = () => {
    if (stopped) return;
    const sent = now();
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz' }, (response) => {
      response.resume();
      response.on('end', () => {
        times.push(now() - sent);
        setTimeout(probe, 20);
      });
    });
    request.on('error', () => setTimeout(probe, 20));
  };
  probe();
  return {
    stop: () => {
      stopped = true;
      return times;
    },
  };
}

/** A joiner generator process (joinerProcess.ts), once it listens. */
async function joinerProcess() {
  const child: ChildProcess = spawn(
    process.execPath,
    // PAJA_BENCH_GENERATOR_NODE_ARGS: extra node flags for each generator, e.g. "--cpu-prof".
    [
      ...(process.env.PAJA_BENCH_GENERATOR_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      path.join(here, 'joinerProcess.ts'),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  // Compiled by tsx and listening: the first join must not wait for that while the clock runs.
  await new Promise<void>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      if ((raw as Record<string, unknown>)[JOINERS_MESSAGE] === 'ready') resolve();
    });
    child.once('error', reject);
  });
  return {
    join: (command: JoinCommand) =>
      new Promise<JoinReport>((resolve, reject) => {
        child.on('message', (raw: unknown) => {
          const report = (raw as Record<string, JoinReport | 'ready'>)[JOINERS_MESSAGE];
          if (report && report !== 'ready') resolve(report);
        });
        child.once('exit', (code) => reject(new Error(`joiner process exited (${code})`)));
        child.send({ [JOINERS_MESSAGE]: command });
      }),
  };
}

async function main(): Promise<void> {
  const out: string[] = [];
  if (only !== 'joiners') {
    const p = await presence();
    out.push(
      `### ${USERS} people with presence on one 4 MB board across 3 instances`,
      '',
      `${WRITERS} of them move notes at ${WRITE_HZ} Hz each; everyone moves a cursor every ${PRESENCE_MS / 1000} s; ${WINDOW_MS / 1000} s window. Joining all of them took ${(p.joinMs / 1000).toFixed(1)} s (25 at a time, each receiving the 4 MB board).`,
      '',
      table(
        [
          'deliveries expected',
          'undelivered',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'cursor p99 ms',
          'server CPU (3 instances)',
          'load generator CPU',
          'peak RSS per instance',
        ],
        [
          [
            String(p.expected),
            String(p.undelivered),
            fmtMs(p.l.p50),
            fmtMs(p.l.p95),
            fmtMs(p.l.p99),
            fmtMs(p.l.max),
            fmtMs(p.c.p99),
            `${p.cpuPct.toFixed(0)} %`,
            `${p.generatorPct.toFixed(0)} %`,
            p.rss.map((r) => `${(r / MB).toFixed(0)} MB`).join(', '),
          ],
        ],
      ),
      '',
    );
  }
  if (only !== 'presence') {
    const j = await joiners();
    out.push(
      `### ${JOINERS} people opening a ${(j.bytes / MB).toFixed(1)} MB board at once, one instance (PostgreSQL)`,
      '',
      `The joiners from ${j.generators} generator processes, ${STOCK_JOINERS ? 'stock `ws` clients' : 'counting joiners (countingJoiner.ts)'}; load average ${j.loadBefore} before, ${j.loadAfter} after; CPU times summed over processes.`,
      '',
      table(
        [
          'closed before synced',
          'first synced ms',
          'synced p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'all synced after ms',
          'peak RSS before',
          'peak RSS',
          'server CPU ms',
          'load generators CPU ms (in the kernel)',
          'first byte of the board p50 / max ms',
          'CPU of the whole machine ms',
          '/healthz meanwhile p99 / max ms',
        ],
        [
          [
            String(j.closed),
            fmtMs(j.first),
            fmtMs(j.l.p50),
            fmtMs(j.l.p95),
            fmtMs(j.l.p99),
            fmtMs(j.l.max),
            fmtMs(j.wallMs),
            `${(j.rssBefore / MB).toFixed(0)} MB`,
            `${(j.rss / MB).toFixed(0)} MB`,
            j.serverCpu.toFixed(0),
            `${j.generatorCpu.toFixed(0)} (${j.generatorSystem.toFixed(0)})`,
            `${fmtMs(j.boardStarted.p50)} / ${fmtMs(j.boardStarted.max)}`,
            j.machineCpu.toFixed(0),
            `${fmtMs(j.responses.p99)} / ${fmtMs(j.responses.max)}`,
          ],
        ],
      ),
      '',
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
