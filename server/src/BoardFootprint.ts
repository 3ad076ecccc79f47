import type * as Y from 'yjs';
import { addFootprints, type Footprint, footprintOf, footprintOfUpdate } from './updateLimits';

/**
 * The running footprint only grows (merged and collected structs are not subtracted), so a
 * board at its limits is recounted exactly before an update is refused, but not more often
 * than once per this many applied updates: a recount walks every struct of the board.
 */
const RECOUNT_AFTER = 200;

/**
 * What a board's document holds (structs and estimated memory; see updateLimits.ts): exact when
 * the board loads, then an upper bound kept by adding what each update adds.
 */
export class BoardFootprint {
  readonly #doc: Y.Doc;
  #now: Footprint;
  #addedSinceCount = 0;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    this.#now = footprintOf(doc);
  }

  get now(): Footprint {
    return this.#now;
  }

  /** Adds what an admitted update adds (admission measured it already). */
  add(added: Footprint): void {
    this.#now = addFootprints(this.#now, added);
    this.#addedSinceCount++;
  }

  /** Adds an update that was not admitted here: the server's own, or relayed. */
  addUpdate(update: Uint8Array): void {
    this.add(footprintOfUpdate(update));
  }

  /**
   * Counts again before a refusal, if enough has changed since the last count for the bound
   * to have drifted; returns whether it did.
   */
  recountBeforeRefusing(): boolean {
    if (this.#addedSinceCount < RECOUNT_AFTER) return false;
    this.#now = footprintOf(this.#doc);
    this.#addedSinceCount = 0;
    return true;
  }
}
