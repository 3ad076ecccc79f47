import { MessageType } from '@paja/shared';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeSyncStep2 } from './syncFrames';

/** Step 2 answers kept per document version, for clients that share a state vector. */
const CACHED_ANSWERS = 16;

/** What the document was built from when the room loaded (StoredBoard's fields). */
export interface LoadedFrom {
  snapshot: Uint8Array | null;
  updates: readonly Uint8Array[];
}

/**
 * The sync step 2 answers of one board, encoded once per document version and shared by every
 * client that asks the same: 150 people opening a big board at once cost one encoding, and a
 * flood of step 1 requests cannot make the server encode (and queue) the board anew for each.
 * `changed()` forgets them when the document changes.
 *
 * Until the document first changes after loading, the whole-document answer is the stored
 * snapshot itself, framed, when the board was loaded from a snapshot alone (as a compacted
 * board is): it is a full update of exactly this document, and encoding it anew from the
 * document took 0.5 s of the server's main thread for a 20 MB board while its joiners waited
 * (bench/RESULTS.md, "Joiners, third round").
 */
export class SyncAnswers {
  readonly #doc: Y.Doc;
  #full: Uint8Array | null = null;
  #loadedSnapshot: Uint8Array | null;
  readonly #byVector = new Map<string, Uint8Array>();

  constructor(doc: Y.Doc, loadedFrom?: LoadedFrom) {
    this.#doc = doc;
    this.#loadedSnapshot =
      loadedFrom && loadedFrom.updates.length === 0 ? loadedFrom.snapshot : null;
  }

  /** The whole document, for joiners that have nothing. */
  full(): Uint8Array {
    if (this.#full) return this.#full;
    this.#full = this.#loadedSnapshot
      ? frameSyncStep2(this.#loadedSnapshot)
      : encodeSyncStep2(this.#doc);
    this.#loadedSnapshot = null;
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
    this.#loadedSnapshot = null;
    this.#byVector.clear();
  }
}

/** A sync step 2 message carrying `update` as it is (what encodeSyncStep2 writes around one). */
function frameSyncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
