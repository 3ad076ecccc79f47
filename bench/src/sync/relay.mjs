// The floor of fan-out on this machine: a server that relays every frame verbatim to the other
// sockets of the same path, with no Yjs, no state and no persistence. It answers a client's
// sync step 1 with an empty step 2 (so clients count as synced) and drops step 2s. Whatever a
// real server costs per delivery beyond this is its own work; this is Node's `ws` stack here.
import http from 'node:http';
import { WebSocketServer } from 'ws';

/** Sync message, step 2, an empty Yjs update (no structs, empty delete set). */
const EMPTY_STEP2 = Uint8Array.of(0, 1, 2, 0, 0);
const rooms = new Map();
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('relay\n');
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => join(ws, (req.url ?? '/').split('?')[0]));
});

function join(ws, name) {
  let room = rooms.get(name);
  if (!room) {
    room = new Set();
    rooms.set(name, room);
  }
  room.add(ws);
  ws.on('message', (data) => {
    if (data[0] === 0 && data[1] === 0) {
      ws.send(EMPTY_STEP2);
      return;
    }
    if (data[0] === 0 && data[1] === 1) return;
    for (const other of room) if (other !== ws) other.send(data);
  });
  ws.on('close', () => {
    room.delete(ws);
    if (room.size === 0) rooms.delete(name);
  });
  ws.on('error', () => {});
}

server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
