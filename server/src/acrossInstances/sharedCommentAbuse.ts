import type { CommentLimits } from '../config';
import type { Commenter } from '../moderation/abuse';
import type { SharedCounters } from './SharedCounters';
import { isSharedDuplicate, rememberShared } from './sharedDuplicates';
import { takeShared } from './sharedRates';

/** What a comment's shared check may refuse (the same reasons as CommentAbuse's). */
export type SharedCommentRefusal = 'duplicate' | 'tooFast';

/**
 * The abuse controls of one board's commenting that must hold across instances: the rates per
 * identity and per address, the duplicate filter (per identity), and the rate of flags. Asked before the instance's own
 * CommentAbuse (which still applies the length limit and counts on its own, and is all there
 * is while Redis is unreachable). People who moderate are not limited.
 */
export class SharedCommentAbuse {
  readonly #counters: SharedCounters;
  readonly #limits: CommentLimits;
  readonly #prefix: string;

  constructor(counters: SharedCounters, boardId: string, limits: CommentLimits) {
    this.#counters = counters;
    this.#limits = limits;
    this.#prefix = `${counters.prefix}comments:${boardId}:`;
  }

  /** Why `text` from `who` may not be written now, or null (also when Redis cannot say). */
  async refusal(who: Commenter, text: string): Promise<SharedCommentRefusal | null> {
    const windowMs = this.#limits.duplicateMinutes * 60_000;
    if (windowMs > 0) {
      const duplicate = await this.#counters.ask('comment duplicates', (redis) =>
        isSharedDuplicate(redis, this.#seenKeys(who), text, windowMs, Date.now()),
      );
      if (duplicate) return 'duplicate';
    }
    const [identity, address] = this.#keys('rate', who);
    const limits = this.#limits;
    const taken = await this.#counters.ask('comment rates', async (redis) => {
      if (!(await takeShared(redis, [identity], limits.perMinute, limits.burst))) return false;
      return takeShared(redis, [address], limits.perAddressPerMinute, limits.addressBurst);
    });
    return taken === false ? 'tooFast' : null;
  }

  /** A comment was written or held: the same text again from `who` is a duplicate anywhere. */
  async remember(who: Commenter, text: string): Promise<void> {
    const windowMs = this.#limits.duplicateMinutes * 60_000;
    if (windowMs === 0) return;
    await this.#counters.ask('comment duplicates', (redis) =>
      rememberShared(redis, this.#seenKeys(who), text, windowMs, Date.now()),
    );
  }

  /**
   * Takes a flag from the flag rate (PAJA_FLAG_RATE) of `who`'s identity and address together,
   * as CommentAbuse.mayFlag does on one instance: false when it is spent on any instance; true
   * also when Redis cannot say (the instance's own count still applies).
   */
  async mayFlag(who: Commenter): Promise<boolean> {
    const perMinute = this.#limits.flagsPerMinute;
    const taken = await this.#counters.ask('flag rates', (redis) =>
      takeShared(redis, this.#keys('flags', who), perMinute, perMinute),
    );
    return taken !== false;
  }

  /** Duplicates are one person's (identity), not everyone's behind an address (abuse.ts). */
  #seenKeys(who: Commenter): [identity: string] {
    return [`${this.#prefix}seen:id:${who.participantId}`];
  }

  #keys(what: 'rate' | 'flags', who: Commenter): [identity: string, address: string] {
    return [
      `${this.#prefix}${what}:id:${who.participantId}`,
      `${this.#prefix}${what}:ip:${who.addressKey}`,
    ];
  }
}
