import {
  type Action,
  CloseCode,
  type CommentResult,
  can,
  closeCodeMetric,
  decodeComment,
  decodeFollow,
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
import {
  type AwarenessEntry,
  claimedParticipantId,
  decodeAwarenessEntries,
  encodeAwarenessEntries,
} from './awarenessCheck';
import { BoardPrivateNotes } from './BoardPrivateNotes';
import { BoardVotes } from './BoardVotes';
import type { Limits } from './config';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import { RateLimiter } from './RateLimiter';
import type { Room, RoomMember } from './Room';
import { encodeAwareness, encodeSyncStep2 } from './syncFrames';

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

export interface ConnectionOptions {
  role: Role;
  /** The participant identity this socket may show in awareness (`user.id`). */
  participantId: string;
  claims: LinkClaims | null;
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
  readonly claims: LinkClaims | null;
  readonly pajaClient: boolean;
  readonly #ws: WebSocket;
  readonly #room: Room;
  readonly #log: Logger;
  readonly #limits: Limits;
  readonly #metrics: Metrics;
  readonly #updates: RateLimiter;
  readonly #awareness: RateLimiter;
  /** Public commenting is open to anyone with a link: a person writes a few a minute. */
  readonly #comments = new RateLimiter(1, 10);
  /** Timer and follow controls: a facilitator presses a few buttons a minute. */
  readonly #attention = new RateLimiter(5, 20);
  /** Placing dots is quick clicking: a few a second, bursts of 20. */
  readonly #votes = new RateLimiter(5, 20);
  /** Private notes are saved as people type (the client waits a moment between saves). */
  readonly #privateNotes = new RateLimiter(10, 40);
  #handshake: NodeJS.Timeout | null;
  #closed = false;
  #alive = true;

  constructor(ws: WebSocket, room: Room, options: ConnectionOptions) {
    this.#ws = ws;
    this.#room = room;
    this.role = options.role;
    this.participantId = options.participantId;
    this.claims = options.claims;
    this.pajaClient = options.pajaClient;
    this.#limits = options.limits;
    this.#metrics = options.metrics;
    this.#log = options.log;
    this.#updates = new RateLimiter(options.limits.updatesPerSecond);
    this.#awareness = new RateLimiter(options.limits.awarenessPerSecond);
    this.#handshake = setTimeout(() => {
      this.close(CloseCode.handshakeTimeout, 'no sync handshake');
    }, options.limits.handshakeTimeoutMs);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', () => this.close());
    ws.on('error', (error) => {
      this.#log.warn('socket error', { error });
      this.close(CloseCode.malformed, 'socket error');
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

  send(message: Uint8Array): void {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
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

  close(code: number = CloseCode.normal, reason = ''): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#handshake) clearTimeout(this.#handshake);
    this.#room.leave(this);
    if (this.#ws.readyState === this.#ws.OPEN || this.#ws.readyState === this.#ws.CONNECTING) {
      this.#ws.close(code, reason);
    }
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#closed) return;
    this.#metrics.messagesIn++;
    try {
      if (!isBinary || !(data instanceof Buffer)) throw malformed('expected one binary frame');
      this.#metrics.bytesIn += data.byteLength;
      this.#handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
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
        this.#handleComment(decoder);
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
      case MessageType.saveRequest: {
        const marker = decodeSaveRequest(decoder);
        if (!marker.ok) throw malformed(marker.error.reason);
        this.#room.requestSaved(this, marker.value);
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
        const known = Y.decodeStateVector(stateVector);
        if (this.#handshake) clearTimeout(this.#handshake);
        this.#handshake = null;
        if (known.size === 0) {
          this.send(this.#room.fullStateMessage());
          break;
        }
        this.send(encodeSyncStep2(this.#room.doc, stateVector));
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        this.#handleUpdate(decoding.readVarUint8Array(decoder));
        break;
      default:
        throw malformed(`unknown sync step ${step}`);
    }
  }

  #handleUpdate(update: Uint8Array): void {
    if (!this.#updates.take()) {
      throw new ConnectionRefusal(CloseCode.rateLimited, 'too many updates');
    }
    const admission = this.#room.receiveUpdate(this, update);
    if (!admission.ok) throw new ConnectionRefusal(admission.code, admission.reason);
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

  #handleComment(decoder: decoding.Decoder): void {
    if (!this.may('comment')) {
      throw new ConnectionRefusal(CloseCode.forbidden, `a ${this.role} cannot comment`);
    }
    const comment = decodeComment(decoder);
    let result: CommentResult;
    if (!comment.ok) {
      const { request, reason } = comment.error;
      if (request === undefined) throw malformed(reason);
      result = { request, ok: false, error: reason };
    } else if (!this.#comments.take()) {
      result = { request: comment.value.request, ok: false, error: 'too many comments; wait' };
    } else {
      result = this.#room.applyComment(this, comment.value);
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

  #mayAttend(action: Action, what: string): void {
    if (!this.may(action)) {
      throw new ConnectionRefusal(CloseCode.forbidden, `a ${this.role} cannot ${what}`);
    }
    if (!this.#attention.take()) {
      throw new ConnectionRefusal(CloseCode.rateLimited, 'too many timer or follow messages');
    }
  }

  #handleAwareness(update: Uint8Array): void {
    if (!this.#awareness.take()) return; // cursors are ephemeral: dropping some is fine
    const own: AwarenessEntry[] = [];
    for (const entry of decodeAwarenessEntries(update)) {
      // The stock y-websocket provider relays every awareness change it hears, other people's
      // too. Those entries are not this connection's to set: skip them, keep the connection.
      if (!this.#mayControl(entry.clientId)) continue;
      if (entry.json.length > this.#limits.maxAwarenessBytes) {
        throw new ConnectionRefusal(CloseCode.badAwareness, 'awareness state too large');
      }
      const owned = this.#room.awarenessClientsOf(this);
      if (!owned.has(entry.clientId) && owned.size >= MAX_AWARENESS_CLIENTS) {
        throw new ConnectionRefusal(CloseCode.badAwareness, 'too many awareness clients');
      }
      let claimed: string | null;
      try {
        claimed = claimedParticipantId(entry.json);
      } catch {
        throw malformed('awareness state is not JSON');
      }
      if (claimed !== null && claimed !== this.participantId) {
        throw new ConnectionRefusal(CloseCode.badAwareness, "claims another participant's id");
      }
      own.push(entry);
    }
    if (own.length > 0) this.#room.applyAwarenessUpdate(this, encodeAwarenessEntries(own));
  }

  /** A connection controls the awareness ids it introduced, and may introduce unknown ones. */
  #mayControl(clientId: number): boolean {
    const owner = this.#room.awarenessOwner(clientId);
    if (owner !== undefined) return owner === this;
    return !this.#room.awareness.getStates().has(clientId);
  }
}
