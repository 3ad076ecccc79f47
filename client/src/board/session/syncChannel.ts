import { MessageType } from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ReconnectDecision } from './reconnect';

export interface SyncChannelOptions {
  /** The sync endpoint, e.g. `wss://host/sync`; the board id is appended as a path segment. */
  url: string;
  boardId: string;
  params: Record<string, string>;
  /**
   * After the server closed with `code` on the `attempt`-th failure in a row: stop, or retry
   * after a delay (reconnect.ts).
   */
  reconnect(code: number, attempt: number): ReconnectDecision;
  /** A WebSocket class for tests in Node (an in-memory server); the browser's by default. */
  WebSocketPolyfill?: typeof WebSocket;
}

export type ChannelStatus = 'connecting' | 'connected' | 'disconnected';

type Message = (decoder: decoding.Decoder) => void;

/**
 * The one file that knows y-websocket's WebsocketProvider, wrapped in what Paja needs of it.
 *
 * Why an adapter: the provider has no public API for four things Paja does. (1) Paja's own
 * message types (`welcome`, `saved`): the provider dispatches on its `messageHandlers` array.
 * (2) Sending a Paja message (`saveRequest`) on the provider's socket, in order after the
 * updates the provider sent on it. (3) Sending only this client's awareness: stock y-websocket
 * re-sends every awareness change it hears, other people's included, so in a room of n people
 * each cursor move reaches the server n times, and Paja's server closes a connection that sends
 * another connection's state (4422); that means swapping the provider's `_awarenessUpdateHandler`.
 * And (4) the retry delay after a close (reconnect.ts), set through `maxBackoffTime`.
 * Those are internals that may change in any y-websocket release; keeping them here makes an
 * upgrade a change to one file, and lets the session and the save tracker be tested with a
 * fake channel or an in-memory server.
 */
export class SyncChannel {
  readonly #provider: WebsocketProvider;
  readonly #doc: Y.Doc;
  readonly #restoreAwareness: () => void;

  constructor(doc: Y.Doc, options: SyncChannelOptions) {
    this.#doc = doc;
    // BroadcastChannel sync is off: two tabs must not look in sync while the server has
    // neither, or "online" would hide lost work.
    this.#provider = new WebsocketProvider(options.url, options.boardId, doc, {
      connect: false,
      disableBc: true,
      params: options.params,
      // y-websocket calls this after counting the failed attempt and right before it schedules
      // the next one with min(100 ms · 2^attempt, maxBackoffTime); our delay never exceeds that
      // power of two, so setting maxBackoffTime to it makes the provider wait exactly our
      // jittered delay. (A local close never gets here and waits y-websocket's own step,
      // capped by the last value.)
      shouldReconnect: (event, provider) => {
        const decision = options.reconnect(event.code, provider.wsUnsuccessfulReconnects);
        if (decision.kind === 'stop') return false;
        provider.maxBackoffTime = decision.delayMs;
        return true;
      },
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.#restoreAwareness = this.#sendOnlyOwnAwareness();
  }

  /**
   * The provider itself, for the debugging hook `window.__paja` only (browser tests and the
   * canvas benchmark read `provider.awareness` and `provider.wsconnected` through it).
   */
  get provider(): WebsocketProvider {
    return this.#provider;
  }

  get awareness(): Awareness {
    return this.#provider.awareness;
  }

  /** The socket is open. */
  get connected(): boolean {
    return this.#provider.wsconnected;
  }

  /** The socket is open and the first sync on it has finished. */
  get synced(): boolean {
    return this.#provider.wsconnected && this.#provider.synced;
  }

  /** Updates that came from the server are applied with the provider as their origin. */
  isRemote(origin: unknown): boolean {
    return origin === this.#provider;
  }

  connect(): void {
    this.#provider.connect();
  }

  /** Closes the socket and stops retrying until `resume` (a full board waits longer). */
  pause(): void {
    this.#provider.disconnect();
  }

  /** Connects again after `pause` (or after a refusal, when the page asks to). */
  resume(): void {
    this.#provider.connect();
  }

  /**
   * Drops the socket and opens a new one at once (no backoff), unless the server refused the
   * board for good or the channel is closing.
   */
  reconnectNow(): void {
    if (!this.#provider.shouldConnect) return;
    this.#provider.disconnect();
    this.#provider.connect();
  }

  /** A socket exists (open, or still opening). */
  get hasSocket(): boolean {
    return this.#provider.ws !== null;
  }

  /** Handles Paja's message `type` (the decoder is past the type). */
  handle(type: number, handler: Message): void {
    this.#provider.messageHandlers[type] = (_encoder, decoder) => handler(decoder);
  }

  /**
   * Sends one of Paja's messages (type included) on the open, synced socket, after every update
   * the provider sent before. Returns false (nothing sent) when there is no such socket.
   */
  send(message: Uint8Array<ArrayBuffer>): boolean {
    const ws = this.#provider.ws;
    if (!ws || !this.synced) return false;
    ws.send(message);
    return true;
  }

  onStatus(listener: (status: ChannelStatus) => void): () => void {
    const l = ({ status }: { status: ChannelStatus }) => listener(status);
    this.#provider.on('status', l);
    return () => this.#provider.off('status', l);
  }

  /**
   * The socket closed, whoever closed it (`code` is null when this side closed it); the
   * provider retries unless refused for good.
   */
  onConnectionClose(listener: (code: number | null) => void): () => void {
    const l = (event: CloseEvent | null) => listener(event?.code ?? null);
    this.#provider.on('connection-close', l);
    return () => this.#provider.off('connection-close', l);
  }

  /** The server closed with a code `shouldReconnect` refused: no more retries. */
  onClosed(listener: (code: number, reason: string) => void): () => void {
    const l = ({ code, reason }: { code: number; reason: string }) => listener(code, reason);
    this.#provider.on('closed', l);
    return () => this.#provider.off('closed', l);
  }

  /** The first sync after each (re)connect finished (true), or the connection was lost. */
  onSync(listener: (synced: boolean) => void): () => void {
    this.#provider.on('sync', listener);
    return () => this.#provider.off('sync', listener);
  }

  destroy(): void {
    this.#restoreAwareness();
    this.#provider.destroy();
  }

  #sendOnlyOwnAwareness(): () => void {
    const provider = this.#provider;
    const { awareness } = provider;
    const own = this.#doc.clientID;
    awareness.off('update', provider._awarenessUpdateHandler);
    const onUpdate = ({ added, updated, removed }: AwarenessChange) => {
      if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
      const ws = provider.ws;
      if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.awareness);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [own]));
      ws.send(encoding.toUint8Array(encoder));
    };
    awareness.on('update', onUpdate);
    return () => awareness.off('update', onUpdate);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
