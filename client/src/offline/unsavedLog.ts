import * as Y from 'yjs';
import { deleteDatabase, openDatabase, requestResult, transactionDone } from './idb';

const STORE = 'updates';

/** Entries above this many are merged into one when a page adopts them. */
const MERGE_ABOVE = 32;

/** What a page found in the log when it opened: changes no server has confirmed yet. */
export interface Adopted {
  keys: number[];
  /** All of them merged into one Yjs update, or null when there were none. */
  update: Uint8Array | null;
}

export function unsavedLogName(boardId: string): string {
  return `paja-unsaved-${boardId}`;
}

/**
 * The changes made in this browser that the server has not yet confirmed as stored, one
 * IndexedDB entry per local Yjs update, kept apart from the board's full local copy.
 *
 * Why a log of its own: after a reload the page must know whether the board it restored holds
 * work the server never stored ("not saved yet") or not, and a state vector cannot tell (a
 * deletion moves no clock; a relayed update the server had not yet stored looks the same as a
 * stored one). Entries are removed only after the server's `saved` message covered them, so the
 * log never under-reports. Tabs share it safely: a page adopts the entries that exist when it
 * opens, applies them to its own document (so its sync step 2 is sure to carry them), and
 * removes exactly those once the server confirmed that step; removing an entry twice is harmless.
 */
export class UnsavedLog {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  static async open(boardId: string): Promise<UnsavedLog> {
    const db = await openDatabase(unsavedLogName(boardId), (upgrading) => {
      upgrading.createObjectStore(STORE, { autoIncrement: true });
    });
    return new UnsavedLog(db);
  }

  static delete(boardId: string): Promise<void> {
    return deleteDatabase(unsavedLogName(boardId));
  }

  /**
   * Reads every entry in one transaction. Many small entries (keystrokes typed offline) are
   * merged into one in the same transaction, so the log stays short across reloads.
   */
  async adopt(): Promise<Adopted> {
    const tx = this.#db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const keys = (await requestResult(store.getAllKeys())) as number[];
    const values = (await requestResult(store.getAll())) as Uint8Array[];
    if (keys.length === 0) {
      await transactionDone(tx);
      return { keys: [], update: null };
    }
    const update = values.length === 1 && values[0] ? values[0] : Y.mergeUpdates(values);
    if (keys.length <= MERGE_ABOVE) {
      await transactionDone(tx);
      return { keys, update };
    }
    const last = keys[keys.length - 1] as number;
    const merged = (await requestResult(store.add(update))) as number;
    store.delete(IDBKeyRange.upperBound(last));
    await transactionDone(tx);
    return { keys: [merged], update };
  }

  /** Everything in the log merged, without taking it over (for an export). */
  async peek(): Promise<Uint8Array | null> {
    const tx = this.#db.transaction(STORE, 'readonly');
    const values = (await requestResult(tx.objectStore(STORE).getAll())) as Uint8Array[];
    return values.length === 0 ? null : Y.mergeUpdates(values);
  }

  /** Stores one local update; resolves with its key once it is durable in the browser. */
  async append(update: Uint8Array): Promise<number> {
    const tx = this.#db.transaction(STORE, 'readwrite');
    const key = requestResult(tx.objectStore(STORE).add(update));
    await transactionDone(tx);
    return (await key) as number;
  }

  async remove(keys: readonly number[]): Promise<void> {
    if (keys.length === 0) return;
    const tx = this.#db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    for (const key of keys) store.delete(key);
    await transactionDone(tx);
  }

  async count(): Promise<number> {
    const tx = this.#db.transaction(STORE, 'readonly');
    return requestResult(tx.objectStore(STORE).count());
  }

  close(): void {
    this.#db.close();
  }
}
