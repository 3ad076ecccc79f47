import { encodeSaved } from '@paja/shared';
import * as Y from 'yjs';
import { CommitPacing } from './CommitPacing';
import { type LoadedLog, LogCompaction } from './compaction/LogCompaction';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import type { Committed, SideWrite, Storage, StoredBoard } from './storage/Storage';
import type { ClientEnds } from './updateEnds';

/** Who hears `saved` after a commit (a connection; this file knows no sockets). */
export interface SaveRecipient {
  /** Paja's own client understands `saved`; stock y-websocket clients are not sent it. */
  readonly pajaClient: boolean;
  send(message: Uint8Array): void;
}

export interface SavePipelineOptions {
  /** Compact the log after this many updates at the latest (earlier by bytes: compactionDue). */
  compactEvery: number;
  metrics: Metrics;
  log: Logger;
  /** The board's live document, encoded whole: small boards compact from it (LogCompaction). */
  liveState?: () => Uint8Array;
  /** After each commit: the numbers storage gave it, its updates and its side-state writes. */
  onCommitted?: (committed: Committed, updates: Uint8Array[], side: SideWrite[]) => void;
}

/** Where the pipeline starts: the board as it was loaded from storage. */
export interface LoadedState extends LoadedLog {
  /** The loaded document's state vector: all of it is durable. */
  stateVector: Map<number, number>;
}

interface PendingUpdate {
  update: Uint8Array;
  /** The connection it came from, which hears about it in its next `saved`. */
  from: SaveRecipient | null;
  /** Where its structs end per client (updateEnds.ts), when the room knew it already. */
  ends: ClientEnds | null;
}

interface SaveWaiter {
  /** Yjs client ids whose durable clocks the recipient hears. */
  clients: Set<number>;
  /** Highest save marker it asked about. */
  marker: number;
}

interface CommitWaiter {
  /** Resolve once this many writes (counted from the start) are committed. */
  upTo: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The most we wait between retries when storage fails; edits stay in memory meanwhile. */
const MAX_RETRY_MS = 30_000;

/**
 * The path of one board's changes to storage, and the only thing that may say "saved".
 *
 * Group commit: everything queued within one turn of the event loop (document updates and
 * side-state writes) goes to storage in ONE transaction, and under load everything queued while
 * the last commit was in flight or in the few ms since it began (CommitPacing); writes queued in
 * the same synchronous block are therefore always committed together. Only after the commit does each contributing
 * recipient get its `saved` message (durable clocks of the Yjs client ids it sent, and its
 * highest save marker), and do `committed()` promises resolve. If storage fails, the batch is
 * kept in order ahead of newer writes, nothing is acknowledged, and the commit is retried with
 * capped exponential backoff. After enough appended updates the log is compacted, beside the
 * commits: a commit round never waits for a compaction (compaction/LogCompaction.ts).
 *
 * Lifecycle: created when the board loads; `finish()` when it unloads (last flush, final
 * compaction); nothing is written after that.
 */
export class SavePipeline {
  readonly #boardId: string;
  readonly #storage: Storage;
  readonly #options: SavePipelineOptions;
  readonly #log: Logger;

  #updates: PendingUpdate[] = [];
  #side: SideWrite[] = [];
  /** Recipients waiting to hear what is saved. */
  #waiting = new Map<SaveRecipient, SaveWaiter>();
  /** Per Yjs client id: the clock up to which its updates are durable. */
  readonly #durable: Map<number, number>;
  /** Writes queued and committed since load; `committed()` compares them. */
  #queued = 0;
  #stored = 0;
  #commitWaiters: CommitWaiter[] = [];
  /** Bytes queued and not yet durable (pending and in flight). */
  #unsavedBytes = 0;
  /** The log since the snapshot, and its compactions (which never hold up a commit). */
  readonly #compaction: LogCompaction;
  #lastSeq: number;
  #lastError: string | null = null;
  #retryMs = 0;
  #flushScheduled = false;
  readonly #pacing: CommitPacing;
  #flushing: Promise<void> | null = null;
  #finished = false;

  constructor(
    boardId: string,
    storage: Storage,
    loaded: LoadedState,
    options: SavePipelineOptions,
  ) {
    this.#boardId = boardId;
    this.#storage = storage;
    this.#options = options;
    this.#log = options.log;
    this.#pacing = new CommitPacing();
    this.#durable = new Map(loaded.stateVector);
    this.#lastSeq = loaded.lastSeq;
    this.#compaction = new LogCompaction(
      storage,
      boardId,
      loaded,
      options.compactEvery,
      options.log,
      options.liveState ? { liveState: options.liveState } : {},
    );
  }

  /** The pipeline of a board just loaded from `stored` into `doc`: all of that is durable. */
  static loaded(
    boardId: string,
    storage: Storage,
    doc: Y.Doc,
    stored: StoredBoard,
    options: SavePipelineOptions,
  ): SavePipeline {
    const logBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    const loaded: LoadedState = {
      stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
      lastSeq: stored.lastSeq,
      sinceSnapshot: stored.updates.length,
      storedBytes: (stored.snapshot?.byteLength ?? 0) + logBytes,
      logBytes,
    };
    return new SavePipeline(boardId, storage, loaded, options);
  }

  get unsavedBytes(): number {
    return this.#unsavedBytes;
  }

  /** Approximate stored size of the document: snapshot plus log (compaction shrinks it). */
  get storedBytes(): number {
    return this.#compaction.size.storedBytes;
  }

  /** The message of the last failed commit; null once a commit succeeds. */
  get lastError(): string | null {
    return this.#lastError;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Whether writes are waiting for storage (queued, in flight, or kept after a failure). */
  get hasUnsaved(): boolean {
    return this.#stored < this.#queued;
  }

  /**
   * Queues a document update that this instance must store (not one relayed to it). `ends`:
   * where its structs end per client, if the caller knows (the room reads it from the
   * transaction); otherwise it is decoded from the update after the commit.
   */
  addUpdate(update: Uint8Array, from: SaveRecipient | null, ends: ClientEnds | null = null): void {
    if (this.#refuseAfterFinish('an update')) return;
    this.#updates.push({ update, from, ends });
    this.#queued++;
    this.#unsavedBytes += update.byteLength;
    this.#schedule();
  }

  /** Queues a side-state write; `from` (if any) hears `saved` after the commit holds it. */
  addSide(write: SideWrite, from: SaveRecipient | null): void {
    if (this.#refuseAfterFinish('a side-state write')) return;
    this.#side.push(write);
    this.#queued++;
    this.#unsavedBytes += sideBytes(write);
    if (from) this.expectSaved(from);
    this.#schedule();
  }

  /**
   * `recipient` hears `saved` after the next commit, even if it sent nothing new (a
   * reconnecting client resends what the server already has, and must hear it is stored).
   */
  expectSaved(recipient: SaveRecipient): void {
    this.#waiterOf(recipient);
    this.#schedule();
  }

  /**
   * `recipient` wants to hear when everything it sent so far is stored. Its writes were
   * queued in order before this call, so they are either stored or in the next batch.
   */
  requestSaved(recipient: SaveRecipient, marker: number): void {
    const waiter = this.#waiterOf(recipient);
    waiter.marker = Math.max(waiter.marker, marker);
    this.#schedule();
  }

  /** The recipient left: nobody to tell. What it sent is still stored. */
  forget(recipient: SaveRecipient): void {
    this.#waiting.delete(recipient);
  }

  /**
   * Resolves when everything queued so far is committed (after retries, if storage fails);
   * rejects if the board unloads first. For server code that must answer only after a commit.
   */
  committed(): Promise<void> {
    if (this.#stored >= this.#queued) return Promise.resolve();
    if (this.#finished) return Promise.reject(unloadedUnsaved());
    return new Promise((resolve, reject) => {
      this.#commitWaiters.push({ upTo: this.#queued, resolve, reject });
    });
  }

  #waiterOf(recipient: SaveRecipient): SaveWaiter {
    let waiter = this.#waiting.get(recipient);
    if (!waiter) {
      waiter = { clients: new Set(), marker: 0 };
      this.#waiting.set(recipient, waiter);
    }
    return waiter;
  }

  #refuseAfterFinish(what: string): boolean {
    if (!this.#finished) return false;
    // Cannot happen while the room is used as documented (it stops listening first); say so
    // loudly rather than pretend it will be stored.
    this.#log.error(`${what} arrived after the board's last commit; it is not stored`);
    return true;
  }

  #schedule(): void {
    if (this.#flushScheduled || this.#finished) return;
    this.#flushScheduled = true;
    // Everything that arrived in this turn of the event loop goes in one transaction.
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.flush();
    });
  }

  /** Writes everything pending; resolves when it is durable (or after a logged failure). */
  flush(): Promise<void> {
    if (!this.#flushing) {
      this.#flushing = this.#flushLoop().finally(() => {
        this.#flushing = null;
      });
    }
    return this.#flushing;
  }

  async #flushLoop(): Promise<void> {
    while (this.#updates.length > 0 || this.#side.length > 0 || this.#waiting.size > 0) {
      await this.#pacing.gather();
      const updates = this.#updates;
      const side = this.#side;
      const waiting = this.#waiting;
      this.#updates = [];
      this.#side = [];
      this.#waiting = new Map();
      if (updates.length > 0 || side.length > 0) {
        if (!(await this.#commit(updates, side, waiting))) return;
      }
      for (const [recipient, waiter] of waiting) {
        if (!recipient.pajaClient) continue;
        const clocks = [...waiter.clients].map(
          (client) => [client, this.#durable.get(client) ?? 0] as [number, number],
        );
        recipient.send(encodeSaved({ marker: waiter.marker, clocks }));
      }
      // Not awaited: the next commit round must not wait for a merge of the whole log.
      this.#compaction.startIfDue();
    }
  }

  /** One transaction. On failure, puts the batch back and schedules a retry; false. */
  async #commit(
    updates: PendingUpdate[],
    side: SideWrite[],
    waiting: Map<SaveRecipient, SaveWaiter>,
  ): Promise<boolean> {
    const started = performance.now();
    try {
      const committed = await this.#storage.appendUpdates(
        this.#boardId,
        updates.map((p) => p.update),
        side,
      );
      this.#lastSeq = committed.lastSeq;
      this.#options.metrics.observePersist((performance.now() - started) / 1000);
      this.#options.onCommitted?.(
        committed,
        updates.map((p) => p.update),
        side,
      );
    } catch (error) {
      this.#options.metrics.storageErrors++;
      // Keep the writes, in order, ahead of anything that arrived meanwhile; say nothing is
      // saved; try again later. The room stays usable.
      this.#updates = updates.concat(this.#updates);
      this.#side = side.concat(this.#side);
      for (const [recipient, waiter] of waiting) {
        const merged = this.#waiterOf(recipient);
        for (const client of waiter.clients) merged.clients.add(client);
        merged.marker = Math.max(merged.marker, waiter.marker);
      }
      this.#lastError = error instanceof Error ? error.message : String(error);
      this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs ? this.#retryMs * 2 : 500);
      this.#log.error('storage append failed; edits kept in memory, will retry', {
        error,
        retryMs: this.#retryMs,
        unsavedBytes: this.#unsavedBytes,
      });
      if (!this.#finished) setTimeout(() => void this.flush(), this.#retryMs).unref();
      return false;
    }
    if (this.#lastError) this.#log.info('storage recovered; pending edits saved');
    this.#lastError = null;
    this.#retryMs = 0;
    this.#compaction.appended(
      this.#lastSeq,
      updates.map((p) => p.update),
    );
    // The document integrates a client's structs only in clock order, so storing an update
    // that ends at clock c means everything of that client below c is stored.
    for (const { update, from, ends } of updates) {
      this.#unsavedBytes -= update.byteLength;
      const sender = from ? waiting.get(from) : undefined;
      for (const [client, clock] of ends ?? Y.parseUpdateMeta(update).to) {
        if ((this.#durable.get(client) ?? 0) < clock) this.#durable.set(client, clock);
        sender?.clients.add(client);
      }
    }
    for (const write of side) this.#unsavedBytes -= sideBytes(write);
    this.#stored += updates.length + side.length;
    this.#commitWaiters = this.#commitWaiters.filter((waiter) => {
      if (waiter.upTo > this.#stored) return true;
      waiter.resolve();
      return false;
    });
    return true;
  }

  /**
   * Folds the log into one snapshot (after the compaction in progress, if any), under the
   * board's compaction lease (one instance at a time); `forget`: leaving out deleted content
   * (a forgotten name) too. A failure is logged; the log is kept.
   */
  compact(forget = false): Promise<void> {
    return this.#compaction.run(forget);
  }

  /** Whether the log is long enough to fold now (compaction/compaction.ts). */
  get compactionDue(): boolean {
    return this.#compaction.due;
  }

  /** Whether a compaction is running now (commits go on meanwhile). */
  get compacting(): boolean {
    return this.#compaction.running;
  }

  /** Resolves once no compaction is running. */
  compactionSettled(): Promise<void> {
    return this.#compaction.settled();
  }

  /**
   * The last flush and compaction before the board unloads. While storage fails, the
   * unsaved writes are lost with the room (the clients still hold their edits and resend
   * them when they reconnect): logged as an error, and `committed()` waiters are rejected.
   */
  async finish(): Promise<void> {
    await this.flush();
    await this.#compaction.settled();
    if (this.hasUnsaved) {
      this.#log.error('board unloaded with unsaved edits: storage is failing', {
        unsavedBytes: this.#unsavedBytes,
      });
    } else if (this.#compaction.size.updates > 0) {
      await this.compact();
    }
    this.#finished = true;
    for (const waiter of this.#commitWaiters.splice(0)) waiter.reject(unloadedUnsaved());
  }
}

const sideBytes = (write: SideWrite): number =>
  write.kind.length + write.key.length + (write.value?.length ?? 0);

const unloadedUnsaved = () => new Error('the board unloaded before these changes were stored');
