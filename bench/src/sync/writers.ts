/**
 * Scenario "writers": a busy workshop's board. Fifty writers (on Paja participants asking for
 * `saved` after every change, as Paja's client does) drag their own notes at a fixed rate on
 * one board, first an empty board, then one holding 10,000 notes. The figure that matters is
 * server CPU per delivery at the same offered load, beside latency and Paja's saved latency.
 *
 * `--writers-before=DIR` also runs Paja from another checkout's server/ (e.g. a worktree at
 * the commit before a change), so before and after are measured in one run, alternating.
 */
import fs from 'node:fs';
import { log, type Plan } from './load';
import { type Section, type ThroughputStep, throughputStep, warmUp } from './realtime';
import {
  type BoardRef,
  createBoard,
  pajaMetric,
  type ServerKind,
  startServer,
  stopServer,
  storeBoard,
  tempDir,
} from './servers';
import { fmtInt, fmtMs, fmtPct, table } from './stats';

/** One server to measure: its kind, and for Paja which checkout it starts from. */
export interface WritersServer {
  label: string;
  kind: ServerKind;
  pajaDir?: string;
}

const STORED_BOARD = 'bench-writers-10k';

interface Row {
  label: string;
  board: string;
  step: ThroughputStep;
}

export async function writers(
  plan: Plan,
  servers: WritersServer[],
  largeBoard: Uint8Array,
  noteCount: number,
): Promise<Section> {
  const rows: Row[] = [];
  for (const { label, kind, pajaDir } of servers) {
    const dataDir = tempDir(`paja-bench-writers-${kind}-`);
    const large = await storeBoard(kind, dataDir, STORED_BOARD, largeBoard);
    const server = await startServer(kind, { dataDir, pajaDir });
    try {
      await warmUp(server, plan.quick ? 1000 : 2000);
      // Paja's commits (one per board per flush round): how often the disk is asked to fsync.
      const commits =
        kind === 'paja' ? () => pajaMetric(server, 'paja_persist_seconds_count') : undefined;
      const boards: Array<[string, BoardRef]> = [
        ['empty', await createBoard(server)],
        [`${fmtInt(noteCount)} notes`, large],
      ];
      for (const [name, board] of boards) {
        const step = await throughputStep(
          plan,
          server,
          plan.writersOnOneBoard,
          false,
          plan.writersHz,
          {
            board,
            count: commits,
          },
        );
        rows.push({ label, board: name, step });
        log(
          `writers ${label} ${name}: ${step.cpuUsPerDelivery.toFixed(1)} µs/delivery, p99 ${fmtMs(step.p99)} ms, saved p50 ${fmtMs(step.saved.p50)} ms`,
        );
      }
    } finally {
      // SIGTERM: a server started with PAJA_BENCH_SERVER_NODE_ARGS=--cpu-prof writes its profile.
      await stopServer(server, 'SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const body = [
    `${plan.writersOnOneBoard} writers on one board, each dragging its own note at ${plan.writersHz} Hz`,
    `(${fmtInt(plan.writersOnOneBoard * plan.writersHz)} updates a second offered), one observer;`,
    `every update goes to the other ${plan.writersOnOneBoard - 1} writers and the observer. Board "empty":`,
    `made for the step; "${fmtInt(noteCount)} notes": stored in the server's own persistence before it`,
    `started. On Paja every writer is a participant (the edit guard judges every update) and asks`,
    `for \`saved\` after every change. "CPU / delivery": server CPU (all threads) in the`,
    `${plan.windowMs / 1000} s window divided by updates × ${plan.writersOnOneBoard} receivers ("behind": under 99 % delivered`,
    `within 5 s of the window, so the division would flatter the server).`,
    `"commits/s": Paja's commits (each one fsync'd transaction) per second; – where the server`,
    `did not answer /metrics within 10 s (saturated). Latency at the observer and`,
    `8 of the writers.`,
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
      ],
      rows.map(({ label, board, step }) => [
        label,
        board,
        fmtInt(step.sentPerSecond),
        fmtPct(step.delivered),
        fmtMs(step.p50),
        fmtMs(step.p99),
        fmtMs(step.saved.p50),
        fmtMs(step.saved.p99),
        // A server that fell behind made fewer deliveries than the updates it was sent: its
        // CPU divided by the deliveries owed would flatter it.
        step.delivered >= 0.99 ? step.cpuUsPerDelivery.toFixed(2) : 'behind',
        Number.isNaN(step.countedPerSecond) ? '–' : fmtInt(step.countedPerSecond),
        step.serverCpu,
        step.generatorCpu,
      ]),
    ),
  ].join('\n');
  return {
    title: `Writers on one board (${plan.writersOnOneBoard} at ${plan.writersHz} Hz)`,
    body,
    charts: [],
  };
}
