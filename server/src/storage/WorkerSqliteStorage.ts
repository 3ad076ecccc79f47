import { Worker } from 'node:worker_threads';
import type { Role } from '@paja/shared';
import { COMMIT_GATHER_MS, CommitPacing } from '../CommitPacing';
import { BlobExistsError, type BlobStore } from './BlobStore';
import { LocalLeases } from './localLeases';
import { QuietCommitBudget } from './QuietCommitBudget';
import { SqliteDatabase } from './SqliteDatabase';
import {
  BoardExistsError,
  BoardMissingError,
  type Committed,
  type CompactFn,
  type SideTail,
  type SideWrite,
  type Storage,
  type StoredBoard,
  type StoredTail,
} from './Storage';
import { sqliteFileIn } from './sqliteFile';
import type {
  WorkerRequest,
  WorkerRound,
  WorkerRoundAnswer,
  WorkerStart,
} from './sqliteWorkerProtocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type AppendCall = Extract<WorkerRequest, { op: 'append' }>;

/**
 * The shortest time between the starts of two rounds that carry appends: half a board's own
 * gathering time (CommitPacing.ts). A busy board alone began its last round at least
 * COMMIT_GATHER_MS ago, so this does not hold it a second time (holding rounds for the whole
 * COMMIT_GATHER_MS doubled such a board's `saved` time at the median, 5-6 ms to 10-14 ms).
 * Among many boards, another board's round may hold it up to this long; letting its pacing's
 * appends skip the wait measured no lower `saved` time (bench/RESULTS.md, "Where issue 15
 * stands"). Boards that each commit at their own pace share transactions.
 */
export const ROUND_GATHER_MS = COMMIT_GATHER_MS / 2;

/** After every this many commits on the server thread, the worker checkpoints the log. */
const CHECKPOINT_EVERY = 256;

export interface WorkerSqliteOptions {
  /**
   * Whether a quiet round of appends may be committed on the server thread (default true):
   * WorkerSqliteStorage explains when and why. Tests of the worker's own rounds turn it off.
   */
  commitQuietRoundsHere?: boolean;
  /** Of each second, the most such commits may take (ms; QUIET_COMMIT_BUDGET_MS if not given). */
  quietCommitBudgetMs?: number;
  /** A commit slower than this pauses them (ms; QUIET_COMMIT_STALL_MS if not given). */
  quietCommitStallMs?: number;
}
type RequestBody = WorkerRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

export class StorageWorkerError extends Error {
  override name = 'StorageWorkerError';
}

/**
 * The embedded default storage: SQLite (WAL, synchronous=FULL) in a worker thread, so that the
 * server keeps relaying edits while a commit waits for the disk. If the worker dies, the
 * pending calls fail (the rooms keep the edits and retry) and the next call starts a new one.
 *
 * Calls go to the worker in rounds (sqliteWorkerProtocol.ts): everything asked in one turn of
 * the event loop is one message, and the worker answers everything it handled in one turn of
 * its own with one message. Under load a turn holds many boards' commits (each board's
 * SavePipeline starts its commit on `setImmediate`, so all that start in one turn land in one
 * round), so fifty boards committing together cost two thread wake-ups, not a hundred. Rounds
 * are not held back while one is in flight: the worker keeps committing what queued while the
 * server thread is busy, as it did with one message per call (holding the next round until
 * the last was answered left the worker idle while the server thread was busy, and `saved`
 * came later under load in every throughput step we ran it in: bench/RESULTS.md). The worker commits the appends it has queued, of all boards,
 * in one transaction; each board still gets its own answer, and one board's failing append
 * fails only that board (SqliteDatabase).
 *
 * Rounds that carry appends start at least ROUND_GATHER_MS (5 ms) apart: boards that each
 * commit at their own pace (ten boards, each with one person dragging at 60 Hz, asked for 600
 * commits a second) share transactions and their fsyncs, at most 200 a second for the whole
 * server, and `saved` comes at most that much later. It saved 7-26 % of the CPU per update of
 * ten and fifty such boards at 60 Hz (bench/RESULTS.md, "Commits of many boards gathered"). A
 * quiet server still commits at once.
 *
 * A quiet round is committed on the server thread instead (`#mayCommitHere`): when the worker
 * has nothing in flight and the round holds only appends, a second connection on this thread
 * commits it (the same fsync'd transaction) without waking the worker, within a budget of the
 * thread's time (QuietCommitBudget). Under load the rounds go to the worker as above.
 */
export class WorkerSqliteStorage implements Storage {
  readonly #file: string;
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  /** Requests made since the last round was posted, in order. */
  #nextRound: WorkerRequest[] = [];
  #roundScheduled = false;
  /** Spaces the rounds that carry appends (ROUND_GATHER_MS). */
  readonly #appendRounds = new CommitPacing(ROUND_GATHER_MS);
  #roundsPosted = 0;
  #answersReceived = 0;
  #nextId = 1;
  #closed = false;
  readonly #leases = new LocalLeases();
  readonly #commitQuietRoundsHere: boolean;
  /** The server thread's own connection, for quiet rounds; opened at the first such round. */
  #here: SqliteDatabase | null = null;
  /** Whether the worker has answered once since it started: the file exists and is migrated. */
  #workerReady = false;
  readonly #budget: QuietCommitBudget;
  #commitsHere = 0;
  /** Set when `close` starts: no round is committed here after that. */
  #closing = false;
  /** Files go through the worker too: a multi-megabyte write must not stall the event loop. */
  readonly blobs: BlobStore = {
    put: (boardId, files) => this.#call({ op: 'blob', method: 'put', args: [boardId, files] }),
    get: (boardId, id) => this.#call({ op: 'blob', method: 'get', args: [boardId, id] }),
    list: (boardId) => this.#call({ op: 'blob', method: 'list', args: [boardId] }),
    delete: (boardId, ids) => this.#call({ op: 'blob', method: 'delete', args: [boardId, ids] }),
    totalBytes: (boardId) => this.#call({ op: 'blob', method: 'totalBytes', args: [boardId] }),
  };

  static open(dataDir: string, options: WorkerSqliteOptions = {}): WorkerSqliteStorage {
    return new WorkerSqliteStorage(sqliteFileIn(dataDir), options);
  }

  /**
   * Opens nothing on the calling thread: the worker opens (and creates) the database when it
   * starts, at the first call. The server pings it as soon as it listens (main.ts), so that a
   * bad path still fails at start, loudly.
   */
  constructor(file: string, options: WorkerSqliteOptions = {}) {
    this.#file = file;
    this.#commitQuietRoundsHere = options.commitQuietRoundsHere ?? true;
    this.#budget = new QuietCommitBudget(options.quietCommitBudgetMs, options.quietCommitStallMs);
  }

  #start(): Worker {
    const worker = new Worker(new URL('./sqliteWorkerEntry.mjs', import.meta.url), {
      workerData: { file: this.#file } satisfies WorkerStart,
    });
    worker.on('message', (answers: WorkerRoundAnswer) => {
      this.#answersReceived++;
      this.#workerReady = true;
      for (const answer of answers) {
        const pending = this.#pending.get(answer.id);
        if (!pending) continue;
        this.#pending.delete(answer.id);
        if (answer.ok) pending.resolve(answer.value);
        else pending.reject(rebuildError(answer.error));
      }
      if (this.#pending.size === 0) worker.unref();
    });
    const stopped = (why: string) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#workerReady = false;
      this.#nextRound = [];
      for (const pending of this.#pending.values()) pending.reject(new StorageWorkerError(why));
      this.#pending.clear();
    };
    worker.on('error', (error) => stopped(`storage worker failed: ${error.message}`));
    worker.on('exit', (code) => stopped(`storage worker exited with code ${code}`));
    // An idle worker must not keep the process alive, but one with calls in flight must: on
    // SIGTERM the last flush and compaction run while nothing else holds the event loop, and
    // an unreferenced worker let the process end in the middle, before "stopped" was logged.
    worker.unref();
    return worker;
  }

  /** Rounds posted to the worker since it was opened (tests count them). */
  get roundsPosted(): number {
    return this.#roundsPosted;
  }

  /** Messages of answers received from the worker since it was opened (tests count them). */
  get answersReceived(): number {
    return this.#answersReceived;
  }

  /** Rounds of appends committed on the server thread since it was opened (tests count them). */
  get roundsCommittedHere(): number {
    return this.#commitsHere;
  }

  #call<T>(body: RequestBody): Promise<T> {
    if (this.#closed) return Promise.reject(new StorageWorkerError('storage is closed'));
    if (!this.#worker) this.#worker = this.#start();
    const worker = this.#worker;
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.#pending.size === 0) worker.ref();
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#nextRound.push({ ...body, id } as WorkerRequest);
      this.#scheduleRound();
    });
  }

  /**
   * Posts everything asked in this turn of the event loop as one round, after the turn; a round
   * with appends no sooner than ROUND_GATHER_MS after the last such round began, so that the
   * commits of many boards share one transaction (and its fsync), as one board's do.
   */
  #scheduleRound(): void {
    if (this.#roundScheduled) return;
    this.#roundScheduled = true;
    const wait = this.#nextRound.some((request) => request.op === 'append')
      ? this.#appendRounds.msUntilNext()
      : 0;
    if (wait > 0) setTimeout(this.#postRound, wait);
    else setImmediate(this.#postRound);
  }

  #postRound = (): void => {
    this.#roundScheduled = false;
    const worker = this.#worker;
    if (this.#nextRound.length === 0 || !worker) return;
    const round: WorkerRound = this.#nextRound;
    this.#nextRound = [];
    if (round.some((request) => request.op === 'append')) this.#appendRounds.started();
    const toWorker = this.#mayCommitHere(round) ? this.#commitHere(round as AppendCall[]) : round;
    if (toWorker.length === 0) return;
    this.#roundsPosted++;
    worker.postMessage(toWorker);
  };

  /**
   * Whether this round may be committed on the server thread: it holds appends only, the worker
   * has nothing else in flight, and the budget allows. A round trip to the worker wakes two
   * threads, about 500 µs of CPU on a small VM (bench:wakeups), for a quiet board's commit that
   * itself costs about 110 µs and blocks for about 240 µs. With nothing in flight, the worker's
   * connection holds no lock and every earlier call is answered, so the order of commits holds;
   * calls made meanwhile wait for this one, which is synchronous.
   */
  #mayCommitHere(round: WorkerRound): boolean {
    return (
      this.#commitQuietRoundsHere &&
      this.#workerReady &&
      !this.#closing &&
      this.#pending.size === round.length &&
      round.every((request) => request.op === 'append') &&
      this.#budget.allows()
    );
  }

  /**
   * Commits the round's appends in one transaction on this thread and answers them; returns
   * those it could not commit, for the worker, which waits for locks and reports errors as it
   * always does. The whole round if the connection did not open or the transaction failed
   * (nothing of it is stored then); a board's append that found the file locked by another
   * connection (rolled back alone, as any board's failure in a batch) is no failure of the
   * board's, so it goes to the worker too.
   */
  #commitHere(round: AppendCall[]): WorkerRound {
    let results: (Committed | Error)[];
    let started = 0;
    try {
      // Opened once, outside the time the budget counts: loading the addon and preparing the
      // statements is no sign of a slow disk.
      this.#here ??= new SqliteDatabase(this.#file, { onServerThread: true });
      started = performance.now();
      results = this.#here.appendBatch(round);
    } catch {
      this.#budget.pause();
      return round;
    }
    this.#budget.spent(performance.now() - started);
    const toWorker: AppendCall[] = [];
    for (const [i, call] of round.entries()) {
      const result = results[i];
      if (isLocked(result)) {
        toWorker.push(call);
        continue;
      }
      const pending = this.#pending.get(call.id);
      this.#pending.delete(call.id);
      if (result instanceof Error) pending?.reject(result);
      else if (result) pending?.resolve(result);
    }
    if (toWorker.length > 0) this.#budget.pause();
    if (toWorker.length < round.length && ++this.#commitsHere % CHECKPOINT_EVERY === 0) {
      // The server thread's connection never checkpoints (SqliteDatabase): the worker does.
      this.#call({ op: 'checkpoint' }).catch(() => {});
    }
    if (this.#pending.size === 0) this.#worker?.unref();
    return toWorker;
  }

  createBoard(boardId: string, state: Uint8Array): Promise<void> {
    return this.#call({ op: 'createBoard', boardId, state });
  }

  boardExists(boardId: string): Promise<boolean> {
    return this.#call({ op: 'boardExists', boardId });
  }

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    return this.#call({ op: 'loadBoard', boardId });
  }

  updatesSince(boardId: string, afterSeq: number): Promise<StoredTail | null> {
    return this.#call({ op: 'updatesSince', boardId, afterSeq });
  }

  appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[] = [],
  ): Promise<Committed> {
    return this.#call({ op: 'append', boardId, updates: updates.map(ownBytes), side: [...side] });
  }

  sideSince(boardId: string, afterSideSeq: number): Promise<SideTail | null> {
    return this.#call({ op: 'sideSince', boardId, afterSideSeq });
  }

  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.#call({ op: 'compact', boardId, snapshot, throughSeq });
  }

  withCompactionLease<T>(boardId: string, work: (compact: CompactFn) => Promise<T>) {
    return this.#leases.run(this, boardId, work);
  }

  linkGeneration(boardId: string, role: Role): Promise<number> {
    return this.#call({ op: 'linkGeneration', boardId, role });
  }

  revokeLinks(boardId: string, role: Role): Promise<number> {
    return this.#call({ op: 'revokeLinks', boardId, role });
  }

  boardsUnchangedSince(at: number): Promise<string[]> {
    return this.#call({ op: 'boardsUnchangedSince', at });
  }

  deleteBoard(boardId: string): Promise<boolean> {
    return this.#call({ op: 'deleteBoard', boardId });
  }

  ping(): Promise<void> {
    return this.#call({ op: 'ping' });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closing = true;
    this.#here?.close();
    this.#here = null;
    if (this.#worker) {
      const worker = this.#worker;
      await this.#call({ op: 'close' }).catch(() => {});
      await worker.terminate();
    }
    this.#closed = true;
  }
}

/** Whether SQLite failed because another connection held the lock it needed. */
function isLocked(result: Committed | Error | undefined): boolean {
  const code = result instanceof Error ? (result as { code?: unknown }).code : undefined;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  );
}

/** Errors cross the thread as name and message; give the known ones their class back. */
function rebuildError(error: { name: string; message: string }): Error {
  const rebuilt =
    error.name === 'BoardExistsError'
      ? Object.assign(new BoardExistsError(''), { message: error.message })
      : error.name === 'BoardMissingError'
        ? Object.assign(new BoardMissingError(''), { message: error.message })
        : error.name === 'BlobExistsError'
          ? Object.assign(new BlobExistsError(''), { message: error.message })
          : Object.assign(new Error(error.message), { name: error.name });
  return rebuilt;
}

/**
 * The update's bytes in a buffer of their own. An update decoded from a socket message is a
 * view into the socket's read buffer (64 KiB), and posting a view to the worker copies its
 * whole buffer: profiled under 50 writers, `postMessage` took 9 % of the main thread.
 */
function ownBytes(update: Uint8Array): Uint8Array {
  return update.byteLength === update.buffer.byteLength ? update : update.slice();
}
