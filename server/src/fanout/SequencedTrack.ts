/**
 * One numbered stream of a board that storage holds and the fan-out relays lossily: the
 * document's updates (numbered by the board's sequence) or its side-state writes (numbered by
 * its side sequence). The track applies items strictly in number order, holds those that
 * arrive early, and asks for a catch-up from storage when a hole is not filled within the
 * grace period or when it is told storage holds more than it has.
 *
 * `applied`: every item through this number has been applied (or was this instance's own).
 * `known`: the highest number storage is known to hold.
 */
export interface TrackOptions<T> {
  /** Applies items that continue `applied`, in order. */
  apply(items: T[]): void;
  /** Fetch what is missing from storage (the relay runs one fetch at a time). */
  catchUp(): void;
  /** A hole waits this long for the fan-out to fill it before `catchUp`. */
  graceMs: number;
}

/** Past this many items held back waiting for a missing one, drop them and catch up. */
const MAX_HELD = 5_000;

export class SequencedTrack<T> {
  readonly #options: TrackOptions<T>;
  /** Items after `applied` that arrived early, by number (null: this instance's own). */
  readonly #held = new Map<number, T | null>();
  #applied = -1;
  #known = 0;
  #graceTimer: NodeJS.Timeout | null = null;

  constructor(options: TrackOptions<T>) {
    this.#options = options;
  }

  get applied(): number {
    return this.#applied;
  }

  get started(): boolean {
    return this.#applied >= 0;
  }

  /** Storage holds more than this track has applied. */
  get behind(): boolean {
    return this.#known > this.#applied;
  }

  get known(): number {
    return this.#known;
  }

  /** The board was loaded through `lastSeq`: apply from there. */
  start(lastSeq: number): void {
    this.#applied = lastSeq;
    this.#known = Math.max(this.#known, lastSeq);
    this.advance();
  }

  /** This instance stored `count` items ending at `lastSeq` itself: nothing to apply. */
  own(lastSeq: number, count: number): void {
    for (let seq = lastSeq - count + 1; seq <= lastSeq; seq++) {
      if (seq > this.#applied) this.#held.set(seq, null);
    }
    this.heard(lastSeq);
  }

  /** Items another instance stored, numbered from `firstSeq`. */
  received(firstSeq: number, items: readonly T[]): void {
    items.forEach((item, i) => {
      const seq = firstSeq + i;
      if (seq > this.#applied && !this.#held.has(seq)) this.#held.set(seq, item);
    });
    this.heard(firstSeq + items.length - 1);
    if (this.#held.size > MAX_HELD) {
      this.#held.clear();
      this.#options.catchUp();
    }
  }

  /** Storage holds items through `lastSeq`. */
  heard(lastSeq: number): void {
    this.#known = Math.max(this.#known, lastSeq);
  }

  /** A catch-up from storage brought everything through `lastSeq` (applied by the caller). */
  caughtUp(lastSeq: number): void {
    this.#applied = Math.max(this.#applied, lastSeq);
    this.heard(lastSeq);
    this.advance();
  }

  /** Applies held items that continue `applied`; waits for a hole, then asks storage. */
  advance(): void {
    if (!this.started) return; // not started: hold everything
    for (const seq of [...this.#held.keys()]) if (seq <= this.#applied) this.#held.delete(seq);
    const ready: T[] = [];
    for (;;) {
      const next = this.#applied + 1;
      if (!this.#held.has(next)) break;
      const item = this.#held.get(next);
      this.#held.delete(next);
      if (item !== null && item !== undefined) ready.push(item);
      this.#applied = next;
    }
    if (ready.length > 0) this.#options.apply(ready);
    if (this.behind) {
      if (!this.#graceTimer) {
        this.#graceTimer = setTimeout(() => {
          this.#graceTimer = null;
          if (this.behind) this.#options.catchUp();
        }, this.#options.graceMs);
        this.#graceTimer.unref();
      }
    } else if (this.#graceTimer) {
      clearTimeout(this.#graceTimer);
      this.#graceTimer = null;
    }
  }

  stop(): void {
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#graceTimer = null;
    this.#held.clear();
  }
}
