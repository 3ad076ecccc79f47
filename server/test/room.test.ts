import {
  CloseCode,
  createNote,
  deleteNotes,
  encodeSaveRequest,
  encodeSyncUpdate,
  readNotes,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { silentLogger } from '../src/log';
import { PajaServer, type ServerConfig } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import type { SideWrite, Storage } from '../src/storage/Storage';
import { connectClient, createBoardOver, testConfig, trackSaved, waitFor } from './harness';

/** Memory storage whose appends can be made to fail, and which counts transactions. */
class FlakyStorage extends MemoryStorage {
  failing = false;
  appendCalls = 0;
  appendedUpdates = 0;
  override async appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[] = [],
  ) {
    this.appendCalls++;
    if (this.failing) throw new Error('disk full');
    this.appendedUpdates += updates.length;
    return super.appendUpdates(boardId, updates, side);
  }
}

async function start(storage: Storage, overrides: Partial<ServerConfig> = {}) {
  const server = new PajaServer(
    testConfig({ maxMessageBytes: 64 * 1024, ...overrides }),
    storage,
    silentLogger,
  );
  const address = await server.listen();
  return { server, url: server.url, wsUrl: `ws://127.0.0.1:${address.port}/sync` };
}

const ownClock = (doc: Y.Doc) => Y.getState(doc.store, doc.clientID);

describe('room: saving, limits and hostile input', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /** A server on flaky storage, a board, and one Paja client that hears `saved`. */
  async function savingClient() {
    const storage = new FlakyStorage();
    const { server, url, wsUrl } = await start(storage);
    cleanup.push(() => server.close());
    const board = await createBoardOver(url);
    const client = connectClient(wsUrl, board.id, { token: board.token, paja: '1' });
    cleanup.push(() => client.destroy());
    const tracker = trackSaved(client);
    await client.synced;
    return { storage, url, board, client, tracker };
  }

  it('acknowledges edits only after storage has them, and commits a burst together', async () => {
    const { storage, client, tracker } = await savingClient();
    const saved = tracker.clock;

    const callsBefore = storage.appendCalls;
    for (let i = 0; i < 50; i++) {
      createNote(client.doc, { x: i, y: i, authorId: 'a', authorName: 'A' });
    }
    await waitFor(() => saved() >= ownClock(client.doc) && saved() > 0, 'saved ack');
    expect(storage.appendedUpdates).toBeGreaterThanOrEqual(50);
    // 50 updates sent in one burst arrive in a few socket reads; group commit makes them far
    // fewer transactions than updates.
    expect(storage.appendCalls - callsBefore).toBeLessThan(25);
  });

  it('confirms a save request after the commit that covers it, deletions included', async () => {
    const { storage, client, tracker } = await savingClient();
    const marker = tracker.marker;
    const id = createNote(client.doc, { x: 0, y: 0, authorId: 'a', authorName: 'A' });
    await waitFor(() => storage.appendedUpdates === 1, 'the note stored');
    storage.failing = true;
    deleteNotes(client.doc, [id]); // a deletion: the Yjs clock does not move
    client.provider.ws?.send(encodeSaveRequest(7));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(marker()).toBe(0); // not stored yet, so not confirmed
    storage.failing = false;
    await waitFor(() => marker() === 7, 'marker 7 confirmed', 10_000);
    expect(storage.appendedUpdates).toBe(2);
  });

  it('does not claim edits are saved while storage fails, keeps them, and saves them later', async () => {
    const { storage, url, board, client, tracker } = await savingClient();
    const saved = tracker.clock;

    storage.failing = true;
    createNote(client.doc, { x: 1, y: 2, text: 'kept', authorId: 'a', authorName: 'A' });
    await waitFor(() => storage.appendCalls > 1, 'a failed append');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(saved()).toBeLessThan(ownClock(client.doc));
    const health = (await (await fetch(`${url}/healthz`)).json()) as {
      unsavedBytes: number;
      storage: string;
    };
    expect(health.unsavedBytes).toBeGreaterThan(0);
    expect(health.storage).toBe('failing');

    storage.failing = false;
    await waitFor(() => saved() >= ownClock(client.doc), 'saved after recovery', 10_000);
    const healthAfter = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    expect(healthAfter.status).toBe('ok');
    const stored = await storage.loadBoard(board.id);
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(readNotes(restored).map((n) => n.text)).toEqual(['kept']);
  });

  it('closes only the connection that sends garbage; the board and others go on', async () => {
    const storage = new MemoryStorage();
    const { server, url, wsUrl } = await start(storage);
    cleanup.push(() => server.close());
    const board = await createBoardOver(url);
    const boardId = board.id;
    const good = connectClient(wsUrl, boardId, { token: board.token });
    const watcher = connectClient(wsUrl, boardId, { token: board.token });
    cleanup.push(
      () => good.destroy(),
      () => watcher.destroy(),
    );
    await Promise.all([good.synced, watcher.synced]);

    const garbage: Uint8Array[] = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // truncated varint
      new Uint8Array([7]), // unknown message type
      new Uint8Array([0, 9]), // unknown sync step
      new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]), // huge length prefix
      new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), // update that is not a Yjs update
    ];
    for (const message of garbage) {
      const code = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${wsUrl}/${boardId}?token=${board.token}`);
        ws.on('open', () => ws.send(message));
        ws.on('close', (closeCode) => resolve(closeCode));
      });
      expect(code).toBe(4400);
    }
    // A real Yjs update whose predecessor the server never saw: not kept in memory waiting
    // for the rest, and not a reason to close (an honest client's edit can overtake its sync
    // step 2 after a reconnect): the server asks for everything the client has.
    const other = new Y.Doc();
    const updates: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => updates.push(u));
    other.getText('t').insert(0, 'first');
    other.getText('t').insert(5, ' second');
    const asked = await new Promise<Uint8Array[]>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/${boardId}?token=${board.token}`);
      const received: Uint8Array[] = [];
      ws.on('message', (data: Buffer) => {
        received.push(new Uint8Array(data));
        // The server's step 1 at the join, then the one that asks again after the orphan.
        if (received.filter((m) => m[0] === 0 && m[1] === 0).length === 2) {
          ws.close();
          resolve(received);
        }
      });
      ws.on('open', () => ws.send(encodeSyncUpdate(updates[1] as Uint8Array)));
    });
    expect(asked.length).toBeGreaterThanOrEqual(2);
    const room = server.rooms.loaded(boardId);
    expect(room?.doc.store.pendingStructs).toBeNull();

    const text = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/${boardId}?token=${board.token}`);
      ws.on('open', () => ws.send('hello'));
      ws.on('close', (closeCode) => resolve(closeCode));
    });
    expect(text).toBe(4400);
    const oversized = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/${boardId}?token=${board.token}`);
      ws.on('open', () => ws.send(new Uint8Array(65 * 1024)));
      ws.on('close', (closeCode) => resolve(closeCode));
    });
    expect(oversized).toBe(CloseCode.messageTooLarge);

    createNote(good.doc, { x: 0, y: 0, text: 'still here', authorId: 'g', authorName: 'G' });
    await waitFor(() => readNotes(watcher.doc).length === 1, 'sync after garbage');
    expect(readNotes(watcher.doc)[0]?.text).toBe('still here');
  });

  it('unloads an idle board and loads it again with everything in it', async () => {
    const storage = new MemoryStorage();
    const { server, url, wsUrl } = await start(storage, { idleUnloadMs: 20 });
    cleanup.push(() => server.close());
    const board = await createBoardOver(url);
    const boardId = board.id;
    const first = connectClient(wsUrl, boardId, { token: board.token });
    await first.synced;
    createNote(first.doc, { x: 5, y: 5, text: 'before unload', authorId: 'a', authorName: 'A' });
    await waitFor(() => server.rooms.size === 1, 'room loaded');
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.destroy();
    await waitFor(() => server.rooms.size === 0, 'room unloaded');
    const stored = await storage.loadBoard(boardId);
    expect(stored?.updates).toHaveLength(0); // compacted into the snapshot on unload

    const second = connectClient(wsUrl, boardId, { token: board.token });
    cleanup.push(() => second.destroy());
    await second.synced;
    expect(readNotes(second.doc).map((n) => n.text)).toEqual(['before unload']);
  });
});

describe('room: loading', () => {
  it('folds a long update log into the snapshot when it loads the board', async () => {
    const storage = new MemoryStorage();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 30; i++) createNote(doc, { x: i, y: 0, authorId: 'a', authorName: 'A' });
    await storage.createBoard('longlog0001', new Uint8Array([0, 0]));
    await storage.appendUpdates('longlog0001', updates);
    const server = new PajaServer(testConfig({ compactEvery: 10 }), storage, silentLogger);
    try {
      const room = await server.rooms.get('longlog0001');
      expect(room && readNotes(room.doc)).toHaveLength(30);
      let stored = await storage.loadBoard('longlog0001');
      for (let i = 0; i < 50 && (stored?.updates.length ?? 0) > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        stored = await storage.loadBoard('longlog0001');
      }
      expect(stored?.updates).toHaveLength(0);
      const restored = new Y.Doc();
      if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
      expect(readNotes(restored)).toHaveLength(30);
    } finally {
      await server.close();
    }
  });
});

describe('room: a bound on unsaved edits', () => {
  it('refuses edits past the bound while storage fails, and accepts them again after', async () => {
    const storage = new FlakyStorage();
    const server = new PajaServer(
      testConfig({ limits: { ...testConfig().limits, maxUnsavedBytes: 2048 } }),
      storage,
      silentLogger,
    );
    const address = await server.listen();
    const wsUrl = `ws://127.0.0.1:${address.port}/sync`;
    try {
      const board = await createBoardOver(server.url);
      const client = connectClient(wsUrl, board.id, { token: board.token });
      await client.synced;
      storage.failing = true;
      const closed = new Promise<number>((resolve) => {
        client.provider.once('connection-close', (event: { code: number } | null) => {
          resolve(event?.code ?? -1);
        });
      });
      createNote(client.doc, {
        x: 0,
        y: 0,
        text: 'a'.repeat(1000),
        authorId: 'a',
        authorName: 'A',
      });
      await waitFor(() => storage.appendCalls > 1, 'a failed append');
      createNote(client.doc, {
        x: 0,
        y: 0,
        text: 'b'.repeat(1500),
        authorId: 'a',
        authorName: 'A',
      });
      expect(await closed).toBe(4503);
      // Storage comes back; the provider reconnects and its step 2 delivers both notes.
      storage.failing = false;
      const reader = connectClient(wsUrl, board.id, { token: board.token });
      await reader.synced;
      await waitFor(() => readNotes(reader.doc).length === 2, 'both notes after recovery', 15_000);
      client.destroy();
      reader.destroy();
    } finally {
      await server.close();
    }
  });
});
