// A test helper (not a test): an in-memory server speaking just enough of Paja's sync protocol
// (y-protocols sync, `welcome`, `saveRequest` -> `saved`, closes with a code) for the session's
// unit tests, over a fake WebSocket class handed to the real y-websocket provider. The real
// server's own tests (server/test) cover the server; this one only has to be honest about the
// wire, so that the session is tested with its real channel.
import {
  decodeFrame,
  decodeSaveRequest,
  encodeSaved,
  encodeWelcome,
  MessageType,
  PROTOCOL_VERSION,
  type Role,
  SCHEMA_VERSION,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

export interface FakeServerOptions {
  /**
   * Sent as `welcome` on every connection (with this build's versions unless given); none when
   * null (a stock y-websocket server).
   */
  welcome?: {
    participantId: string;
    role: Role;
    protocolVersion?: number;
    schemaVersion?: number;
  } | null;
  /** When false, save requests wait for `commit()` (a slow disk); true answers at once. */
  autoCommit?: boolean;
}

export class FakeServer {
  readonly doc = new Y.Doc();
  readonly sockets = new Set<FakeSocket>();
  /** Every connection's URL, in order. */
  readonly urls: string[] = [];
  welcome: FakeServerOptions['welcome'];
  autoCommit: boolean;
  /** Save requests not answered yet: [socket, marker]. */
  readonly #pending: Array<[FakeSocket, number]> = [];
  /** When set, new connections are closed with this code right after opening. */
  refuseWith: { code: number; reason: string } | null = null;

  constructor(options: FakeServerOptions = {}) {
    this.welcome = options.welcome ?? null;
    this.autoCommit = options.autoCommit ?? true;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const socket of this.sockets) if (socket !== origin) socket.deliver(message);
    });
  }

  /** The WebSocket class to give the provider: each instance connects to this server. */
  get WebSocket(): typeof WebSocket {
    const server = this;
    class Socket extends FakeSocket {
      constructor(url: string) {
        super(server, url);
      }
    }
    return Socket as unknown as typeof WebSocket;
  }

  /** Answers every waiting save request: everything received so far is "stored". */
  commit(): void {
    for (const [socket, marker] of this.#pending.splice(0)) socket.deliver(savedMessage(marker));
  }

  /** Closes every connection with `code`, as the server would when refusing. */
  closeAll(code: number, reason = ''): void {
    for (const socket of [...this.sockets]) socket.serverClose(code, reason);
  }

  accept(socket: FakeSocket): void {
    this.urls.push(socket.url);
    this.sockets.add(socket);
    socket.open();
    if (this.refuseWith) {
      socket.serverClose(this.refuseWith.code, this.refuseWith.reason);
      return;
    }
    if (this.welcome) {
      const versions = { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION };
      socket.deliver(encodeWelcome({ ...versions, ...this.welcome }));
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    socket.deliver(encoding.toUint8Array(encoder));
  }

  receive(socket: FakeSocket, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, socket);
      if (encoding.length(encoder) > 1) socket.deliver(encoding.toUint8Array(encoder));
    } else if (type === MessageType.saveRequest) {
      const marker = decodeFrame(data, MessageType.saveRequest, decodeSaveRequest);
      if (!marker.ok) throw new Error(marker.error.reason);
      if (this.autoCommit) socket.deliver(savedMessage(marker.value));
      else this.#pending.push([socket, marker.value]);
    }
    // Awareness and anything else: not needed by these tests.
  }
}

function savedMessage(marker: number): Uint8Array {
  return encodeSaved({ marker, clocks: [] }); // no clocks: the client reads only the marker
}

/** The client side of one connection; every delivery is asynchronous, as on a network. */
class FakeSocket {
  readonly OPEN = OPEN;
  binaryType = 'arraybuffer';
  readyState = CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(
    readonly server: FakeServer,
    readonly url: string,
  ) {
    queueMicrotask(() => {
      if (this.readyState === CONNECTING) server.accept(this);
    });
  }

  open(): void {
    this.readyState = OPEN;
    this.onopen?.();
  }

  send(data: Uint8Array): void {
    if (this.readyState !== OPEN) return;
    const copy = data.slice();
    queueMicrotask(() => {
      if (this.readyState === OPEN) this.server.receive(this, copy);
    });
  }

  deliver(data: Uint8Array): void {
    const buffer = data.slice().buffer;
    queueMicrotask(() => {
      if (this.readyState === OPEN) this.onmessage?.({ data: buffer });
    });
  }

  /** Closed by the client (the provider). */
  close(): void {
    this.#closed(1000, '');
  }

  serverClose(code: number, reason: string): void {
    this.#closed(code, reason);
  }

  #closed(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.server.sockets.delete(this);
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }
}
