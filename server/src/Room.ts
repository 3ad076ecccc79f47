import {
  CloseCode,
  COMMENT_REFUSALS,
  type CommentAction,
  type CommentRequest,
  type CommentResult,
  type Editor,
  encodeReaderCount,
  encodeSyncUpdate,
  MessageType,
  MetaKey,
  metaMap,
  migrate,
  type Role,
  readPublication,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessOwners } from './AwarenessOwners';
import { type Admission, admitUpdate } from './admission';
import { BoardAttention } from './BoardAttention';
import { BoardFootprint } from './BoardFootprint';
import { BoardPrivateNotes } from './BoardPrivateNotes';
import { BoardSideState } from './BoardSideState';
import { BoardVotes } from './BoardVotes';
import { applyCommentAction, type CommentAuthor, commentRefusal } from './commentActions';
import { applyCommentRequest } from './commentRequests';
import type { CommentLimits } from './config';
import { BoardRelay, type RelayOptions } from './fanout/BoardRelay';
import type { FanOut } from './fanout/FanOut';
import { BoardHistory } from './history/BoardHistory';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import { BoardModeration, type ModerationMember } from './moderation/BoardModeration';
import { SavePipeline, type SaveRecipient } from './SavePipeline';
import { SyncAnswers } from './SyncAnswers';
import type { Storage, StoredBoard } from './storage/Storage';
import { encodeAwareness, encodeSyncStep1 } from './syncFrames';
import type { Footprint, StructureLimits } from './updateLimits';

export interface RoomOptions {
  /** Compact the update log into a snapshot after this many appended updates. */
  compactEvery: number;
  /** Unload this long after the last connection leaves (0: at once). */
  idleUnloadMs: number;
  /** Updates that would make the stored board larger than this are refused. */
  maxBoardBytes: number;
  /** While storage fails, edits past this many unsaved bytes are refused. */
  maxUnsavedBytes: number;
  /** Depth and changes per update, items and memory per board (see updateLimits.ts). */
  structure: StructureLimits;
  metrics: Metrics;
  /** How this room hears the same board's rooms on other instances. */
  fanOut: FanOut;
  /** How it catches up from storage with what the fan-out lost. */
  relay?: RelayOptions;
  /** Called when the room has unloaded itself, so the registry can forget it. */
  onUnload: (room: Room) => void;
  /** Abuse controls of commenting (moderation). */
  comments: CommentLimits;
}

/**
 * What the room needs of a connection. Connection implements it; the room never imports
 * Connection, so the two files depend one way only.
 */
export interface RoomMember extends SaveRecipient, Editor, ModerationMember {
  /** Came through the board's public address, without a token (publication.ts). */
  readonly publicReader: boolean;
  close(code?: number, reason?: string): void;
}

/** The reader count goes out at most this often per board, however many people come and go. */
export const READER_COUNT_INTERVAL_MS = 1000;

/** Origin of changes that came from another instance through the fan-out. */
const RELAYED = Symbol('relayed from another instance');
/** Origin of the server's own transactions (comments now; reveal, approve, publish later). */
export const SERVER_ORIGIN = Symbol('the server');

type RoomState = 'open' | 'closing' | 'closed';

/**
 * One loaded board, live: its Y.Doc, its awareness and who owns each awareness client id, the
 * connections editing it, the relay to the same board on other instances, and its lifecycle.
 * `Room.load` -> open (connections come and go) -> `close` when idle or when the server stops.
 *
 * Every change of the document reaches the other connections at once and is handed to the
 * board's SavePipeline, which alone stores it and says "saved". Server-held state outside the
 * document lives in `side` (BoardSideState) and is stored by the same pipeline.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Server-held records that are not in the document (see BoardSideState). */
  readonly side: BoardSideState;
  /** The timer and who leads follow-me (see BoardAttention). */
  readonly attention: BoardAttention;
  /** Dot voting: the ballots (in `side`), their rules, who sees what, the reveal. */
  readonly votes: BoardVotes;
  /** Snapshots, named and automatic (history/BoardHistory.ts). */
  readonly history: BoardHistory;
  /** The private brainstorm: its notes (in `side`), who sees which, the reveal. */
  readonly privateNotes: BoardPrivateNotes;
  /** Comments held from readers, flags, blocks, the audit log (see BoardModeration). */
  readonly moderation: BoardModeration;
  readonly #members = new Set<RoomMember>();
  readonly #owners = new AwarenessOwners<RoomMember>();
  readonly #save: SavePipeline;
  readonly #options: RoomOptions;
  readonly #log: Logger;

  #state: RoomState = 'open';
  #idleTimer: NodeJS.Timeout | null = null;
  #relay: BoardRelay | null = null;
  /** Sync step 2 answers, shared by everyone who asks the same at one document version. */
  readonly answers: SyncAnswers;
  readonly #footprint: BoardFootprint;
  #closing: Promise<void> | null = null;
  /** Connections per participant id: the reader count counts people, not tabs. */
  readonly #people = new Map<string, number>();
  /** Members that have not heard the reader count since they joined. */
  readonly #awaitingCount = new Set<RoomMember>();
  #countTimer: NodeJS.Timeout | null = null;
  #countSentAt = 0;
  #countSent = -1;

  private constructor(
    readonly boardId: string,
    doc: Y.Doc,
    stored: StoredBoard,
    storage: Storage,
    options: RoomOptions,
    log: Logger,
  ) {
    this.doc = doc;
    this.#options = options;
    this.#log = log;
    const { compactEvery, metrics } = options;
    this.#save = SavePipeline.loaded(boardId, storage, doc, stored, {
      compactEvery,
      metrics,
      log,
      // Other instances hear of an update only once it is stored.
      onCommitted: (lastSeq, updates) => this.#relay?.committed(lastSeq, updates),
    });
    this.side = new BoardSideState(stored.side, this.#save);
    this.attention = new BoardAttention(this.side, () => this.#members);
    const host = {
      doc,
      side: this.side,
      transactAsServer: <T>(change: (doc: Y.Doc) => T) => this.transactAsServer(change),
      committed: () => this.committed(),
      members: () => this.#members,
    };
    this.votes = new BoardVotes(host);
    this.history = new BoardHistory(doc, this.side);
    this.privateNotes = new BoardPrivateNotes(host);
    this.#footprint = new BoardFootprint(doc);
    this.answers = new SyncAnswers(doc);
    this.moderation = new BoardModeration(
      {
        ...host,
        publishNow: (member, request) => this.#publishComment(member as RoomMember, request),
      },
      options.comments,
      log,
    );
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it must not show up in anyone's list of people.
    this.awareness.setLocalState(null);
    doc.on('update', this.#onDocUpdate);
    this.awareness.on('update', this.#onAwarenessUpdate);
    metaMap(doc).observe(this.#onMetaChange);
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
    // stores in between is missed (the relay holds it until `start`; twice is applied once).
    const relay = await BoardRelay.join(boardId, options.fanOut, storage, log, options.relay);
    let stored: StoredBoard | null;
    try {
      stored = await storage.loadBoard(boardId);
    } catch (error) {
      await relay.leave();
      throw error;
    }
    if (!stored) {
      await relay.leave();
      return null;
    }
    const doc = new Y.Doc();
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    const room = new Room(boardId, doc, stored, storage, options, log.child({ board: boardId }));
    room.#relay = relay;
    relay.start(stored.lastSeq, {
      applyStored: (updates) => room.#applyStored(updates),
      applyPresence: (message) => room.#applyRelayedPresence(message),
    });
    // Migration writes go through the room's update handler, so they are stored like edits.
    const passed = migrate(doc);
    if (passed.length > 0) room.#log.info('board migrated', { from: passed[0], steps: passed });
    room.votes.resume();
    room.history.start();
    // Comments an older version left pending or hidden in the document leave it now.
    const adopted = room.moderation.adoptDocumentComments();
    if (adopted > 0) room.#log.info('held comments moved out of the document', { adopted });
    // A long log makes every load slow (each update is applied on its own): fold it now.
    if (room.#save.compactionDue) void room.#save.compact();
    // Loaded for a reader that is not a connection (GET /api/boards/<id>), or for a socket that
    // never arrives: unloaded like a board whose last connection left. Joining cancels it.
    room.#startIdleTimer();
    return room;
  }

  get state(): RoomState {
    return this.#state;
  }

  get connectionCount(): number {
    return this.#members.size;
  }

  /** Bytes of updates applied in memory but not yet durable. */
  get unsavedBytes(): number {
    return this.#save.unsavedBytes;
  }

  get lastStorageError(): string | null {
    return this.#save.lastError;
  }

  get storedBytes(): number {
    return this.#save.storedBytes;
  }

  /** The member that introduced an awareness client id, if it is still here. */
  awarenessOwner(clientId: number): RoomMember | undefined {
    return this.#owners.ownerOf(clientId);
  }

  /** The awareness client ids `member` introduced; removed when it leaves. */
  awarenessClientsOf(member: RoomMember): ReadonlySet<number> {
    return this.#owners.clientsOf(member);
  }

  /**
   * Closes every connection that holds `role` through a link (its links were revoked); the
   * public's connections are not a link's. Returns how many.
   */
  closeRole(role: Role, code: number, reason: string): number {
    let closed = 0;
    for (const member of [...this.#members]) {
      if (member.role === role && !member.publicReader) {
        member.close(code, reason);
        closed++;
      }
    }
    return closed;
  }

  /** Adds a connection and starts the sync handshake (our step 1, all awareness states). */
  join(member: RoomMember): void {
    if (this.#state !== 'open') throw new Error(`Room ${this.boardId} is ${this.#state}`);
    this.#cancelIdleTimer();
    this.#members.add(member);
    this.#people.set(member.participantId, (this.#people.get(member.participantId) ?? 0) + 1);
    this.#awaitingCount.add(member);
    this.#scheduleReaderCount();
    member.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) member.send(encodeAwareness(this.awareness, states));
    this.attention.greet(member);
    this.votes.joined(member);
    this.privateNotes.joined(member);
    this.moderation.greet(member);
  }

  leave(member: RoomMember): void {
    if (!this.#members.delete(member)) return;
    const tabs = (this.#people.get(member.participantId) ?? 1) - 1;
    if (tabs > 0) this.#people.set(member.participantId, tabs);
    else this.#people.delete(member.participantId);
    this.#awaitingCount.delete(member);
    this.#scheduleReaderCount();
    this.#save.forget(member);
    const owned = this.#owners.releaseAll(member);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, member);
    this.votes.left(member);
    if (this.#members.size === 0 && this.#state === 'open') this.#startIdleTimer();
  }

  /**
   * Admits and applies a Yjs update that a member sent; a refusal is returned, not thrown, and
   * the member closes itself with its code. Throws only if the update cannot be decoded. After
   * an applied update the sender hears what is saved, even if it held nothing new (a
   * reconnecting client resends what the server already has).
   */
  receiveUpdate(member: RoomMember, update: Uint8Array): Admission {
    let admission = this.#admit(member, update);
    const atLimit = !admission.ok && admission.code === CloseCode.boardTooLarge;
    if (atLimit && this.#footprint.recountBeforeRefusing()) admission = this.#admit(member, update);
    if (!admission.ok || !admission.apply) return admission;
    this.#footprint.add(admission.added);
    Y.applyUpdate(this.doc, update, member);
    // Which of the sender's Yjs clients the commit covers is read from the stored updates then.
    this.#save.expectSaved(member);
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // Part of the update refers to structs this document never had: a client that reopened
      // its socket sent an edit before its sync step 2 caught the server up. Yjs would hold the
      // part in memory until the rest came, which a hostile client never sends: drop it, and
      // the member asks the client for everything it has, this part included.
      store.pendingStructs = null;
      store.pendingDs = null;
      return { ...admission, missing: true };
    }
    return admission;
  }

  #admit(member: RoomMember, update: Uint8Array): Admission {
    return admitUpdate(this.doc, update, member, {
      storedBytes: this.#save.storedBytes,
      unsavedBytes: this.#save.unsavedBytes,
      storageFailing: this.#save.lastError !== null,
      maxBoardBytes: this.#options.maxBoardBytes,
      maxUnsavedBytes: this.#options.maxUnsavedBytes,
      footprint: this.#footprint.now,
      structure: this.#options.structure,
    });
  }

  /** Items and estimated memory of the board's document (an upper bound between recounts). */
  get footprint(): Footprint {
    return this.#footprint.now;
  }

  /** The member wants to hear when everything it sent so far is stored (a save marker). */
  requestSaved(member: RoomMember, marker: number): void {
    this.#save.requestSaved(member, marker);
  }

  /**
   * Changes the document as the server, in one transaction with the server as origin: the
   * update reaches every connection (none of them sent it), the other instances, and storage,
   * as one step in history. Side-state writes made in the same synchronous block go in the
   * same commit (see SavePipeline). For reveal, approve, publish: whatever a person asked for
   * that the server must do on their behalf.
   */
  transactAsServer<T>(change: (doc: Y.Doc) => T): T {
    return this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
  }

  /** Resolves when every change made so far (document and side state) is committed. */
  committed(): Promise<void> {
    return this.#save.committed();
  }

  /**
   * A comment request: moderation's abuse controls and policy decide whether it is written
   * into the document now (#publishComment) or held for a moderator (side state).
   */
  applyComment(member: RoomMember, request: CommentRequest): CommentResult {
    // Who may comment now (phase, publication) is decided before moderation, so nothing a
    // person may not write is ever held for a moderator either.
    const refusal = commentRefusal(this.doc, authorOf(member));
    if (refusal !== null) {
      return { request: request.request, ok: false, error: COMMENT_REFUSALS[refusal] };
    }
    return this.moderation.submit(member, request);
  }

  /**
   * Writes a comment as the server. The resulting update travels like any edit: relayed to
   * everyone (the commenter too, who cannot write it itself), stored, and confirmed to the
   * commenter by the next `saved`.
   */
  #publishComment(member: RoomMember, request: CommentRequest): CommentResult {
    const result = applyCommentRequest(this.doc, request, authorOf(member), SERVER_ORIGIN);
    this.#save.expectSaved(member);
    return result;
  }

  /** Applies a support, take-back, resolve or reopen as the server; travels like a comment. */
  applyCommentAction(member: RoomMember, action: CommentAction): CommentResult {
    const result = applyCommentAction(this.doc, action, authorOf(member), SERVER_ORIGIN);
    this.#save.expectSaved(member);
    return result;
  }

  /** How many people (distinct participants, every role) are on the board. */
  get peopleCount(): number {
    return this.#people.size;
  }

  applyAwarenessUpdate(member: RoomMember, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, member);
  }

  /** Writes everything pending; resolves when it is durable (or after a logged failure). */
  flush(): Promise<void> {
    return this.#save.flush();
  }

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.answers.changed();
    // A member's update was counted when it was admitted; the server's own and relayed ones
    // (judged by the instance that admitted them) are counted here.
    if (!this.#members.has(origin as RoomMember)) this.#footprint.addUpdate(update);
    // Encode the broadcast once for every receiver.
    const message = encodeSyncUpdate(update);
    for (const member of this.#members) {
      if (member !== origin) member.send(message);
    }
    // Another instance stored what it relayed; only what arrived here is ours to store (and,
    // once committed, to relay).
    if (origin === RELAYED) return;
    const from = this.#members.has(origin as RoomMember) ? (origin as RoomMember) : null;
    this.#save.addUpdate(update, from);
  };

  /** Updates that are stored already (another instance's, or caught up from storage). */
  #applyStored(updates: readonly Uint8Array[]): void {
    if (this.#state === 'closed') return;
    try {
      // One transaction each, so that each reaches this instance's clients as its own update,
      // exactly as it reached the clients of the instance that stored it.
      for (const update of updates) Y.applyUpdate(this.doc, update, RELAYED);
    } catch (error) {
      // Instances trust each other, but a bad relay must not take the room down.
      this.#log.error('could not apply a relayed update', { error });
    }
  }

  /** Presence from this board's room on another instance. */
  #applyRelayedPresence(message: Uint8Array): void {
    if (this.#state === 'closed') return;
    try {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MessageType.awareness) return;
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        RELAYED,
      );
    } catch (error) {
      this.#log.error('could not apply relayed presence', { error });
    }
  }

  #onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    if (this.#members.has(origin as RoomMember)) {
      const member = origin as RoomMember;
      for (const id of change.added) this.#owners.claim(member, id);
      for (const id of change.removed) this.#owners.release(id);
    }
    const message = encodeAwareness(this.awareness, changed);
    for (const member of this.#members) {
      if (member !== origin) member.send(message);
    }
    if (origin !== RELAYED) this.#relay?.publishPresence(message);
  };

  /**
   * The reader count is batched: one message at most every READER_COUNT_INTERVAL_MS, encoded
   * once, to everyone when the number changed and otherwise only to those who joined since the
   * last one. A crowd arriving at once costs one message per person per second, not one per
   * arrival.
   */
  #scheduleReaderCount(): void {
    if (this.#countTimer !== null || this.#state !== 'open') return;
    const wait = Math.max(0, this.#countSentAt + READER_COUNT_INTERVAL_MS - Date.now());
    this.#countTimer = setTimeout(() => this.#sendReaderCount(), wait);
    this.#countTimer.unref();
  }

  #sendReaderCount(): void {
    this.#countTimer = null;
    if (this.#state !== 'open') return;
    const count = this.#people.size;
    const recipients = count === this.#countSent ? [...this.#awaitingCount] : this.#members;
    this.#awaitingCount.clear();
    this.#countSent = count;
    this.#countSentAt = Date.now();
    let message: Uint8Array | null = null;
    for (const member of recipients) {
      if (!member.pajaClient) continue;
      message ??= encodeReaderCount(count);
      member.send(message);
    }
  }

  /** Unpublishing closes the public's sessions at once, on every instance that sees it. */
  #onMetaChange = (event: Y.YMapEvent<unknown>): void => {
    if (!event.keysChanged.has(MetaKey.publication) || readPublication(this.doc) !== null) return;
    for (const member of [...this.#members]) {
      if (member.publicReader) {
        member.close(CloseCode.unpublished, 'this board is no longer published');
      }
    }
  };

  #startIdleTimer(): void {
    this.#cancelIdleTimer();
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      void this.#unloadIfIdle();
    }, this.#options.idleUnloadMs);
    this.#idleTimer.unref();
  }

  async #unloadIfIdle(): Promise<void> {
    await this.#save.flush();
    if (this.#members.size > 0 || this.#state !== 'open') return;
    // While storage is failing the only copy of some edits is this room: keep it loaded.
    if (this.#save.hasUnsaved) {
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
  close(closeCode?: number, reason?: string): Promise<void> {
    if (!this.#closing) this.#closing = this.#close(closeCode, reason);
    return this.#closing;
  }

  async #close(closeCode = 1001, reason = 'board unloaded'): Promise<void> {
    this.#state = 'closing';
    this.#cancelIdleTimer();
    this.votes.stop();
    this.history.stop();
    if (this.#countTimer) clearTimeout(this.#countTimer);
    this.#countTimer = null;
    for (const member of [...this.#members]) member.close(closeCode, reason);
    await this.#save.finish();
    this.#state = 'closed';
    await this.#relay?.leave();
    this.doc.off('update', this.#onDocUpdate);
    metaMap(this.doc).unobserve(this.#onMetaChange);
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.#options.onUnload(this);
  }
}

function authorOf(member: RoomMember): CommentAuthor {
  return {
    participantId: member.participantId,
    facilitator: member.role === 'facilitator',
    publicReader: member.publicReader,
  };
}
