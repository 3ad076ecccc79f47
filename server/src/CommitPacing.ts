/**
 * The shortest time between the starts of two commits of one board. A board under load
 * gathers what arrives for at most this long into its next commit, so its fsyncs stay at most
 * 1000 / COMMIT_GATHER_MS a second however fast the disk answers (each commit also costs the
 * storage thread a transaction, and every waiting sender a `saved` message). A quiet board
 * commits at once: the wait applies only when the previous commit started less than this ago.
 */
export const COMMIT_GATHER_MS = 4;

/**
 * The longest a busy board gathers its next commit, however long its broadcasts wait
 * (UpdateBroadcast.editorPacingMs, up to 20 ms): a writer hears `saved` about half of this
 * plus the commit after its change, which keeps that within single-digit milliseconds at the
 * median (bench/RESULTS.md, the writers' `saved` p50).
 */
export const MAX_COMMIT_GATHER_MS = 10;

/** How long a board whose broadcasts are paced by `broadcastPacingMs` gathers its commits. */
export function commitGatherMs(broadcastPacingMs: number): number {
  return Math.min(MAX_COMMIT_GATHER_MS, Math.max(COMMIT_GATHER_MS, broadcastPacingMs));
}

/**
 * When a board's next commit may start (SavePipeline). Bounded commit gathering: commits
 * already gather by themselves while one is in flight (a board has one at a time), which on a
 * slow disk bounds fsyncs by the disk's latency; on a fast disk (or an fsync the page cache
 * answers) nothing would bound them, and a board of fifty writers would commit after nearly
 * every update. Durability is unchanged: `saved` still follows the fsync'd commit.
 */
export class CommitPacing {
  readonly #gatherMs: () => number;
  #lastStart = Number.NEGATIVE_INFINITY;

  /**
   * `gatherMs`: the time, or what tells it when a commit is due (a board with many editors
   * gathers as long as its broadcasts do: Room, UpdateBroadcast.editorPacingMs).
   */
  constructor(gatherMs: number | (() => number) = COMMIT_GATHER_MS) {
    this.#gatherMs = typeof gatherMs === 'number' ? () => gatherMs : gatherMs;
  }

  /**
   * Resolves when the next commit may start (at once if the last started long enough ago),
   * and counts it as started then.
   */
  async gather(): Promise<void> {
    const wait = this.#lastStart + this.#gatherMs() - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.#lastStart = performance.now();
  }
}
