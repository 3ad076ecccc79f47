import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import {
  FrameRun,
  MAX_COPIED_PAYLOAD,
  mayWriteFrames,
  WireFrame,
  writeBytes,
  writeFrame,
} from './WireFrame';

/** Payload sizes across every header form (7-bit, 16-bit, 64-bit length) and the copy limit. */
const SIZES = [
  0,
  1,
  125,
  126,
  127,
  MAX_COPIED_PAYLOAD,
  MAX_COPIED_PAYLOAD + 1,
  65535,
  65536,
  200_000,
];

function payload(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

/** A view into the middle of a larger buffer, as an update decoded from a message is. */
function viewOf(bytes: Uint8Array): Uint8Array {
  const larger = new Uint8Array(bytes.byteLength + 10);
  larger.set(bytes, 5);
  return larger.subarray(5, 5 + bytes.byteLength);
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A `ws` server whose connections (server side, with their TCP socket) come out in order. */
async function startServer(): Promise<{
  port: number;
  next: () => Promise<{ ws: WebSocket; socket: net.Socket }>;
}> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = http.createServer();
  const waiting: Array<(c: { ws: WebSocket; socket: net.Socket }) => void> = [];
  const ready: Array<{ ws: WebSocket; socket: net.Socket }> = [];
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = { ws, socket: socket as net.Socket };
      const take = waiting.shift();
      if (take) take(connection);
      else ready.push(connection);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  cleanup.push(() => server.closeAllConnections());
  const { port } = server.address() as net.AddressInfo;
  const next = () => {
    const connection = ready.shift();
    if (connection) return Promise.resolve(connection);
    return new Promise<{ ws: WebSocket; socket: net.Socket }>((resolve) => waiting.push(resolve));
  };
  return { port, next };
}

/** A client on a bare TCP socket: everything the server writes after its 101, byte for byte. */
async function rawClient(port: number): Promise<{ bytes: () => Buffer; ended: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  const key = crypto.randomBytes(16).toString('base64');
  socket.write(
    `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
  });
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  cleanup.push(() => socket.destroy());
  return {
    bytes: () => received.subarray(received.indexOf('\r\n\r\n') + 4),
    ended,
  };
}

/** The frames in `stream`: opcode and payload each (server frames are never masked). */
function framesIn(stream: Buffer): Array<{ opcode: number; payload: Buffer }> {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  let at = 0;
  while (at < stream.length) {
    const opcode = (stream[at] as number) & 0x0f;
    let length = (stream[at + 1] as number) & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = stream.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(stream.readBigUInt64BE(offset));
      offset += 8;
    }
    frames.push({ opcode, payload: stream.subarray(offset, offset + length) });
    at = offset + length;
  }
  return frames;
}

/** A server-side `ws` and its socket, and a stock `ws` client of it that keeps every message. */
async function stockClientOfServer() {
  const { port, next } = await startServer();
  const client = new WebSocket(`ws://127.0.0.1:${port}/`);
  cleanup.push(() => client.terminate());
  const received: Buffer[] = [];
  client.on('message', (data: Buffer) => received.push(data));
  const closed = new Promise<number>((resolve) => client.on('close', resolve));
  const { ws, socket } = await next();
  return { ws, socket, received, closed };
}

describe('WireFrame', () => {
  it('writes exactly the bytes ws.send writes, ping and close between and after', async () => {
    const { port, next } = await startServer();
    const viaWs = await rawClient(port);
    const byWs = await next();
    const viaFrames = await rawClient(port);
    const direct = await next();
    expect(mayWriteFrames(direct.ws)).toBe(true);

    SIZES.forEach((size, i) => {
      const message = viewOf(payload(size, i));
      byWs.ws.send(message);
      expect(writeFrame(direct.ws, direct.socket, new WireFrame(message))).toBe(true);
      if (i === 3) {
        byWs.ws.ping();
        direct.ws.ping();
      }
    });
    byWs.ws.close(1000, 'bye');
    direct.ws.close(1000, 'bye');
    // After the close frame: ws.send writes nothing, and neither may a frame.
    byWs.ws.send(payload(10, 99), () => {});
    expect(writeFrame(direct.ws, direct.socket, new WireFrame(payload(10, 99)))).toBe(false);
    byWs.ws.terminate();
    direct.ws.terminate();
    await Promise.all([viaWs.ended, viaFrames.ended]);

    expect(viaFrames.bytes().equals(viaWs.bytes())).toBe(true);
    const frames = framesIn(viaFrames.bytes());
    expect(frames.map((f) => f.opcode)).toEqual([
      ...SIZES.slice(0, 4).map(() => 2),
      9, // the ping
      ...SIZES.slice(4).map(() => 2),
      8, // the close, and nothing after it
    ]);
    const messages = frames.filter((f) => f.opcode === 2).map((f) => f.payload);
    SIZES.forEach((size, i) => {
      expect(messages[i]?.equals(payload(size, i))).toBe(true);
    });
  });

  it('writes nothing once ws is closing, even while the socket itself is still open', async () => {
    const { port, next } = await startServer();
    const client = await rawClient(port);
    const { ws, socket } = await next();
    const frame = new WireFrame(payload(50, 1));
    expect(writeFrame(ws, socket, frame)).toBe(true);
    ws.close(1001, 'going');
    expect(socket.destroyed).toBe(false);
    expect(writeFrame(ws, socket, frame)).toBe(false);
    ws.terminate();
    await client.ended;
    expect(framesIn(client.bytes()).map((f) => f.opcode)).toEqual([2, 8]);
  });

  it('is read by a stock ws client as the same messages, one frame reused for several', async () => {
    const { ws, socket, received, closed } = await stockClientOfServer();
    const shared = new WireFrame(payload(300, 7));
    for (const size of SIZES) writeFrame(ws, socket, new WireFrame(payload(size, size)));
    writeFrame(ws, socket, shared);
    writeFrame(ws, socket, shared);
    ws.close(4000, 'done');
    expect(await closed).toBe(4000);
    expect(received.map((m) => m.length)).toEqual([...SIZES, 300, 300]);
    SIZES.forEach((size, i) => {
      expect(received[i]?.equals(payload(size, size))).toBe(true);
    });
    expect(received[SIZES.length]?.equals(payload(300, 7))).toBe(true);
  });

  it('writes a run of frames, or the slices without some of them, as the same messages', async () => {
    const { ws, socket, received, closed } = await stockClientOfServer();
    const sizes = [5, 126, MAX_COPIED_PAYLOAD + 1, 40, 70_000];
    const run = new FrameRun(sizes.map((size) => new WireFrame(payload(size, size))));
    writeBytes(ws, socket, run.slicesWithout([]));
    writeBytes(ws, socket, run.slicesWithout([0, 2, 3])); // its first, middle and adjacent
    writeBytes(ws, socket, run.slicesWithout([4]));
    ws.close(4000, 'done');
    expect(await closed).toBe(4000);
    const expected = [...sizes, 126, 70_000, 5, 126, MAX_COPIED_PAYLOAD + 1, 40];
    expect(received.map((m) => m.length)).toEqual(expected);
    received.forEach((message, i) => {
      expect(message.equals(payload(expected[i] as number, expected[i] as number))).toBe(true);
    });
  });
});
