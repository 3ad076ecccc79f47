import type { SaveListener } from '../board/session/saveTracker';
import { isQuotaError } from './idb';
import type { UnsavedLog } from './unsavedLog';

export type LocalStoreProblem = 'quota' | 'failed';

/**
 * Connects the save tracker to the unsaved log: every counted local change is appended to the
 * log with the tracker's marker; when the server confirms a marker, the entries it covers (and
 * the adopted ones, when their marker is covered) are removed. Entries whose key is not known
 * yet (the append is still running) are removed as soon as it is.
 */
export class UnsavedChanges implements SaveListener {
  readonly #log: UnsavedLog;
  readonly #onProblem: (problem: LocalStoreProblem) => void;
  /** Entries written or adopted by this page, in marker order. */
  #entries: { marker: number; keys: Promise<number[]> }[] = [];
  #closed = false;

  constructor(log: UnsavedLog, onProblem: (problem: LocalStoreProblem) => void) {
    this.#log = log;
    this.#onProblem = onProblem;
  }

  /** Entries found at load, covered by the restored change counted under `marker`. */
  adopted(keys: number[], marker: number): void {
    this.#entries.push({ marker, keys: Promise.resolve(keys) });
  }

  changed(update: Uint8Array, marker: number): void {
    if (this.#closed) return;
    const keys = this.#log.append(update).then(
      (key) => [key],
      (error: unknown) => {
        this.#onProblem(isQuotaError(error) ? 'quota' : 'failed');
        return [];
      },
    );
    this.#entries.push({ marker, keys });
  }

  confirmed(marker: number): void {
    if (this.#closed) return;
    const covered = this.#entries.filter((entry) => entry.marker <= marker);
    if (covered.length === 0) return;
    this.#entries = this.#entries.filter((entry) => entry.marker > marker);
    void Promise.all(covered.map((entry) => entry.keys))
      .then((keys) => (this.#closed ? undefined : this.#log.remove(keys.flat())))
      .catch(() => {
        // Left behind, the entries make a later page say "not saved yet" until its own sync
        // is confirmed: too cautious, never wrong.
      });
  }

  close(): void {
    this.#closed = true;
    this.#log.close();
  }
}
