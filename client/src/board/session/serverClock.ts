/**
 * This browser's estimate of the server's clock. Every timer message carries the server's
 * `Date.now()` when it was sent; it arrives some milliseconds later, so `serverNow - localNow`
 * at arrival underestimates the true offset by the one-way delay. The largest estimate seen
 * on one connection is therefore the best (the least delayed message). A new connection
 * starts afresh, because the local clock may have been changed meanwhile.
 *
 * Screens agree within the one-way delay of their best message (milliseconds on a LAN, well
 * under the 1 s a countdown shows), whatever their own clocks say.
 */
export class ServerClock {
  #offset: number | null = null;

  /** Takes a message's server time, read at local time `localNow`. */
  observe(serverNow: number, localNow: number): void {
    const estimate = serverNow - localNow;
    if (this.#offset === null || estimate > this.#offset) this.#offset = estimate;
  }

  /** Forgets the estimate (a new connection). */
  reset(): void {
    this.#offset = null;
  }

  /** The server's time now, by this browser's clock and the estimate (0 offset if none). */
  now(localNow: number): number {
    return localNow + (this.#offset ?? 0);
  }
}
