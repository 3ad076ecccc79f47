import { createNote, MessageType, readNotes } from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { silentLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { connectClient, createBoardOver, prng, testConfig, waitFor } from './harness';

const MESSAGES = Number(process.env.PAJA_FUZZ_MESSAGES ?? 10_000);
const PARALLEL = 16;

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Well-formed messages of every kind the server accepts, to mutate. */
function seedMessages(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 5; i++) {
    createNote(doc, { x: i, y: i, text: `note ${i} åäö 🚲`, authorId: 'f', authorName: 'F' });
  }
  doc.getMap('notes').forEach((_, id) => {
    if (Number.parseInt(id, 36) % 2) doc.getMap('notes').delete(id);
  });
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ cursor: { x: 1, y: 2 } });
  const messages = [
    frame(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc)),
    frame(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc)),
    frame(MessageType.awareness, (e) =>
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      ),
    ),
    frame(MessageType.queryAwareness, () => {}),
    // Updates out of order: they reference structs the server does not have.
    ...updates.slice(1).map((u) => frame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, u))),
  ];
  awareness.destroy();
  return messages;
}

function mutate(message: Uint8Array, random: () => number): Uint8Array {
  const bytes = Uint8Array.from(message);
  const pick = () => Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 6)) {
    case 0: // flip a few bits
      for (let i = 0; i < 1 + random() * 4; i++) {
        const at = pick();
        bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(random() * 8));
      }
      return bytes;
    case 1: // truncate
      return bytes.slice(0, pick());
    case 2: // a huge varint somewhere
      return Uint8Array.from([
        ...bytes.slice(0, pick()),
        0xff,
        0xff,
        0xff,
        0xff,
        0x0f,
        ...bytes.slice(pick()),
      ]);
    case 3: // random bytes in place
      for (let i = 0; i < 1 + random() * 8; i++) bytes[pick()] = Math.floor(random() * 256);
      return bytes;
    case 4: // extra bytes at the end
      return Uint8Array.from([
        ...bytes,
        ...Array.from({ length: 1 + random() * 8 }, () => random() * 256),
      ]);
    default: // another message type on the same payload
      bytes[0] = Math.floor(random() * 8);
      return bytes;
  }
}

function randomBytes(random: () => number): Uint8Array {
  return Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
}

describe('fuzz: hostile messages close one connection, never the server or the board', () => {
  let server: PajaServer;
  let url: string;
  let wsUrl: string;
  beforeAll(async () => {
    server = new PajaServer(testConfig(), new MemoryStorage(), silentLogger);
    const address = await server.listen();
    url = server.url;
    wsUrl = `ws://127.0.0.1:${address.port}/sync`;
  });
  afterAll(() => server.close());

  it(`survives ${MESSAGES} random and mutated messages`, { timeout: 180_000 }, async () => {
    const board = await createBoardOver(url);
    const honest = connectClient(wsUrl, board.id, { token: board.token });
    await honest.synced;
    createNote(honest.doc, {
      x: 0,
      y: 0,
      text: 'before the storm',
      authorId: 'h',
      authorName: 'H',
    });

    const seeds = seedMessages();
    const seed = Number(process.env.PAJA_FUZZ_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const next = () =>
      random() < 0.2
        ? randomBytes(random)
        : mutate(seeds[Math.floor(random() * seeds.length)] as Uint8Array, random);

    let sent = 0;
    const closeCodes = new Map<number, number>();
    // Each worker keeps a socket open and feeds it messages until the server closes it.
    const worker = async () => {
      while (sent < MESSAGES) {
        await new Promise<void>((resolve) => {
          const ws = new WebSocket(`${wsUrl}/${board.id}?token=${board.token}`);
          ws.on('error', () => {});
          ws.on('open', () => {
            const pump = () => {
              if (ws.readyState !== ws.OPEN || sent >= MESSAGES) return ws.close();
              sent++;
              ws.send(next(), () => setImmediate(pump));
            };
            pump();
          });
          ws.on('close', (code) => {
            closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
            resolve();
          });
        });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(sent, `seed ${seed}`).toBeGreaterThanOrEqual(MESSAGES);
    // Most hostile messages were refused as malformed.
    expect(closeCodes.get(4400) ?? 0, `seed ${seed}`).toBeGreaterThan(MESSAGES / 4);

    // The server is up, the honest client was never disturbed, the board still syncs.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(honest.provider.wsconnected).toBe(true);
    createNote(honest.doc, { x: 1, y: 1, text: 'after the storm', authorId: 'h', authorName: 'H' });
    const late = connectClient(wsUrl, board.id, { token: board.token });
    await late.synced;
    await waitFor(() => readNotes(late.doc).length >= 2, 'the late client syncs');
    expect(readNotes(late.doc).map((n) => n.text)).toEqual(
      expect.arrayContaining(['before the storm', 'after the storm']),
    );
    honest.destroy();
    late.destroy();
  });
});
