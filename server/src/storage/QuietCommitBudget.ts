/** Of each second, the most the server thread may spend in its own commits (ms). */
export const QUIET_COMMIT_BUDGET_MS = 100;
/** A commit on the server thread slower than this means the disk is slow or stalling. */
export const QUIET_COMMIT_STALL_MS = 20;
/** After such a commit, every commit goes to the storage worker for this long. */
export const QUIET_COMMIT_PAUSE_MS = 30_000;

/**
 * How much of the server thread's time its own commits may take (WorkerSqliteStorage commits a
 * quiet round of appends on the server thread instead of waking the storage worker for it).
 *
 * A commit there blocks the event loop while SQLite waits for the fsync, so it is allowed only
 * while such commits took less than QUIET_COMMIT_BUDGET_MS of the current second: a quiet server
 * commits on its own thread, a busy one hands its commits to the worker, where they gather into
 * fewer transactions. One commit slower than QUIET_COMMIT_STALL_MS (a slow disk, a stalled
 * network volume) sends every commit to the worker for QUIET_COMMIT_PAUSE_MS, so that a disk
 * that stops answering stalls the server thread once, not at every edit.
 */
export class QuietCommitBudget {
  readonly #budgetMs: number;
  readonly #stallMs: number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #spentMs = 0;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  /** Tests widen the limits, so that a loaded machine's slow fsync does not decide them. */
  constructor(budgetMs = QUIET_COMMIT_BUDGET_MS, stallMs = QUIET_COMMIT_STALL_MS) {
    this.#budgetMs = budgetMs;
    this.#stallMs = stallMs;
  }

  /** Whether a commit may run on the server thread now. */
  allows(now = performance.now()): boolean {
    if (now < this.#pausedUntil) return false;
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#spentMs = 0;
    }
    return this.#spentMs < this.#budgetMs;
  }

  /** A commit on the server thread took `ms` (wall time), ending at `now`. */
  spent(ms: number, now = performance.now()): void {
    this.#spentMs += ms;
    if (ms > this.#stallMs) this.pause(now);
  }

  /** Every commit goes to the worker for a while (after a slow commit or a failure here). */
  pause(now = performance.now()): void {
    this.#pausedUntil = now + QUIET_COMMIT_PAUSE_MS;
  }
}
