import { RateLimiter } from './RateLimiter';

/** Past this many tracked keys, idle ones are forgotten; what remains over it shares a bucket. */
const MAX_KEYS = 50_000;

/**
 * One token bucket per key (a client address). Memory stays bounded however many addresses
 * an attacker has: buckets that have refilled are dropped (they hold no information), and when
 * even then there are too many, new keys share one overflow bucket, so a flood from many
 * addresses throttles itself and the addresses already known keep their own.
 */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, RateLimiter>();
  readonly #overflow: RateLimiter;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#overflow = new RateLimiter(perSecond, burst, now);
  }

  get size(): number {
    return this.#buckets.size;
  }

  take(key: string): boolean {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_KEYS) this.#forgetFull();
      if (this.#buckets.size >= MAX_KEYS) return this.#overflow.take();
      bucket = new RateLimiter(this.perSecond, this.burst, this.now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }

  #forgetFull(): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.full()) this.#buckets.delete(key);
    }
  }
}
