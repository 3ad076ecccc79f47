import { decodeSaved, encodeSaveRequest, MessageType } from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';

/** What the tracker needs of the connection (syncChannel.ts has it; tests fake it). */
export interface SaveChannel {
  /** Updates with this origin came from the server: nothing of ours to save. */
  isRemote(origin: unknown): boolean;
  /** Sends on the open, synced socket; false when there is none. */
  send(message: Uint8Array<ArrayBuffer>): boolean;
  handle(type: number, handler: (decoder: decoding.Decoder) => void): void;
  onSync(listener: (synced: boolean) => void): () => void;
}

/**
 * Told about each counted local change and each confirmation, so that the changes can be kept
 * (in IndexedDB) until the server has them. See offline/unsavedChanges.ts.
 */
export interface SaveListener {
  changed(update: Uint8Array, marker: number): void;
  confirmed(marker: number): void;
}

export interface SaveTrackerOptions {
  /**
   * Transaction origins that are not changes made here: the local copy restoring the board
   * from IndexedDB, for one. The provider's own origin (updates from the server) always is.
   */
  notLocal?: (origin: unknown) => boolean;
  listener?: SaveListener;
}

/**
 * Knows whether every change made in this browser is stored on the server. "Saved" is only
 * ever claimed after the server said so: each local change bumps a counter; the tracker asks
 * the server (`saveRequest` with the counter) to confirm once everything sent before is stored,
 * and the server's `saved` message echoes the highest counter it covers. Deletions count too,
 * which a Yjs clock alone would miss.
 *
 * Changes restored from this browser's local copy that the server never confirmed count as one
 * more change (`addRestored`): the provider's sync step 2 carries them, and the save request
 * that follows it covers them. While the page does not know yet (`hold`), it is not "saved".
 */
export class SaveTracker {
  #changes = 0;
  #confirmed = 0;
  #holds = 0;
  readonly #doc: Y.Doc;
  readonly #channel: SaveChannel;
  readonly #offSync: () => void;
  readonly #onChange: (saved: boolean) => void;
  readonly #notLocal: (origin: unknown) => boolean;
  readonly #listener: SaveListener | null;

  constructor(
    doc: Y.Doc,
    channel: SaveChannel,
    onChange: (saved: boolean) => void,
    options: SaveTrackerOptions = {},
  ) {
    this.#doc = doc;
    this.#channel = channel;
    this.#onChange = onChange;
    this.#notLocal = options.notLocal ?? (() => false);
    this.#listener = options.listener ?? null;
    channel.handle(MessageType.saved, (decoder) => {
      // An undecodable `saved` confirms nothing: "saved" is only ever claimed when sure.
      const saved = decodeSaved(decoder);
      if (saved.ok) this.confirm(saved.value.marker);
    });
    doc.on('update', this.#onUpdate);
    this.#offSync = channel.onSync(this.#onSync);
  }

  get saved(): boolean {
    return this.#holds === 0 && this.#confirmed >= this.#changes;
  }

  /** Records the server's confirmation of everything up to `marker`. */
  confirm(marker: number): void {
    const before = this.saved;
    if (marker > this.#confirmed) {
      this.#confirmed = marker;
      this.#listener?.confirmed(marker);
    }
    this.#emitIfChanged(before);
  }

  /**
   * Says "not saved" until the returned function is called: while the local copy is being read,
   * the page cannot know yet whether it holds unconfirmed work.
   */
  hold(): () => void {
    const before = this.saved;
    this.#holds++;
    this.#emitIfChanged(before);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const was = this.saved;
      this.#holds--;
      this.#emitIfChanged(was);
    };
  }

  /**
   * Counts changes restored from the local copy that the server has not confirmed, as one change.
   * Returns its marker: the server's confirmation of it covers them all.
   */
  addRestored(): number {
    const before = this.saved;
    this.#changes++;
    this.#emitIfChanged(before);
    this.#request();
    return this.#changes;
  }

  destroy(): void {
    this.#doc.off('update', this.#onUpdate);
    this.#offSync();
  }

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    // From the server: nothing of ours to save. From the local copy: counted by addRestored.
    if (this.#channel.isRemote(origin) || this.#notLocal(origin)) return;
    const before = this.saved;
    this.#changes++;
    this.#listener?.changed(update, this.#changes);
    this.#emitIfChanged(before);
    // The provider sent the update in its own 'update' handler, registered before ours, so
    // this request follows it on the same socket.
    this.#request();
  };

  #onSync = (synced: boolean): void => {
    // After a reconnect our sync step 2 carried everything the server lacked; ask again.
    if (synced && this.#confirmed < this.#changes) this.#request();
  };

  #emitIfChanged(before: boolean): void {
    if (this.saved !== before) this.#onChange(this.saved);
  }

  #request(): void {
    this.#channel.send(encodeSaveRequest(this.#changes));
  }
}
