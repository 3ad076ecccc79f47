import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createBoardOver,
  type SavedTracker,
  type TestClient,
  tempDir,
  trackSaved,
  waitFor,
} from './harness';
import { type ServerProcess, spawnServer } from './serverProcess';

const WRITERS = 8;

/** A writer that keeps adding to its own Y.Text and remembers what the server acknowledged. */
interface Writer {
  client: TestClient;
  saved: SavedTracker;
}

function startWriter(wsUrl: string, boardId: string, token: string): Writer {
  const client = connectClient(wsUrl, boardId, { token, paja: '1' });
  return { client, saved: trackSaved(client) };
}

describe('crash safety of a real server process', () => {
  const processes: ServerProcess[] = [];
  const clients: TestClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  });

  it('SIGKILL during heavy writing and compaction loses no acknowledged update', {
    timeout: 90_000,
  }, async () => {
    const dataDir = tempDir();
    // Compact every 5 appends, so that the kill very likely lands during or near a compaction.
    // Heavy writing on purpose: lift the per-person update rate limit (120/s by default).
    const first = await spawnServer(dataDir, {
      PAJA_COMPACT_EVERY: '5',
      PAJA_UPDATE_RATE: '100000',
    });
    processes.push(first);
    const wsUrl = `ws://127.0.0.1:${first.port}/sync`;
    const board = await createBoardOver(first.url);
    const writers = Array.from({ length: WRITERS }, () =>
      startWriter(wsUrl, board.id, board.token),
    );
    clients.push(...writers.map((w) => w.client));
    await Promise.all(writers.map((w) => w.client.synced));

    // Write as fast as the event loop lets us for a while: each writer types into its text.
    let running = true;
    const typing = writers.map(async (writer, index) => {
      const text = writer.client.doc.getText(`writer-${index}`);
      while (running) {
        text.insert(text.length, 'x');
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await waitFor(() => writers.every((w) => w.saved.clock() > 200), 'acknowledged writes', 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    running = false;
    await Promise.all(typing);
    const acked = writers.map((w) => ({ client: w.client.doc.clientID, clock: w.saved.clock() }));
    for (const client of clients.splice(0)) client.destroy();

    const second = await spawnServer(dataDir, { PAJA_UPDATE_RATE: '100000' });
    processes.push(second);
    const reader = connectClient(`ws://127.0.0.1:${second.port}/sync`, board.id, {
      token: board.token,
    });
    clients.push(reader);
    await reader.synced;
    for (const { client, clock } of acked) {
      expect(Y.getState(reader.doc.store, client)).toBeGreaterThanOrEqual(clock);
    }
    // And the texts hold at least the acknowledged characters.
    writers.forEach((writer, index) => {
      expect(reader.doc.getText(`writer-${index}`).length).toBeGreaterThanOrEqual(
        writer.saved.clock(),
      );
    });
  });

  it('SIGTERM saves every board and exits cleanly', async () => {
    const dataDir = tempDir();
    const first = await spawnServer(dataDir);
    processes.push(first);
    const board = await createBoardOver(first.url);
    const client = connectClient(`ws://127.0.0.1:${first.port}/sync`, board.id, {
      token: board.token,
    });
    clients.push(client);
    await client.synced;
    const notes = client.doc.getMap<Y.Map<unknown>>('notes');
    client.doc.transact(() => {
      const note = new Y.Map<unknown>();
      note.set('x', 1);
      notes.set('n1', note);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await spawnServer(dataDir);
    processes.push(second);
    const reader = connectClient(`ws://127.0.0.1:${second.port}/sync`, board.id, {
      token: board.token,
    });
    clients.push(reader);
    await reader.synced;
    expect(reader.doc.getMap('notes').has('n1')).toBe(true);
  });
});
