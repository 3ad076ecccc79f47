import type { Logger } from '../log';
import type { Storage } from '../storage/Storage';
import { compactionDue, compactStoredBoard, type LogSize } from './compaction';

/** Where the board's stored log stood when it was loaded. */
export interface LoadedLog {
  lastSeq: number;
  /** Updates in the log after the snapshot. */
  sinceSnapshot: number;
  /** Snapshot plus log, in bytes. */
  storedBytes: number;
  /** The log after the snapshot, in bytes. */
  logBytes: number;
}

/**
 * The share of a board's time its compactions may take when they start by themselves: after a
 * compaction that took d, the next due one waits until 9d have passed. Each compaction merges
 * and rewrites the whole board, and on a busy board (50 writers at 30 Hz) one was due again as
 * soon as the last ended, so merging and rewriting took the core the room relays on. At a
 * quarter, compaction was still a third of the server's CPU under 50 writers (their notes'
 * history makes every merge longer, bench/RESULTS.md "Pacing a busy board"); at a tenth it is
 * housekeeping. The log meanwhile stays durable; it only grows longer, and the next load
 * folds it. Compactions asked for (at load, unload, when a person is forgotten) do not wait.
 */
export const COMPACTION_DUTY = 0.1;

/**
 * Up to this size of its last snapshot, a board compacts by encoding the live document instead
 * of merging the stored log (LogCompaction.#compactLive). Encoding costs in proportion to the
 * board: its snapshot and what the log added to it, which is at most the log's 64 KiB or so
 * when a compaction is due (compaction.ts), so up to about 2 ms here. Merging costs in
 * proportion to the updates in the log, which on a small busy board are thousands of small
 * moves: 50 boards with a writer each at 240 Hz spent 4 % of the server thread merging. A
 * larger board's merge runs in a worker thread as before (mergeOffThread.ts): encoding 256 KiB
 * of notes took 5-7 ms (bench:wakeups), too long to hold up this thread.
 */
export const LIVE_SNAPSHOT_MAX_BYTES = 64 * 1024;

/** What a LogCompaction may use besides storage. */
export interface LogCompactionOptions {
  /** The clock, in ms (tests pass their own). */
  now?: () => number;
  /**
   * The board's live document, encoded whole: it holds every update this instance stored, and
   * a snapshot of it may replace the log this instance alone wrote (LIVE_SNAPSHOT_MAX_BYTES).
   */
  liveState?: () => Uint8Array;
}

/** One stretch of the log this instance knows of: a commit (or the log as loaded). */
interface LogStretch {
  /** The sequence number of its last update: folded once a compaction reaches it. */
  lastSeq: number;
  updates: number;
  bytes: number;
}

/**
 * A board's update log since its snapshot, and the compactions that fold it into a new one
 * (SavePipeline owns one per board).
 *
 * A compaction runs beside the commits, never in their way: it folds what storage holds up to
 * the sequence number it read (or, on a small board whose whole log this instance wrote, the
 * live document: #compactLive), and storage keeps every update appended after that (the storage
 * contract), so commits and their `saved` messages go on while it merges. Measured under 50
 * writers on a fresh board (bench/RESULTS.md, "The writers at 30 Hz"): the commit loop used to
 * wait for each compaction, merging thousands of small updates took seconds, and no `saved`
 * went out meanwhile. One compaction at a time: a second would merge the same log again.
 */
export class LogCompaction {
  readonly #storage: Storage;
  readonly #boardId: string;
  readonly #compactEvery: number;
  readonly #log: Logger;
  /** The log after the snapshot, as far as this instance appended or loaded it, in order. */
  #stretches: LogStretch[] = [];
  /** Their updates and bytes, kept as they change (admission reads the size per update). */
  #logUpdates = 0;
  #logBytes = 0;
  #snapshotBytes: number;
  /** The compaction running (or queued behind it), if any. */
  #running: Promise<void> | null = null;
  /** When the next compaction may start by itself (COMPACTION_DUTY). */
  #nextStart = Number.NEGATIVE_INFINITY;
  readonly #now: () => number;
  readonly #liveState: (() => Uint8Array) | null;
  /** The sequence number of the last update this instance loaded or appended. */
  #lastSeq: number;
  /**
   * Whether every update in the log through #lastSeq was loaded or appended here, so that the
   * live document holds them all. Another instance's append leaves a gap in our sequence
   * numbers, and from then on only storage knows the whole log.
   */
  #aloneInLog = true;

  constructor(
    storage: Storage,
    boardId: string,
    loaded: LoadedLog,
    compactEvery: number,
    log: Logger,
    options: LogCompactionOptions = {},
  ) {
    this.#now = options.now ?? (() => performance.now());
    this.#liveState = options.liveState ?? null;
    this.#lastSeq = loaded.lastSeq;
    this.#storage = storage;
    this.#boardId = boardId;
    this.#compactEvery = compactEvery;
    this.#log = log;
    this.#snapshotBytes = loaded.storedBytes - loaded.logBytes;
    this.#keep([
      { lastSeq: loaded.lastSeq, updates: loaded.sinceSnapshot, bytes: loaded.logBytes },
    ]);
  }

  /** A commit appended `updates`, the last of them numbered `lastSeq`. */
  appended(lastSeq: number, updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return;
    if (lastSeq - updates.length !== this.#lastSeq) this.#aloneInLog = false;
    this.#lastSeq = lastSeq;
    let bytes = 0;
    for (const update of updates) bytes += update.byteLength;
    // In place: a busy board appends thousands of times between two compactions, and copying
    // and summing the whole list per commit was 1.5 % of the server thread's time (profile of
    // 50 boards with a writer each at 240 Hz).
    this.#stretches.push({ lastSeq, updates: updates.length, bytes });
    this.#logUpdates += updates.length;
    this.#logBytes += bytes;
  }

  get size(): LogSize {
    return {
      updates: this.#logUpdates,
      logBytes: this.#logBytes,
      storedBytes: this.#snapshotBytes + this.#logBytes,
    };
  }

  /** The log is now `stretches` (the empty ones left out), and its totals theirs. */
  #keep(stretches: LogStretch[]): void {
    this.#stretches = stretches.filter((stretch) => stretch.updates > 0 || stretch.bytes > 0);
    this.#logUpdates = 0;
    this.#logBytes = 0;
    for (const stretch of this.#stretches) {
      this.#logUpdates += stretch.updates;
      this.#logBytes += stretch.bytes;
    }
  }

  /** Whether the log is long enough to fold now (compaction.ts). */
  get due(): boolean {
    return compactionDue(this.size, this.#compactEvery);
  }

  /** Whether a compaction is running now. */
  get running(): boolean {
    return this.#running !== null;
  }

  /**
   * Starts a compaction if one is due, none runs, and the last ended long enough ago
   * (COMPACTION_DUTY); does not wait for it.
   */
  startIfDue(): void {
    if (this.#running === null && this.#now() >= this.#nextStart && this.due) void this.run();
  }

  /**
   * Folds the log into one snapshot, after the compaction in progress if there is one;
   * `forget`: leaving out deleted content (a forgotten name) too. A failure is logged and the
   * log kept.
   */
  run(forget = false): Promise<void> {
    const previous = this.#running ?? Promise.resolve();
    const next = previous.then(() => this.#compact(forget));
    this.#running = next;
    void next.finally(() => {
      if (this.#running === next) this.#running = null;
    });
    return next;
  }

  /** Resolves once no compaction is running (at once if none is). */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #compact(forget: boolean): Promise<void> {
    const started = this.#now();
    try {
      const live = !forget && this.#canCompactLive();
      const done = live
        ? await this.#compactLive()
        : await compactStoredBoard(this.#storage, this.#boardId, forget);
      if (!done) {
        // Another instance holds the lease and is folding the log into its snapshot: the log
        // is short again, the stored bytes about the same.
        this.#snapshotBytes = this.size.storedBytes;
        this.#keep([]);
        return;
      }
      // What was appended after the sequence number the compaction read is still logged.
      this.#keep(this.#stretches.filter((stretch) => stretch.lastSeq > done.throughSeq));
      this.#snapshotBytes = done.bytes;
      this.#log.debug('compacted', done);
    } catch (error) {
      this.#log.warn('compaction failed; the update log is kept', { error });
    } finally {
      const ended = this.#now();
      this.#nextStart = ended + ((ended - started) * (1 - COMPACTION_DUTY)) / COMPACTION_DUTY;
    }
  }

  #canCompactLive(): boolean {
    return (
      this.#liveState !== null && this.#aloneInLog && this.#snapshotBytes <= LIVE_SNAPSHOT_MAX_BYTES
    );
  }

  /**
   * Folds the log through #lastSeq into a snapshot of the live document, under the lease. The
   * document holds every update through it (#aloneInLog), and may hold later ones whose commit
   * is still on its way: they are in the snapshot too, and applying them again from the log is
   * harmless (an update applied twice changes nothing). Deleted content the document has
   * already collected is left out, as a client's own document leaves it out.
   */
  #compactLive(): Promise<{ throughSeq: number; bytes: number } | null> {
    const throughSeq = this.#lastSeq;
    const liveState = this.#liveState as () => Uint8Array;
    return this.#storage.withCompactionLease(this.#boardId, async (compact) => {
      const snapshot = liveState();
      await compact(snapshot, throughSeq);
      return { throughSeq, bytes: snapshot.byteLength };
    });
  }
}
