import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createNote, initBoard, readNotes } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { mintToken } from '../src/auth/access';
import { silentLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { connectClient, TEST_SECRET, testConfig } from './harness';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Opens a raw socket, completes the sync handshake, and closes it again. */
function visit(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('error', reject);
    ws.on('open', () => {
      // sync step 1 with an empty state vector: the server answers with step 2.
      ws.send(new Uint8Array([0, 0, 1, 0]));
    });
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) ws.close();
    });
    ws.on('close', () => resolve());
  });
}

describe('scale', () => {
  const servers: PajaServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('opening and closing 1,000 boards leaves none loaded and the heap where it was', {
    timeout: 120_000,
  }, async () => {
    const storage = new MemoryStorage();
    const server = new PajaServer(testConfig({ idleUnloadMs: 0 }), storage, silentLogger);
    servers.push(server);
    const address = await server.listen();
    const wsUrl = `ws://127.0.0.1:${address.port}/sync`;

    const boards: { id: string; token: string }[] = [];
    for (let i = 0; i < 1200; i++) {
      const doc = new Y.Doc();
      initBoard(doc, { title: `Board ${i}`, locale: 'fi' });
      createNote(doc, { x: i, y: i, text: `note on board ${i}`, authorId: 'a', authorName: 'A' });
      const id = `scaleboard${String(i).padStart(6, '0')}`;
      await storage.createBoard(id, Y.encodeStateAsUpdate(doc));
      boards.push({ id, token: await mintToken(TEST_SECRET, storage, id, 'participant') });
    }
    const round = async (slice: typeof boards) => {
      for (let i = 0; i < slice.length; i += 20) {
        await Promise.all(
          slice.slice(i, i + 20).map((b) => visit(`${wsUrl}/${b.id}?token=${b.token}`)),
        );
      }
      const started = Date.now();
      while (server.rooms.size > 0 && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // Warm up: the first boards pay for JIT, caches and pools.
    await round(boards.slice(0, 200));
    const before = heapAfterGc();
    await round(boards.slice(200));
    expect(server.rooms.size).toBe(0);
    expect(server.connectionCount).toBe(0);
    const growth = heapAfterGc() - before;
    // 1,000 loaded boards would hold several MB; noise is well under that.
    expect(growth).toBeLessThan(3 * 1024 * 1024);
  });

  it('a client joining a 20 MB board completes its initial sync', {
    timeout: 120_000,
  }, async () => {
    const storage = new MemoryStorage();
    const server = new PajaServer(testConfig(), storage, silentLogger);
    servers.push(server);
    const address = await server.listen();
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Big', locale: 'en' });
    const text = 'Lorem ipsum dolor sit amet, åäö. '.repeat(110); // ~3.6 kB per note
    for (let i = 0; i < 5600; i++) {
      createNote(doc, { x: i, y: i, text, authorId: 'a', authorName: 'A' });
    }
    const state = Y.encodeStateAsUpdate(doc);
    expect(state.byteLength).toBeGreaterThan(20 * 1024 * 1024);
    await storage.createBoard('bigboard0001', state);
    const token = await mintToken(TEST_SECRET, storage, 'bigboard0001', 'viewer');
    const client = connectClient(`ws://127.0.0.1:${address.port}/sync`, 'bigboard0001', { token });
    await client.synced;
    expect(readNotes(client.doc)).toHaveLength(5600);
    client.destroy();
  });
});
