import { MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/**
 * Knows whether every change made in this browser is stored on the server. "Saved" is only
 * ever claimed after the server said so: each local change bumps a counter; the tracker asks
 * the server (`saveRequest` with the counter) to confirm once everything sent before is stored,
 * and the server's `saved` message echoes the highest counter it covers. Deletions count too,
 * which a Yjs clock alone would miss.
 */
export class SaveTracker {
  #changes = 0;
  #confirmed = 0;
  readonly #doc: Y.Doc;
  readonly #provider: WebsocketProvider;
  readonly #onChange: (saved: boolean) => void;

  constructor(doc: Y.Doc, provider: WebsocketProvider, onChange: (saved: boolean) => void) {
    this.#doc = doc;
    this.#provider = provider;
    this.#onChange = onChange;
    provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
      this.confirm(readSavedMarker(decoder));
    };
    doc.on('update', this.#onUpdate);
    provider.on('sync', this.#onSync);
  }

  get saved(): boolean {
    return this.#confirmed >= this.#changes;
  }

  /** Records the server's confirmation of everything up to `marker`. */
  confirm(marker: number): void {
    const before = this.saved;
    this.#confirmed = Math.max(this.#confirmed, marker);
    if (this.saved !== before) this.#onChange(this.saved);
  }

  destroy(): void {
    this.#doc.off('update', this.#onUpdate);
    this.#provider.off('sync', this.#onSync);
  }

  #onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.#provider) return; // came from the server: nothing of ours to save
    const before = this.saved;
    this.#changes++;
    if (this.saved !== before) this.#onChange(this.saved);
    // The provider sent the update in its own 'update' handler, registered before ours, so
    // this request follows it on the same socket.
    this.#request();
  };

  #onSync = (synced: boolean): void => {
    // After a reconnect our sync step 2 carried everything the server lacked; ask again.
    if (synced && !this.saved) this.#request();
  };

  #request(): void {
    const ws = this.#provider.ws;
    if (!ws || !this.#provider.wsconnected || !this.#provider.synced) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.saveRequest);
    encoding.writeVarUint(encoder, this.#changes);
    ws.send(encoding.toUint8Array(encoder));
  }
}

/** Reads the marker of a `saved` message (the clocks after it are not needed here). */
export function readSavedMarker(decoder: decoding.Decoder): number {
  const marker = decoding.readVarUint(decoder);
  const pairs = decoding.readVarUint(decoder);
  for (let i = 0; i < pairs * 2; i++) decoding.readVarUint(decoder);
  return marker;
}
