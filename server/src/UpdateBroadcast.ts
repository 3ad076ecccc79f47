import { encodeSyncUpdate } from '@paja/shared';
import * as Y from 'yjs';

/** What the broadcast needs of a connection. */
export interface BroadcastMember {
  send(message: Uint8Array): void;
}

/**
 * Readers (viewers, commenters, the public) hear a board's updates in batches once there are
 * this many of them: up to this many, a batch is one turn of the event loop, as for editors.
 */
export const READERS_PER_BATCH_MS = 50;
/** The longest a reader's batch waits, however large the audience. */
export const MAX_READER_BATCH_MS = 200;

/**
 * How long readers' updates gather before they go out, for `readers` readers on the board:
 * nothing below READERS_PER_BATCH_MS readers, 1 ms more per READERS_PER_BATCH_MS readers
 * above (5,000 readers: 100 ms), never more than MAX_READER_BATCH_MS. An audience of thousands
 * gets a few frames a second however busy the workshop is, instead of one frame per edit per
 * reader (50 editors to 5,000 readers would be 250,000 frames a second: more than this
 * machine's `ws` stack sends, or a phone wants to read; see bench/RESULTS.md, the crowd).
 */
export function readerBatchMs(readers: number): number {
  return Math.min(MAX_READER_BATCH_MS, Math.floor(readers / READERS_PER_BATCH_MS));
}

interface Pending {
  update: Uint8Array;
  /** The member that sent it (it has it already), or null (the server, another instance). */
  from: BroadcastMember | null;
}

/**
 * A board's document updates on their way to its connections. Everything that changed the
 * document in one turn of the event loop goes to each editor as ONE message (the updates
 * merged, encoded once for all who sent none of them, and once more for each who sent some:
 * nobody gets their own update back). Readers get the same, gathered over a few milliseconds
 * that grow with the audience (readerBatchMs). Merging changes nothing a client ends up with:
 * Yjs applies a merged update exactly as the updates one by one.
 *
 * Nothing is stored here and nothing waits for storage: "saved" is the SavePipeline's.
 */
export class UpdateBroadcast<M extends BroadcastMember> {
  readonly #editors = new Set<M>();
  readonly #readers = new Set<M>();
  #forEditors: Pending[] = [];
  #forReaders: Uint8Array[] = [];
  #turnScheduled = false;
  #readerTimer: NodeJS.Timeout | null = null;
  #closed = false;

  /** Adds a connection; `reader`: it cannot write, and may hear the board a little later. */
  join(member: M, reader: boolean): void {
    (reader ? this.#readers : this.#editors).add(member);
  }

  leave(member: M): void {
    this.#editors.delete(member);
    this.#readers.delete(member);
  }

  /** An update applied to the board's document; `from` the member that sent it, if one did. */
  add(update: Uint8Array, from: M | null): void {
    if (this.#closed) return;
    this.#forEditors.push({ update, from });
    this.#forReaders.push(update);
    if (!this.#turnScheduled) {
      this.#turnScheduled = true;
      setImmediate(this.#endOfTurn);
    }
  }

  /** Sends everything pending now (tests; the room's last words before it closes). */
  flush(): void {
    this.#sendToEditors();
    this.#sendToReaders();
  }

  /** Drops what is pending; nothing is sent after this. */
  close(): void {
    this.#closed = true;
    this.#forEditors = [];
    this.#forReaders = [];
    if (this.#readerTimer) clearTimeout(this.#readerTimer);
    this.#readerTimer = null;
  }

  #endOfTurn = (): void => {
    this.#turnScheduled = false;
    if (this.#closed) return;
    this.#sendToEditors();
    if (this.#forReaders.length === 0 || this.#readerTimer !== null) return;
    const wait = readerBatchMs(this.#readers.size);
    if (wait === 0) {
      this.#sendToReaders();
      return;
    }
    this.#readerTimer = setTimeout(() => {
      this.#readerTimer = null;
      this.#sendToReaders();
    }, wait);
  };

  #sendToEditors(): void {
    const pending = this.#forEditors;
    if (pending.length === 0) return;
    this.#forEditors = [];
    const senders = new Set<BroadcastMember>();
    for (const { from } of pending) if (from !== null) senders.add(from);
    const all = syncMessage(pending.map((p) => p.update));
    for (const member of this.#editors) {
      if (!senders.has(member)) member.send(all);
    }
    // A sender gets the others' updates of this turn, without its own.
    for (const sender of senders) {
      if (!this.#editors.has(sender as M)) continue;
      const others = pending.filter((p) => p.from !== sender).map((p) => p.update);
      if (others.length > 0) sender.send(syncMessage(others));
    }
  }

  #sendToReaders(): void {
    const updates = this.#forReaders;
    if (updates.length === 0) return;
    this.#forReaders = [];
    if (this.#readers.size === 0) return;
    const message = syncMessage(updates);
    for (const member of this.#readers) member.send(message);
  }
}

/** One sync update message carrying `updates` (merged when there are several). */
function syncMessage(updates: Uint8Array[]): Uint8Array {
  return encodeSyncUpdate(
    updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates),
  );
}
