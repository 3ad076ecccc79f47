/** The longest a round to the storage thread waits for others, however busy the server is. */
export const MAX_ROUND_GAP_MS = 4;
/**
 * Requests a second that one round may stand for: past this rate, rounds are spaced so that
 * each carries about this many requests per millisecond of its gap.
 */
const REQUESTS_PER_GAP_MS = 1500;
/** Up to this many requests a second, rounds are not spaced at all. */
const UNPACED_REQUESTS_PER_SECOND = 1500;
/** The rate of requests is measured over at least this long. */
const RATE_WINDOW_MS = 200;

/**
 * The shortest time between two rounds to the storage thread, with `requestsPerSecond` asked
 * of it (mostly boards' commits): none up to 1,500 a second, so an edit on a quiet server is
 * committed at once; past that, requestsPerSecond / 1500 ms (3,000 commits a second: 2 ms),
 * at most MAX_ROUND_GAP_MS.
 *
 * Why: each round wakes the storage thread, and it commits what a round holds in one
 * transaction, with one fsync, and answers in one message that wakes the server thread. On
 * this kind of machine a thread's wake-up costs more CPU than the commit of a small update,
 * and fifty boards with a writer each sent a round for nearly every update: as many
 * transactions and fsyncs as updates. Spaced rounds carry many boards' commits each.
 */
export function roundGapMs(requestsPerSecond: number): number {
  if (requestsPerSecond < UNPACED_REQUESTS_PER_SECOND) return 0;
  return Math.min(MAX_ROUND_GAP_MS, requestsPerSecond / REQUESTS_PER_GAP_MS);
}

/**
 * When the next round to the storage thread may leave (WorkerSqliteStorage). It counts the
 * requests, knows when the last round left, and says how long the next must wait.
 */
export class RoundPacing {
  #lastPosted = Number.NEGATIVE_INFINITY;
  #requests = 0;
  #countedFrom: number;
  #requestsPerSecond = 0;

  constructor(now: number) {
    this.#countedFrom = now;
  }

  /** A request was made. */
  requested(now: number): void {
    this.#requests++;
    const elapsed = now - this.#countedFrom;
    if (elapsed < RATE_WINDOW_MS) return;
    // After a quiet spell the count holds requests from before it: the rate is of now only.
    this.#requestsPerSecond = this.#stale(now) ? 0 : (this.#requests * 1000) / elapsed;
    this.#requests = 0;
    this.#countedFrom = now;
  }

  /** How long from `now` the next round must wait (0: it may leave when this turn ends). */
  waitMs(now: number): number {
    const gap = this.#stale(now) ? 0 : roundGapMs(this.#requestsPerSecond);
    return Math.max(0, this.#lastPosted + gap - now);
  }

  /** Whether the rate was measured too long ago to hold now: a server that went quiet. */
  #stale(now: number): boolean {
    return now - this.#countedFrom > 2 * RATE_WINDOW_MS;
  }

  /** A round left. */
  posted(now: number): void {
    this.#lastPosted = now;
  }
}
