/**
 * The hostile side of the hostile benchmark (main.ts), run as a process of its own until told
 * to stop; then it sends a one-line summary of what it sent and how the server answered.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { BoardRef } from '../sync/servers';

const { port, boards } = JSON.parse(process.env.PAJA_STORM ?? '{}') as {
  port: number;
  boards: [BoardRef, BoardRef];
};
const base = `127.0.0.1:${port}`;
let stopped = false;
const closes = new Map<number, number>();
let sent = 0;

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function updateFrame(update: Uint8Array): Uint8Array {
  return frame(0, (e) => syncProtocol.writeUpdate(e, update));
}

/** Opens a socket, runs `use` on it, resolves when the server closes it (or after 5 s). */
function session(url: string, use: (ws: WebSocket) => void): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => ws.terminate(), 5_000);
    ws.on('error', () => {});
    ws.on('open', () => use(ws));
    ws.on('close', (code) => {
      clearTimeout(timer);
      closes.set(code, (closes.get(code) ?? 0) + 1);
      resolve();
    });
  });
}

async function loop(task: () => Promise<void>): Promise<void> {
  while (!stopped) await task();
}

const valid = (() => {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 5; i++) doc.getMap('notes').set(`n${i}`, { x: i });
  return updates.map(updateFrame);
})();

function mutated(): Uint8Array {
  if (Math.random() < 0.2) return crypto.randomBytes(Math.floor(Math.random() * 64));
  const bytes = Uint8Array.from(valid[Math.floor(Math.random() * valid.length)] as Uint8Array);
  for (let i = 0; i < 1 + Math.random() * 4; i++) {
    bytes[Math.floor(Math.random() * bytes.length)] = Math.floor(Math.random() * 256);
  }
  return bytes;
}

function fuzzer(token: string) {
  return () =>
    session(`ws://${base}/sync/${boards[0].name}?token=${token}`, (ws) => {
      const pump = () => {
        if (stopped || ws.readyState !== ws.OPEN) return ws.close();
        sent++;
        ws.send(mutated(), () => setImmediate(pump));
      };
      pump();
    });
}

function awarenessFlood(token: string) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 20_000);
  for (let i = 0; i < 20_000; i++) {
    encoding.writeVarUint(update, 1_000_000 + i);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, `{"n":${i}}`);
  }
  const message = frame(1, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(update)));
  return () =>
    session(`ws://${base}/sync/${boards[0].name}?token=${token}`, (ws) => {
      sent++;
      ws.send(message);
    });
}

function shapes(facilitator: string, participant: string) {
  let deep: unknown = [];
  for (let i = 0; i < 6000; i++) deep = [deep];
  let round = 0;
  return () => {
    round++;
    const doc = new Y.Doc();
    let update: Uint8Array;
    if (round % 2) {
      doc.getMap('notes').set('deep', deep);
      update = Y.encodeStateAsUpdate(doc);
    } else {
      const parts: Uint8Array[] = [];
      for (let i = 0; i < 2_000; i++) {
        const one = new Y.Doc();
        one.clientID = 1e6 + round * 2_000 + i;
        one.on('update', (u: Uint8Array) => parts.push(u));
        one.getMap('votes').set(`v${round}-${i}`, i);
      }
      update = Y.mergeUpdates(parts);
    }
    const token = round % 2 ? participant : facilitator;
    return session(`ws://${base}/sync/${boards[0].name}?token=${token}`, (ws) => {
      sent++;
      ws.send(updateFrame(update));
    });
  };
}

/** A hand-made client socket that sends step 1 requests and never reads (see the tests). */
function step1Flood() {
  const step1 = frame(0, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));
  const masked = (payload: Uint8Array) => {
    const mask = crypto.randomBytes(4);
    const body = Buffer.from(payload).map((b, i) => b ^ (mask[i % 4] as number));
    return Buffer.concat([Buffer.from([0x82, 0x80 | payload.length]), mask, body]);
  };
  return () =>
    new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.once('data', () => {
        socket.pause();
        for (let i = 0; i < 300; i++) socket.write(masked(step1));
        sent += 300;
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 2_000);
      });
      socket.write(
        `GET /sync/${boards[1].name}?token=${boards[1].token} HTTP/1.1\r\nHost: ${base}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: cGFqYS1ob3N0aWxlLWJlbmNoIQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
}

async function participantToken(): Promise<string> {
  const response = await fetch(`http://${base}/api/boards/${boards[0].name}/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${boards[0].token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'participant' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** Fills the step 1 board with about 1 MB, so that each answer would be the whole megabyte. */
async function fillBigBoard(): Promise<void> {
  const doc = new Y.Doc();
  const notes = doc.getMap('bulk');
  for (let i = 0; i < 250; i++) notes.set(`n${i}`, 'x'.repeat(4000));
  await session(`ws://${base}/sync/${boards[1].name}?token=${boards[1].token}`, (ws) => {
    ws.send(updateFrame(Y.encodeStateAsUpdate(doc)), () => ws.close());
  });
}

async function run(): Promise<void> {
  await fillBigBoard();
  const participant = await participantToken();
  const done = Promise.all([
    ...Array.from({ length: 4 }, () => loop(fuzzer(boards[0].token))),
    loop(awarenessFlood(participant)),
    loop(shapes(boards[0].token, participant)),
    loop(step1Flood()),
    loop(step1Flood()),
  ]);
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  stopped = true;
  await done;
  const codes = [...closes].sort(([a], [b]) => a - b).map(([code, n]) => `${code}×${n}`);
  process.send?.(`${sent} hostile messages; closes by code: ${codes.join(', ')}`);
}

void run();
