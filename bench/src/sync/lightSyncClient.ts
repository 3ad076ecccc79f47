/**
 * The sync protocol over a LightSocket, for the writers scenario's generator: the handshake
 * (answered as a client with an empty document: it applies nothing), Paja's `welcome` and
 * `saved`, and document updates handed over as they arrived, undecoded. Both framings of
 * client.ts: y-websocket's, and Hocuspocus's (the document name first, an auth message to open).
 */
import { decodeSaved, decodeWelcome, encodeSaveRequest, MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { now } from './client';
import { frame, LightSocket } from './lightSocket';
import type { Dialect } from './servers';

const SYNC = 0;
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

export interface LightSyncOptions {
  url: string;
  dialect: Dialect;
  docName: string;
  /** A document update arrived: the whole message (its frame's payload) and when. */
  onUpdate: (message: Buffer, receivedAt: number) => void;
  /** Paja `saved` arrived, covering every save request up to `marker`. */
  onSaved?: (marker: number, receivedAt: number) => void;
}

export class LightSyncClient {
  readonly socket: LightSocket;
  /** Paja `welcome`: who the server knows this socket as (the author of its notes). */
  participantId: string | null = null;
  readonly synced: Promise<void>;
  readonly #options: LightSyncOptions;
  /** What every message starts with: Hocuspocus's document name, nothing on y-websocket. */
  readonly #prefix: Uint8Array;
  #synced!: () => void;

  constructor(options: LightSyncOptions) {
    this.#options = options;
    const prefix = encoding.createEncoder();
    if (options.dialect === 'hocuspocus') encoding.writeVarString(prefix, options.docName);
    this.#prefix = encoding.toUint8Array(prefix);
    this.synced = new Promise((resolve) => {
      this.#synced = resolve;
    });
    this.socket = new LightSocket(options.url, (message) => this.#onMessage(message));
    void this.socket.opened.then(
      () => this.#start(),
      () => {},
    );
  }

  get open(): boolean {
    return this.socket.open;
  }

  /** The framed message that sends `update` (a sync update), to be sent later as it is. */
  updateFrame(update: Uint8Array): Buffer {
    return frame(
      this.#message((e) => {
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, UPDATE);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }

  sendUpdate(update: Uint8Array): boolean {
    return this.socket.sendFrame(this.updateFrame(update));
  }

  /** Paja: ask to hear when everything sent so far is stored (Paja's framing has no prefix). */
  requestSaved(marker: number): void {
    this.socket.send(encodeSaveRequest(marker));
  }

  close(): void {
    this.socket.close();
  }

  #message(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, this.#prefix);
    write(encoder);
    return encoding.toUint8Array(encoder);
  }

  #start(): void {
    if (this.#options.dialect === 'hocuspocus') {
      // The auth message opens the document (no onAuthenticate hook: any token passes).
      this.socket.send(
        this.#message((e) => {
          encoding.writeVarUint(e, HOCUSPOCUS_AUTH);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, 'bench');
        }),
      );
    }
    this.socket.send(
      this.#message((e) => {
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP1);
        encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR);
      }),
    );
  }

  #onMessage(message: Buffer): void {
    const at = now();
    const start = this.#prefix.byteLength;
    // The common case, read from two bytes: a document update, handed over undecoded.
    if (message[start] === SYNC && message[start + 1] === UPDATE) {
      this.#synced(); // y-websocket with persistence sends the stored board as an update
      this.#options.onUpdate(message, at);
      return;
    }
    const decoder = decoding.createDecoder(message);
    if (start > 0) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === SYNC || type === HOCUSPOCUS_SYNC_REPLY) {
      const step = decoding.readVarUint(decoder);
      if (step === STEP1) {
        this.socket.send(
          this.#message((e) => {
            encoding.writeVarUint(e, SYNC);
            encoding.writeVarUint(e, STEP2);
            encoding.writeVarUint8Array(e, EMPTY_UPDATE);
          }),
        );
      } else if (step === STEP2) this.#synced();
      else if (step === UPDATE) this.#options.onUpdate(message, at);
    } else if (type === MessageType.saved) {
      const saved = decodeSaved(decoder);
      if (!saved.ok) throw new Error(`undecodable saved: ${saved.error.reason}`);
      this.#options.onSaved?.(saved.value.marker, at);
    } else if (type === MessageType.welcome) {
      const welcome = decodeWelcome(decoder);
      if (!welcome.ok) throw new Error(`undecodable welcome: ${welcome.error.reason}`);
      this.participantId = welcome.value.participantId;
    }
    // Anything else (awareness, reader counts, Hocuspocus's statuses): nothing to do.
  }
}
