/** Pieces every scenario uses: a writer with its own Y.Doc, pacing, CPU windows. */
import { createNote, notesMap } from '@paja/shared';
import * as Y from 'yjs';
import { type ClientOptions, now, REMOTE, SENT_AT, SyncClient } from './client';
import {
  answersSaved,
  type BoardRef,
  cpuMs,
  dialectOf,
  type RunningServer,
  sleep,
  wsUrl,
} from './servers';

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
  /** The crowd: read-only connections on one published board, editors, their rate. */
  crowdReaders: number;
  crowdEditors: number;
  crowdEditHz: number;
  /** Generator processes the readers are spread over. */
  crowdProcesses: number;
  /** Scenario "writers": this many writers on one board, each at this rate. */
  writersOnOneBoard: number;
  writersHz: number;
  /**
   * The writers scenario's warm-up and measured window. 10 s by default: a 5 s window of 50
   * writers moved by 10-20 % from one pass to the next on this machine, and a peer near one
   * full core (Hocuspocus, y-websocket) spent 74 % of it in one 5 s window and 99 % in the
   * next (bench/RESULTS.md, "One commit gathering time, and ten-second windows").
   */
  writersWarmupMs: number;
  writersWindowMs: number;
}

export const FULL_PLAN: Plan = {
  quick: false,
  windowMs: 5000,
  warmupMs: 1000,
  fanoutObservers: [1, 10, 50, 100, 250, 500],
  throughputWriters: [1, 10, 50],
  throughputRates: [60, 120, 240],
  presenceClients: [20, 50, 100, 500],
  memoryCount: 1000,
  boardNotes: 10_000,
  boardMoves: 100,
  coldClients: [1, 50, 150],
  restartWriters: 20,
  restartWriteMs: 4000,
  crowdReaders: 5000,
  crowdEditors: 50,
  crowdEditHz: 1,
  crowdProcesses: 4,
  writersOnOneBoard: 50,
  writersHz: 30,
  writersWarmupMs: 2000,
  writersWindowMs: 10_000,
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
  crowdReaders: 1000,
  crowdEditors: 20,
  crowdEditHz: 1,
  crowdProcesses: 2,
  writersOnOneBoard: 20,
  writersHz: 30,
  writersWarmupMs: 500,
  writersWindowMs: 2000,
};

export interface WriterOptions {
  /**
   * Paja only: connect as a facilitator instead of a participant. A participant is what a
   * workshop has fifty of: its every update passes the server's edit guard. Default false.
   */
  facilitator?: boolean;
  /**
   * Paja only: speak as Paja's own client does, which asks for `saved` after every change and
   * gets `welcome`, reader counts and `saved` messages. Default true.
   */
  pajaClient?: boolean;
  /** Apply the updates others make (a real client does; costs the generator CPU). */
  applyUpdates?: boolean;
  onUpdate?: ClientOptions['onUpdate'];
}

/** A change's round trip to durable storage: sent at, and when `saved` covered it. */
export interface SavedSample {
  sentAt: number;
  ms: number;
}

let writerCount = 0;

/**
 * A writer's save requests as Paja's client makes them (client/src/board/session/saveTracker.ts):
 * a counter per change, a save request carrying it, and `saved` echoing the highest counter it
 * covers. Records, per change, the time from its send to the `saved` that covered it.
 */
export class SaveTracker {
  /** Every change's time to `saved`, in order of confirmation. */
  readonly saved: SavedSample[] = [];
  /** Changes sent and not yet confirmed: their markers and send times, in order. */
  #unconfirmed: Array<{ marker: number; at: number }> = [];
  #changes = 0;

  /** A change was sent at `at`: the marker its save request carries. */
  sent(at: number): number {
    this.#changes++;
    this.#unconfirmed.push({ marker: this.#changes, at });
    return this.#changes;
  }

  /** `saved` arrived at `at`, covering every change up to `marker`. */
  confirmed(marker: number, at: number): void {
    let covered = 0;
    for (const change of this.#unconfirmed) {
      if (change.marker > marker) break;
      this.saved.push({ sentAt: change.at, ms: at - change.at });
      covered++;
    }
    if (covered > 0) this.#unconfirmed = this.#unconfirmed.slice(covered);
  }

  /** Times to `saved` of the changes sent in [from, to). */
  savedIn(from: number, to: number): number[] {
    return this.saved.filter((s) => s.sentAt >= from && s.sentAt < to).map((s) => s.ms);
  }

  /** Changes sent in [from, to) that no `saved` covered (yet). */
  unsavedIn(from: number, to: number): number {
    return this.#unconfirmed.filter((c) => c.at >= from && c.at < to).length;
  }
}

/**
 * A person dragging a note: a Y.Doc of their own, one note made after the first sync, then
 * moves, each one transaction that also sets SENT_AT to the send time.
 *
 * On Paja it is a participant (its own link, its own participant key) that asks for `saved`
 * after every change, exactly as Paja's client does (client/src/board/session/saveTracker.ts):
 * a counter per change, a save request carrying it, and `saved` echoing the highest counter it
 * covers. `saved` records, per change, the time from its send to the `saved` that covered it.
 */
export class Writer {
  readonly doc = new Y.Doc();
  client: SyncClient | null = null;
  /** The Yjs clock after each update that was put on an open socket, and when. */
  readonly sent: Array<{ clock: number; at: number }> = [];
  /** The SENT_AT of every move. */
  readonly moveTimes: number[] = [];
  /** Paja: every change's time to `saved`. */
  readonly saves = new SaveTracker();
  readonly #key =
    `bench-writer-${process.pid}-${++writerCount}-${Math.random().toString(36).slice(2)}`;
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
        const at = now();
        this.sent.push({ clock: Y.getState(this.doc.store, this.doc.clientID), at });
        if (this.#asksSaved) this.client.requestSaved(this.saves.sent(at));
      }
    });
  }

  get #asksSaved(): boolean {
    return answersSaved(this.server.kind) && this.options.pajaClient !== false;
  }

  connect(): SyncClient {
    const paja = this.server.kind === 'paja';
    const client = new SyncClient({
      url: wsUrl(this.server, this.board, {
        pajaClient: this.#asksSaved,
        as: paja && !this.options.facilitator ? 'participant' : 'facilitator',
        participantKey: this.#key,
      }),
      dialect: dialectOf(this.server.kind),
      docName: this.board.name,
      doc: this.doc,
      applyUpdates: this.options.applyUpdates ?? false,
      onUpdate: this.options.onUpdate,
      onSaved: (marker, at) => this.saves.confirmed(marker, at),
    });
    this.client = client;
    return client;
  }

  /** Times to `saved` of the changes sent in [from, to). */
  savedIn(from: number, to: number): number[] {
    return this.saves.savedIn(from, to);
  }

  /** Changes sent in [from, to) that no `saved` covered (yet). */
  unsavedIn(from: number, to: number): number {
    return this.saves.unsavedIn(from, to);
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
    // A participant may add notes only in its own name (the server's edit guard checks it).
    const authorId = this.client?.participantId ?? `bench-${index}`;
    const id = createNote(this.doc, {
      x: (index % 50) * 220,
      y: Math.floor(index / 50) * 220,
      text: `Muistiinpano ${index}`,
      authorId,
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
