import {
  COMMENT_MAX_TEXT,
  decodeModeration,
  encodeModerationRequest,
  type FlagReason,
  MessageType,
  type ModerationAction,
  type ModerationPolicy,
  type ModerationQueue,
  type ModerationRefusal,
  moderationRefusalOf,
  type NamedRequest,
  type OwnHeld,
} from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import { Store } from './store';

/** Why a moderation request did not go through: the server's reason, or no connection. */
export type ModerationProblem = ModerationRefusal | 'offline' | 'unknown';
export type ModerationAnswer = { ok: true } | { ok: false; problem: ModerationProblem };

export interface ModerationState {
  /** What moderators see: the queue, blocks and policy (null for everyone else). */
  queue: ModerationQueue | null;
  /**
   * This person's own comments readers do not see: waiting for a moderator, or not published
   * (nobody else gets them).
   */
  own: OwnHeld[];
  /** The longest comment the server takes (PAJA_COMMENT_MAX_CHARS), as it said on joining. */
  maxChars: number;
}

/** The channel as moderation needs it (session/syncChannel.ts). */
export interface ModerationChannel {
  handle(type: number, handler: (decoder: decoding.Decoder) => void): void;
  send(message: Uint8Array<ArrayBuffer>): boolean;
}

type Body = NamedRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'request' | 'name'>
    : never
  : never;

/**
 * The moderation slice of a board session (family 107). The server sends moderators the queue
 * (pending, hidden and flagged comments, blocks, the policy) and every person their own
 * comments that wait for a moderator; both are kept in `state`. Requests (decisions, blocks,
 * the policy, flags) are answered by the server under their request number; each call returns
 * that answer. The server judges every request; the page only hides what a role cannot use.
 */
export class ModerationClient {
  readonly state = new Store<ModerationState>({
    queue: null,
    own: [],
    maxChars: COMMENT_MAX_TEXT,
  });
  readonly #channel: ModerationChannel;
  /** This person's display name, recorded in the audit log with their decisions. */
  name = '';
  readonly #waiting = new Map<number, (answer: ModerationAnswer) => void>();
  #next = 1;

  constructor(channel: ModerationChannel) {
    this.#channel = channel;
    channel.handle(MessageType.moderation, (decoder) => this.#receive(decoder));
  }

  decide(ids: readonly string[], action: ModerationAction, reason = ''): Promise<ModerationAnswer> {
    return this.#send({ kind: 'decide', ids: [...ids], action, reason });
  }

  block(comment: string, hours: number, reason: string, address: boolean) {
    return this.#send({ kind: 'block', comment, hours, reason, address });
  }

  unblock(block: string, reason = ''): Promise<ModerationAnswer> {
    return this.#send({ kind: 'unblock', block, reason });
  }

  setPolicy(policy: ModerationPolicy): Promise<ModerationAnswer> {
    return this.#send({ kind: 'policy', policy });
  }

  flag(comment: string, reason: FlagReason): Promise<ModerationAnswer> {
    return this.#send({ kind: 'flag', comment, reason });
  }

  /** The connection dropped: requests in flight will not be answered. */
  disconnected(): void {
    for (const resolve of this.#waiting.values()) resolve({ ok: false, problem: 'offline' });
    this.#waiting.clear();
  }

  destroy(): void {
    this.disconnected();
  }

  #send(body: Body): Promise<ModerationAnswer> {
    const request = this.#next++;
    const message = encodeModerationRequest({ ...body, request, name: this.name } as NamedRequest);
    return new Promise((resolve) => {
      if (!this.#channel.send(message)) {
        resolve({ ok: false, problem: 'offline' });
        return;
      }
      this.#waiting.set(request, resolve);
    });
  }

  #receive(decoder: decoding.Decoder): void {
    const message = decodeModeration(decoder);
    // A server of this protocol version sends only these three; anything else is ignored.
    if (!message.ok) return;
    const value = message.value;
    if (value.kind === 'queue') this.state.patch({ queue: value.queue });
    else if (value.kind === 'own') {
      this.state.patch({ own: value.comments, maxChars: value.maxChars });
    } else if (value.kind === 'result') {
      const { result } = value;
      const resolve = this.#waiting.get(result.request);
      this.#waiting.delete(result.request);
      resolve?.(
        result.ok
          ? { ok: true }
          : { ok: false, problem: moderationRefusalOf(result.error) ?? 'unknown' },
      );
    }
  }
}
