import {
  type Action,
  CloseCode,
  can,
  closeCodeMetric,
  decodeSaveRequest,
  encodeWelcome,
  MessageType,
  PROTOCOL_VERSION,
  type Role,
  SCHEMA_VERSION,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { SharedCommentAbuse } from './acrossInstances/sharedCommentAbuse';
import type { LinkClaims } from './auth/tokens';
import { admitAwareness, encodeAwarenessEntries } from './awarenessCheck';
import { ConnectionRequests } from './ConnectionRequests';
import type { Limits } from './config';
import { ConnectionRefusal, malformed } from './connectionRefusal';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import { RateLimiter } from './RateLimiter';
import type { Room, RoomMember } from './Room';
import type { ServerSockets } from './ServerSockets';
import { SyncExchange } from './SyncExchange';
import { encodeAwareness } from './syncFrames';
import { isUpdate, ThrottledInbox } from './ThrottledInbox';
import { holdForTurn, holdWholeTurn } from './TurnWrites';
import {
  type FrameRun,
  type FrameSocket,
  mayWriteFrames,
  WireFrame,
  writeBytes,
  writeFrame,
} from './WireFrame';

/** One browser tab introduces one awareness client id, two across a reload race; allow a few. */
const MAX_AWARENESS_CLIENTS = 4;
/** Over a socket's life: a tab keeps its id; a few more for pages that restart their session. */
const MAX_AWARENESS_INTRODUCED = 16;
/** After a slow client was sent its close, it has this long to take it before it is cut off. */
const SLOW_CLOSE_GRACE_MS = 2_000;

export interface ConnectionOptions {
  role: Role;
  /** The participant identity this socket may show in awareness (`user.id`). */
  participantId: string;
  /** A keyed hash of the client's address (auth/tokens.ts addressKeyFor), for moderation. */
  addressKey: string;
  claims: LinkClaims | null;
  /** Came through the board's public address, without a token. */
  publicReader?: boolean;
  /** Paja's own client: gets `welcome` and `saved` messages. */
  pajaClient: boolean;
  limits: Limits;
  metrics: Metrics;
  log: Logger;
  /** Several instances: the board's comment rates and duplicates over all of them. */
  sharedComments?: SharedCommentAbuse;
  /** The upgraded TCP socket under `ws`: corked per turn (TurnWrites.ts), written (WireFrame.ts). */
  socket: FrameSocket;
  /** The server's sockets: this connection is open in it until it closes, then closing. */
  sockets?: ServerSockets;
}

/**
 * One WebSocket of one person on one board. Owns decoding and checking of everything that
 * person sends (all of it untrusted: role, size, rate, identity; whether a document update is
 * accepted is the room's admission), the send budget, and an idempotent close. It handles the
 * sync and awareness messages itself and hands Paja's request families to ConnectionRequests,
 * one method per family, so a new family touches neither the others nor the socket. Messages are handled
 * synchronously in arrival order, so a client's updates apply in the order it sent them. The
 * awareness client ids it introduced are recorded by the room, which removes them when it
 * leaves.
 */
export class Connection implements RoomMember {
  readonly role: Role;
  readonly participantId: string;
  readonly addressKey: string;
  readonly pajaClient: boolean;
  readonly publicReader: boolean;
  readonly #ws: WebSocket;
  readonly #socket: FrameSocket;
  /** Frames go straight to the socket (WireFrame.ts); false: through `ws.send` (an extension). */
  readonly #writesFrames: boolean;
  readonly #room: Room;
  readonly #log: Logger;
  readonly #limits: Limits;
  readonly #sharedComments: SharedCommentAbuse | undefined;
  readonly #metrics: Metrics;
  readonly #sockets: ServerSockets | undefined;
  /** Made at the first awareness message: readers never send one (see #handleAwareness). */
  #awareness: RateLimiter | null = null;
  /** Step 1 answers and resyncs (see SyncExchange). */
  readonly #sync: SyncExchange<Connection>;
  /** Paja's own request families (comments, votes, private notes, timer, moderation). */
  #requestsMade: ConnectionRequests | null = null;
  /**
   * Document updates (and step 2s) this socket may send; made at its second
   * (RateLimiter.afterOne): a reader sends one step 2 and never an update.
   */
  #updates: RateLimiter | null = null;
  #updatedBefore = false;
  /**
   * Messages not yet handled, in order; updates over the rate wait (see ThrottledInbox). Made
   * when the first update must wait: until then every message is handled as it arrives, and
   * most sockets (readers, and people who edit at a person's pace) never need one.
   */
  #inbox: ThrottledInbox | null = null;
  /** Awareness client ids this socket has introduced over its life. */
  #introduced = 0;
  #handshake: NodeJS.Timeout | null;
  #closed = false;
  /**
   * The link's generation and expiry (see `claims`); -1: came in without a link. Two numbers,
   * not the decoded claims: their board id and role are the room's and this socket's.
   */
  readonly #linkGeneration: number;
  readonly #linkExpiry: number;
  /** The largest message sent on this socket so far (see `send`). */
  #largestSent = 0;
  /**
   * The socket's bytes read when the last ping went out (-1: none yet). Any byte since, a pong
   * or a message, shows the client alive. Read off the socket rather than kept by a 'pong'
   * listener: a fourth event on each socket moves its listener table to the next size (96
   * bytes a socket, a crowd's worth).
   */
  #readAtPing = -1;

  constructor(ws: WebSocket, room: Room, options: ConnectionOptions) {
    this.#ws = ws;
    this.#socket = options.socket;
    this.#writesFrames = mayWriteFrames(ws);
    this.#room = room;
    this.role = options.role;
    this.participantId = options.participantId;
    this.addressKey = options.addressKey;
    this.#linkGeneration = options.claims?.g ?? -1;
    this.#linkExpiry = options.claims?.e ?? 0;
    this.pajaClient = options.pajaClient;
    this.publicReader = options.publicReader ?? false;
    this.#limits = options.limits;
    this.#sharedComments = options.sharedComments;
    this.#metrics = options.metrics;
    this.#log = options.log;
    this.#sockets = options.sockets;
    this.#sync = new SyncExchange<Connection>(this, room, options.metrics);
    this.#handshake = setTimeout(() => {
      this.close(CloseCode.handshakeTimeout, 'no sync handshake');
    }, options.limits.handshakeTimeoutMs);
    ws.binaryType = 'nodebuffer';
    Connection.#ofSocket.set(ws, this);
    ws.on('message', Connection.#socketMessage);
    ws.on('close', Connection.#socketClose);
    ws.on('error', Connection.#socketError);
    this.#sockets?.open.add(this);
    if (this.pajaClient) {
      this.send(
        encodeWelcome({
          participantId: this.participantId,
          role: this.role,
          protocolVersion: PROTOCOL_VERSION,
          schemaVersion: SCHEMA_VERSION,
        }),
      );
    }
    room.join(this);
  }

  /**
   * Each socket's connection, for the three listeners below: the same three functions on every
   * socket rather than closures made for each (an idle crowd is mostly per-socket objects).
   */
  static readonly #ofSocket = new WeakMap<WebSocket, Connection>();

  // Function expressions, not methods: `ws` calls a listener with the socket as `this`.
  static readonly #socketMessage = function (
    this: WebSocket,
    data: WebSocket.RawData,
    isBinary: boolean,
  ): void {
    const connection = Connection.#ofSocket.get(this);
    if (connection) connection.#onMessage(data, isBinary);
  };

  static readonly #socketClose = function (this: WebSocket): void {
    const connection = Connection.#ofSocket.get(this);
    if (!connection) return;
    connection.close();
    connection.#sockets?.closed(this);
  };

  static readonly #socketError = function (
    this: WebSocket,
    error: Error & { code?: string },
  ): void {
    // `ws` reports a frame over the limit here, after it has closed (see oversize.ts).
    const code =
      error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        ? CloseCode.messageTooLarge
        : CloseCode.malformed;
    const connection = Connection.#ofSocket.get(this);
    if (connection) connection.#refuse(new ConnectionRefusal(code, error.message));
  };

  /** Made at the first such request: most of a crowd never sends one. */
  get #requests(): ConnectionRequests {
    this.#requestsMade ??= new ConnectionRequests(
      this,
      this.#room,
      this.#log,
      this.#sharedComments,
    );
    return this.#requestsMade;
  }

  /** The claims of the link this socket came in with; null for the public address. */
  get claims(): LinkClaims | null {
    if (this.#linkGeneration < 0) return null;
    const { boardId } = this.#room;
    return { b: boardId, r: this.role, g: this.#linkGeneration, e: this.#linkExpiry };
  }

  get closed(): boolean {
    return this.#closed;
  }

  may(action: Action): boolean {
    return can(this.role, action);
  }

  /**
   * Queues `message` for the client. A client that does not read (or reads far slower than its
   * board changes) would keep every message in the server's memory: once more than
   * PAJA_MAX_QUEUED_BYTES wait in its socket, it is closed instead. The largest message sent
   * on the socket (the board itself, for a joiner) fits on top of the budget: a joiner of a board
   * larger than the budget gets the board, and is not closed by the next cursor that arrives
   * while the board is still on its way (measured: a third of 100 joiners of a 4 MB board were).
   */
  send(message: Uint8Array): void {
    this.sendFrame(new WireFrame(message));
  }

  /**
   * `send` for a message framed once for many receivers (UpdateBroadcast, PresenceBatch). Every
   * message of this socket goes through here (or sendRun), so they stay in the order they were
   * sent; and the board's updates gathered and not yet sent to this connection go out first
   * (nothing when this is one of them), so no message overtakes an update it may depend on
   * (Room.sendGatheredUpdates).
   */
  sendFrame(frame: WireFrame): void {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
    this.#room.sendGatheredUpdates(this);
    const bytes = frame.byteLength;
    if (this.#ws.bufferedAmount > this.#limits.maxQueuedBytes + this.#largestSent) {
      this.#closeSlowReader();
      return;
    }
    if (bytes > this.#largestSent) this.#largestSent = bytes;
    this.#metrics.messagesOut++;
    this.#metrics.bytesOut += bytes;
    holdForTurn(this.#socket, bytes);
    // No callback: a failed write errors the socket, and its 'close' closes this connection.
    // (A callback per send was a closure per message per receiver.)
    if (this.#writesFrames) writeFrame(this.#ws, this.#socket, frame);
    else this.#ws.send(frame.payload);
  }

  /**
   * `sendFrame` for several messages at once (UpdateBroadcast: a board's gathered updates),
   * in one write: every frame of `run` but those at `without` (ascending indexes: this connection's
   * own updates, and those it was sent already).
   */
  sendRun(run: FrameRun, without: readonly number[]): void {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
    this.#room.sendGatheredUpdates(this);
    if (this.#ws.bufferedAmount > this.#limits.maxQueuedBytes + this.#largestSent) {
      this.#closeSlowReader();
      return;
    }
    let bytes = 0;
    // `without` is ascending: walk it beside the frames.
    let next = 0;
    for (let i = 0; i < run.frames.length; i++) {
      if (without[next] === i) {
        next++;
        continue;
      }
      const length = (run.frames[i] as WireFrame).byteLength;
      if (length > this.#largestSent) this.#largestSent = length;
      bytes += length;
      this.#metrics.messagesOut++;
    }
    if (bytes === 0) return;
    this.#metrics.bytesOut += bytes;
    holdForTurn(this.#socket, bytes);
    if (this.#writesFrames) {
      writeBytes(this.#ws, this.#socket, run.slicesWithout(without));
      return;
    }
    run.frames.forEach((frame, i) => {
      if (!without.includes(i)) this.#ws.send(frame.payload);
    });
  }

  /** This turn's writes to this socket leave together when it ends (TurnWrites.ts). */
  holdWrites(): void {
    if (this.#closed) return;
    holdWholeTurn(this.#socket);
  }

  /**
   * Called on an interval: a socket that sent nothing since the previous ping, not even its
   * pong, is dead.
   */
  heartbeat(): void {
    if (this.#closed) return;
    const read = this.#socket.bytesRead;
    if (read === this.#readAtPing) {
      this.#log.info('no pong: closing dead connection');
      this.#ws.terminate();
      this.close();
      return;
    }
    this.#readAtPing = read;
    this.#ws.ping();
  }

  /** Bytes waiting in the socket for the client to read. */
  get queuedBytes(): number {
    return this.#ws.bufferedAmount;
  }

  close(code: number = CloseCode.normal, reason = ''): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#handshake) clearTimeout(this.#handshake);
    this.#sync.close();
    this.#inbox?.close();
    this.#room.leave(this);
    this.#sockets?.open.delete(this);
    if (this.#ws.readyState === this.#ws.OPEN || this.#ws.readyState === this.#ws.CONNECTING) {
      this.#ws.close(code, reason);
    }
    this.#sockets?.closing(this.#ws);
  }

  #closeSlowReader(): void {
    this.#refuse(new ConnectionRefusal(CloseCode.sendBufferFull, 'not reading fast enough'));
    // The close frame waits behind everything queued, which this client is not reading: give
    // it a moment, then let go of the memory.
    const ws = this.#ws;
    setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS).unref();
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#closed) return;
    this.#metrics.messagesIn++;
    if (!isBinary || !(data instanceof Buffer)) {
      this.#refuse(malformed('expected one binary frame'));
      return;
    }
    this.#metrics.bytesIn += data.byteLength;
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // Without an inbox nothing waits, so a message handled now keeps the order; one that must
    // wait for the update rate makes the inbox, and it and all after it wait there.
    if (this.#inbox === null) {
      if (!isUpdate(message) || this.#takeUpdateToken()) {
        this.receive(message);
        return;
      }
      this.#inbox = new ThrottledInbox(this.#updates as RateLimiter, this.#ws, this);
    }
    this.#inbox.push(message);
  }

  /** Whether an update may be handled now; the first needs no limiter (see #updates). */
  #takeUpdateToken(): boolean {
    if (!this.#updatedBefore) {
      this.#updatedBefore = true;
      return true;
    }
    this.#updates ??= RateLimiter.afterOne(this.#limits.updatesPerSecond);
    return this.#updates.take();
  }

  /** Handles one message of the client, in arrival order (ThrottledInbox calls it). */
  receive(message: Uint8Array): void {
    try {
      this.#handle(message);
    } catch (error) {
      this.#refuse(error);
    }
  }

  #refuse(error: unknown): void {
    const refusal = error instanceof ConnectionRefusal ? error : malformed('undecodable');
    this.#log.warn('closing connection', {
      code: refusal.code,
      reason: refusal.message,
      role: this.role,
      detail: error instanceof ConnectionRefusal ? undefined : error,
    });
    this.#metrics.reject(closeCodeMetric(refusal.code));
    this.close(refusal.code, refusal.message.slice(0, 120));
  }

  #handle(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        this.#handleSync(decoder);
        break;
      case MessageType.awareness:
        this.#handleAwareness(decoding.readVarUint8Array(decoder));
        break;
      case MessageType.comment:
        this.#requests.comment(decoder);
        return;
      case MessageType.commentAction:
        this.#requests.commentAction(decoder);
        return;
      case MessageType.timer:
        this.#requests.timer(decoder);
        return;
      case MessageType.follow:
        this.#requests.follow(decoder);
        return;
      case MessageType.votes:
        this.#requests.vote(decoder);
        return;
      case MessageType.privateNotes:
        this.#requests.privateNotes(decoder);
        return;
      case MessageType.moderation:
        this.#requests.moderation(decoder);
        return;
      case MessageType.saveRequest: {
        const marker = decodeSaveRequest(decoder);
        if (!marker.ok) throw malformed(marker.error.reason);
        this.#sync.saveRequested(marker.value);
        return;
      }
      case MessageType.queryAwareness: {
        const states = [...this.#room.awareness.getStates().keys()];
        this.send(encodeAwareness(this.#room.awareness, states));
        break;
      }
      default:
        throw malformed(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw malformed('trailing bytes after message');
  }

  #handleSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    switch (step) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        // Decoding it first turns a corrupt state vector into a clean error.
        Y.decodeStateVector(stateVector);
        if (this.#handshake) clearTimeout(this.#handshake);
        this.#handshake = null;
        this.#sync.stepOne(stateVector);
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
        this.#handleUpdate(decoding.readVarUint8Array(decoder), true);
        break;
      case syncProtocol.messageYjsUpdate:
        this.#handleUpdate(decoding.readVarUint8Array(decoder), false);
        break;
      default:
        throw malformed(`unknown sync step ${step}`);
    }
  }

  #handleUpdate(update: Uint8Array, isStep2: boolean): void {
    const admission = this.#room.receiveUpdate(this, update);
    if (!admission.ok) throw new ConnectionRefusal(admission.code, admission.reason);
    this.#sync.received(admission, isStep2);
  }

  #handleAwareness(update: Uint8Array): void {
    // Readers and commenters show no cursor: with a public audience every state would reach
    // every connection. Dropped, not refused: a stock client sends its state unasked.
    if (!this.may('presence')) return;
    this.#awareness ??= new RateLimiter(this.#limits.awarenessPerSecond);
    if (!this.#awareness.take()) return; // cursors are ephemeral: dropping some is fine
    const verdict = admitAwareness(update, this.#room.presence, this, this.#introduced, {
      participantId: this.participantId,
      maxStateBytes: this.#limits.maxAwarenessBytes,
      maxOwned: MAX_AWARENESS_CLIENTS,
      maxIntroduced: MAX_AWARENESS_INTRODUCED,
    });
    if (!verdict.ok) throw new ConnectionRefusal(CloseCode.badAwareness, verdict.reason);
    this.#introduced += verdict.introduced;
    if (verdict.entries.length > 0) {
      this.#room.presence.apply(this, encodeAwarenessEntries(verdict.entries));
    }
  }
}
