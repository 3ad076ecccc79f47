import {
  CloseCode,
  type CommentRequest,
  type CommentResult,
  closeCodeMetric,
  encodeSaved,
  encodeSyncUpdate,
  MessageType,
  migrate,
  type Role,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type Connection, ConnectionRefusal } from './Connection';
import { applyCommentRequest } from './commentRequests';
import type { Channel, FanOut } from './fanout/FanOut';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import type { Storage } from './storage/Storage';

export interface RoomOptions {
  /** Compact the update log into a snapshot after this many appended updates. */
  compactEvery: number;
  /** Unload this long after the last connection leaves (0: at once). */
  idleUnloadMs: number;
  /** Updates that would make the stored board larger than this are refused. */
  maxBoardBytes: number;
  /** While storage fails, edits past this many unsaved bytes are refused. */
  maxUnsavedBytes: number;
  metrics: Metrics;
  /** How this room hears the same board's rooms on other instances. */
  fanOut: FanOut;
  /** Called when the room has unloaded itself, so the registry can forget it. */
  onUnload: (room: Room) => void;
}

/** Origin of changes that came from another instance through the fan-out. */
const RELAYED = Symbol('relayed from another instance');

interface SaveWaiter {
  clients: Set<number>;
  marker: number;
}

interface PendingUpdate {
  update: Uint8Array;
  bytes: number;
  /** The connection it came from, which hears about it in its next `saved`. */
  from: Connection | null;
}

type RoomState = 'open' | 'closing' | 'closed';

/** The most we wait between retries when storage fails; edits stay in memory meanwhile. */
const MAX_RETRY_MS = 30_000;

/**
 * One loaded board: its Y.Doc, its awareness, the connections editing it, and the path of every
 * update to storage. Lifecycle: `Room.load` -> open (connections come and go) -> `close`
 * (flush, compact, destroy) when idle or when the server stops.
 *
 * Saving: updates are appended in batches (group commit): everything that arrives within one
 * turn of the event loop is one storage transaction. Only after it commits does the room tell
 * each contributing connection what is saved (the `saved` message: durable clocks of the
 * Yjs client ids that connection sent).
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly #connections = new Set<Connection>();
  readonly #storage: Storage;
  readonly #options: RoomOptions;
  readonly #log: Logger;

  #state: RoomState = 'open';
  #pending: PendingUpdate[] = [];
  /** Bytes applied in memory and not yet stored (pending and in flight). */
  #unsavedBytes = 0;
  /** Connections waiting to hear what is saved: the Yjs client ids and save marker. */
  #waiting = new Map<Connection, SaveWaiter>();
  /** Per Yjs client id: the clock up to which its updates are durable. */
  readonly #durable = new Map<number, number>();
  #lastSeq: number;
  #sinceSnapshot: number;
  #flushScheduled = false;
  #flushing: Promise<void> | null = null;
  #retryMs = 0;
  #idleTimer: NodeJS.Timeout | null = null;
  #lastError: string | null = null;
  /** Approximate stored size: snapshot plus appended updates (compaction shrinks it). */
  #storedBytes: number;
  readonly #awarenessOwners = new Map<number, Connection>();
  #channel: Channel | null = null;
  /** Sync step 2 with the whole document, for joiners that have nothing; reset on change. */
  #fullStateMessage: Uint8Array | null = null;

  private constructor(
    readonly boardId: string,
    doc: Y.Doc,
    lastSeq: number,
    sinceSnapshot: number,
    storedBytes: number,
    storage: Storage,
    options: RoomOptions,
    log: Logger,
  ) {
    this.doc = doc;
    this.#storage = storage;
    this.#options = options;
    this.#log = log;
    this.#lastSeq = lastSeq;
    this.#sinceSnapshot = sinceSnapshot;
    this.#storedBytes = storedBytes;
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
      this.#durable.set(client, clock);
    }
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it must not show up in anyone's list of people.
    this.awareness.setLocalState(null);
    doc.on('update', this.#onDocUpdate);
    this.awareness.on('update', this.#onAwarenessUpdate);
  }

  /**
   * Loads a board from storage and migrates it to the current schema before anyone can sync.
   * Returns null if there is no such board.
   */
  static async load(
    boardId: string,
    storage: Storage,
    options: RoomOptions,
    log: Logger,
  ): Promise<Room | null> {
    // Join the board's channel before reading storage, so that nothing another instance
    // writes in between is missed (what arrives twice is applied once).
    let room: Room | null = null;
    const early: Uint8Array[] = [];
    const channel = await options.fanOut.join(boardId, (message) => {
      if (room) room.#onRelayed(message);
      else early.push(message);
    });
    let stored: Awaited<ReturnType<Storage['loadBoard']>>;
    try {
      stored = await storage.loadBoard(boardId);
    } catch (error) {
      await channel.leave();
      throw error;
    }
    if (!stored) {
      await channel.leave();
      return null;
    }
    const doc = new Y.Doc();
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    room = new Room(
      boardId,
      doc,
      stored.lastSeq,
      stored.updates.length,
      (stored.snapshot?.byteLength ?? 0) +
        stored.updates.reduce((sum, update) => sum + update.byteLength, 0),
      storage,
      options,
      log.child({ board: boardId }),
    );
    room.#channel = channel;
    for (const message of early) room.#onRelayed(message);
    // Migration writes go through the room's update handler, so they are stored like edits.
    const passed = migrate(doc);
    if (passed.length > 0) room.#log.info('board migrated', { from: passed[0], steps: passed });
    // A long log makes every load slow (each update is applied on its own): fold it now.
    if (room.#sinceSnapshot >= options.compactEvery) void room.#compact();
    return room;
  }

  get state(): RoomState {
    return this.#state;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Bytes of updates applied in memory but not yet durable. */
  get unsavedBytes(): number {
    return this.#unsavedBytes;
  }

  get lastStorageError(): string | null {
    return this.#lastError;
  }

  get storedBytes(): number {
    return this.#storedBytes;
  }

  /** The connection that introduced an awareness client id, if it is still here. */
  awarenessOwner(clientId: number): Connection | undefined {
    return this.#awarenessOwners.get(clientId);
  }

  countRejection(code: number): void {
    this.#options.metrics.reject(closeCodeMetric(code));
  }

  /** Closes every connection that holds `role` (its links were revoked). Returns how many. */
  closeRole(role: Role, code: number, reason: string): number {
    let closed = 0;
    for (const connection of [...this.#connections]) {
      if (connection.role === role) {
        connection.close(code, reason);
        closed++;
      }
    }
    return closed;
  }

  connections(): IterableIterator<Connection> {
    return this.#connections.values();
  }

  /** Adds a connection and starts the sync handshake (our step 1, all awareness states). */
  join(connection: Connection): void {
    if (this.#state !== 'open') throw new Error(`Room ${this.boardId} is ${this.#state}`);
    this.#cancelIdleTimer();
    this.#connections.add(connection);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    connection.send(encoding.toUint8Array(step1));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      connection.send(encodeAwareness(this.awareness, states));
    }
  }

  leave(connection: Connection): void {
    if (!this.#connections.delete(connection)) return;
    this.#waiting.delete(connection);
    for (const id of connection.awarenessClients) this.#awarenessOwners.delete(id);
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(
        this.awareness,
        [...connection.awarenessClients],
        connection,
      );
    }
    if (this.#connections.size === 0 && this.#state === 'open') this.#startIdleTimer();
  }

  /**
   * Applies a Yjs update that a connection sent. Throws if the update cannot be decoded; the
   * connection then closes itself. Afterwards the sender will hear what is saved, even if the
   * update held nothing new (a reconnecting client resends what the server already has).
   */
  applyClientUpdate(connection: Connection, update: Uint8Array): void {
    const unsaved = this.unsavedBytes;
    if (this.#storedBytes + unsaved + update.byteLength > this.#options.maxBoardBytes) {
      throw new ConnectionRefusal(CloseCode.boardTooLarge, 'the board is at its size limit');
    }
    if (this.#lastError !== null && unsaved + update.byteLength > this.#options.maxUnsavedBytes) {
      // Storage has been failing long enough to fill the bound: refuse rather than grow
      // without limit. The client keeps the edit and sends it again when it reconnects.
      throw new ConnectionRefusal(CloseCode.boardUnavailable, 'storage is failing; try later');
    }
    Y.applyUpdate(this.doc, update, connection);
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // The update refers to structs this document never had. An honest client cannot send
      // that (everything it builds on came from here), and Yjs would hold it in memory forever
      // waiting for the rest: drop it and refuse.
      store.pendingStructs = null;
      store.pendingDs = null;
      throw new ConnectionRefusal(CloseCode.malformed, 'update depends on missing data');
    }
    // The sender hears what is stored after the next commit; which of its Yjs clients that
    // covers is read from the stored updates then, once per update.
    this.#waiterOf(connection);
    this.#scheduleFlush();
  }

  /**
   * The connection wants to hear when everything it sent so far is stored. Its updates were
   * applied in order before this call, so they are either stored or in the next batch.
   */
  requestSaved(connection: Connection, marker: number): void {
    const waiter = this.#waiterOf(connection);
    waiter.marker = Math.max(waiter.marker, marker);
    this.#scheduleFlush();
  }

  #waiterOf(connection: Connection): SaveWaiter {
    let waiter = this.#waiting.get(connection);
    if (!waiter) {
      waiter = { clients: new Set(), marker: 0 };
      this.#waiting.set(connection, waiter);
    }
    return waiter;
  }

  /**
   * Applies a comment request as the server. The resulting update travels like any edit:
   * relayed to everyone (the commenter too, who cannot write it itself), stored, and
   * confirmed to the commenter by the next `saved`.
   */
  applyComment(connection: Connection, request: CommentRequest): CommentResult {
    const result = applyCommentRequest(
      this.doc,
      request,
      { participantId: connection.participantId, facilitator: connection.role === 'facilitator' },
      this,
    );
    this.#waiterOf(connection);
    this.#scheduleFlush();
    return result;
  }

  applyAwarenessUpdate(connection: Connection, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  /**
   * The sync step 2 answering an empty state vector: encoded once per document version, not
   * once per joiner, so that 150 people opening a big board at once cost one encoding.
   */
  fullStateMessage(): Uint8Array {
    if (!this.#fullStateMessage) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep2(encoder, this.doc);
      this.#fullStateMessage = encoding.toUint8Array(encoder);
    }
    return this.#fullStateMessage;
  }

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.#fullStateMessage = null;
    // Encode the broadcast once for every receiver.
    const message = encodeSyncUpdate(update);
    for (const connection of this.#connections) {
      if (connection !== origin) connection.send(message);
    }
    // Another instance stored what it relayed; only what arrived here is ours to store.
    if (origin === RELAYED) return;
    this.#channel?.publish(message);
    const from = this.#connections.has(origin as Connection) ? (origin as Connection) : null;
    this.#pending.push({ update, bytes: update.byteLength, from });
    this.#unsavedBytes += update.byteLength;
    this.#scheduleFlush();
  };

  /** A message from this board's room on another instance: a sync update or awareness. */
  #onRelayed(message: Uint8Array): void {
    if (this.#state === 'closed') return;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.sync && decoding.readVarUint(decoder) === 2) {
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), RELAYED);
      } else if (type === MessageType.awareness) {
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          RELAYED,
        );
      }
    } catch (error) {
      // Instances trust each other, but a bad relay must not take the room down.
      this.#log.error('could not apply a relayed message', { error });
    }
  }

  #onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    if (
      origin !== null &&
      typeof origin === 'object' &&
      this.#connections.has(origin as Connection)
    ) {
      const connection = origin as Connection;
      for (const id of change.added) {
        connection.awarenessClients.add(id);
        this.#awarenessOwners.set(id, connection);
      }
      for (const id of change.removed) {
        connection.awarenessClients.delete(id);
        this.#awarenessOwners.delete(id);
      }
    }
    const message = encodeAwareness(this.awareness, changed);
    for (const connection of this.#connections) {
      if (connection !== origin) connection.send(message);
    }
    if (origin !== RELAYED) this.#channel?.publish(message);
  };

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#state === 'closed') return;
    this.#flushScheduled = true;
    // setImmediate, not a timer: everything that arrived in this turn of the event loop goes
    // in one transaction, and nothing waits longer than it must.
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
    while (this.#pending.length > 0 || this.#waiting.size > 0) {
      const batch = this.#pending;
      const waiting = this.#waiting;
      this.#pending = [];
      this.#waiting = new Map();
      if (batch.length > 0) {
        const started = performance.now();
        try {
          this.#lastSeq = await this.#storage.appendUpdates(
            this.boardId,
            batch.map((p) => p.update),
          );
          this.#options.metrics.observePersist((performance.now() - started) / 1000);
        } catch (error) {
          this.#options.metrics.storageErrors++;
          // Keep the edits, in order, ahead of anything that arrived meanwhile; say nothing is
          // saved; try again later. The room stays usable.
          this.#pending = batch.concat(this.#pending);
          for (const [connection, waiter] of waiting) {
            const merged = this.#waiterOf(connection);
            for (const client of waiter.clients) merged.clients.add(client);
            merged.marker = Math.max(merged.marker, waiter.marker);
          }
          this.#lastError = error instanceof Error ? error.message : String(error);
          this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs ? this.#retryMs * 2 : 500);
          this.#log.error('storage append failed; edits kept in memory, will retry', {
            error,
            retryMs: this.#retryMs,
            unsavedBytes: this.unsavedBytes,
          });
          if (this.#state !== 'closed') {
            setTimeout(() => void this.flush(), this.#retryMs).unref();
          }
          return;
        }
        if (this.#lastError) this.#log.info('storage recovered; pending edits saved');
        this.#lastError = null;
        this.#retryMs = 0;
        this.#sinceSnapshot += batch.length;
        // The document integrates a client's structs only in clock order, so storing an update
        // that ends at clock c means everything of that client below c is stored.
        for (const { update, bytes, from } of batch) {
          this.#storedBytes += bytes;
          this.#unsavedBytes -= bytes;
          const sender = from ? waiting.get(from) : undefined;
          for (const [client, clock] of Y.parseUpdateMeta(update).to) {
            if ((this.#durable.get(client) ?? 0) < clock) this.#durable.set(client, clock);
            sender?.clients.add(client);
          }
        }
      }
      for (const [connection, waiter] of waiting) {
        if (connection.pajaClient) {
          const clocks = [...waiter.clients].map(
            (c) => [c, this.#durable.get(c) ?? 0] as [number, number],
          );
          connection.send(encodeSaved({ marker: waiter.marker, clocks }));
        }
      }
      if (this.#sinceSnapshot >= this.#options.compactEvery) await this.#compact();
    }
  }

  async #compact(): Promise<void> {
    // The snapshot is built from what storage holds, not from this document: with several
    // instances, storage may hold another instance's updates that a lossy fan-out never
    // brought here, and a compaction must never drop them.
    try {
      const stored = await this.#storage.loadBoard(this.boardId);
      if (!stored) return;
      const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
      const snapshot = Y.mergeUpdates(parts);
      await this.#storage.compact(this.boardId, snapshot, stored.lastSeq);
      this.#sinceSnapshot = 0;
      this.#storedBytes = snapshot.byteLength;
      this.#log.debug('compacted', { throughSeq: stored.lastSeq, bytes: snapshot.byteLength });
    } catch (error) {
      this.#log.warn('compaction failed; the update log is kept', { error });
    }
  }

  #startIdleTimer(): void {
    this.#cancelIdleTimer();
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      void this.#unloadIfIdle();
    }, this.#options.idleUnloadMs);
    this.#idleTimer.unref();
  }

  async #unloadIfIdle(): Promise<void> {
    await this.flush();
    if (this.#connections.size > 0 || this.#state !== 'open') return;
    // While storage is failing the only copy of some edits is this document: keep it loaded.
    if (this.#pending.length > 0) {
      this.#startIdleTimer();
      return;
    }
    await this.close();
  }

  #cancelIdleTimer(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  /**
   * Flushes, compacts and unloads. Connections still here are closed with `closeCode`.
   * Idempotent: a second call waits for the first.
   */
  #closing: Promise<void> | null = null;
  close(closeCode?: number, reason?: string): Promise<void> {
    if (!this.#closing) this.#closing = this.#close(closeCode, reason);
    return this.#closing;
  }

  async #close(closeCode = 1001, reason = 'board unloaded'): Promise<void> {
    this.#state = 'closing';
    this.#cancelIdleTimer();
    for (const connection of [...this.#connections]) connection.close(closeCode, reason);
    await this.flush();
    if (this.#pending.length > 0) {
      this.#log.error('board unloaded with unsaved edits: storage is failing', {
        unsavedBytes: this.unsavedBytes,
      });
    } else if (this.#sinceSnapshot > 0) {
      await this.#compact();
    }
    this.#state = 'closed';
    await this.#channel?.leave();
    this.doc.off('update', this.#onDocUpdate);
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.#options.onUnload(this);
  }
}

function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
