/**
 * Scenario "writers": a busy workshop's board. Fifty writers (on Paja participants asking for
 * `saved` after every change, as Paja's client does) drag their own notes at a fixed rate on
 * one board, first an empty board, then one holding 10,000 notes. The figure that matters is
 * server CPU per delivery at the same offered load, beside latency and Paja's saved latency.
 *
 * The writers and the observer live in several generator processes (writersProcess.ts), the
 * same for every server: at 30 Hz the 75,000 deliveries a second were more than one process
 * applying and decoding what it received could read. Every receiver counts and times what it
 * receives; the generator's own CPU (all its processes) is in the table, so that a reader can
 * see it was not the limit.
 *
 * `--paja-before=DIR` also runs Paja from another checkout's server/ (e.g. a worktree at
 * the commit before a change), so before and after are measured in one run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { now } from './client';
import { cpuWindow, log, type Plan, sleep, waitFor } from './load';
import { type Section, warmUp, warmUpMs } from './realtime';
import {
  type BoardRef,
  createBoard,
  dialectOf,
  pajaMetric,
  type RunningServer,
  type ServerKind,
  startServer,
  stopServer,
  storeBoard,
  tempDir,
  wsUrl,
} from './servers';
import { fmtInt, fmtMs, fmtPct, type LatencySummary, summarize, table } from './stats';
import { WRITERS_MESSAGE, type WritersCommand, type WritersReply } from './writersProtocol';

/** One server to measure: its kind, and for Paja which checkout it starts from. */
export interface WritersServer {
  label: string;
  kind: ServerKind;
  pajaDir?: string;
}

const STORED_BOARD = 'bench-writers-10k';
/** Generator processes the writers are spread over (writer i in process i mod this). */
export const WRITER_PROCESSES = 5;
/** Observers: participants that only read (one, in the first process). */
const OBSERVERS = 1;

const here = path.dirname(fileURLToPath(import.meta.url));

interface Generator {
  child: ChildProcess;
  replies: WritersReply[];
}

function spawnGenerator(): Generator {
  const script = path.join(here, 'writersProcess.ts');
  // 'advanced': the reports carry typed arrays of latencies.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const generator: Generator = { child, replies: [] };
  child.on('message', (raw: unknown) => {
    const reply = (raw as Record<string, WritersReply>)[WRITERS_MESSAGE];
    if (reply) generator.replies.push(reply);
  });
  return generator;
}

function command(g: Generator, message: WritersCommand): void {
  g.child.send({ [WRITERS_MESSAGE]: message });
}

async function answer<T extends WritersReply['type']>(
  g: Generator,
  type: T,
  timeoutMs: number,
  message?: WritersCommand,
): Promise<Extract<WritersReply, { type: T }>> {
  const before = message ? g.replies.length : 0;
  if (message) command(g, message);
  const found = () => g.replies.slice(before).find((r) => r.type === type);
  if (!(await waitFor(() => found() !== undefined, timeoutMs, 10))) {
    throw new Error(`writers generator did not answer ${type} in ${timeoutMs} ms`);
  }
  return found() as Extract<WritersReply, { type: T }>;
}

const report = (g: Generator) =>
  answer(g, 'report', 30_000, { type: 'report' }) as Promise<
    Extract<WritersReply, { type: 'report' }>
  >;

export interface WritersStep {
  sentPerSecond: number;
  /** Deliveries counted at the receivers ÷ moves sent × receivers per move. */
  delivered: number;
  latency: LatencySummary;
  saved: LatencySummary;
  /** Server CPU (all threads) per delivery owed, µs. */
  cpuUsPerDelivery: number;
  /** Paja's commits per second (NaN elsewhere). */
  commitsPerSecond: number;
  serverCpu: string;
  /** CPU of every generator process and of this one, as a share of one core. */
  generatorCpu: string;
  /** The worst generator process's p99 event-loop delay in the window (ms). */
  generatorDelayMs: number;
}

const pct = (cpuMs: number, ms: number) => `${((cpuMs / ms) * 100).toFixed(0)} %`;

/** One board, one server: the writers join, move, and report. */
async function writersStep(
  plan: Plan,
  server: RunningServer,
  board: BoardRef,
  generators: Generator[],
  commits?: () => Promise<number>,
): Promise<WritersStep> {
  const total = plan.writersOnOneBoard;
  const paja = server.kind === 'paja';
  let person = 0;
  const url = () =>
    wsUrl(server, board, {
      pajaClient: paja,
      participantKey: `bench-writers-${process.pid}-${++person}`,
    });
  // Each process opens its share; the processes in parallel, writers one after another.
  const opened = await Promise.all(
    generators.map((g, p) =>
      answer(g, 'opened', 300_000, {
        type: 'open',
        writers: Array.from({ length: total }, (_, i) => i)
          .filter((i) => i % generators.length === p)
          .map((index) => ({ index, url: url() })),
        observers: p === 0 ? Array.from({ length: OBSERVERS }, url) : [],
        dialect: dialectOf(server.kind),
        docName: board.name,
        asksSaved: paja,
        // Warm-up, window, and the seconds around them (a busy server answers slowly).
        movesEach: Math.ceil(
          ((plan.writersWarmupMs + plan.writersWindowMs + 20_000) / 1000) * plan.writersHz,
        ),
      }),
    ),
  );
  const writers = opened.reduce((sum, o) => sum + o.writers, 0);
  const observers = opened.reduce((sum, o) => sum + o.observers, 0);
  if (writers < total) log(`writers: only ${writers} of ${total} writers joined`);
  const startAt = now() + 50;
  for (const g of generators) {
    command(g, { type: 'start', rate: plan.writersHz, startAt, total });
  }
  await sleep(plan.writersWarmupMs);
  // Commits are counted from before the window to after it, per second between the readings.
  // Not awaited here: a busy server may take seconds to answer /metrics, and the window (and
  // the moves prepared for it) must not wait for that.
  let commitsFrom = Number.NaN;
  const commitsBefore = (commits?.() ?? Promise.resolve(Number.NaN)).then((count) => {
    commitsFrom = now();
    return count;
  });
  // The window starts a little ahead, so that every process has heard of it in time.
  const from = now() + 200;
  const to = from + plan.writersWindowMs;
  for (const g of generators) command(g, { type: 'window', from, to });
  await sleep(from - now());
  // The server's CPU from the window's start to its end (the processes read their own).
  const window = await cpuWindow(server, () => sleep(to - now()));
  const commitsAfter = (await commits?.()) ?? Number.NaN;
  const commitsPerSecond = (commitsAfter - (await commitsBefore)) / ((now() - commitsFrom) / 1000);
  let reports = await Promise.all(generators.map(report));
  for (const g of generators) command(g, { type: 'stop' });
  const moves = reports.reduce((sum, r) => sum + r.moves, 0);
  // Every move goes to every other writer and to the observers (Paja never sends it back to
  // its writer; the references do, and the receivers leave their own moves uncounted).
  const owed = moves * (writers - 1 + observers);
  // Wait until everything owed has arrived and is saved (or 5 s): what is late is counted late.
  for (let waited = 0; waited < 5000; waited += 250) {
    const got = reports.reduce((sum, r) => sum + r.delivered, 0);
    if (got >= owed && reports.every((r) => r.unsaved === 0)) break;
    await sleep(250);
    reports = await Promise.all(generators.map(report));
  }
  for (const g of generators) command(g, { type: 'close' });
  const generatorMs = window.generatorCpuMs + reports.reduce((sum, r) => sum + r.windowCpuMs, 0);
  const latencies = reports.flatMap((r) => Array.from(r.latencies));
  await sleep(500);
  return {
    sentPerSecond: moves / (plan.writersWindowMs / 1000),
    delivered: owed > 0 ? reports.reduce((sum, r) => sum + r.delivered, 0) / owed : Number.NaN,
    latency: summarize(latencies),
    saved: summarize(reports.flatMap((r) => Array.from(r.saved))),
    cpuUsPerDelivery: (window.serverCpuMs * 1000) / (moves * total),
    commitsPerSecond,
    serverCpu: pct(window.serverCpuMs, window.ms),
    generatorCpu: pct(generatorMs, window.ms),
    generatorDelayMs: Math.max(...reports.map((r) => r.loopDelayP99Ms)),
  };
}

interface Row {
  label: string;
  board: string;
  step: WritersStep;
}

export async function writers(
  plan: Plan,
  servers: WritersServer[],
  largeBoard: Uint8Array,
  noteCount: number,
): Promise<Section> {
  const rows: Row[] = [];
  const generators = Array.from({ length: WRITER_PROCESSES }, spawnGenerator);
  try {
    await Promise.all(generators.map((g) => answer(g, 'ready', 60_000)));
    let warmed = false;
    for (const { label, kind, pajaDir } of servers) {
      const dataDir = tempDir(`paja-bench-writers-${kind}-`);
      const large = await storeBoard(kind, dataDir, STORED_BOARD, largeBoard);
      const server = await startServer(kind, { dataDir, pajaDir });
      try {
        await warmUp(server, warmUpMs(plan));
        // Paja's commits (one per board per flush round): how often the disk is asked to fsync.
        const commits =
          kind === 'paja' ? () => pajaMetric(server, 'paja_persist_seconds_count') : undefined;
        if (!warmed) {
          // The run's first step, on whichever server came first, was slow for reasons of its
          // own (Paja, before and after alike: 0-2 commits a second and `saved` in seconds,
          // fine in second place): one step on a board of its own, not counted.
          await writersStep(plan, server, await createBoard(server), generators, commits);
          warmed = true;
        }
        const boards: Array<[string, BoardRef]> = [
          ['empty', await createBoard(server)],
          [`${fmtInt(noteCount)} notes`, large],
        ];
        for (const [name, board] of boards) {
          const step = await writersStep(plan, server, board, generators, commits);
          rows.push({ label, board: name, step });
          log(
            `writers ${label} ${name}: ${fmtInt(step.sentPerSecond)}/s, delivered ${fmtPct(step.delivered)}, ${step.cpuUsPerDelivery.toFixed(1)} µs/delivery, p99 ${fmtMs(step.latency.p99)} ms, saved p50 ${fmtMs(step.saved.p50)} ms, generator ${step.generatorCpu}`,
          );
        }
      } finally {
        // SIGTERM: a server started with PAJA_BENCH_SERVER_NODE_ARGS=--cpu-prof writes its profile.
        await stopServer(server, 'SIGTERM');
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    for (const g of generators) command(g, { type: 'exit' });
    await Promise.all(
      generators.map(
        (g) =>
          new Promise<void>((resolve) => {
            if (g.child.exitCode !== null) return resolve();
            g.child.once('exit', () => resolve());
            setTimeout(() => {
              g.child.kill('SIGKILL');
              resolve();
            }, 5000).unref();
          }),
      ),
    );
  }
  const body = [
    `${plan.writersOnOneBoard} writers on one board, each dragging its own note at ${plan.writersHz} Hz`,
    `(${fmtInt(plan.writersOnOneBoard * plan.writersHz)} updates a second offered), one observer;`,
    `every update goes to the other ${plan.writersOnOneBoard - 1} writers and the observer. Board "empty":`,
    `made for the step; "${fmtInt(noteCount)} notes": stored in the server's own persistence before it`,
    `started. On Paja every writer is a participant (the edit guard judges every update) and asks`,
    `for \`saved\` after every change. The writers and the observer live in ${WRITER_PROCESSES} generator`,
    `processes (bench/src/sync/writersProcess.ts, the same for every server): a writer makes real`,
    `Yjs updates but applies nothing it receives; every receiver counts and times every move it`,
    `receives from the move's mark (writer and send time). "delivered": deliveries counted at the`,
    `receivers ÷ updates × ${plan.writersOnOneBoard} receivers. "CPU / delivery": server CPU (all threads) in the`,
    `${plan.writersWindowMs / 1000} s window (after ${plan.writersWarmupMs / 1000} s of moves; \`--writers-window-s\`, \`--writers-warmup-s\`)`,
    `divided by updates × ${plan.writersOnOneBoard} receivers ("behind": under 99 % delivered`,
    `within 5 s of the window, so the division would flatter the server).`,
    `"commits/s": Paja's commits (each one fsync'd transaction) per second; – where the server`,
    `did not answer /metrics within 10 s (saturated). Latency: every delivery at every receiver.`,
    `"generator CPU": all generator processes and the scenario's own, as a share of one core;`,
    `"generator delay": the worst process's p99 event-loop delay in the window (a few ms: the`,
    `generator kept up; more: it, not the server, added that much to the latency).`,
    '',
    table(
      [
        'server',
        'board',
        'sent/s',
        'delivered',
        'p50 ms',
        'p99 ms',
        'saved p50 ms',
        'saved p99 ms',
        'server CPU µs / delivery',
        'commits/s',
        'server CPU',
        'generator CPU',
        'generator delay p99 ms',
      ],
      rows.map(({ label, board, step }) => [
        label,
        board,
        fmtInt(step.sentPerSecond),
        fmtPct(step.delivered),
        fmtMs(step.latency.p50),
        fmtMs(step.latency.p99),
        fmtMs(step.saved.p50),
        fmtMs(step.saved.p99),
        // A server that fell behind made fewer deliveries than the updates it was sent: its
        // CPU divided by the deliveries owed would flatter it.
        step.delivered >= 0.99 ? step.cpuUsPerDelivery.toFixed(2) : 'behind',
        Number.isNaN(step.commitsPerSecond) ? '–' : fmtInt(step.commitsPerSecond),
        step.serverCpu,
        step.generatorCpu,
        fmtMs(step.generatorDelayMs),
      ]),
    ),
  ].join('\n');
  return {
    title: `Writers on one board (${plan.writersOnOneBoard} at ${plan.writersHz} Hz)`,
    body,
    charts: [],
  };
}
