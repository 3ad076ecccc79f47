/**
 * Where a server's CPU goes, thread by thread, in steady state:
 *
 *   pnpm --filter @paja/bench bench:threads [servers] [boards] [hz] [warm-up s]
 *   pnpm --filter @paja/bench bench:threads paja,hocuspocus 50 60 30
 *   pnpm --filter @paja/bench bench:threads paja,hocuspocus 1 20 30 --stages
 *
 * `boards` boards (default 1), each with one writer (a participant asking for `saved`, as in
 * bench:sync) moving a note `hz` times a second (default 240) and one observer; after
 * `warm-up` seconds (default 30, long enough for V8 to have optimized the path), 10 s are
 * measured. Prints the CPU per update of the whole process and of each of its threads, largest
 * first: the server's own thread, then Paja's storage worker, V8's helper threads (garbage
 * collection, compilation), and so on. For each thread: its time on a CPU (the scheduler's
 * exact clock), in brackets its user and system time (10 ms ticks, a sample, noisy at low
 * rates), and how many times per update it was put on a CPU: each is a wake-up, which on a VM
 * costs more than most of the work it wakes for (bench:wakeups). Linux only.
 * Pinned as bench:sync pins (PAJA_BENCH_PIN=0 turns it off). `paja-before` runs Paja from the
 * checkout in PAJA_BEFORE (its server/ is used).
 *
 * `--stages` also samples the server's own thread with `perf record -g` in the window (the
 * servers run with --perf-basic-prof, so that JavaScript frames have names) and prints its
 * CPU per update by stage of the update's way (perfStages.ts): the durable commit, socket
 * writes, the edit check, the Yjs apply, and so on. It needs `perf` (linux-perf) and root or
 * kernel.perf_event_paranoid <= 1. The sampling itself adds a few per cent to the figures.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pace, Writer } from './load';
import { samplesByStage } from './perfStages';
import {
  cpuMs,
  createBoard,
  type ServerKind,
  setUpPinning,
  sleep,
  startServer,
  stopServer,
  usePinning,
} from './servers';

const stages = process.argv.includes('--stages');
const [serversArg, boardsArg, hzArg, warmArg] = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--'));
const kinds = (serversArg ?? 'paja,hocuspocus').split(',');
const boards = Number(boardsArg ?? 1);
const hz = Number(hzArg ?? 240);
const warmUpMs = Number(warmArg ?? 30) * 1000;
const WINDOW_MS = 10_000;
/** perf's sampling rate with --stages: at 20 updates a second, about 1,500 samples a window. */
const PERF_HZ = 4999;
if (stages) {
  const flags = process.env.PAJA_BENCH_SERVER_NODE_ARGS ?? '';
  process.env.PAJA_BENCH_SERVER_NODE_ARGS = `${flags} --perf-basic-prof`.trim();
}
// As in bench:sync: this process on core 0, the server on core 1 (PAJA_BENCH_PIN=0: not).
usePinning(setUpPinning());

/**
 * Of each thread of `pid`, by thread id: CPU ms (user, system; 10 ms ticks, so a share rather
 * than a measure), CPU ms on the scheduler's clock (exact), and how many times it was put on a
 * CPU (a wake-up each, once the thread sleeps between updates).
 */
function threadCpu(pid: number): Map<string, [number, number, number, number]> {
  const cpu = new Map<string, [number, number, number, number]>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [runNs, , runs] = fs
      .readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
      .split(' ')
      .map(Number);
    cpu.set(tid, [Number(fields[11]) * 10, Number(fields[12]) * 10, (runNs ?? 0) / 1e6, runs ?? 0]);
  }
  return cpu;
}

for (const label of kinds) {
  const before = label === 'paja-before';
  const kind = (before ? 'paja' : label) as ServerKind;
  const pajaDir = before ? path.resolve(process.env.PAJA_BEFORE ?? '', 'server') : undefined;
  const server = await startServer(kind, pajaDir ? { pajaDir } : {});
  const writers: Writer[] = [];
  const everyone: Writer[] = [];
  for (let i = 0; i < boards; i++) {
    const board = await createBoard(server);
    const writer = new Writer(server, board);
    await writer.connected();
    writer.addNote(0);
    const observer = new Writer(server, board);
    await observer.connected();
    writers.push(writer);
    everyone.push(writer, observer);
  }
  const pacer = pace(
    writers.map((w) => () => w.move()),
    hz,
  );
  await sleep(warmUpMs);
  const perfFile = path.join(os.tmpdir(), `paja-threads-${server.pid}.perf`);
  const perf = stages ? startPerf(server.pid, perfFile) : null;
  const startThreads = threadCpu(server.pid);
  const startTotal = cpuMs(server.pid);
  await sleep(WINDOW_MS);
  const total = cpuMs(server.pid) - startTotal;
  const endThreads = threadCpu(server.pid);
  pacer.stop();
  const updates = (boards * hz * WINDOW_MS) / 1000;
  const us = (ms: number) => ((ms / updates) * 1000).toFixed(0);
  const threads = [...endThreads]
    .map(([tid, [user, system, run, runs]]) => {
      const [user0, system0, run0, runs0] = startThreads.get(tid) ?? [0, 0, 0, 0];
      return {
        tid,
        user: user - user0,
        system: system - system0,
        run: run - run0,
        runs: runs - runs0,
      };
    })
    .filter((t) => t.run > 0)
    .sort((a, b) => b.run - a.run);
  console.log(
    `${label.padEnd(12)} ${us(total)} µs/update; threads (µs on CPU [user+system ticks] wake-ups per update): ${threads
      .filter((t) => t.run * 1000 >= updates)
      .map((t) => `${us(t.run)} [${us(t.user)}+${us(t.system)}] ${(t.runs / updates).toFixed(1)}`)
      .join(', ')}`,
  );
  if (perf) {
    await perf;
    printStages(server.pid, perfFile, updates);
  }
  for (const w of everyone) w.client?.close();
  await stopServer(server);
  fs.rmSync(`/tmp/perf-${server.pid}.map`, { force: true });
}

/** Samples thread `tid` (the server's own: its id is the process's) for the window. */
function startPerf(tid: number, file: string): Promise<void> {
  const args = ['record', '-q', '-F', String(PERF_HZ), '-g', '-t', String(tid), '-o', file];
  const child = spawn('perf', [...args, '--', 'sleep', String(WINDOW_MS / 1000)], {
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`--stages needs perf: ${error.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`perf record exited with ${code}`)),
    );
  });
}

/** The server thread's CPU µs per update by stage, from the samples in `file`. */
function printStages(tid: number, file: string, updates: number): void {
  const script = execFileSync('perf', ['script', '-i', file, '-F', 'tid,ip,sym'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  fs.rmSync(file, { force: true });
  const counts = samplesByStage(script, tid);
  const usOf = (samples: number) => ((samples / PERF_HZ / updates) * 1e6).toFixed(0);
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  console.log(
    `             server thread by stage (µs per update, perf samples): ${[...counts]
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name} ${usOf(n)}`)
      .join(', ')}; sampled ${usOf(total)}`,
  );
}
process.exit(0);
