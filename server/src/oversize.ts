import { WebSocket } from 'ws';

/**
 * A frame over `maxPayload` makes `ws` close with 1009 before reading it. The stock y-websocket
 * provider retries every close outside 4400-4499, and on each reconnect re-sends its whole
 * unsynced state, which is the same oversized frame: a retry storm (85 uploads of 3 MiB in 20 s
 * were measured). `ws` closes through the socket's own `close` method, so the server makes its
 * sockets of this class (WebSocketServer's `WebSocket` option), whose `close` sends `code` in
 * place of 1009, which every client treats as final. One method on a class rather than a bound
 * wrapper on each socket: an idle crowd is mostly per-socket objects. A test pins this
 * (server/test/oversize.test.ts), so an upgrade of `ws` that closes some other way is caught.
 */
export function socketsClosingOversizedWith(code: number): typeof WebSocket {
  return class SocketClosingOversized extends WebSocket {
    override close(closeCode?: number, reason?: string | Buffer): void {
      if (closeCode === 1009) super.close(code, 'message too large');
      else super.close(closeCode, reason);
    }
  };
}
