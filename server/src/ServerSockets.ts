import type { WebSocket } from 'ws';
import type { Connection } from './Connection';

/**
 * The server's upgraded sockets that have not closed yet, for what it does to all of them
 * (heartbeat, link checks) and for its shutdown: the open connections, and the sockets sent
 * their close and still in the closing handshake (refused ones too), which shutdown cuts off
 * rather than wait out. `ws` could keep such a set itself (`clientTracking`), but at a closure,
 * its context and a second 'close' listener on every socket; here each connection's one
 * 'close' listener does it (Connection.ts).
 */
export class ServerSockets {
  /** Each connection from its start until it closes. */
  readonly open = new Set<Connection>();
  readonly #closing = new Set<WebSocket>();

  /** `ws` was sent its close: kept until `closed`, unless it is closed already. */
  closing(ws: WebSocket): void {
    if (ws.readyState !== ws.CLOSED) this.#closing.add(ws);
  }

  closed(ws: WebSocket): void {
    this.#closing.delete(ws);
  }

  /** A socket refused at its upgrade, sent `code`: it is not a connection and has no listener. */
  refuse(ws: WebSocket, code: number, reason: string): void {
    ws.on('close', () => this.closed(ws));
    ws.close(code, reason);
    this.closing(ws);
  }

  /** Shutdown, once every connection was sent its close: cuts off every socket still closing. */
  terminateClosing(): void {
    for (const ws of this.#closing) ws.terminate();
    this.#closing.clear();
  }
}
