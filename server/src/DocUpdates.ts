import * as Y from 'yjs';

/** What a document's transaction changed, as Yjs's `update` event gives it (V1 encoding). */
export type DocUpdateHandler = (
  update: Uint8Array,
  origin: unknown,
  transaction: Y.Transaction,
) => void;

/**
 * A room's way of hearing every change of its document: one call of `handler` per transaction
 * that changed something, in the order of the transactions, exactly where Yjs's own `update`
 * event would come.
 *
 * The difference: Yjs encodes every transaction's update again from the document (a walk over
 * its new structs and a fresh buffer), which on a busy board was about a twelfth of the
 * server thread (bench/RESULTS.md, "Fifty writers on one board, paced to 50 broadcasts a
 * second"). A member's update that the
 * document took in exactly as sent (each of its clients' structs start where the document's
 * ended, and nothing was left waiting for structs the document lacks) holds the same structs
 * as that encoding, so the bytes the member sent are handed on instead: to the other members,
 * and to storage. Its delete set may also name deletions the document had already made: a
 * document that applies them again does nothing.
 *
 * How: Yjs emits `afterTransactionCleanup` right before it looks whether anyone listens to
 * `update`. There, a transaction of the expected update turns the `update` listener off and
 * is handed on here; any other turns it back on, and Yjs encodes it as always.
 */
export class DocUpdates {
  readonly #doc: Y.Doc;
  readonly #handler: DocUpdateHandler;
  /** The update about to be applied as sent, and its origin. */
  #expected: { update: Uint8Array; origin: unknown } | null = null;
  #listening = false;

  constructor(doc: Y.Doc, handler: DocUpdateHandler) {
    this.#doc = doc;
    this.#handler = handler;
    doc.on('afterTransactionCleanup', this.#afterCleanup);
    this.#listen(true);
  }

  /**
   * Applies `update` to the document with `origin`. `follows`: each client's structs in it
   * start at the document's clock for that client (admission.ts checks); then, if the document
   * also took all of it in, its transaction is handed on as `update` itself.
   */
  apply(update: Uint8Array, origin: unknown, follows: boolean): void {
    const store = this.#doc.store;
    // Structs left waiting by an earlier update may be placed by this one: Yjs's encoding
    // holds them too, the bytes sent do not.
    const asSent = follows && store.pendingStructs === null && store.pendingDs === null;
    if (asSent) this.#expected = { update, origin };
    try {
      Y.applyUpdate(this.#doc, update, origin);
    } finally {
      this.#expected = null;
    }
  }

  close(): void {
    this.#doc.off('afterTransactionCleanup', this.#afterCleanup);
    this.#listen(false);
  }

  #afterCleanup = (transaction: Y.Transaction): void => {
    const expected = this.#expected;
    const store = this.#doc.store;
    const asSent =
      expected !== null &&
      transaction.origin === expected.origin &&
      store.pendingStructs === null &&
      store.pendingDs === null;
    this.#listen(!asSent);
    if (!asSent || !expected) return;
    // Only the first transaction of that origin is the update's (an observer may start more).
    this.#expected = null;
    if (changedAnything(transaction))
      this.#handler(expected.update, transaction.origin, transaction);
  };

  #onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    this.#handler(update, origin, transaction);
  };

  #listen(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    if (on) this.#doc.on('update', this.#onUpdate);
    else this.#doc.off('update', this.#onUpdate);
  }
}

/** Yjs's own test for whether a transaction's update has content (writeUpdateMessageFromTransaction). */
function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
