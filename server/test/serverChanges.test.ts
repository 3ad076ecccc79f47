import { createNote, readNotes } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { sideKind } from '../src/BoardSideState';
import { SqliteStorage } from '../src/storage/SqliteStorage';
import {
  connectClient,
  createBoardOver,
  linkFor,
  type RunningServer,
  startServer,
  type TestClient,
  tempDir,
  waitFor,
} from './harness';

/** A kind of side state as the coming issues will define them (e.g. a secret vote). */
const secretVote = sideKind<{ dots: number; note: string }>('test-secret-vote', (value) => {
  const { dots, note } = value as { dots: unknown; note: unknown };
  if (typeof dots !== 'number' || typeof note !== 'string') throw new Error('not a vote');
  return { dots, note };
});

/** A raw socket that syncs from nothing and keeps every byte the server sent it. */
function rawListener(wsUrl: string, boardId: string, token: string) {
  const received: Buffer[] = [];
  const ws = new WebSocket(`${wsUrl}/${boardId}?token=${token}`);
  // Sync step 1 with an empty state vector: the server answers with the whole board.
  ws.on('open', () => ws.send(new Uint8Array([0, 0, 1, 0])));
  ws.on('message', (data: Buffer) => received.push(data));
  return {
    text: () => Buffer.concat(received).toString('latin1'),
    close: () => ws.close(),
  };
}

describe('server changes and side state', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function server(dataDir: string): Promise<RunningServer> {
    const running = await startServer(dataDir);
    cleanup.push(() => running.server.close());
    return running;
  }

  it('a server transaction reaches every connection and is stored with the side state written beside it', async () => {
    const dataDir = tempDir();
    const first = await server(dataDir);
    const board = await createBoardOver(first.url);
    const participantToken = await linkFor(first.url, board, 'participant');
    const viewerToken = await linkFor(first.url, board, 'viewer');
    const people: TestClient[] = [
      connectClient(first.wsUrl, board.id, { token: board.token }),
      connectClient(first.wsUrl, board.id, { token: participantToken }),
      connectClient(first.wsUrl, board.id, { token: viewerToken }),
    ];
    cleanup.push(() => {
      for (const person of people) person.destroy();
    });
    const listener = rawListener(first.wsUrl, board.id, viewerToken);
    cleanup.push(() => listener.close());
    await Promise.all(people.map((person) => person.synced));
    const room = first.server.rooms.loaded(board.id);
    if (!room) throw new Error('room not loaded');
    await waitFor(() => room.connectionCount === 4, 'four connections');

    // One synchronous block: a document change as the server, and a secret beside it.
    room.transactAsServer((doc) => {
      createNote(doc, { x: 1, y: 2, text: 'revealed by server', authorId: 's', authorName: 'S' });
    });
    room.side.put(secretVote, 'participant-1', { dots: 3, note: 'secret-vote-marker' });
    await room.committed();

    for (const person of people) {
      await waitFor(
        () => readNotes(person.doc).some((note) => note.text === 'revealed by server'),
        'the server note at every person',
      );
    }
    await waitFor(() => listener.text().includes('revealed by server'), 'the raw socket');
    // Side state never travels by sync: not a byte of it reached anyone.
    expect(listener.text()).not.toContain('secret-vote-marker');

    // Stored: both survive a restart of the server.
    for (const fn of cleanup.splice(0).reverse()) await fn();
    const stored = SqliteStorage.open(dataDir);
    const board2 = await stored.loadBoard(board.id);
    await stored.close();
    expect(board2?.side).toEqual([
      {
        kind: 'test-secret-vote',
        key: 'participant-1',
        value: '{"dots":3,"note":"secret-vote-marker"}',
      },
    ]);
    const second = await server(dataDir);
    const reloaded = await second.server.rooms.get(board.id);
    expect(reloaded?.side.get(secretVote, 'participant-1')).toEqual({
      dots: 3,
      note: 'secret-vote-marker',
    });
    const texts = readNotes(reloaded?.doc ?? new Y.Doc()).map((note) => note.text);
    expect(texts).toEqual(['revealed by server']);
  });

  it('a reveal: the result enters the document, the secrets leave side state, both stored', async () => {
    const dataDir = tempDir();
    const running = await server(dataDir);
    const board = await createBoardOver(running.url);
    const room = await running.server.rooms.get(board.id);
    if (!room) throw new Error('room not loaded');
    room.side.put(secretVote, 'a', { dots: 2, note: '' });
    room.side.put(secretVote, 'b', { dots: 1, note: '' });
    await room.committed();

    const total = room.side.entries(secretVote).reduce((sum, [, vote]) => sum + vote.dots, 0);
    room.transactAsServer((doc) => doc.getMap('test-results').set('dots', total));
    expect(room.side.deleteAll(secretVote)).toBe(2);
    await room.committed();

    const storage = SqliteStorage.open(dataDir);
    cleanup.push(() => storage.close());
    const stored = await storage.loadBoard(board.id);
    expect(stored?.side).toEqual([]);
    const doc = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
    expect(doc.getMap('test-results').get('dots')).toBe(3);
  });
});
