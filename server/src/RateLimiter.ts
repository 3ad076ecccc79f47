/** Shared by every limiter: a connection holds several, and thousands of connections a board. */
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: `perSecond` on average, bursts up to `burst`. One per connection and kind of
 * message, so one noisy client cannot starve a board.
 */
export class RateLimiter {
  #tokens: number;
  #last: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number = perSecond * 2,
    private readonly now: () => number = monotonicNow,
  ) {
    this.#tokens = burst;
    this.#last = now();
  }

  /**
   * A limiter whose first token was spent before it was made. A socket makes its limiters at
   * the second message of a kind: most sockets send one (a step 1, an empty step 2) and never
   * a second, and a first message is always within the burst. The time between the two is not
   * credited, which is stricter by at most that first token's refill.
   */
  static afterOne(perSecond: number, burst?: number): RateLimiter {
    const limiter = new RateLimiter(perSecond, burst);
    limiter.#tokens -= 1;
    return limiter;
  }

  /** Takes one token; false if there is none (the message is over the limit). */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Whether the bucket has refilled completely (remembering it tells nothing any more). */
  full(): boolean {
    this.#refill();
    return this.#tokens >= this.burst;
  }

  /** Milliseconds until the next token is there (0 if there is one now). */
  msUntilToken(): number {
    this.#refill();
    return this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / this.perSecond) * 1000;
  }

  /** Tokens in the bucket now (refilled for the time passed), taking none. */
  available(): number {
    this.#refill();
    return this.#tokens;
  }

  #refill(): void {
    const now = this.now();
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#last) / 1000) * this.perSecond,
    );
    this.#last = now;
  }
}
