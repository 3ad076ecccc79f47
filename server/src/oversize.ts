import type WebSocket from 'ws';

/**
 * A frame over `maxPayload` makes `ws` close with 1009 before reading it. The stock y-websocket
 * provider retries every close outside 4400-4499, and on each reconnect re-sends its whole
 * unsynced state, which is the same oversized frame: a retry storm (85 uploads of 3 MiB in 20 s
 * were measured). `ws` closes through the socket's own `close` method, so the socket's method
 * is wrapped to send `code` in its place, which every client treats as final. A test pins this
 * (server/test/oversize.test.ts), so an upgrade of `ws` that closes some other way is caught.
 */
export function closeOversizedWith(ws: WebSocket, code: number): void {
  const close = ws.close.bind(ws);
  ws.close = (closeCode?: number, reason?: string | Buffer) =>
    closeCode === 1009 ? close(code, 'message too large') : close(closeCode, reason);
}
