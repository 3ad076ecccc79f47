/**
 * Where a server's CPU goes, thread by thread, in steady state:
 *
 *   pnpm --filter @paja/bench bench:threads [servers] [boards] [hz] [warm-up s]
 *   pnpm --filter @paja/bench bench:threads paja,hocuspocus 50 60 30
 *
 * `boards` boards (default 1), each with one writer (a participant asking for `saved`, as in
 * bench:sync) moving a note `hz` times a second (default 240) and one observer; after
 * `warm-up` seconds (default 30, long enough for V8 to have optimized the path), 10 s are
 * measured. Prints the CPU per update of the whole process and of each of its threads (user and
 * system time from /proc, 10 ms ticks), largest first: the server's own thread, then Paja's
 * storage worker, V8's helper threads (garbage collection, compilation), and so on. Linux
 * only. Pinned as bench:sync pins (PAJA_BENCH_PIN=0 turns it off). `paja-before` runs Paja from the checkout in PAJA_BEFORE (its server/ is used).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pace, Writer } from './load';
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

const [serversArg, boardsArg, hzArg, warmArg] = process.argv.slice(2);
const kinds = (serversArg ?? 'paja,hocuspocus').split(',');
const boards = Number(boardsArg ?? 1);
const hz = Number(hzArg ?? 240);
const warmUpMs = Number(warmArg ?? 30) * 1000;
const WINDOW_MS = 10_000;
// As in bench:sync: this process on core 0, the server on core 1 (PAJA_BENCH_PIN=0: not).
usePinning(setUpPinning());

/** CPU ms (user, system) of each thread of `pid`, by thread id. */
function threadCpu(pid: number): Map<string, [number, number]> {
  const cpu = new Map<string, [number, number]>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpu.set(tid, [Number(fields[11]) * 10, Number(fields[12]) * 10]);
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
  const startThreads = threadCpu(server.pid);
  const startTotal = cpuMs(server.pid);
  await sleep(WINDOW_MS);
  const total = cpuMs(server.pid) - startTotal;
  const endThreads = threadCpu(server.pid);
  pacer.stop();
  const updates = (boards * hz * WINDOW_MS) / 1000;
  const us = (ms: number) => ((ms / updates) * 1000).toFixed(0);
  const threads = [...endThreads]
    .map(([tid, [user, system]]) => {
      const [user0, system0] = startThreads.get(tid) ?? [0, 0];
      return { tid, user: user - user0, system: system - system0 };
    })
    .filter((t) => t.user + t.system > 0)
    .sort((a, b) => b.user + b.system - (a.user + a.system));
  console.log(
    `${label.padEnd(12)} ${us(total)} µs/update; threads (user+system): ${threads
      .map((t) => `${us(t.user)}+${us(t.system)}`)
      .join(', ')}`,
  );
  for (const w of everyone) w.client?.close();
  await stopServer(server);
}
process.exit(0);
