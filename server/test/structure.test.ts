import { CloseCode, createNote, readMeta, readNotes } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ServerConfig } from '../src/PajaServer';
import {
  cleanups,
  closedWith,
  connectClient,
  createBoardOver,
  linkFor,
  startInMemory,
} from './harness';

const cleanup = cleanups();

async function start(limits: Partial<ServerConfig['limits']> = {}) {
  const { server, url, port } = await startInMemory(cleanup, limits);
  const board = await createBoardOver(url, 'Still readable');
  const join = async (token: string) => {
    const client = connectClient(`ws://127.0.0.1:${port}/sync`, board.id, { token });
    cleanup.push(() => client.destroy());
    await client.synced;
    return client;
  };
  return { server, url, board, join };
}

describe('structural limits over the wire', () => {
  it('refuses a 12 KB participant update nested 6,000 deep; newcomers still read the board', async () => {
    const { url, board, join } = await start();
    const facilitator = await join(board.token);
    createNote(facilitator.doc, { x: 0, y: 0, text: 'before', authorId: 'f', authorName: 'F' });
    const participant = await join(await linkFor(url, board, 'participant'));
    const closed = closedWith(participant);
    let deep: unknown = [];
    for (let i = 0; i < 6000; i++) deep = [deep];
    // Straight into a note, where a participant may write: only the shape is wrong.
    const notes = participant.doc.getMap<Y.Map<unknown>>('notes');
    const [noteId] = [...notes.keys()];
    notes.get(noteId as string)?.set('pos', deep);
    expect(await closed).toBe(CloseCode.updateTooComplex);

    const newcomer = await join(board.token);
    expect(readMeta(newcomer.doc).title).toBe('Still readable');
    expect(readNotes(newcomer.doc).map((n) => n.text)).toEqual(['before']);
  });

  it('bounds a flood of tiny structs by the memory they take, not by their bytes', {
    timeout: 60_000,
  }, async () => {
    const memory = 8 * 1024 * 1024;
    const { server, board, join } = await start({
      maxBoardMemoryBytes: memory,
      updatesPerSecond: 100_000,
    });
    const facilitator = await join(board.token);
    const room = server.rooms.loaded(board.id);
    const closed = closedWith(facilitator);
    let code: number | null = null;
    void closed.then((c) => {
      code = c;
    });
    // Each update: 200 one-key sets, each from a client id of its own, so nothing merges.
    let sent = 0;
    for (let round = 0; round < 1000 && code === null; round++) {
      const parts: Uint8Array[] = [];
      for (let i = 0; i < 200; i++) {
        const doc = new Y.Doc();
        doc.clientID = 10_000_000 + round * 200 + i;
        doc.on('update', (u: Uint8Array) => parts.push(u));
        doc.getMap('notes').set(`k${round}-${i}`, i);
      }
      const update = Y.mergeUpdates(parts);
      Y.applyUpdate(facilitator.doc, update);
      sent += update.byteLength;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await closed).toBe(CloseCode.boardTooLarge);
    // Refused at the memory budget, with a small fraction of that sent: the old size limit
    // (stored bytes) would have let this grow to 64 MB of such entries, 2.4 GB of memory.
    expect(sent).toBeLessThan(memory / 8);
    expect(room?.footprint.bytes).toBeLessThanOrEqual(memory);
    // The board goes on for everyone else.
    const newcomer = await join(board.token);
    expect(readMeta(newcomer.doc).title).toBe('Still readable');
  });
});
