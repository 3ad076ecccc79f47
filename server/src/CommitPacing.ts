/**
 * The shortest time between the starts of two commits of one board. A quiet board commits at
 * once: the wait applies only when the previous commit started less than this ago, which a
 * person typing or dragging at 60 Hz never causes. A board under load gathers what arrives for
 * at most this long into its next commit, so its fsyncs stay at most 100 a second however fast
 * the disk answers (each commit also costs a transaction, and every waiting writer a `saved`
 * message), and a writer hears `saved` about half of this plus the commit after its change:
 * single-digit milliseconds at the median (bench/RESULTS.md, the writers' `saved` p50).
 *
 * It was 4 ms, and 10 only on a board whose broadcasts wait that long (25 editors or more):
 * one writer at 240 Hz then committed after nearly every update, and the commit was the
 * largest single stage of its update (bench/RESULTS.md, "One commit gathering time, and
 * ten-second windows").
 */
export const COMMIT_GATHER_MS = 10;

/**
 * When a board's next commit may start (SavePipeline), and when the storage's next round of
 * many boards' appends may (WorkerSqliteStorage, with half the time). Bounded commit gathering: commits
 * already gather by themselves while one is in flight (a board has one at a time), which on a
 * slow disk bounds fsyncs by the disk's latency; on a fast disk (or an fsync the page cache
 * answers) nothing would bound them, and a board of fifty writers would commit after nearly
 * every update. Durability is unchanged: `saved` still follows the fsync'd commit.
 */
export class CommitPacing {
  readonly #gatherMs: number;
  #lastStart = Number.NEGATIVE_INFINITY;

  constructor(gatherMs = COMMIT_GATHER_MS) {
    this.#gatherMs = gatherMs;
  }

  /**
   * Resolves when the next commit may start (at once if the last started long enough ago),
   * and counts it as started then.
   */
  async gather(): Promise<void> {
    const wait = this.msUntilNext();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.started();
  }

  /** How long until the next commit may start; 0 or less: now. */
  msUntilNext(): number {
    return this.#lastStart + this.#gatherMs - performance.now();
  }

  /** Counts a commit as started now (for callers that wait in their own way). */
  started(): void {
    this.#lastStart = performance.now();
  }
}
