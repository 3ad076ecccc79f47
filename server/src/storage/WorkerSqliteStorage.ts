import { Worker } from 'node:worker_threads';
import type { Role } from '@paja/shared';
import { BlobExistsError, type BlobStore } from './BlobStore';
import { LocalLeases } from './localLeases';
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
 */
export class WorkerSqliteStorage implements Storage {
  readonly #file: string;
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  /** Requests made since the last round was posted, in order. */
  #nextRound: WorkerRequest[] = [];
  #roundScheduled = false;
  #roundsPosted = 0;
  #answersReceived = 0;
  #nextId = 1;
  #closed = false;
  readonly #leases = new LocalLeases();
  /** Files go through the worker too: a multi-megabyte write must not stall the event loop. */
  readonly blobs: BlobStore = {
    put: (boardId, files) => this.#call({ op: 'blob', method: 'put', args: [boardId, files] }),
    get: (boardId, id) => this.#call({ op: 'blob', method: 'get', args: [boardId, id] }),
    list: (boardId) => this.#call({ op: 'blob', method: 'list', args: [boardId] }),
    delete: (boardId, ids) => this.#call({ op: 'blob', method: 'delete', args: [boardId, ids] }),
    totalBytes: (boardId) => this.#call({ op: 'blob', method: 'totalBytes', args: [boardId] }),
  };

  static open(dataDir: string): WorkerSqliteStorage {
    return new WorkerSqliteStorage(sqliteFileIn(dataDir));
  }

  /**
   * Opens nothing on the calling thread: the worker opens (and creates) the database when it
   * starts, at the first call. The server pings it as soon as it listens (main.ts), so that a
   * bad path still fails at start, loudly.
   */
  constructor(file: string) {
    this.#file = file;
  }

  #start(): Worker {
    const worker = new Worker(new URL('./sqliteWorkerEntry.mjs', import.meta.url), {
      workerData: { file: this.#file } satisfies WorkerStart,
    });
    worker.on('message', (answers: WorkerRoundAnswer) => {
      this.#answersReceived++;
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

  /** Posts everything asked in this turn of the event loop as one round, after the turn. */
  #scheduleRound(): void {
    if (this.#roundScheduled) return;
    this.#roundScheduled = true;
    setImmediate(() => {
      this.#roundScheduled = false;
      const worker = this.#worker;
      if (this.#nextRound.length === 0 || !worker) return;
      const round: WorkerRound = this.#nextRound;
      this.#nextRound = [];
      this.#roundsPosted++;
      worker.postMessage(round);
    });
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
    if (this.#worker) {
      const worker = this.#worker;
      await this.#call({ op: 'close' }).catch(() => {});
      await worker.terminate();
    }
    this.#closed = true;
  }
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
