/**
 * A raw-protocol client: y-protocols sync and awareness over `ws`, no browser and, for
 * observers, no Y.Doc, so that hundreds of them fit in one process. Speaks two framings:
 * y-websocket's (Paja and the y-websocket server) and Hocuspocus's (every message starts with
 * the document name, and an auth message opens the document).
 *
 * A writer passes its Y.Doc: the client answers sync steps from it and applies what arrives.
 * An observer passes none: it answers the server's step 1 with an empty update and only hands
 * received updates and awareness to its callbacks (with the time they arrived).
 */
import { decodeSaved, decodeWelcome, encodeSaveRequest, MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Dialect } from './servers';

/** Transaction origin for updates that came from the server (not to be sent back). */
export const REMOTE = Symbol('remote');

const SYNC = 0;
const AWARENESS = 1;
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;
const HOCUSPOCUS_SYNC_STATUS = 8;

const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

/**
 * Milliseconds since the epoch, with sub-millisecond resolution: the same clock in every
 * process of the benchmark (the crowd scenario stamps a send in one process and receives it in
 * another), where `performance.now()` alone counts from each process's own start.
 */
export const now = (): number => performance.timeOrigin + performance.now();

export interface ClientOptions {
  url: string;
  dialect: Dialect;
  docName: string;
  /** A writer's document; observers have none. */
  doc?: Y.Doc;
  /** Apply updates others make to `doc` (default true); the first sync is always applied. */
  applyUpdates?: boolean;
  /** Synced only once an update whose first client is this one arrived (see firstClient). */
  sentinelClient?: number;
  /** Keep the sync payload(s) that completed the sync, to verify their content afterwards. */
  keepSyncPayload?: boolean;
  /** A document update (message type sync, step "update") arrived. */
  onUpdate?: (update: Uint8Array, receivedAt: number) => void;
  onAwareness?: (update: Uint8Array, receivedAt: number) => void;
  /** Paja `saved` arrived, covering every save request up to `marker`. */
  onSaved?: (marker: number, receivedAt: number) => void;
}

export class SyncClient {
  readonly options: ClientOptions;
  readonly ws: WebSocket;
  readonly startedAt = now();
  openedAt: number | null = null;
  syncedAt: number | null = null;
  closeCode: number | null = null;
  /** Paja `saved`: per Yjs client id, the clock below which everything is stored. */
  readonly durable = new Map<number, number>();
  /** Paja `welcome`: who the server knows this socket as (the author of its notes). */
  participantId: string | null = null;
  /** Hocuspocus: how many of our sync messages the server said it applied (SyncStatus true). */
  appliedAcks = 0;
  /** Sync step 2 messages sent (Hocuspocus acknowledges those too). */
  step2Sent = 0;
  bytesIn = 0;
  messagesIn = 0;
  syncPayloads: Uint8Array[] = [];
  readonly opened: Promise<void>;
  readonly synced: Promise<number>;
  readonly closed: Promise<number>;
  #prefix: Uint8Array;
  #resolveSynced!: (at: number) => void;

  constructor(options: ClientOptions) {
    this.options = options;
    const prefix = encoding.createEncoder();
    if (options.dialect === 'hocuspocus') encoding.writeVarString(prefix, options.docName);
    this.#prefix = encoding.toUint8Array(prefix);
    this.ws = new WebSocket(options.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise((resolve) => {
      this.#resolveSynced = resolve;
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      });
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        this.openedAt = now();
        resolve();
      });
      this.ws.once('error', reject);
      void this.closed.then((code) => reject(new Error(`closed (${code}) before open`)));
    });
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => this.#onMessage(data));
    this.ws.once('open', () => this.#start());
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  #start(): void {
    if (this.options.dialect === 'hocuspocus') {
      // The auth message opens the document (no onAuthenticate hook: any token passes).
      this.#send((e) => {
        encoding.writeVarUint(e, HOCUSPOCUS_AUTH);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, 'bench');
      });
    }
    const stateVector = this.options.doc
      ? Y.encodeStateVector(this.options.doc)
      : EMPTY_STATE_VECTOR;
    this.#send((e) => {
      encoding.writeVarUint(e, SYNC);
      encoding.writeVarUint(e, STEP1);
      encoding.writeVarUint8Array(e, stateVector);
    });
  }

  #send(write: (encoder: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, this.#prefix);
    write(encoder);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  sendUpdate(update: Uint8Array): boolean {
    if (!this.open) return false;
    this.#send((e) => {
      encoding.writeVarUint(e, SYNC);
      encoding.writeVarUint(e, UPDATE);
      encoding.writeVarUint8Array(e, update);
    });
    return true;
  }

  /** The message `sendUpdate(update)` sends, to be sent later with `sendFrame`. */
  frameUpdate(update: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, this.#prefix);
    encoding.writeVarUint(encoder, SYNC);
    encoding.writeVarUint(encoder, UPDATE);
    encoding.writeVarUint8Array(encoder, update);
    return encoding.toUint8Array(encoder);
  }

  /** Sends a message made beforehand (frameUpdate); false if the socket is not open. */
  sendFrame(frame: Uint8Array): boolean {
    if (!this.open) return false;
    this.ws.send(frame);
    return true;
  }

  sendAwareness(update: Uint8Array): boolean {
    if (!this.open) return false;
    this.#send((e) => {
      encoding.writeVarUint(e, AWARENESS);
      encoding.writeVarUint8Array(e, update);
    });
    return true;
  }

  /** Paja: ask to hear when everything sent so far is stored. */
  requestSaved(marker: number): void {
    // Paja's framing has no prefix: the shared encoder's frame goes out as it is.
    if (this.open) this.ws.send(encodeSaveRequest(marker));
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.terminate();
    }
  }

  #onMessage(data: Buffer): void {
    const at = now();
    this.bytesIn += data.byteLength;
    this.messagesIn++;
    const decoder = decoding.createDecoder(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
    if (this.options.dialect === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case SYNC:
      case HOCUSPOCUS_SYNC_REPLY:
        this.#onSync(decoder, at);
        break;
      case AWARENESS:
        this.options.onAwareness?.(decoding.readVarUint8Array(decoder), at);
        break;
      case HOCUSPOCUS_SYNC_STATUS:
        if (decoding.readVarUint(decoder) === 1) this.appliedAcks++;
        break;
      case MessageType.saved: {
        const saved = decodeSaved(decoder);
        if (!saved.ok) throw new Error(`undecodable saved: ${saved.error.reason}`);
        for (const [client, clock] of saved.value.clocks) {
          if ((this.durable.get(client) ?? 0) < clock) this.durable.set(client, clock);
        }
        this.options.onSaved?.(saved.value.marker, at);
        break;
      }
      case MessageType.welcome: {
        const welcome = decodeWelcome(decoder);
        if (!welcome.ok) throw new Error(`undecodable welcome: ${welcome.error.reason}`);
        this.participantId = welcome.value.participantId;
        break;
      }
      default:
        break; // welcome, auth replies: nothing to do
    }
  }

  #onSync(decoder: decoding.Decoder, at: number): void {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    const { doc } = this.options;
    switch (step) {
      case STEP1: {
        const update = doc ? Y.encodeStateAsUpdate(doc, payload) : EMPTY_UPDATE;
        this.step2Sent++;
        this.#send((e) => {
          encoding.writeVarUint(e, SYNC);
          encoding.writeVarUint(e, STEP2);
          encoding.writeVarUint8Array(e, update);
        });
        break;
      }
      case STEP2:
        if (doc) Y.applyUpdate(doc, payload, REMOTE);
        this.#maybeSynced(payload, at);
        break;
      case UPDATE:
        if (doc && this.options.applyUpdates !== false) Y.applyUpdate(doc, payload, REMOTE);
        // y-websocket with persistence answers step 1 from an empty document and sends the
        // stored content as an update once LevelDB has read it.
        if (this.syncedAt === null) this.#maybeSynced(payload, at);
        this.options.onUpdate?.(payload, at);
        break;
    }
  }

  #maybeSynced(payload: Uint8Array, at: number): void {
    if (this.syncedAt !== null) return;
    const { sentinelClient } = this.options;
    if (sentinelClient !== undefined && firstClient(payload) !== sentinelClient) return;
    if (this.options.keepSyncPayload) this.syncPayloads.push(payload);
    this.syncedAt = at;
    this.#resolveSynced(at);
  }
}

/**
 * The first client id in a Yjs (v1) update, or null if it has no structs. Yjs writes clients in
 * descending order, so a board whose last writer has the largest client id carries that client
 * first exactly when the update holds the whole stored content: a check that costs four varUint
 * reads instead of decoding megabytes.
 */
export function firstClient(update: Uint8Array): number | null {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  if (clients === 0) return null;
  decoding.readVarUint(decoder); // number of structs
  return decoding.readVarUint(decoder);
}

/**
 * A benchmark writer sets this key, in the same transaction as a move, to `{ [SENT_AT]: time }`.
 * (An overwriting map entry does not carry its key in the update, since Yjs derives it from the
 * entry it overwrites: hence the value names itself.)
 */
export const SENT_AT = 'benchSentAt';

/** The send time an update carries (see SENT_AT) and the Yjs client that made it, or null. */
export function sentAtOf(update: Uint8Array): { client: number; sentAt: number } | null {
  return sentAtsOf(update)[0] ?? null;
}

/**
 * Every send time an update carries: a server that merges the updates of one moment into one
 * message (Paja does) delivers several moves, of several writers, at once.
 */
export function sentAtsOf(update: Uint8Array): Array<{ client: number; sentAt: number }> {
  const found: Array<{ client: number; sentAt: number }> = [];
  const { structs } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    for (const value of struct.content.arr as Array<Record<string, unknown> | null>) {
      if (typeof value === 'object' && value !== null && typeof value[SENT_AT] === 'number') {
        found.push({ client: struct.id.client, sentAt: value[SENT_AT] as number });
      }
    }
  }
  return found;
}

const SENT_AT_BYTES = Buffer.from(SENT_AT);

/** How many moves (SENT_AT values) a frame carries, counted without decoding it. */
export function countMoves(update: Uint8Array): number {
  const frame = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  let count = 0;
  for (let at = frame.indexOf(SENT_AT_BYTES); at >= 0; at = frame.indexOf(SENT_AT_BYTES, at + 1)) {
    count++;
  }
  return count;
}

/** A y-protocols awareness update that sets one client's state. */
export function encodeAwareness(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/** Counts the states in an awareness update without decoding their JSON. */
export function countAwarenessEntries(
  update: Uint8Array,
  each?: (clientId: number, clock: number, json: Uint8Array) => void,
): number {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarUint8Array(decoder);
    each?.(clientId, clock, json);
  }
  return count;
}

/** Opens `count` clients, at most `parallel` handshakes at a time. */
export async function openMany(
  count: number,
  make: (i: number) => SyncClient,
  parallel = 50,
): Promise<SyncClient[]> {
  const clients: SyncClient[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const client = make(i);
      clients[i] = client;
      await client.opened;
      await client.synced;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return clients;
}
