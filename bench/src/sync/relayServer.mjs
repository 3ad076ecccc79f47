// The verbatim relay that relay.mjs and durableRelay.mjs are: every frame a socket sends goes
// unchanged to the other sockets of the same path. A client's sync step 1 is answered with an
// empty step 2 (so clients count as synced) and step 2s are dropped. No Yjs, no state.
import http from 'node:http';
import { WebSocketServer } from 'ws';

/** Sync message, step 2, an empty Yjs update (no structs, empty delete set). */
const EMPTY_STEP2 = Uint8Array.of(0, 1, 2, 0, 0);

/**
 * Serves the relay on PORT (and HOST). `intercept(ws, board, frame)` sees every other frame
 * first: true keeps it from the others. `left(ws)` hears of a socket gone.
 */
export function serveRelay(name, { intercept = () => false, left = () => {} } = {}) {
  const rooms = new Map();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`${name}\n`);
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => join(ws, (req.url ?? '/').split('?')[0]));
  });

  function join(ws, board) {
    let room = rooms.get(board);
    if (!room) {
      room = new Set();
      rooms.set(board, room);
    }
    room.add(ws);
    ws.on('message', (data) => {
      if (data[0] === 0 && data[1] === 0) {
        ws.send(EMPTY_STEP2);
        return;
      }
      if (data[0] === 0 && data[1] === 1) return;
      if (intercept(ws, board, data)) return;
      for (const other of room) if (other !== ws) other.send(data);
    });
    ws.on('close', () => {
      room.delete(ws);
      if (room.size === 0) rooms.delete(board);
      left(ws);
    });
    ws.on('error', () => {});
  }

  server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
}
