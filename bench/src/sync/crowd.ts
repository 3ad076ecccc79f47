/**
 * Scenario 7: a crowd. A published board is followed by thousands of read-only connections
 * (the public phase: no cursors, no writes) while a workshop's editors keep working on it.
 * Each server gets a fresh process; the readers live in several generator processes
 * (crowdReaders.ts), because one process cannot hold thousands of sockets and read them fast
 * enough; the editors live in this one.
 *
 * Measured: how long the audience takes to connect; the server's memory per idle reader (after
 * two garbage collections, before and after the readers came); then, with the editors moving
 * their notes, the latency of their moves at the readers (p50/p99 at one reader in
 * SAMPLE_EVERY), the delivered fraction over all readers, the latency among editors, the
 * editors' time to `saved`, and server and generator CPU.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { now } from './client';
import { CROWD_MESSAGE, type CrowdCommand, type CrowdReply } from './crowdProtocol';
import { closeAll, cpuWindow, log, type Plan, pace, sleep, Writer, waitFor } from './load';
import { recordMoves, type Section, warmUp } from './realtime';
import {
  createBoard,
  dialectOf,
  type MemoryUsage,
  publishBoard,
  type RunningServer,
  type ServerKind,
  serverMemory,
  startServer,
  stopServer,
  WITH_RELAY,
  wsUrl,
} from './servers';
import { fmtInt, fmtKB, fmtMs, fmtPct, summarize, table } from './stats';

const here = path.dirname(fileURLToPath(import.meta.url));
/** One reader in this many decodes what it receives and records latencies. */
const SAMPLE_EVERY = 25;
/** Editors whose received updates are timed (the others receive but do not decode). */
const MEASURING_EDITORS = 8;
/** Handshakes in flight per reader process. */
const PARALLEL_HANDSHAKES = 25;

interface ReaderProcess {
  child: ChildProcess;
  replies: CrowdReply[];
}

/**
 * A reader process. (Not at a lower priority than the editors' process: on a shared machine
 * that starves the readers behind every other job, and their latency measures the machine.)
 */
function spawnReaders(): ReaderProcess {
  const script = path.join(here, 'crowdReaders.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reader: ReaderProcess = { child, replies: [] };
  child.on('message', (raw: unknown) => {
    const reply = (raw as Record<string, CrowdReply>)[CROWD_MESSAGE];
    if (reply) reader.replies.push(reply);
  });
  return reader;
}

function command(p: ReaderProcess, message: CrowdCommand): void {
  p.child.send({ [CROWD_MESSAGE]: message });
}

async function ask<T extends CrowdReply['type']>(
  p: ReaderProcess,
  message: CrowdCommand,
  type: T,
  timeoutMs: number,
): Promise<Extract<CrowdReply, { type: T }>> {
  const before = p.replies.length;
  command(p, message);
  const found = () => p.replies.slice(before).find((r) => r.type === type);
  if (!(await waitFor(() => found() !== undefined, timeoutMs, 10))) {
    throw new Error(`crowd readers did not answer ${message.type} in ${timeoutMs} ms`);
  }
  return found() as Extract<CrowdReply, { type: T }>;
}

interface CrowdRow {
  kind: ServerKind;
  readers: number;
  connectMs: number;
  rssPerReader: number;
  heapPerReader: number;
  p50: number;
  p99: number;
  delivered: number;
  stillOpen: number;
  editorP99: number;
  savedP50: number;
  savedP99: number;
  serverCpu: string;
  generatorCpu: string;
  loadAverage: string;
}

const load1 = () => os.loadavg()[0]?.toFixed(1) ?? '?';

async function crowdStep(plan: Plan, kind: ServerKind): Promise<CrowdRow> {
  const readers = plan.crowdReaders;
  const server: RunningServer = await startServer(kind, {
    env: { PAJA_MAX_READERS_PER_BOARD: String(readers + 100) },
  });
  const loadBefore = load1();
  const processes: ReaderProcess[] = [];
  const editors: Writer[] = [];
  try {
    await warmUp(server, 1000);
    const board = await createBoard(server);
    await publishBoard(server, board);
    const editorSamples: number[] = [];
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < plan.crowdEditors; i++) {
      const editor: Writer = new Writer(server, board, {
        onUpdate:
          i < MEASURING_EDITORS
            ? (update, at) =>
                recordMoves(
                  update,
                  at,
                  (sentAt) => {
                    if (sentAt >= from && sentAt < to) editorSamples.push(at - sentAt);
                  },
                  editor.clientId,
                )
            : undefined,
      });
      editors.push(editor);
    }
    await Promise.all(editors.map((e) => e.connected()));
    editors.forEach((e, i) => {
      e.addNote(i);
      e.move(); // the first move writes the SENT_AT key itself; readers count only later ones
    });
    await sleep(1000);
    const before: MemoryUsage = await serverMemory(server);

    // The audience arrives: several processes, each its share, on the public address.
    const perProcess = Math.ceil(readers / plan.crowdProcesses);
    const connectStarted = now();
    const opened = await Promise.all(
      Array.from({ length: plan.crowdProcesses }, (_, p) => {
        const count = Math.min(perProcess, readers - p * perProcess);
        const reader = spawnReaders();
        processes.push(reader);
        const urls = Array.from({ length: count }, (_, i) =>
          wsUrl(server, board, {
            as: 'public',
            pajaClient: true,
            participantKey: `crowd-${p}-${i}`,
          }),
        );
        return ask(
          reader,
          {
            type: 'open',
            urls,
            dialect: dialectOf(kind),
            docName: board.name,
            count,
            sampleEvery: SAMPLE_EVERY,
            parallel: PARALLEL_HANDSHAKES,
          },
          'opened',
          300_000,
        );
      }),
    );
    const connectMs = now() - connectStarted;
    const synced = opened.reduce((sum, o) => sum + o.synced, 0);
    log(`crowd ${kind}: ${synced} of ${readers} readers synced in ${fmtMs(connectMs)} ms`);
    await sleep(3000);
    const after = await serverMemory(server);

    // The editors work; every reader counts what reaches it.
    for (const p of processes) command(p, { type: 'count' });
    const countFrom = now();
    const pacer = pace(
      editors.map((e) => () => e.move()),
      plan.crowdEditHz,
    );
    await sleep(plan.warmupMs);
    const reportsBefore = await Promise.all(
      processes.map((p) => ask(p, { type: 'report' }, 'report', 30_000)),
    );
    from = now();
    to = from + plan.windowMs;
    for (const p of processes) command(p, { type: 'window', from, to });
    const window = await cpuWindow(server, () => sleep(plan.windowMs));
    const reportsAtEnd = await Promise.all(
      processes.map((p) => ask(p, { type: 'report' }, 'report', 30_000)),
    );
    pacer.stop();
    const moves = editors.reduce((sum, e) => sum + e.movesIn(countFrom, Number.MAX_VALUE), 0);
    const expected = moves * synced;
    let reports = reportsBefore;
    // Wait until every reader has everything (or 20 s): what is late is counted as late.
    for (let waited = 0; waited < 20_000; waited += 500) {
      reports = await Promise.all(
        processes.map((p) => ask(p, { type: 'report' }, 'report', 30_000)),
      );
      if (reports.reduce((sum, r) => sum + r.moves, 0) >= expected) break;
      await sleep(500);
    }
    await waitFor(() => editors.every((e) => e.unsavedIn(from, to) === 0), 5000);
    const received = reports.reduce((sum, r) => sum + r.moves, 0);
    const samples = summarize(reports.flatMap((r) => r.samples));
    const saved = summarize(editors.flatMap((e) => e.savedIn(from, to)));
    const generatorMs =
      window.generatorCpuMs +
      reportsAtEnd.reduce((sum, r, i) => sum + r.cpuMs - (reportsBefore[i]?.cpuMs ?? 0), 0);
    const row: CrowdRow = {
      kind,
      readers: synced,
      connectMs,
      rssPerReader: (after.rss - before.rss) / Math.max(1, synced),
      heapPerReader: (after.heapUsed - before.heapUsed) / Math.max(1, synced),
      p50: samples.p50,
      p99: samples.p99,
      delivered: expected > 0 ? received / expected : Number.NaN,
      stillOpen: reports.reduce((sum, r) => sum + r.open, 0),
      editorP99: summarize(editorSamples).p99,
      savedP50: saved.p50,
      savedP99: saved.p99,
      serverCpu: `${((window.serverCpuMs / window.ms) * 100).toFixed(0)} %`,
      generatorCpu: `${((generatorMs / window.ms) * 100).toFixed(0)} %`,
      loadAverage: `${loadBefore} / ${load1()}`,
    };
    log(
      `crowd ${kind}: readers p50 ${fmtMs(row.p50)} p99 ${fmtMs(row.p99)} ms, delivered ${fmtPct(row.delivered)}, ${fmtKB(row.rssPerReader)} RSS per reader`,
    );
    return row;
  } finally {
    for (const p of processes) command(p, { type: 'close' });
    await closeAll(
      editors.map((e) => e.client),
      200,
    );
    await Promise.all(
      processes.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.child.exitCode !== null) resolve();
            else p.child.once('exit', () => resolve());
            setTimeout(() => {
              p.child.kill('SIGKILL');
              resolve();
            }, 5000).unref();
          }),
      ),
    );
    await stopServer(server, 'SIGKILL');
  }
}

export async function crowd(
  plan: Plan,
  kinds: readonly ServerKind[] = WITH_RELAY,
): Promise<Section> {
  const rows: CrowdRow[] = [];
  for (const kind of kinds) rows.push(await crowdStep(plan, kind));
  const body = [
    `A published board with ${plan.crowdEditors} editors, each moving its own note ${plan.crowdEditHz} time(s) a second`,
    `(Paja: participants asking for \`saved\`, as its client does), and ${fmtInt(plan.crowdReaders)} read-only`,
    `connections (Paja: the public address, no token, Paja's client protocol; readers send no`,
    `cursors). The readers are spread over ${plan.crowdProcesses} generator processes. Memory per reader: the`,
    `server's growth (after two garbage collections) from before the readers came to 3 s after the`,
    `last one synced, divided by the readers. Latency: from an editor's send to a reader's`,
    `receipt, at one reader in ${SAMPLE_EVERY}, over ${plan.windowMs / 1000} s; delivered: moves counted at every`,
    `reader against moves sent × readers. "Editor p99": latency among editors (${MEASURING_EDITORS} measure).`,
    `"Saved": an editor's change from send to its \`saved\`. Each server in a fresh process.`,
    '',
    table(
      [
        'server',
        'readers synced',
        'all connected ms',
        'RSS per idle reader',
        'heap per idle reader',
        'reader p50 ms',
        'reader p99 ms',
        'delivered',
        'still open',
        'editor p99 ms',
        'saved p50 ms',
        'saved p99 ms',
        'server CPU',
        'generator CPU (all processes)',
        'load average before / after',
      ],
      rows.map((r) => [
        r.kind,
        fmtInt(r.readers),
        fmtInt(r.connectMs),
        fmtKB(r.rssPerReader),
        fmtKB(r.heapPerReader),
        fmtMs(r.p50),
        fmtMs(r.p99),
        fmtPct(r.delivered),
        fmtInt(r.stillOpen),
        fmtMs(r.editorP99),
        fmtMs(r.savedP50),
        fmtMs(r.savedP99),
        r.serverCpu,
        r.generatorCpu,
        r.loadAverage,
      ]),
    ),
  ].join('\n');
  return { title: '7. Crowd', body, charts: [] };
}
