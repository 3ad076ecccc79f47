import {
  type Action,
  CloseCode,
  COMMENT_REFUSALS,
  type CommentDecodeError,
  type CommentRequest,
  type CommentResult,
  can,
  type Decoded,
  decodeComment,
  decodeCommentAction,
  decodeFollow,
  decodeModeration,
  decodePrivateNotes,
  decodeTimerMessage,
  decodeVoteMessage,
  encodeCommentResult,
  encodeModerationResult,
  MODERATION_REFUSALS,
  type NamedRequest,
} from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import type { SharedCommentAbuse } from './acrossInstances/sharedCommentAbuse';
import { BoardPrivateNotes } from './BoardPrivateNotes';
import { BoardVotes } from './BoardVotes';
import { ConnectionRefusal, malformed } from './connectionRefusal';
import type { Logger } from './log';
import { flagRefusalBeforeRate } from './moderation/flaggable';
import { RateLimiter } from './RateLimiter';
import type { Room, RoomMember } from './Room';

type Family = 'comments' | 'commentActions' | 'attention' | 'votes' | 'privateNotes' | 'moderation';

/** Per family: a rate per second, and the burst. */
const LIMITS: Record<Family, [number, number]> = {
  /** Public commenting is open to anyone with a link: a person writes a few a minute. */
  comments: [1, 10],
  /** Supports and resolves are quick clicks, taken back and given again: a little more room. */
  commentActions: [2, 20],
  /** Timer and follow controls: a facilitator presses a few buttons a minute. */
  attention: [5, 20],
  /** Placing dots is quick clicking: a few a second, bursts of 20. */
  votes: [5, 20],
  /** Private notes are saved as people type (the client waits a moment between saves). */
  privateNotes: [10, 40],
  /** Moderation requests and flags; a bulk decision is one message. */
  moderation: [5, 20],
};

/**
 * What one connection asks in Paja's own message families (comments, votes, private notes,
 * timer and follow, moderation), each with its own rate limit. A method per family reads the
 * message's payload strictly (a bad frame throws `malformed`, closing with 4400), checks what
 * the role may before the room's part judges the request, and throws a ConnectionRefusal for
 * what closes the connection; refusals a person should read go back as answers.
 */
export class ConnectionRequests {
  readonly #member: RoomMember;
  readonly #room: Room;
  readonly #log: Logger;
  /**
   * Each family's limiter, made when the family is first used: most connections of a crowd
   * never send one of these, and a public board holds thousands of connections.
   */
  readonly #limiters = new Map<Family, RateLimiter>();
  readonly #shared: SharedCommentAbuse | undefined;

  /** `shared`: with several instances, comment rates and duplicates counted over all. */
  constructor(member: RoomMember, room: Room, log: Logger, shared?: SharedCommentAbuse) {
    this.#member = member;
    this.#room = room;
    this.#log = log;
    this.#shared = shared;
  }

  #limiter(family: Family): RateLimiter {
    let limiter = this.#limiters.get(family);
    if (!limiter) {
      const [perSecond, burst] = LIMITS[family];
      limiter = new RateLimiter(perSecond, burst);
      this.#limiters.set(family, limiter);
    }
    return limiter;
  }

  comment(decoder: decoding.Decoder): void {
    // Decodes the payload itself: a readable request with bad fields gets an answer.
    this.#answerComment(
      () => decodeComment(decoder),
      this.#limiter('comments'),
      (comment) => {
        // Moderators are not limited; a filled honeypot is the room's to drop (told "ok").
        const exempt = can(this.#member.role, 'moderate') || Boolean(comment.website);
        const shared = exempt ? undefined : this.#shared;
        if (!shared) return this.#room.comments.submit(this.#member, comment);
        return this.#commentAcrossInstances(shared, comment);
      },
    );
  }

  /**
   * A comment judged first by the limits every instance shares (a person who is too fast or
   * repeats themselves on another instance is refused here too), then as on one instance.
   * Answered only once the comment is remembered, so a copy sent anywhere next is caught.
   */
  async #commentAcrossInstances(
    shared: SharedCommentAbuse,
    comment: CommentRequest,
  ): Promise<CommentResult | null> {
    const refusal = await shared.refusal(this.#member, comment.text);
    if (refusal) {
      return { request: comment.request, ok: false, error: MODERATION_REFUSALS[refusal] };
    }
    // The board unloaded (and this socket closed) while Redis answered: nobody to answer.
    if (this.#room.state !== 'open') return null;
    const result = this.#room.comments.submit(this.#member, comment);
    if (result.ok && !comment.website) await shared.remember(this.#member, comment.text);
    return result;
  }

  commentAction(decoder: decoding.Decoder): void {
    this.#answerComment(
      () => decodeCommentAction(decoder),
      this.#limiter('commentActions'),
      (action) => this.#room.comments.act(this.#member, action),
    );
  }

  /** Dot votes: decoded strictly (a bad frame closes with 4400), judged by the room's votes. */
  vote(decoder: decoding.Decoder): void {
    const message = decodeVoteMessage(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    const request = message.value;
    if (request.kind === 'answer' || request.kind === 'status') {
      throw malformed('a vote answer or status is the server’s to send');
    }
    if (!this.#limiter('votes').take()) {
      BoardVotes.refuse(this.#member, request.request, 'tooFast');
      return;
    }
    void this.#room.votes.handle(this.#member, request);
  }

  /** Private notes: decoded strictly (a bad frame closes with 4400), judged by the room's part. */
  privateNotes(decoder: decoding.Decoder): void {
    const message = decodePrivateNotes(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    const request = message.value;
    if (request.kind === 'answer' || request.kind === 'status' || request.kind === 'notes') {
      throw malformed('a private-notes answer, status or update is the server’s to send');
    }
    if (!this.#limiter('privateNotes').take()) {
      BoardPrivateNotes.refuse(this.#member, request.request, 'tooFast');
      return;
    }
    this.#room.privateNotes.handle(this.#member, request).catch((error: unknown) => {
      this.#log.error('private notes request failed', { error });
    });
  }

  /** Only facilitators run the timer; the role is checked before a byte of it is read. */
  timer(decoder: decoding.Decoder): void {
    this.#mayAttend('runTimer', 'run the timer');
    const message = decodeTimerMessage(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    if (message.value.kind !== 'control') throw malformed('a client sends only timer controls');
    this.#room.attention.controlTimer(this.#member, message.value.control);
  }

  /** Only facilitators summon and lead; following someone is each client's own business. */
  follow(decoder: decoding.Decoder): void {
    this.#mayAttend('lead', 'bring others to a view');
    const message = decodeFollow(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    const follow = message.value;
    if (follow.kind === 'summon') this.#room.attention.summon(this.#member, follow.view);
    else if (follow.kind === 'lead') this.#room.attention.lead(this.#member, follow.on);
    else throw malformed('a client sends only summon and lead');
  }

  /**
   * Flags come from anyone on the board; decisions, blocks and the policy only from
   * moderators and facilitators (the room's moderation answers others with a refusal).
   */
  moderation(decoder: decoding.Decoder): void {
    const message = decodeModeration(decoder);
    if (!message.ok) throw malformed(message.error.reason);
    if (message.value.kind !== 'request') throw malformed('a client sends only requests');
    if (!this.#limiter('moderation').take()) {
      throw new ConnectionRefusal(CloseCode.rateLimited, 'too many moderation messages');
    }
    const body = message.value.body;
    const room = this.#room;
    if (
      body.kind === 'flag' &&
      this.#shared &&
      !flagRefusalBeforeRate(room.doc, room.side, body.comment, this.#member.participantId)
    ) {
      void this.#flagAcrossInstances(this.#shared, body);
      return;
    }
    this.#room.moderation.handle(this.#member, body);
  }

  /**
   * A flag that would count, judged first by the flag rate every instance shares (flags spent
   * on another instance count here too), then by the room as on one instance (which judges
   * again what may have changed while Redis answered).
   */
  async #flagAcrossInstances(
    shared: SharedCommentAbuse,
    body: Extract<NamedRequest, { kind: 'flag' }>,
  ): Promise<void> {
    const allowed = await shared.mayFlag(this.#member);
    if (this.#room.state !== 'open') return;
    if (allowed) {
      this.#room.moderation.handle(this.#member, body);
      return;
    }
    if (!this.#member.pajaClient) return;
    const error = MODERATION_REFUSALS.tooManyFlags;
    this.#member.send(encodeModerationResult({ request: body.request, ok: false, error }));
  }

  /**
   * Answers a comment or comment action: the role first (a viewer's closes the connection),
   * then the decoded request (a readable request number with bad fields gets an answer, an
   * unreadable frame closes with 4400), then the rate, then the room applies it.
   */
  #answerComment<T extends { request: number }>(
    decode: () => Decoded<T, CommentDecodeError>,
    limiter: RateLimiter,
    apply: (request: T) => CommentResult | Promise<CommentResult | null>,
  ): void {
    const { role } = this.#member;
    if (!can(role, 'comment')) {
      throw new ConnectionRefusal(CloseCode.forbidden, `a ${role} cannot comment`);
    }
    const decoded = decode();
    let result: CommentResult | Promise<CommentResult | null>;
    if (!decoded.ok) {
      const { request, reason } = decoded.error;
      if (request === undefined) throw malformed(reason);
      result = { request, ok: false, error: reason };
    } else if (!limiter.take()) {
      result = { request: decoded.value.request, ok: false, error: COMMENT_REFUSALS.tooFast };
    } else {
      result = apply(decoded.value);
    }
    if (!(result instanceof Promise)) {
      this.#member.send(encodeCommentResult(result));
      return;
    }
    result.then(
      (answer) => {
        if (answer) this.#member.send(encodeCommentResult(answer));
      },
      (error: unknown) => this.#log.error('comment request failed', { error }),
    );
  }

  #mayAttend(action: Action, what: string): void {
    const { role } = this.#member;
    if (!can(role, action)) {
      throw new ConnectionRefusal(CloseCode.forbidden, `a ${role} cannot ${what}`);
    }
    if (!this.#limiter('attention').take()) {
      throw new ConnectionRefusal(CloseCode.rateLimited, 'too many timer or follow messages');
    }
  }
}
