/** Scenarios 4-6: memory, cold load, restart. Each measurement gets its own server process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNote, initBoard, metaMap, moveNote, notesMap } from '@paja/shared';
import * as Y from 'yjs';
import { now, openMany, SyncClient } from './client';
import { closeAll, log, type Plan, pace, sleep, Writer } from './load';
import type { Section } from './realtime';
import {
  type BoardRef,
  cpuMs,
  createBoard,
  dialectOf,
  type MemoryUsage,
  type RunningServer,
  SERVER_KINDS,
  type ServerKind,
  serverMemory,
  startServer,
  stopServer,
  storeBoard,
  tempDir,
  wsUrl,
} from './servers';
import { fmtInt, fmtKB, fmtMB, fmtMs, summarize, table } from './stats';

/** The largest Yjs client id: the client that writes last to a stored board (see firstClient). */
export const SENTINEL_CLIENT = 0xffffffff;
const STORED_BOARD = 'benchstoredboard';

export interface StoredBoards {
  notes: number;
  moves: number;
  fresh: Uint8Array;
  churned: Uint8Array;
}

/**
 * The stored boards for memory and cold-load scenarios: `notes` notes made one by one, and the
 * same board after every note was dragged `moves` times, note after note (Paja's client writes a
 * drag once, at drop; see the board benchmark for the group-drag pattern). Both end with a write
 * by SENTINEL_CLIENT. Cached in the temp directory: the churn takes a while.
 */
export function storedBoards(notes: number, moves: number): StoredBoards {
  const cacheDir = path.join(os.tmpdir(), 'paja-bench-cache');
  const file = (name: string) => path.join(cacheDir, `board-v1-${notes}-${moves}-${name}.bin`);
  if (fs.existsSync(file('fresh')) && fs.existsSync(file('churned'))) {
    return {
      notes,
      moves,
      fresh: new Uint8Array(fs.readFileSync(file('fresh'))),
      churned: new Uint8Array(fs.readFileSync(file('churned'))),
    };
  }
  const started = now();
  const doc = new Y.Doc();
  doc.clientID = 1;
  initBoard(doc, { title: 'Tiekartta 2030', locale: 'fi', now: 1_700_000_000_000 });
  const ids: string[] = [];
  for (let i = 0; i < notes; i++) {
    ids.push(
      createNote(doc, {
        x: (i % 100) * 200,
        y: Math.floor(i / 100) * 200,
        text: `Muistiinpano ${i}: joukkoliikenne ja pyöräily`,
        authorId: `p${i % 40}`,
        authorName: `Osallistuja ${i % 40}`,
        now: 1_700_000_000_000 + i,
      }),
    );
  }
  const seal = (step: number) => {
    const client = doc.clientID;
    doc.clientID = SENTINEL_CLIENT;
    metaMap(doc).set('benchSealed', step);
    doc.clientID = client;
  };
  seal(1);
  const fresh = Y.encodeStateAsUpdate(doc);
  doc.clientID = 2;
  ids.forEach((id, n) => {
    for (let m = 1; m <= moves; m++) moveNote(doc, id, (n % 100) * 200 + m, m);
  });
  seal(2);
  const churned = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(file('fresh'), fresh);
  fs.writeFileSync(file('churned'), churned);
  log(`built stored boards in ${((now() - started) / 1000).toFixed(1)} s`);
  return { notes, moves, fresh, churned };
}

/** Notes in a board update (to check that a client received all of it). */
function countNotes(payloads: Uint8Array[]): number {
  const doc = new Y.Doc();
  for (const payload of payloads) Y.applyUpdate(doc, payload);
  const count = notesMap(doc).size;
  doc.destroy();
  return count;
}

function observer(
  server: RunningServer,
  board: BoardRef,
  extra: Partial<SyncClient['options']> = {},
) {
  return new SyncClient({
    url: wsUrl(server, board),
    dialect: dialectOf(server.kind),
    docName: board.name,
    ...extra,
  });
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ---------------------------------------------------------------------------------------------
// 4. Memory

const fmtPer = (bytes: number) => (Math.abs(bytes) >= 1e6 ? fmtMB(bytes) : fmtKB(bytes));

interface MemoryRow {
  kind: ServerKind;
  case: string;
  unit: string;
  count: number;
  base: MemoryUsage;
  after: MemoryUsage;
}

/**
 * Node flags for the marginal cases: a young generation fixed at its smallest (1 MB semi-spaces),
 * the same for every server, so that V8 growing it (a per-process step, see the text) does not
 * land in a figure per connection.
 */
const FIXED_YOUNG_GENERATION = ['--min-semi-space-size=1', '--max-semi-space-size=1'];

interface MemoryCaseOptions {
  /** Node flags for the server (default: none beyond the benchmark's). */
  nodeArgs?: string[];
  /** Clients opened before the base reading, kept open: the growth counts only `load`'s. */
  warm?: (server: RunningServer) => Promise<SyncClient[]>;
}

async function measureMemory(
  kind: ServerKind,
  label: string,
  unit: string,
  count: number,
  prepare: (dataDir: string) => Promise<BoardRef | null>,
  load: (server: RunningServer, stored: BoardRef | null) => Promise<SyncClient[]>,
  options: MemoryCaseOptions = {},
): Promise<MemoryRow> {
  const dataDir = tempDir(`paja-bench-mem-${kind}-`);
  const stored = await prepare(dataDir);
  const server = await startServer(kind, { dataDir, nodeArgs: options.nodeArgs });
  try {
    await sleep(500);
    const warm = options.warm ? await options.warm(server) : [];
    if (warm.length > 0) await sleep(3000);
    const base = await serverMemory(server);
    const clients = await load(server, stored);
    // Let persistence settle (Hocuspocus stores 2 s after the last change).
    await sleep(3000);
    const after = await serverMemory(server);
    await closeAll([...clients, ...warm], 100);
    return { kind, case: label, unit, count, base, after };
  } finally {
    await stopServer(server, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function memory(plan: Plan, boards: StoredBoards): Promise<Section> {
  const rows: MemoryRow[] = [];
  const k = plan.memoryCount;
  for (const kind of SERVER_KINDS) {
    rows.push(
      await measureMemory(
        kind,
        `${fmtInt(k)} boards, one client each (one note per board)`,
        'board',
        k,
        async () => null,
        async (server) => {
          const refs: BoardRef[] = [];
          for (let i = 0; i < k; i++) refs.push(await createBoard(server));
          const writers = refs.map((ref) => new Writer(server, ref));
          await inParallel(writers, 50, async (w, i) => {
            await w.connected();
            w.addNote(i);
          });
          return writers.map((w) => w.client as SyncClient);
        },
      ),
    );
    log(`memory ${kind}: ${k} boards`);
    rows.push(
      await measureMemory(
        kind,
        `one board, ${fmtInt(k)} idle clients`,
        'connection',
        k,
        async () => null,
        async (server) => {
          const board = await createBoard(server);
          return openMany(k, () => observer(server, board));
        },
      ),
    );
    log(`memory ${kind}: ${k} clients`);
    rows.push(
      await measureMemory(
        kind,
        `one board of ${fmtInt(boards.notes)} notes (${fmtMB(boards.fresh.byteLength)} encoded), one client`,
        'board',
        1,
        (dataDir) => storeBoard(kind, dataDir, STORED_BOARD, boards.fresh),
        async (server, stored) => {
          const client = observer(server, stored as BoardRef, { sentinelClient: SENTINEL_CLIENT });
          await client.synced;
          return [client];
        },
      ),
    );
    log(`memory ${kind}: big board`);
  }
  // The next thousand, with the young generation fixed: what one more idle connection costs.
  // Twice, the servers in turn each time, as the machine's noise asks.
  for (const run of ['first', 'second']) {
    for (const kind of SERVER_KINDS) {
      let board: BoardRef | null = null;
      rows.push(
        await measureMemory(
          kind,
          `one board, ${fmtInt(k)} more idle clients after ${fmtInt(k)}, young generation fixed (${run} run)`,
          'connection',
          k,
          async () => null,
          async (server) => openMany(k, () => observer(server, board as BoardRef)),
          {
            nodeArgs: FIXED_YOUNG_GENERATION,
            warm: async (server) => {
              const made = await createBoard(server);
              board = made;
              return openMany(k, () => observer(server, made));
            },
          },
        ),
      );
      log(`memory ${kind}: ${k} more clients (${run} run)`);
    }
  }
  const cases = [...new Set(rows.map((r) => r.case))];
  const body = [
    `Each case runs in a fresh server process. Memory is read inside the server after two forced`,
    `garbage collections (probe.mjs, loaded into all three servers alike), before the clients`,
    `connect and 3 s after the last one synced; the table shows the growth divided by the count.`,
    '',
    `RSS growth includes the young generation, which V8 grows by itself (up to a cap) when much`,
    `of what a process allocates survives, as it does while a thousand sockets open at once: a`,
    `step of the process, not a cost of each connection, and it shows in the young generation`,
    `column. The "more idle clients" cases measure what each further connection costs: every`,
    `server starts with the same fixed young generation (node ${FIXED_YOUNG_GENERATION.join(' ')}),`,
    `opens ${fmtInt(k)} idle clients first, and the growth is read over the next ${fmtInt(k)}.`,
    '',
    table(
      [
        'case',
        'server',
        'RSS growth',
        'per unit',
        'heap growth',
        'heap per unit',
        'young generation growth',
        'RSS at end',
      ],
      cases.flatMap((c) =>
        rows
          .filter((r) => r.case === c)
          .map((r) => {
            const rss = r.after.rss - r.base.rss;
            const heap = r.after.heapUsed - r.base.heapUsed;
            return [
              c,
              r.kind,
              fmtMB(rss),
              `${fmtPer(rss / r.count)} / ${r.unit}`,
              fmtMB(heap),
              `${fmtPer(heap / r.count)} / ${r.unit}`,
              fmtMB(r.after.youngGeneration - r.base.youngGeneration),
              fmtMB(r.after.rss),
            ];
          }),
      ),
    ),
  ].join('\n');
  return { title: '4. Memory', body, charts: [] };
}

// ---------------------------------------------------------------------------------------------
// 5. Cold load

interface ColdRow {
  kind: ServerKind;
  variant: string;
  clients: number;
  p50: number;
  max: number;
  notesOk: boolean;
  serverCpuMs: number;
}

export async function coldLoad(plan: Plan, boards: StoredBoards): Promise<Section> {
  const variants = [
    { name: 'fresh', update: boards.fresh },
    { name: `after ${boards.moves} moves per note`, update: boards.churned },
  ];
  const rows: ColdRow[] = [];
  for (const variant of variants) {
    const templates = new Map<ServerKind, { dir: string; ref: BoardRef }>();
    for (const kind of SERVER_KINDS) {
      const dir = tempDir(`paja-bench-cold-template-${kind}-`);
      templates.set(kind, { dir, ref: await storeBoard(kind, dir, STORED_BOARD, variant.update) });
    }
    for (const clients of plan.coldClients) {
      for (const kind of SERVER_KINDS) {
        const template = templates.get(kind);
        if (!template) throw new Error('no template');
        const dataDir = tempDir(`paja-bench-cold-${kind}-`);
        fs.cpSync(template.dir, dataDir, { recursive: true });
        const server = await startServer(kind, { dataDir });
        try {
          await sleep(300);
          const cpuBefore = cpuMs(server.pid);
          const t0 = now();
          const joined = Array.from({ length: clients }, (_, i) =>
            observer(server, template.ref, {
              sentinelClient: SENTINEL_CLIENT,
              keepSyncPayload: i === 0,
            }),
          );
          const timeout = new Promise<'timeout'>((resolve) =>
            setTimeout(() => resolve('timeout'), 180_000).unref(),
          );
          await Promise.race([Promise.all(joined.map((c) => c.synced)), timeout]);
          const times = joined.map((c) => (c.syncedAt === null ? Number.NaN : c.syncedAt - t0));
          const serverCpuMs = cpuMs(server.pid) - cpuBefore;
          const first = joined[0] as SyncClient;
          const notesOk = countNotes(first.syncPayloads) === boards.notes;
          const s = summarize(times.filter((t) => !Number.isNaN(t)));
          const missing = times.filter((t) => Number.isNaN(t)).length;
          rows.push({
            kind,
            variant: variant.name,
            clients,
            p50: s.p50,
            max: missing > 0 ? Number.NaN : s.max,
            notesOk,
            serverCpuMs,
          });
          log(`cold load ${kind} ${variant.name} ×${clients}: max ${fmtMs(s.max)} ms`);
          await closeAll(joined, 100);
        } finally {
          await stopServer(server, 'SIGKILL');
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      }
    }
    for (const { dir } of templates.values()) fs.rmSync(dir, { recursive: true, force: true });
  }
  const body = [
    `A board of ${fmtInt(boards.notes)} notes is stored in each server's own persistence before the`,
    `server starts (fresh: ${fmtMB(boards.fresh.byteLength)} encoded; after ${boards.moves} moves per note,`,
    `note after note: ${fmtMB(boards.churned.byteLength)}). Then C clients open their sockets at once;`,
    `a client is synced when it holds the whole stored board (checked by the board's last writer`,
    `leading the update; the first client's copy is decoded and its notes counted). Times from the`,
    `first connect; the server process is new for every row, so the board is loaded from disk.`,
    '',
    table(
      [
        'board',
        'clients',
        'server',
        'p50 synced ms',
        'all synced ms',
        'server CPU ms',
        'notes check',
      ],
      rows.map((r) => [
        r.variant,
        String(r.clients),
        r.kind,
        fmtMs(r.p50),
        Number.isNaN(r.max) ? 'timeout' : fmtMs(r.max),
        fmtInt(r.serverCpuMs),
        r.notesOk ? 'ok' : 'MISSING',
      ]),
    ),
  ].join('\n');
  return { title: '5. Cold load', body, charts: [] };
}

// ---------------------------------------------------------------------------------------------
// 6. Restart

interface RestartRow {
  kind: ServerKind;
  signal: NodeJS.Signals;
  stopMs: number;
  acceptMs: number;
  resyncMs: number;
  sent: number;
  lost: number;
  acked: number | null;
  ackedLost: number | null;
}

/** `count` connected writers (Paja's: as its client, asking for saved), a note each. */
async function writersWithNotes(
  server: RunningServer,
  board: BoardRef,
  count: number,
): Promise<Writer[]> {
  const writers = Array.from(
    { length: count },
    () => new Writer(server, board, { pajaClient: server.kind === 'paja' }),
  );
  await Promise.all(writers.map((w) => w.connected()));
  writers.forEach((w, i) => {
    w.addNote(i);
  });
  return writers;
}

/** Clean restarts per server in the start-time series (one sample each is mostly noise here). */
const REPEATED_STARTS = 7;

interface StartSeries {
  kind: ServerKind;
  startsMs: number[];
}

/**
 * Time to accept connections after a clean restart (SIGTERM, then start on the same data with
 * a board of `plan.restartWriters` writers' notes), `REPEATED_STARTS` times per server, the
 * servers taking turns so that the machine's noise falls on all of them alike.
 */
async function repeatedStarts(plan: Plan): Promise<StartSeries[]> {
  const prepared: Array<{ kind: ServerKind; dataDir: string; port: number }> = [];
  for (const kind of SERVER_KINDS) {
    const dataDir = tempDir(`paja-bench-starts-${kind}-`);
    const server = await startServer(kind, { dataDir });
    const writers = await writersWithNotes(server, await createBoard(server), plan.restartWriters);
    await sleep(500);
    await closeAll(
      writers.map((w) => w.client as SyncClient),
      300,
    );
    await stopServer(server, 'SIGTERM');
    prepared.push({ kind, dataDir, port: server.port });
  }
  const series: StartSeries[] = prepared.map(({ kind }) => ({ kind, startsMs: [] }));
  try {
    for (let round = 0; round < REPEATED_STARTS; round++) {
      for (const [i, { kind, dataDir, port }] of prepared.entries()) {
        const server = await startServer(kind, { dataDir, port });
        series[i]?.startsMs.push(server.startMs);
        await stopServer(server, 'SIGTERM');
      }
    }
  } finally {
    for (const { dataDir } of prepared) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return series;
}

function startsTable(series: readonly StartSeries[]): string {
  const median = (s: StartSeries) => summarize(s.startsMs).p50;
  const peers = series.filter((s) => s.kind !== 'paja').map(median);
  const fasterPeer = Math.min(...peers);
  return table(
    ['server', 'starts', 'median ms', 'min ms', 'max ms', 'median / faster peer'],
    series.map((s) => {
      const sorted = [...s.startsMs].sort((a, b) => a - b);
      return [
        s.kind,
        String(sorted.length),
        fmtMs(median(s)),
        fmtMs(sorted[0] ?? Number.NaN),
        fmtMs(sorted.at(-1) ?? Number.NaN),
        `${(median(s) / fasterPeer).toFixed(2)}x`,
      ];
    }),
  );
}

export async function restart(plan: Plan): Promise<Section> {
  const rows: RestartRow[] = [];
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    for (const kind of SERVER_KINDS) {
      const dataDir = tempDir(`paja-bench-restart-${kind}-`);
      let server = await startServer(kind, { dataDir });
      const port = server.port;
      try {
        const board = await createBoard(server);
        const writers = await writersWithNotes(server, board, plan.restartWriters);
        const pacer = pace(
          writers.map((w) => () => w.move()),
          20,
        );
        await sleep(plan.restartWriteMs);
        const killedAt = now();
        server.child.kill(signal);
        pacer.stop();
        const oldClients = writers.map((w) => w.client as SyncClient);
        await server.exited;
        const stopMs = now() - killedAt;
        await Promise.all(oldClients.map((c) => c.closed));

        server = await startServer(kind, { dataDir, port });
        const acceptMs = server.startMs;
        // What did the server keep? A fresh client reads it before any writer returns.
        const audit = new Y.Doc();
        const auditor = new SyncClient({
          url: wsUrl(server, board),
          dialect: dialectOf(kind),
          docName: board.name,
          doc: audit,
        });
        await auditor.synced;
        await sleep(1000); // y-websocket sends what LevelDB holds after its (empty) step 2
        auditor.close();
        let sent = 0;
        let lost = 0;
        let acked = 0;
        let ackedLost = 0;
        writers.forEach((w, i) => {
          const kept = Y.getState(audit.store, w.clientId);
          const old = oldClients[i] as SyncClient;
          const durable = old.durable.get(w.clientId) ?? 0;
          const hocuspocusAcks = old.appliedAcks - old.step2Sent;
          w.sent.forEach((update, j) => {
            const isAcked =
              kind === 'paja'
                ? update.clock <= durable
                : kind === 'hocuspocus'
                  ? j < hocuspocusAcks
                  : false;
            const isLost = update.clock > kept;
            sent++;
            if (isLost) lost++;
            if (isAcked) acked++;
            if (isAcked && isLost) ackedLost++;
          });
        });
        audit.destroy();
        const reconnectAt = now();
        for (const w of writers) w.server = server;
        const clients = writers.map((w) => w.connect());
        await Promise.all(clients.map((c) => c.synced));
        const resyncMs = Math.max(...clients.map((c) => (c.syncedAt ?? Number.NaN) - reconnectAt));
        rows.push({
          kind,
          signal,
          stopMs,
          acceptMs,
          resyncMs,
          sent,
          lost,
          acked: kind === 'y-websocket' ? null : acked,
          ackedLost: kind === 'y-websocket' ? null : ackedLost,
        });
        log(`restart ${kind} ${signal}: lost ${lost}/${sent}, acked lost ${ackedLost}`);
        await closeAll(clients, 300);
      } finally {
        await stopServer(server, 'SIGKILL');
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  const starts = await repeatedStarts(plan);
  log(
    `restart starts: ${starts.map((s) => `${s.kind} ${fmtMs(summarize(s.startsMs).p50)} ms`).join(', ')}`,
  );
  const body = [
    `${plan.restartWriters} writers move their notes 20 times a second for ${plan.restartWriteMs / 1000} s; then the server gets the`,
    `signal, is started again on the same port and data, and a fresh client reads what it kept`,
    `(before any writer returns and could send its edits again). Then all writers reconnect.`,
    `"Acknowledged" is what the server told the writer: Paja's \`saved\` (stored, fsync'd);`,
    `Hocuspocus's SyncStatus, which it sends once an update is applied in memory, not stored;`,
    `y-websocket has no acknowledgement. Lost = sent on an open socket and absent after restart`,
    `(writers still hold their edits and resend them on reconnect; a client that never returns`,
    `takes them with it).`,
    '',
    table(
      [
        'signal',
        'server',
        'exit after signal ms',
        'accepts connections ms after start',
        'all writers synced ms after reconnect',
        'updates sent',
        'lost at restart',
        'acknowledged',
        'acknowledged and lost',
      ],
      rows.map((r) => [
        r.signal,
        r.kind,
        fmtMs(r.stopMs),
        fmtMs(r.acceptMs),
        fmtMs(r.resyncMs),
        fmtInt(r.sent),
        fmtInt(r.lost),
        r.acked === null ? 'no acks' : fmtInt(r.acked),
        r.ackedLost === null ? '–' : fmtInt(r.ackedLost),
      ]),
    ),
    '',
    `Time to accept connections after a clean restart, ${REPEATED_STARTS} times per server (SIGTERM, then started`,
    `again on the same data: a board with ${plan.restartWriters} notes), the servers taking turns; from spawn until it`,
    `answers HTTP. Most of it is Node starting and loading modules. Paja runs compiled (server/build.mjs),`,
    `as \`npm start\` runs it; the faster peer is the lower median of y-websocket and Hocuspocus.`,
    '',
    startsTable(starts),
  ].join('\n');
  return { title: '6. Restart', body, charts: [] };
}
