import {
  type Action,
  CloseCode,
  COMMENT_REFUSALS,
  type CommentDecodeError,
  type CommentResult,
  can,
  closeCodeMetric,
  type Decoded,
  decodeComment,
  decodeCommentAction,
  decodeFollow,
  decodeModeration,
  decodePrivateNotes,
  decodeSaveRequest,
  decodeTimerMessage,
  decodeVoteMessage,
  encodeCommentResult,
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
import type { LinkClaims } from './auth/tokens';
import { admitAwareness, encodeAwarenessEntries } from './awarenessCheck';
import { BoardPrivateNotes } from './BoardPrivateNotes';
import { BoardVotes } from './BoardVotes';
import type { Limits } from './config';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import { closeOversizedWith } from './oversize';
import { RateLimiter } from './RateLimiter';
import type { Room, RoomMember } from './Room';
import { SyncExchange } from './SyncExchange';
import { encodeAwareness } from './syncFrames';
import { ThrottledInbox } from './ThrottledInbox';

/** An input problem that closes this connection with a named code. */
export class ConnectionRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionRefusal';
  }
}

const malformed = (why: string) => new ConnectionRefusal(CloseCode.malformed, why);

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
}

/**
 * One WebSocket of one person on one board. Owns decoding and checking of everything that
 * person sends (all of it untrusted: role, size, rate, identity; whether a document update is
 * accepted is the room's admission), and an idempotent close. Messages are handled
 * synchronously in arrival order, so a client's updates apply in the order it sent them. The
 * awareness client ids it introduced are recorded by the room, which removes them when it
 * leaves.
 */
export class Connection implements RoomMember {
  readonly role: Role;
  readonly participantId: string;
  readonly addressKey: string;
  readonly claims: LinkClaims | null;
  readonly pajaClient: boolean;
  readonly publicReader: boolean;
  readonly #ws: WebSocket;
  readonly #room: Room;
  readonly #log: Logger;
  readonly #limits: Limits;
  readonly #metrics: Metrics;
  readonly #awareness: RateLimiter;
  /** Public commenting is open to anyone with a link: a person writes a few a minute. */
  readonly #comments = new RateLimiter(1, 10);
  /** Timer and follow controls: a facilitator presses a few buttons a minute. */
  readonly #attention = new RateLimiter(5, 20);
  /** Placing dots is quick clicking: a few a second, bursts of 20. */
  readonly #votes = new RateLimiter(5, 20);
  /** Private notes are saved as people type (the client waits a moment between saves). */
  readonly #privateNotes = new RateLimiter(10, 40);
  /** Step 1 answers and resyncs (see SyncExchange). */
  readonly #sync: SyncExchange;
  /** Messages not yet handled, in order; updates over the rate wait (see ThrottledInbox). */
  readonly #inbox: ThrottledInbox;
  /** Awareness client ids this socket has introduced over its life. */
  #introduced = 0;
  /** Moderation requests and flags; a bulk decision is one message. */
  readonly #moderation = new RateLimiter(5, 20);
  /** Supports and resolves are quick clicks, taken back and given again: a little more room. */
  readonly #commentActions = new RateLimiter(2, 20);
  #handshake: NodeJS.Timeout | null;
  #closed = false;
  #alive = true;

  constructor(ws: WebSocket, room: Room, options: ConnectionOptions) {
    this.#ws = ws;
    this.#room = room;
    this.role = options.role;
    this.participantId = options.participantId;
    this.addressKey = options.addressKey;
    this.claims = options.claims;
    this.pajaClient = options.pajaClient;
    this.publicReader = options.publicReader ?? false;
    this.#limits = options.limits;
    this.#metrics = options.metrics;
    this.#log = options.log;
    this.#sync = new SyncExchange({
      send: (message) => this.send(message),
      answers: room.answers,
      doc: room.doc,
      requestSaved: (marker) => room.requestSaved(this, marker),
      resynced: () => this.#metrics.resyncs++,
    });
    this.#inbox = new ThrottledInbox(
      new RateLimiter(options.limits.updatesPerSecond),
      ws,
      (message) => {
        try {
          this.#handle(message);
        } catch (error) {
          this.#refuse(error);
        }
      },
    );
    this.#awareness = new RateLimiter(options.limits.awarenessPerSecond);
    this.#handshake = setTimeout(() => {
      this.close(CloseCode.handshakeTimeout, 'no sync handshake');
    }, options.limits.handshakeTimeoutMs);
    ws.binaryType = 'nodebuffer';
    closeOversizedWith(ws, CloseCode.messageTooLarge);
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', () => this.close());
    ws.on('error', (error: Error & { code?: string }) => {
      // `ws` reports a frame over the limit here, after it has closed (see closeOversizedWith).
      const code =
        error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
          ? CloseCode.messageTooLarge
          : CloseCode.malformed;
      this.#refuse(new ConnectionRefusal(code, error.message));
    });
    ws.on('pong', () => {
      this.#alive = true;
    });
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

  get closed(): boolean {
    return this.#closed;
  }

  may(action: Action): boolean {
    return can(this.role, action);
  }

  /**
   * Queues `message` for the client. A client that does not read (or reads far slower than its
   * board changes) would keep every message in the server's memory: once more than
   * PAJA_MAX_QUEUED_BYTES wait in its socket, it is closed instead. One message always fits on
   * top of the budget, so a joiner of a board larger than the budget gets the board.
   */
  send(message: Uint8Array): void {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
    if (this.#ws.bufferedAmount > this.#limits.maxQueuedBytes) {
      this.#closeSlowReader();
      return;
    }
    this.#metrics.messagesOut++;
    this.#metrics.bytesOut += message.byteLength;
    this.#ws.send(message, (error) => {
      if (error) this.close();
    });
  }

  /** Called on an interval: a socket that did not answer the previous ping is dead. */
  heartbeat(): void {
    if (this.#closed) return;
    if (!this.#alive) {
      this.#log.info('no pong: closing dead connection');
      this.#ws.terminate();
      this.close();
      return;
    }
    this.#alive = false;
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
    this.#inbox.close();
    this.#room.leave(this);
    if (this.#ws.readyState === this.#ws.OPEN || this.#ws.readyState === this.#ws.CONNECTING) {
      this.#ws.close(code, reason);
    }
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
    this.#inbox.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
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
        // Decodes the payload itself: a readable request with bad fields gets an answer.
        this.#answerComment(
          () => decodeComment(decoder),
          this.#comments,
          (comment) => this.#room.applyComment(this, comment),
        );
        return;
      case MessageType.commentAction:
        this.#answerComment(
          () => decodeCommentAction(decoder),
          this.#commentActions,
          (action) => this.#room.applyCommentAction(this, action),
        );
        return;
      case MessageType.timer:
        this.#handleTimer(decoder);
        return;
      case MessageType.follow:
        this.#handleFollow(decoder);
        return;
      case MessageType.votes:
        this.#handleVote(decoder);
        return;
      case MessageType.privateNotes:
        this.#handlePrivateNotes(decoder);
        return;
      case MessageType.moderation:
        this.#handleModeration(decoder);
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

  /** Dot votes: decoded strictly (a bad frame closes with 4400), judged by the room's votes. */
  #handleVote(decoder: decoding.Decoder): void {
    const message = decodeVoteMessage(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    const request = message.value;
    if (request.kind === 'answer' || request.kind === 'status') {
      throw malformed('a vote answer or status is the server’s to send');
    }
    if (!this.#votes.take()) {
      BoardVotes.refuse(this, request.request, 'tooFast');
      return;
    }
    void this.#room.votes.handle(this, request);
  }

  /** Private notes: decoded strictly (a bad frame closes with 4400), judged by the room's part. */
  #handlePrivateNotes(decoder: decoding.Decoder): void {
    const message = decodePrivateNotes(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    const request = message.value;
    if (request.kind === 'answer' || request.kind === 'status' || request.kind === 'notes') {
      throw malformed('a private-notes answer, status or update is the server’s to send');
    }
    if (!this.#privateNotes.take()) {
      BoardPrivateNotes.refuse(this, request.request, 'tooFast');
      return;
    }
    this.#room.privateNotes.handle(this, request).catch((error: unknown) => {
      this.#log.error('private notes request failed', { error });
    });
  }

  /**
   * Answers a comment or comment action: the role first (a viewer's closes the connection),
   * then the decoded request (a readable request number with bad fields gets an answer, an
   * unreadable frame closes with 4400), then the rate, then the room applies it.
   */
  #answerComment<T extends { request: number }>(
    decode: () => Decoded<T, CommentDecodeError>,
    limiter: RateLimiter,
    apply: (request: T) => CommentResult,
  ): void {
    if (!this.may('comment')) {
      throw new ConnectionRefusal(CloseCode.forbidden, `a ${this.role} cannot comment`);
    }
    const decoded = decode();
    let result: CommentResult;
    if (!decoded.ok) {
      const { request, reason } = decoded.error;
      if (request === undefined) throw malformed(reason);
      result = { request, ok: false, error: reason };
    } else if (!limiter.take()) {
      result = { request: decoded.value.request, ok: false, error: COMMENT_REFUSALS.tooFast };
    } else {
      result = apply(decoded.value);
    }
    this.send(encodeCommentResult(result));
  }

  /** Only facilitators run the timer; the role is checked before a byte of it is read. */
  #handleTimer(decoder: decoding.Decoder): void {
    this.#mayAttend('runTimer', 'run the timer');
    const message = decodeTimerMessage(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    if (message.value.kind !== 'control') throw malformed('a client sends only timer controls');
    this.#room.attention.controlTimer(this, message.value.control);
  }

  /** Only facilitators summon and lead; following someone is each client's own business. */
  #handleFollow(decoder: decoding.Decoder): void {
    this.#mayAttend('lead', 'bring others to a view');
    const message = decodeFollow(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    const follow = message.value;
    if (follow.kind === 'summon') this.#room.attention.summon(this, follow.view);
    else if (follow.kind === 'lead') this.#room.attention.lead(this, follow.on);
    else throw malformed('a client sends only summon and lead');
  }

  /**
   * Flags come from anyone on the board; decisions, blocks and the policy only from
   * moderators and facilitators (the room's moderation answers others with a refusal).
   */
  #handleModeration(decoder: decoding.Decoder): void {
    const message = decodeModeration(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    if (message.value.kind !== 'request') throw malformed('a client sends only requests');
    if (!this.#moderation.take()) {
      throw new ConnectionRefusal(CloseCode.rateLimited, 'too many moderation messages');
    }
    this.#room.moderation.handle(this, message.value.body);
  }

  #mayAttend(action: Action, what: string): void {
    if (!this.may(action)) {
      throw new ConnectionRefusal(CloseCode.forbidden, `a ${this.role} cannot ${what}`);
    }
    if (!this.#attention.take()) {
      throw new ConnectionRefusal(CloseCode.rateLimited, 'too many timer or follow messages');
    }
  }

  #handleAwareness(update: Uint8Array): void {
    // Readers and commenters show no cursor: with a public audience every state would reach
    // every connection. Dropped, not refused: a stock client sends its state unasked.
    if (!this.may('presence')) return;
    if (!this.#awareness.take()) return; // cursors are ephemeral: dropping some is fine
    const verdict = admitAwareness(update, this.#room, this, this.#introduced, {
      participantId: this.participantId,
      maxStateBytes: this.#limits.maxAwarenessBytes,
      maxOwned: MAX_AWARENESS_CLIENTS,
      maxIntroduced: MAX_AWARENESS_INTRODUCED,
    });
    if (!verdict.ok) throw new ConnectionRefusal(CloseCode.badAwareness, verdict.reason);
    this.#introduced += verdict.introduced;
    if (verdict.entries.length > 0) {
      this.#room.applyAwarenessUpdate(this, encodeAwarenessEntries(verdict.entries));
    }
  }
}
