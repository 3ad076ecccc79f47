import {
  CloseCode,
  type Editor,
  MetaKey,
  metaMap,
  migrate,
  type Role,
  readPublication,
} from '@paja/shared';
import * as Y from 'yjs';
import type { AcrossInstances } from './acrossInstances/AcrossInstances';
import type { Admission } from './admission';
import { BoardAttention } from './BoardAttention';
import { BoardComments } from './BoardComments';
import { BoardPrivateNotes } from './BoardPrivateNotes';
import { BoardSideState } from './BoardSideState';
import { BoardVotes } from './BoardVotes';
import { isReaderRole } from './ConnectionPools';
import type { CommentLimits } from './config';
import { DocUpdates } from './DocUpdates';
import type { BoardRelay, RelayOptions } from './fanout/BoardRelay';
import type { FanOut } from './fanout/FanOut';
import { BoardHistory } from './history/BoardHistory';
import { IdleUnload } from './IdleUnload';
import { loadStoredBoard } from './loadStoredBoard';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import { BoardModeration, type ModerationMember } from './moderation/BoardModeration';
import { RELAYED, SERVER_ORIGIN } from './origins';
import { ReaderCount } from './ReaderCount';
import { RoomPresence } from './RoomPresence';
import { SavePipeline, type SaveRecipient } from './SavePipeline';
import { SyncAnswers } from './SyncAnswers';
import type { Storage, StoredBoard } from './storage/Storage';
import { encodeSyncStep1 } from './syncFrames';
import { type BroadcastMember, UpdateBroadcast } from './UpdateBroadcast';
import { type IntakeLimits, UpdateIntake } from './UpdateIntake';
import type { Footprint } from './updateLimits';

/** Limits of what the board takes (IntakeLimits), timing, metrics, the fan-out. */
export interface RoomOptions extends IntakeLimits {
  /** Compact the update log into a snapshot after this many appended updates. */
  compactEvery: number;
  /** Unload this long after the last connection leaves (0: at once). */
  idleUnloadMs: number;
  metrics: Metrics;
  /** How this room hears the same board's rooms on other instances. */
  fanOut: FanOut;
  /** How it catches up from storage with what the fan-out lost. */
  relay?: RelayOptions;
  /** Called when the room has unloaded itself, so the registry can forget it. */
  onUnload: (room: Room) => void;
  /** Abuse controls of commenting (moderation). */
  comments: CommentLimits;
  snapshotRetentionMs?: number;
  /** Several instances: the count of people is of every instance's (acrossInstances/). */
  acrossInstances?: AcrossInstances;
}

/**
 * What the room needs of a connection. Connection implements it; the room never imports
 * Connection, so the two files depend one way only.
 */
export interface RoomMember extends SaveRecipient, Editor, ModerationMember, BroadcastMember {
  /** Came through the board's public address, without a token (publication.ts). */
  readonly publicReader: boolean;
  close(code?: number, reason?: string): void;
}

type RoomState = 'open' | 'closing' | 'closed';

/**
 * One loaded board, live: its Y.Doc, its presence (RoomPresence), the connections editing it,
 * the relay to the same board on other instances, and its lifecycle.
 * `Room.load` -> open (connections come and go) -> `close` when idle (IdleUnload) or when the
 * server stops.
 *
 * Every change of the document reaches the other connections at once and is handed to the
 * board's SavePipeline, which alone stores it and says "saved". Server-held state outside the
 * document lives in `side` (BoardSideState) and is stored by the same pipeline.
 */
export class Room {
  readonly doc: Y.Doc;
  /** Cursors and names, and which connection introduced each awareness client id. */
  readonly presence: RoomPresence<RoomMember>;
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
  /** Comments, replies, supports and resolves, written by the server (see BoardComments). */
  readonly comments: BoardComments<RoomMember>;
  /** Comments held from readers, flags, blocks, the audit log (see BoardModeration). */
  readonly moderation: BoardModeration;
  /** Sync step 2 answers, shared by everyone who asks the same at one document version. */
  readonly answers: SyncAnswers;
  readonly #members = new Set<RoomMember>();
  /** Document updates on their way to the members, gathered per turn (see UpdateBroadcast). */
  readonly #broadcast = new UpdateBroadcast<RoomMember>();
  readonly #save: SavePipeline;
  readonly #options: RoomOptions;
  /** The board's logger (its entries name the board); connections log through it too. */
  readonly log: Logger;
  readonly #intake: UpdateIntake;
  /** Every change of the document, to #onDocUpdate (as Yjs's `update` event, see DocUpdates). */
  readonly #updates: DocUpdates;
  readonly #readers: ReaderCount<RoomMember>;
  readonly #idle: IdleUnload;

  #state: RoomState = 'open';
  #relay: BoardRelay | null = null;
  #closing: Promise<void> | null = null;

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
    this.log = log;
    const { compactEvery, metrics } = options;
    this.#save = SavePipeline.loaded(boardId, storage, doc, stored, {
      compactEvery,
      metrics,
      log,
      liveState: () => Y.encodeStateAsUpdate(doc),
      // Other instances hear of a change only once it is stored.
      onCommitted: (committed, updates, side) => {
        this.side.committed(committed.lastSideSeq - side.length + 1, side);
        this.#relay?.committed(committed, updates, side);
      },
    });
    this.side = new BoardSideState(stored.side, this.#save);
    this.attention = new BoardAttention(this.side, () => this.#members);
    const host = {
      doc,
      side: this.side,
      transactAsServer: <T>(change: (doc: Y.Doc) => T) => this.transactAsServer(change),
      committed: () => this.committed(),
      catchUp: () => this.#relay?.catchUpNow() ?? Promise.resolve(),
      members: () => this.#members,
    };
    this.votes = new BoardVotes(host);
    this.history = new BoardHistory(doc, this.side, {
      autoRetentionMs: options.snapshotRetentionMs ?? 0,
    });
    this.privateNotes = new BoardPrivateNotes(host);
    this.#updates = new DocUpdates(doc, this.#onDocUpdate);
    this.#intake = new UpdateIntake(doc, this.#save, this.#updates, options);
    this.answers = new SyncAnswers(doc, stored);
    this.comments = new BoardComments<RoomMember>({
      doc,
      expectSaved: (member) => this.#save.expectSaved(member),
      moderate: (member, request) => this.moderation.submit(member, request),
    });
    this.moderation = new BoardModeration(
      {
        ...host,
        publishNow: (member, request) => this.comments.publish(member as RoomMember, request),
      },
      options.comments,
      log,
    );
    this.#readers = new ReaderCount(() => this.#members, options.acrossInstances?.people(boardId));
    this.#idle = new IdleUnload(options.idleUnloadMs, {
      flush: () => this.flush(),
      idle: () => this.#members.size === 0 && this.#state === 'open',
      hasUnsaved: () => this.#save.hasUnsaved,
      close: () => this.close(),
    });
    this.presence = new RoomPresence(
      doc,
      this.#members,
      (message) => this.#relay?.publishPresence(message),
      log,
    );
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
    const loaded = await loadStoredBoard(boardId, storage, options.fanOut, log, options.relay);
    if (!loaded) return null;
    const { doc, stored, relay } = loaded;
    const room = new Room(boardId, doc, stored, storage, options, log.child({ board: boardId }));
    room.#relay = relay;
    relay.start(stored.lastSeq, stored.lastSideSeq, {
      applyStored: (updates) => room.#applyStored(updates),
      applySide: (writes, reset, through) => room.side.applyStored(writes, reset, through),
      applyPresence: (message) => {
        if (room.#state !== 'closed') room.presence.applyRelayed(message);
      },
    });
    // Migration writes go through the room's update handler, so they are stored like edits.
    const passed = migrate(doc);
    if (passed.length > 0) room.log.info('board migrated', { from: passed[0], steps: passed });
    room.votes.resume();
    room.history.start();
    // Comments an older version left pending or hidden in the document leave it now.
    const adopted = room.moderation.adoptDocumentComments();
    if (adopted > 0) room.log.info('held comments moved out of the document', { adopted });
    // A long log makes every load slow (each update is applied on its own): fold it now.
    if (room.#save.compactionDue) void room.#save.compact();
    // Loaded for a reader that is not a connection (GET /api/boards/<id>), or for a socket that
    // never arrives: unloaded like a board whose last connection left. Joining cancels it.
    room.#idle.start();
    return room;
  }

  /** Stores the board without deleted content: the stored log holds updates as they came. */
  async forgetDeleted(): Promise<void> {
    await this.#save.flush();
    await this.#save.compact(true);
  }

  get state(): RoomState {
    return this.#state;
  }

  get connectionCount(): number {
    return this.#members.size;
  }

  /** The board's awareness (presence.awareness). */
  get awareness() {
    return this.presence.awareness;
  }

  /** Bytes of the document in storage (uploaded files count beside it: http/mediaApi.ts). */
  get storedBytes(): number {
    return this.#save.storedBytes;
  }

  /** Bytes of updates applied in memory but not yet durable. */
  get unsavedBytes(): number {
    return this.#save.unsavedBytes;
  }

  /** Items and estimated memory of the board's document (an upper bound between recounts). */
  get footprint(): Footprint {
    return this.#intake.footprint;
  }

  get lastStorageError(): string | null {
    return this.#save.lastError;
  }

  /** How many people (distinct participants, every role) are on the board. */
  get peopleCount(): number {
    return this.#readers.people;
  }

  /**
   * Closes every connection that holds `role` through a link (its links were revoked); the
   * public's connections are not a link's. Returns how many.
   */
  closeRole(role: Role, code: number, reason: string): number {
    const closing = [...this.#members].filter((m) => m.role === role && !m.publicReader);
    for (const member of closing) member.close(code, reason);
    return closing.length;
  }

  /** Adds a connection and starts the sync handshake (our step 1, all awareness states). */
  join(member: RoomMember): void {
    if (this.#state !== 'open') throw new Error(`Room ${this.boardId} is ${this.#state}`);
    this.#idle.cancel();
    this.#members.add(member);
    this.#broadcast.join(member, isReaderRole(member.role));
    this.#readers.joined(member);
    member.send(encodeSyncStep1(this.doc));
    const everyone = this.presence.everyone();
    if (everyone) member.send(everyone);
    this.attention.greet(member);
    this.votes.joined(member);
    this.privateNotes.joined(member);
    this.moderation.greet(member);
  }

  leave(member: RoomMember): void {
    if (!this.#members.delete(member)) return;
    this.#broadcast.leave(member);
    this.#readers.left(member);
    this.#save.forget(member);
    this.presence.left(member);
    this.votes.left(member);
    if (this.#members.size === 0 && this.#state === 'open') this.#idle.start();
  }

  /**
   * Admits and applies a Yjs update that a member sent (UpdateIntake); a refusal is returned,
   * not thrown, and the member closes itself with its code.
   */
  receiveUpdate(member: RoomMember, update: Uint8Array): Admission {
    return this.#intake.receive(member, update);
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

  /**
   * Sends `member` the document updates gathered for it and not sent yet (UpdateBroadcast), now.
   * Every message to a member calls this first (Connection.sendFrame): an answer, side state,
   * presence or `saved` may depend on an update applied before it, and must not arrive first.
   */
  sendGatheredUpdates(member: RoomMember): void {
    this.#broadcast.sendGatheredTo(member);
  }

  /** Resolves when every change made so far (document and side state) is committed. */
  committed(): Promise<void> {
    return this.#save.committed();
  }

  /** Writes everything pending; resolves when it is durable (or after a logged failure). */
  flush(): Promise<void> {
    return this.#save.flush();
  }

  #onDocUpdate = (update: Uint8Array, origin: unknown, transaction: Y.Transaction): void => {
    this.answers.changed();
    // A member's update was counted when it was admitted; the server's own and relayed ones
    // (judged by the instance that admitted them) are counted here.
    if (!this.#members.has(origin as RoomMember)) this.#intake.counted(update);
    const from = this.#members.has(origin as RoomMember) ? (origin as RoomMember) : null;
    this.#broadcast.add(update, from);
    // Another instance stored what it relayed; only what arrived here is ours to store (and,
    // once committed, to relay).
    // A member's update: which clients' clocks it advances is read from the transaction here,
    // not decoded from the update again when it is committed.
    if (origin !== RELAYED) this.#save.addUpdate(update, from, this.#intake.endsOf(transaction));
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
      this.log.error('could not apply a relayed update', { error });
    }
    // A vote started, ended or revealed elsewhere: people here hear their status.
    this.votes.documentChanged();
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
    this.#idle.cancel();
    this.votes.stop();
    this.history.stop();
    this.#readers.stop();
    this.#broadcast.flush();
    for (const member of [...this.#members]) member.close(closeCode, reason);
    this.#broadcast.close();
    await this.#save.finish();
    this.#state = 'closed';
    await this.#relay?.leave();
    this.#updates.close();
    metaMap(this.doc).unobserve(this.#onMetaChange);
    this.presence.destroy();
    this.doc.destroy();
    this.#options.onUnload(this);
  }
}
