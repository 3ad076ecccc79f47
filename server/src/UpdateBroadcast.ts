import { encodeSyncUpdate } from '@paja/shared';
import * as Y from 'yjs';
import { WireFrame } from './WireFrame';

/** What the broadcast needs of a connection. */
export interface BroadcastMember {
  /** Sends a message framed once for all (WireFrame.ts). */
  sendFrame(frame: WireFrame): void;
}

/**
 * Readers (viewers, commenters, the public) hear a board's updates in batches once there are
 * this many of them; fewer get each update at once, as editors do.
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

/**
 * A board's document updates on their way to its connections. Editors (everyone who may write)
 * get each update at once, encoded and framed once for all (WireFrame.ts), never their own
 * back. Readers (viewers, commenters, the public) get the same at once while they are few; past
 * READERS_PER_BATCH_MS of them their updates gather over a few milliseconds that grow with the
 * audience (readerBatchMs) and go out merged into one message, encoded once for all readers.
 * Merging changes nothing a client ends up with: Yjs applies a merged update exactly as its
 * parts.
 *
 * Editors' updates are not merged per turn: a merge costs about 20 µs per small update here,
 * more than the sends it saves when every editor is also a sender (each would need its own
 * merge without its own updates); see bench/RESULTS.md.
 *
 * Nothing is stored here and nothing waits for storage: "saved" is the SavePipeline's.
 */
export class UpdateBroadcast<M extends BroadcastMember> {
  readonly #editors = new Set<M>();
  readonly #readers = new Set<M>();
  #forReaders: Uint8Array[] = [];
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
    const frame = new WireFrame(encodeSyncUpdate(update));
    for (const member of this.#editors) {
      if (member !== from) member.sendFrame(frame);
    }
    if (this.#readers.size === 0) return;
    const wait = readerBatchMs(this.#readers.size);
    if (wait === 0 && this.#forReaders.length === 0) {
      for (const member of this.#readers) member.sendFrame(frame);
      return;
    }
    this.#forReaders.push(update);
    this.#readerTimer ??= setTimeout(this.#sendToReaders, wait);
  }

  /** Sends what readers wait for now (the room's last words before it closes). */
  flush(): void {
    if (this.#readerTimer) clearTimeout(this.#readerTimer);
    this.#sendToReaders();
  }

  /** Drops what is pending; nothing is sent after this. */
  close(): void {
    this.#closed = true;
    this.#forReaders = [];
    if (this.#readerTimer) clearTimeout(this.#readerTimer);
    this.#readerTimer = null;
  }

  #sendToReaders = (): void => {
    this.#readerTimer = null;
    const updates = this.#forReaders;
    if (updates.length === 0 || this.#closed) return;
    this.#forReaders = [];
    const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
    const frame = new WireFrame(encodeSyncUpdate(merged));
    for (const member of this.#readers) member.sendFrame(frame);
  };
}
