/** Pieces every scenario uses: a writer with its own Y.Doc, pacing, CPU windows. */
import { createNote, notesMap } from '@paja/shared';
import * as Y from 'yjs';
import { type ClientOptions, now, REMOTE, SENT_AT, SyncClient } from './client';
import { type BoardRef, cpuMs, dialectOf, type RunningServer, sleep, wsUrl } from './servers';

export { sleep };

export interface Plan {
  quick: boolean;
  /** Length of each measurement window. */
  windowMs: number;
  warmupMs: number;
  fanoutObservers: number[];
  throughputWriters: number[];
  throughputRates: number[];
  presenceClients: number[];
  memoryCount: number;
  boardNotes: number;
  boardMoves: number;
  coldClients: number[];
  restartWriters: number;
  restartWriteMs: number;
}

export const FULL_PLAN: Plan = {
  quick: false,
  windowMs: 5000,
  warmupMs: 1000,
  fanoutObservers: [1, 10, 50, 100, 250, 500],
  throughputWriters: [1, 10, 50],
  throughputRates: [60, 120, 240],
  presenceClients: [20, 50, 100],
  memoryCount: 1000,
  boardNotes: 10_000,
  boardMoves: 100,
  coldClients: [1, 50, 150],
  restartWriters: 20,
  restartWriteMs: 4000,
};

export const QUICK_PLAN: Plan = {
  quick: true,
  windowMs: 2000,
  warmupMs: 500,
  fanoutObservers: [1, 10, 100],
  throughputWriters: [1, 10],
  throughputRates: [60, 240],
  presenceClients: [20, 50],
  memoryCount: 200,
  boardNotes: 2000,
  boardMoves: 20,
  coldClients: [1, 50],
  restartWriters: 20,
  restartWriteMs: 2000,
};

export interface WriterOptions {
  /** Paja: ask for `saved` messages (as Paja's own client does). */
  pajaClient?: boolean;
  /** Apply the updates others make (a real client does; costs the generator CPU). */
  applyUpdates?: boolean;
  onUpdate?: ClientOptions['onUpdate'];
}

/**
 * A person dragging a note: a Y.Doc of their own, one note made after the first sync, then
 * moves, each one transaction that also sets SENT_AT to the send time.
 */
export class Writer {
  readonly doc = new Y.Doc();
  client: SyncClient | null = null;
  /** The Yjs clock after each update that was put on an open socket, and when. */
  readonly sent: Array<{ clock: number; at: number }> = [];
  /** The SENT_AT of every move. */
  readonly moveTimes: number[] = [];
  #note: Y.Map<unknown> | null = null;
  #moves = 0;

  constructor(
    public server: RunningServer,
    readonly board: BoardRef,
    readonly options: WriterOptions = {},
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.client) return;
      if (this.client.sendUpdate(update)) {
        this.sent.push({ clock: Y.getState(this.doc.store, this.doc.clientID), at: now() });
      }
    });
  }

  connect(): SyncClient {
    const client = new SyncClient({
      url: wsUrl(this.server, this.board, { pajaClient: this.options.pajaClient }),
      dialect: dialectOf(this.server.kind),
      docName: this.board.name,
      doc: this.doc,
      applyUpdates: this.options.applyUpdates ?? false,
      onUpdate: this.options.onUpdate,
    });
    this.client = client;
    return client;
  }

  /** Moves whose SENT_AT lies in [from, to). */
  movesIn(from: number, to: number): number {
    let n = 0;
    for (const t of this.moveTimes) if (t >= from && t < to) n++;
    return n;
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  async connected(): Promise<SyncClient> {
    const client = this.connect();
    await client.opened;
    await client.synced;
    return client;
  }

  addNote(index: number): void {
    const id = createNote(this.doc, {
      x: (index % 50) * 220,
      y: Math.floor(index / 50) * 220,
      text: `Muistiinpano ${index}`,
      authorId: `bench-${index}`,
      authorName: `Bench ${index}`,
    });
    const note = notesMap(this.doc).get(id);
    if (!(note instanceof Y.Map)) throw new Error('note was not created');
    this.#note = note;
  }

  move(): void {
    const note = this.#note;
    if (!note) throw new Error('addNote first');
    const m = ++this.#moves;
    const sentAt = now();
    this.moveTimes.push(sentAt);
    this.doc.transact(() => {
      note.set('x', 100 + (m % 400));
      note.set('y', 100 + ((m * 7) % 300));
      note.set(SENT_AT, { [SENT_AT]: sentAt });
    });
  }
}

/**
 * Calls each actor `rate` times a second, phases spread evenly, until stopped. Keeps the
 * average rate exact (a late tick catches up by at most three calls per actor).
 */
export function pace(actors: Array<() => void>, rate: number) {
  const period = 1000 / rate;
  const start = now();
  const offsets = actors.map((_, i) => (i / Math.max(1, actors.length)) * period);
  const done = actors.map(() => 0);
  const timer = setInterval(() => {
    const t = now() - start;
    for (let i = 0; i < actors.length; i++) {
      const owed = Math.floor((t - (offsets[i] as number)) / period) + 1;
      let burst = 0;
      while ((done[i] as number) < owed && burst < 3) {
        done[i] = (done[i] as number) + 1;
        burst++;
        (actors[i] as () => void)();
      }
      if ((done[i] as number) < owed) done[i] = owed; // skipped: the generator was late
    }
  }, 2);
  return {
    stop: () => clearInterval(timer),
    calls: () => done.reduce((a, b) => a + b, 0),
  };
}

export interface CpuWindow {
  ms: number;
  serverCpuMs: number;
  generatorCpuMs: number;
}

/** Runs `body`, measuring wall time and the CPU time of the server and of this process. */
export async function cpuWindow(
  server: RunningServer,
  body: () => Promise<void>,
): Promise<CpuWindow> {
  const serverBefore = cpuMs(server.pid);
  const generatorBefore = process.cpuUsage();
  const started = now();
  await body();
  const ms = now() - started;
  const generator = process.cpuUsage(generatorBefore);
  return {
    ms,
    serverCpuMs: cpuMs(server.pid) - serverBefore,
    generatorCpuMs: (generator.user + generator.system) / 1000,
  };
}

/** Closes clients and gives the server a moment to let them go. */
export async function closeAll(
  clients: Iterable<SyncClient | null>,
  settleMs = 300,
): Promise<void> {
  for (const client of clients) client?.close();
  await sleep(settleMs);
}

/** Waits until `done()` or `timeoutMs`. */
export async function waitFor(
  done: () => boolean,
  timeoutMs: number,
  stepMs = 20,
): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    if (done()) return true;
    await sleep(stepMs);
  }
  return done();
}

export const log = (message: string): void => {
  const time = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[${time}] ${message}\n`);
};
