import * as Y from 'yjs';
import { encodeSyncStep2 } from './syncFrames';

/** Step 2 answers kept per document version, for clients that share a state vector. */
const CACHED_ANSWERS = 16;

/**
 * The sync step 2 answers of one board, encoded once per document version and shared by every
 * client that asks the same: 150 people opening a big board at once cost one encoding, and a
 * flood of step 1 requests cannot make the server encode (and queue) the board anew for each.
 * `changed()` forgets them when the document changes.
 */
export class SyncAnswers {
  readonly #doc: Y.Doc;
  #full: Uint8Array | null = null;
  readonly #byVector = new Map<string, Uint8Array>();

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  /** The whole document, for joiners that have nothing. */
  full(): Uint8Array {
    this.#full ??= encodeSyncStep2(this.#doc);
    return this.#full;
  }

  /**
   * The answer to a client's step 1. A state vector that knows nothing of this document gets
   * the full state (a superset is harmless: Yjs skips what it has), so made-up vectors share
   * it; the few real vectors asked for at one version (clients that reconnect together after
   * a restart) share one encoding each.
   */
  for(stateVector: Uint8Array, known: ReadonlyMap<number, number>): Uint8Array {
    let knowsSome = false;
    for (const [client, clock] of known) {
      if (clock > 0 && Y.getState(this.#doc.store, client) > 0) knowsSome = true;
    }
    if (!knowsSome) return this.full();
    const key = Buffer.from(stateVector).toString('latin1');
    let answer = this.#byVector.get(key);
    if (!answer) {
      answer = encodeSyncStep2(this.#doc, stateVector);
      if (this.#byVector.size >= CACHED_ANSWERS) this.#byVector.clear();
      this.#byVector.set(key, answer);
    }
    return answer;
  }

  changed(): void {
    this.#full = null;
    this.#byVector.clear();
  }
}
