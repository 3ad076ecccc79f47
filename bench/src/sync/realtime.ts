/** Scenarios 1-3: fan-out, throughput, presence. All three servers run side by side. */

import type { ClientOptions } from './client';
import {
  countAwarenessEntries,
  encodeAwareness,
  now,
  openMany,
  SyncClient,
  sentAtsOf,
} from './client';
import { closeAll, cpuWindow, log, type Plan, pace, sleep, Writer, waitFor } from './load';
import {
  type BoardRef,
  createBoard,
  dialectOf,
  type RunningServer,
  SERVER_KINDS,
  type ServerKind,
  WITH_FLOORS,
  wsUrl,
} from './servers';
import {
  fmtInt,
  fmtMs,
  fmtPct,
  type LatencySummary,
  lineChart,
  SERVER_COLORS,
  type Series,
  summarize,
  table,
} from './stats';

export interface Section {
  title: string;
  body: string;
  charts: Array<{ file: string; svg: string }>;
}

export type Servers = Record<ServerKind, RunningServer>;

const pct = (cpuMs: number, ms: number) => `${((cpuMs / ms) * 100).toFixed(0)} %`;

let personCount = 0;

/**
 * A person on the board as Paja's client connects one: a participant link, a participant key
 * of its own, `welcome` and `saved` understood. (The references take any connection.)
 */
export function person(
  server: RunningServer,
  board: BoardRef,
  options: Partial<ClientOptions> = {},
): SyncClient {
  return new SyncClient({
    url: wsUrl(server, board, {
      pajaClient: true,
      participantKey: `bench-person-${process.pid}-${++personCount}`,
    }),
    dialect: dialectOf(server.kind),
    docName: board.name,
    ...options,
  });
}

/** Every move an update carries that `self` (if given) did not make, to `record`. */
export function recordMoves(
  update: Uint8Array,
  at: number,
  record: (sentAt: number, at: number) => void,
  self?: number,
): void {
  for (const sent of sentAtsOf(update)) {
    if (sent.client !== self) record(sent.sentAt, at);
  }
}

/** An observer that reports the latency of every move it receives. */
function observer(
  server: RunningServer,
  board: BoardRef,
  record: (sentAt: number, at: number) => void,
): SyncClient {
  return person(server, board, { onUpdate: (update, at) => recordMoves(update, at, record) });
}

/**
 * The writers' times to `saved` for changes sent in [from, to), once every one of them is
 * confirmed (or 5 s have passed). The peers have no durable acknowledgement: empty.
 */
async function savedLatency(writers: Writer[], from: number, to: number): Promise<LatencySummary> {
  await waitFor(() => writers.every((w) => w.unsavedIn(from, to) === 0), 5000);
  return summarize(writers.flatMap((w) => w.savedIn(from, to)));
}

/**
 * Warms a freshly started server up (JIT, lazily loaded modules, first board) with one writer
 * at 60 Hz and five observers, so that the first measured step does not pay for it.
 */
/**
 * How long a server is warmed up before it is measured. Long enough for V8 to have optimized the
 * path of an update (about 2,400 updates): with 2 s at 60 Hz (120 updates), as until
 * 2026-12-06, the first steps measured the compiler as much as the server (one writer at
 * 240 Hz, CPU per update of all threads after 4 s of warm-up against 30 s: Paja 737-1,142 µs
 * against 555, Hocuspocus 368-481 against 331-433; bench/RESULTS.md), and a server with a
 * longer path paid more of it. Every server gets the same warm-up.
 */
export const warmUpMs = (plan: Plan): number => (plan.quick ? 2000 : 10_000);

export async function warmUp(server: RunningServer, ms: number): Promise<void> {
  const board = await createBoard(server);
  const writer = new Writer(server, board);
  await writer.connected();
  writer.addNote(0);
  const observers = await openMany(5, () => observer(server, board, () => {}));
  const pacer = pace([() => writer.move()], 240);
  await sleep(ms);
  pacer.stop();
  await closeAll([writer.client, ...observers], 200);
}

// ---------------------------------------------------------------------------------------------
// 1. Fan-out

interface FanoutRow {
  /** The server's kind, or "paja before" (a second Paja from another checkout). */
  label: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  saved: LatencySummary;
  delivered: number;
  cpuUsPerDelivery: number;
  serverCpu: string;
  generatorCpu: string;
}

/**
 * The fan-out's window for `n` observers: at least 300 updates (15 s) up to 10 observers. With
 * the plan's 5 s (100 updates) a single collection of garbage or compaction decided the CPU per
 * delivery there: the code before this change measured 2,070 and 1,609 µs at one observer in
 * two runs.
 */
const fanoutWindowMs = (plan: Plan, n: number): number =>
  n <= 10 ? Math.max(plan.windowMs, plan.quick ? 5000 : 15_000) : plan.windowMs;

export async function fanout(
  plan: Plan,
  servers: Servers,
  pajaBefore?: RunningServer,
): Promise<Section> {
  const rows: FanoutRow[] = [];
  const targets = WITH_FLOORS.map((kind) => ({ label: kind as string, server: servers[kind] }));
  if (pajaBefore) targets.splice(1, 0, { label: 'paja before', server: pajaBefore });
  for (const n of plan.fanoutObservers) {
    for (const { label, server } of targets) {
      const board = await createBoard(server);
      const writer = new Writer(server, board);
      await writer.connected();
      writer.addNote(0);
      const samples: number[] = [];
      let from = Number.POSITIVE_INFINITY;
      let to = Number.NEGATIVE_INFINITY;
      const record = (sentAt: number, at: number) => {
        if (sentAt >= from && sentAt < to) samples.push(at - sentAt);
      };
      const observers = await openMany(n, () => observer(server, board, record));
      const pacer = pace([() => writer.move()], 20);
      await sleep(plan.warmupMs);
      const windowMs = fanoutWindowMs(plan, n);
      const window = await cpuWindow(server, async () => {
        from = now();
        to = from + windowMs;
        await sleep(windowMs);
      });
      pacer.stop();
      const updates = writer.movesIn(from, to);
      const expected = updates * n;
      await waitFor(() => samples.length >= expected, 5000);
      const s = summarize(samples);
      const saved = await savedLatency([writer], from, to);
      rows.push({
        label,
        n,
        p50: s.p50,
        p99: s.p99,
        max: s.max,
        saved,
        delivered: s.count / expected,
        cpuUsPerDelivery: (window.serverCpuMs * 1000) / expected,
        serverCpu: pct(window.serverCpuMs, window.ms),
        generatorCpu: pct(window.generatorCpuMs, window.ms),
      });
      log(
        `fan-out ${label} N=${n}: p50 ${fmtMs(s.p50)} p99 ${fmtMs(s.p99)} ms, ${((window.serverCpuMs * 1000) / expected).toFixed(1)} µs/delivery`,
      );
      await closeAll([writer.client, ...observers], n > 100 ? 1000 : 300);
    }
  }
  const body = [
    `One writer moves a note 20 times a second (one transaction per move: x, y and its send`,
    `time); N observers on the same board. Latency is measured at every observer, from the`,
    `writer's send to the observer's receipt, over a ${plan.windowMs / 1000} s window (${fanoutWindowMs(plan, 1) / 1000} s up to 10 observers) after`,
    `${plan.warmupMs / 1000} s of warm-up (each server was first warmed up for ${warmUpMs(plan) / 1000} s: a writer at`,
    `240 Hz). Server CPU is user+system time of the server process`,
    `(all threads) in the window, divided by the deliveries (updates × observers). On Paja the`,
    `writer and the observers are participants (a participant link each, Paja's client`,
    `protocol), and the writer asks for \`saved\` after every change as Paja's client does;`,
    `"saved" is the time from a move's send to the \`saved\` that covers it (stored and`,
    `fsync'd). The peers have no durable acknowledgement (–). The durable relay is the floor of a`,
    `server that keeps Paja's promise: it relays verbatim and answers \`saved\` after an fsync'd`,
    `commit paced as one Paja board's (for the whole process), with no Yjs.`,
    '',
    table(
      [
        'observers',
        'server',
        'p50 ms',
        'p99 ms',
        'max ms',
        'saved p50 ms',
        'saved p99 ms',
        'delivered',
        'server CPU µs / update / observer',
        'server CPU',
        'generator CPU',
      ],
      rows.map((r) => [
        String(r.n),
        r.label,
        fmtMs(r.p50),
        fmtMs(r.p99),
        fmtMs(r.max),
        fmtMs(r.saved.p50),
        fmtMs(r.saved.p99),
        fmtPct(r.delivered),
        r.cpuUsPerDelivery.toFixed(1),
        r.serverCpu,
        r.generatorCpu,
      ]),
    ),
    '',
    '![fan-out latency](charts/fanout-latency.svg)',
  ].join('\n');
  const series: Series[] = WITH_FLOORS.flatMap((kind) => [
    {
      label: `${kind} p99`,
      color: SERVER_COLORS[kind],
      points: rows.filter((r) => r.label === kind).map((r): [number, number] => [r.n, r.p99]),
    },
    {
      label: `${kind} p50`,
      color: SERVER_COLORS[kind],
      dashed: true,
      points: rows.filter((r) => r.label === kind).map((r): [number, number] => [r.n, r.p50]),
    },
  ]);
  return {
    title: '1. Fan-out',
    body,
    charts: [
      {
        file: 'fanout-latency.svg',
        svg: lineChart({
          title: 'Fan-out: delivery latency, one writer at 20 Hz',
          xLabel: 'observers on the board',
          yLabel: 'latency (ms, log scale)',
          xValues: plan.fanoutObservers,
          series,
        }),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Throughput

export interface ThroughputStep {
  rate: number;
  offered: number;
  sentPerSecond: number;
  delivered: number;
  p50: number;
  p99: number;
  saved: LatencySummary;
  serverCpu: string;
  generatorCpu: string;
  /** Server CPU (all threads) per update delivered to another writer or the observer. */
  cpuUsPerDelivery: number;
  pass: boolean;
}

/** Writers measuring latency in one board (all others only read): keeps the generator light. */
const MEASURING_WRITERS = 8;
const P99_LIMIT_MS = 100;

export async function throughputStep(
  plan: Plan,
  server: RunningServer,
  writers: number,
  spread: boolean,
  rate: number,
): Promise<ThroughputStep> {
  const boards: BoardRef[] = [];
  for (let i = 0; i < (spread ? writers : 1); i++) boards.push(await createBoard(server));
  const samples: number[] = [];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const record = (sentAt: number, at: number) => {
    if (sentAt >= from && sentAt < to) samples.push(at - sentAt);
  };
  const ws: Writer[] = [];
  for (let i = 0; i < writers; i++) {
    const board = boards[spread ? i : 0] as BoardRef;
    const measuring = !spread && i < MEASURING_WRITERS;
    const writer: Writer = new Writer(server, board, {
      onUpdate: measuring
        ? (update, at) => recordMoves(update, at, record, writer.clientId)
        : undefined,
    });
    ws.push(writer);
  }
  // One after another: fifty writers joining a 10,000-note board at once would each wait for
  // the generator to apply fifty copies of it, while their sockets fill up unread (a server
  // closes a socket that does not read).
  for (const w of ws) await w.connected();
  ws.forEach((w, i) => {
    w.addNote(i);
  });
  const observers = await openMany(boards.length, (i) =>
    observer(server, boards[i] as BoardRef, record),
  );
  const pacer = pace(
    ws.map((w) => () => w.move()),
    rate,
  );
  await sleep(plan.warmupMs);
  const window = await cpuWindow(server, async () => {
    from = now();
    to = from + plan.windowMs;
    await sleep(plan.windowMs);
  });
  pacer.stop();
  let expected = 0;
  let sent = 0;
  ws.forEach((w, i) => {
    const moves = w.movesIn(from, to);
    sent += moves;
    const receivers = spread
      ? 1
      : 1 + Math.min(writers, MEASURING_WRITERS) - (i < MEASURING_WRITERS ? 1 : 0);
    expected += moves * receivers;
  });
  await waitFor(() => samples.length >= expected, 5000);
  const s = summarize(samples);
  const saved = await savedLatency(ws, from, to);
  await closeAll([...ws.map((w) => w.client), ...observers], 500);
  const delivered = expected > 0 ? s.count / expected : Number.NaN;
  // Every update goes to the board's observer and every other writer on it (Paja never sends
  // it back to its writer; the references do, which is their own cost).
  const deliveries = spread ? sent : sent * writers;
  return {
    cpuUsPerDelivery: (window.serverCpuMs * 1000) / deliveries,
    rate,
    offered: writers * rate,
    sentPerSecond: sent / (window.ms / 1000),
    delivered,
    p50: s.p50,
    p99: s.p99,
    saved,
    serverCpu: pct(window.serverCpuMs, window.ms),
    generatorCpu: pct(window.generatorCpuMs, window.ms),
    pass: s.p99 <= P99_LIMIT_MS && delivered >= 0.99,
  };
}

/** What a throughput run may leave out or add (bench:sync's --throughput-* and --paja-before). */
export interface ThroughputOptions {
  /** Only one layout: every writer on one board, or each on a board of its own. */
  layout?: 'one' | 'spread';
  /** Only these servers (they must be in `servers`); default all three. */
  kinds?: readonly ServerKind[];
  /** Paja from another checkout, run right after this checkout's Paja as "paja before". */
  before?: RunningServer;
  /** Run "paja before" ahead of this checkout's Paja instead (the load drifts within a run). */
  beforeFirst?: boolean;
}

export async function throughput(
  plan: Plan,
  servers: Partial<Servers>,
  options: ThroughputOptions = {},
): Promise<Section> {
  const configs: Array<{ writers: number; spread: boolean }> = [];
  for (const writers of plan.throughputWriters) {
    if (options.layout !== 'spread') configs.push({ writers, spread: false });
    if (writers > 1 && options.layout !== 'one') configs.push({ writers, spread: true });
  }
  const runs: Array<{ label: string; server: RunningServer }> = [];
  for (const kind of options.kinds ?? SERVER_KINDS) {
    const server = servers[kind];
    const before =
      kind === 'paja' && options.before ? [{ label: 'paja before', server: options.before }] : [];
    const own = server ? [{ label: kind, server }] : [];
    runs.push(...(options.beforeFirst ? [...before, ...own] : [...own, ...before]));
  }
  const labels = runs.map((r) => r.label);
  const detail: string[][] = [];
  const summary: string[][] = [];
  for (const { writers, spread } of configs) {
    const layout = spread ? `${writers} boards` : 'one board';
    const best: Record<string, string> = {};
    for (const { label: kind, server } of runs) {
      const steps: ThroughputStep[] = [];
      const queue = [...plan.throughputRates];
      let anyPass = false;
      for (let rate = queue.shift(); rate !== undefined; rate = queue.shift()) {
        let step = await throughputStep(plan, server, writers, spread, rate);
        if (!step.pass) {
          // The machine is shared: one preemption can fail a step. A step fails only twice.
          const again = await throughputStep(plan, server, writers, spread, rate);
          if (again.pass || again.p99 < step.p99) step = again;
        }
        steps.push(step);
        log(
          `throughput ${kind} M=${writers} ${layout} ${rate} Hz: ${fmtInt(step.sentPerSecond)}/s p99 ${fmtMs(step.p99)} ms delivered ${fmtPct(step.delivered)} saved p50 ${fmtMs(step.saved.p50)} ms, ${step.cpuUsPerDelivery.toFixed(1)} µs CPU / delivery`,
        );
        if (step.pass) {
          anyPass = true;
          continue;
        }
        // Over the limit already at the lowest rate: look below it, halving down to 15 Hz.
        if (anyPass || rate / 2 < 15) break;
        queue.splice(0, queue.length, rate / 2);
      }
      const passing = steps.filter((s) => s.pass);
      const top = passing.length ? Math.max(...passing.map((s) => s.sentPerSecond)) : Number.NaN;
      const capped = passing.some((s) => s.rate === Math.max(...plan.throughputRates));
      best[kind] = Number.isNaN(top) ? '< lowest step' : `${capped ? '≥ ' : ''}${fmtInt(top)}`;
      for (const s of steps.sort((a, b) => a.rate - b.rate)) {
        detail.push([
          String(writers),
          layout,
          kind,
          `${s.rate} Hz`,
          fmtInt(s.offered),
          fmtInt(s.sentPerSecond),
          fmtPct(s.delivered),
          fmtMs(s.p50),
          fmtMs(s.p99),
          fmtMs(s.saved.p50),
          fmtMs(s.saved.p99),
          s.serverCpu,
          s.cpuUsPerDelivery.toFixed(1),
          s.generatorCpu,
          s.pass ? 'yes' : 'no',
        ]);
      }
    }
    summary.push([String(writers), layout, ...labels.map((k) => best[k] ?? '–')]);
  }
  const body = [
    `M writers each drag their own note (one update per frame) at a rate that climbs`,
    `${plan.throughputRates.join(', ')} Hz while the step passes (p99 ≤ ${P99_LIMIT_MS} ms and ≥ 99 % delivered; a`,
    `failing step is run once more and the better run kept, because one preemption on this shared`,
    `machine can fail a step; a failing first rate is retried at half the rate, down to 15 Hz).`,
    `In one board every writer also receives`,
    `everyone else's updates; latency is measured at one observer and at ${MEASURING_WRITERS} of the writers`,
    `(the others receive but do not decode, to keep the generator light). Spread: M boards, each`,
    `with one writer and one observer. Windows of ${plan.windowMs / 1000} s. On Paja every writer`,
    `is a participant (its updates pass the edit guard) and asks for \`saved\` after every`,
    `change, as Paja's client does (so it does on the durable relay, the floor of a server that`,
    `answers it: verbatim relaying and an fsync'd commit at most every 10 ms, no Yjs); "saved" is a`,
    `change's time from send to its \`saved\`.`,
    '',
    '**Sustained updates per second** (highest passing step; "≥" where even the top step passed):',
    '',
    table(['writers', 'layout', ...labels], summary),
    '',
    '<details><summary>Every step</summary>',
    '',
    table(
      [
        'writers',
        'layout',
        'server',
        'rate',
        'offered/s',
        'sent/s',
        'delivered',
        'p50 ms',
        'p99 ms',
        'saved p50 ms',
        'saved p99 ms',
        'server CPU',
        'µs / delivery',
        'generator CPU',
        'pass',
      ],
      detail,
    ),
    '',
    '</details>',
  ].join('\n');
  return { title: '2. Throughput', body, charts: [] };
}

// ---------------------------------------------------------------------------------------------
// 3. Presence

const MEASURING_RECEIVERS = 10;
const CURSOR_HZ = 10;
const EDIT_HZ = 1;

interface PresenceRow {
  kind: ServerKind;
  n: number;
  edits: boolean;
  delivered: number;
  p50: number;
  p99: number;
  editP99: number;
  saved: LatencySummary;
  serverCpu: string;
  generatorCpu: string;
}

async function presenceStep(
  plan: Plan,
  server: RunningServer,
  n: number,
  edits: boolean,
): Promise<PresenceRow> {
  const board = await createBoard(server);
  const decoder = new TextDecoder();
  const ids = Array.from(
    { length: n },
    (_, i) => 0x10000000 + i * 7919 + Math.floor(Math.random() * 7000),
  );
  const senderOf = new Map(ids.map((id, i) => [id, i]));
  const clocks = new Array<number>(n).fill(0);
  const maxClock = Math.ceil(((plan.warmupMs + plan.windowMs) / 1000 + 10) * CURSOR_HZ) + 10;
  // received[sender][clock]: how many receivers got that cursor update.
  const received = ids.map(() => new Uint32Array(maxClock));
  const cursorSamples: number[] = [];
  const editSamples: number[] = [];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const onAwareness = (self: number, measuring: boolean) => (update: Uint8Array, at: number) => {
    countAwarenessEntries(update, (clientId, clock, json) => {
      const sender = senderOf.get(clientId);
      if (sender === undefined || sender === self) return;
      const row = received[sender] as Uint32Array;
      if (clock < maxClock) row[clock] = (row[clock] as number) + 1;
      if (measuring) {
        const t = (JSON.parse(decoder.decode(json)) as { t?: number } | null)?.t;
        if (t !== undefined && t >= from && t < to) cursorSamples.push(at - t);
      }
    });
  };
  const clients: SyncClient[] = [];
  const writers: Writer[] = [];
  if (edits) {
    for (let i = 0; i < n; i++) {
      const measuring = i < MEASURING_RECEIVERS;
      const writer: Writer = new Writer(server, board, {
        onUpdate: measuring
          ? (update, at) =>
              recordMoves(
                update,
                at,
                (sentAt) => {
                  if (sentAt >= from && sentAt < to) editSamples.push(at - sentAt);
                },
                writer.clientId,
              )
          : undefined,
      });
      writers.push(writer);
    }
    for (let i = 0; i < n; i += 50) {
      await Promise.all(writers.slice(i, i + 50).map((w) => w.connected()));
    }
    writers.forEach((w, i) => {
      w.addNote(i);
      if (w.client) clients.push(w.client);
    });
  } else {
    clients.push(...(await openMany(n, () => person(server, board))));
  }
  // Awareness handlers are attached after the handshake; updates before that are not counted.
  clients.forEach((client, i) => {
    client.options.onAwareness = onAwareness(i, i < MEASURING_RECEIVERS);
  });
  const sendCursor = (i: number) => () => {
    const clock = (clocks[i] ?? 0) + 1;
    clocks[i] = clock;
    const client = clients[i] as SyncClient;
    client.sendAwareness(
      // Paja's client's state (presence/publisher.ts); `user.id` is the identity the server
      // checks against the socket's participant.
      encodeAwareness(ids[i] as number, clock, {
        user: { id: client.participantId ?? `p${i}`, name: `Osallistuja ${i}`, color: '#0072B2' },
        cursor: { x: clock % 1000, y: i * 10 },
        dragging: null,
        moving: null,
        selection: [],
        view: null,
        t: now(),
      }),
    );
  };
  const cursors = pace(
    clients.map((_, i) => sendCursor(i)),
    CURSOR_HZ,
  );
  const editPacer = edits
    ? pace(
        writers.map((w) => () => w.move()),
        EDIT_HZ,
      )
    : null;
  await sleep(plan.warmupMs);
  const startClocks: number[] = [];
  const window = await cpuWindow(server, async () => {
    from = now();
    startClocks.push(...clocks);
    to = from + plan.windowMs;
    await sleep(plan.windowMs);
  });
  const endClocks = [...clocks];
  cursors.stop();
  editPacer?.stop();
  let expected = 0;
  const deliveredCount = () => {
    let got = 0;
    received.forEach((row, s) => {
      for (
        let c = (startClocks[s] as number) + 1;
        c <= (endClocks[s] as number) && c < maxClock;
        c++
      ) {
        got += row[c] as number;
      }
    });
    return got;
  };
  endClocks.forEach((end, s) => {
    expected += (end - (startClocks[s] as number)) * (n - 1);
  });
  await waitFor(() => deliveredCount() >= expected, 5000);
  const cursor = summarize(cursorSamples);
  const edit = summarize(editSamples);
  const saved = await savedLatency(writers, from, to);
  await closeAll(clients, 500);
  return {
    kind: server.kind,
    n,
    edits,
    delivered: expected > 0 ? deliveredCount() / expected : Number.NaN,
    p50: cursor.p50,
    p99: cursor.p99,
    editP99: edit.p99,
    saved,
    serverCpu: pct(window.serverCpuMs, window.ms),
    generatorCpu: pct(window.generatorCpuMs, window.ms),
  };
}

export async function presence(plan: Plan, servers: Servers): Promise<Section> {
  const rows: PresenceRow[] = [];
  for (const edits of [false, true]) {
    for (const n of plan.presenceClients) {
      for (const kind of SERVER_KINDS) {
        const row = await presenceStep(plan, servers[kind], n, edits);
        rows.push(row);
        log(
          `presence ${kind} N=${n}${edits ? ' +edits' : ''}: delivered ${fmtPct(row.delivered)} p99 ${fmtMs(row.p99)} ms`,
        );
      }
    }
  }
  const body = [
    `N clients on one board each move their cursor ${CURSOR_HZ} times a second (a y-protocols`,
    `awareness update with name, colour, position and send time); with edits, each also moves`,
    `its own note once a second. Delivered: the fraction of (cursor update × other client)`,
    `pairs that arrived, counted at every client by awareness clock. Latency at ${MEASURING_RECEIVERS} clients.`,
    `Windows of ${plan.windowMs / 1000} s.`,
    '',
    table(
      [
        'clients',
        'edits',
        'server',
        'cursor updates delivered',
        'cursor p50 ms',
        'cursor p99 ms',
        'edit p99 ms',
        'edit saved p50 ms',
        'edit saved p99 ms',
        'server CPU',
        'generator CPU',
      ],
      rows.map((r) => [
        String(r.n),
        r.edits ? `yes (${EDIT_HZ} Hz each)` : 'no',
        r.kind,
        fmtPct(r.delivered),
        fmtMs(r.p50),
        fmtMs(r.p99),
        r.edits ? fmtMs(r.editP99) : '',
        r.edits ? fmtMs(r.saved.p50) : '',
        r.edits ? fmtMs(r.saved.p99) : '',
        r.serverCpu,
        r.generatorCpu,
      ]),
    ),
    '',
    '![presence latency](charts/presence-latency.svg)',
  ].join('\n');
  const series: Series[] = SERVER_KINDS.flatMap((kind) =>
    [false, true].map((edits) => ({
      label: `${kind}${edits ? ' + edits' : ''} p99`,
      color: SERVER_COLORS[kind],
      dashed: edits,
      points: rows
        .filter((r) => r.kind === kind && r.edits === edits)
        .map((r): [number, number] => [r.n, r.p99]),
    })),
  );
  return {
    title: '3. Presence',
    body,
    charts: [
      {
        file: 'presence-latency.svg',
        svg: lineChart({
          title: `Presence: cursor latency p99, ${CURSOR_HZ} Hz per client`,
          xLabel: 'clients on the board',
          yLabel: 'p99 latency (ms, log scale)',
          xValues: plan.presenceClients,
          series,
        }),
      },
    ],
  };
}
