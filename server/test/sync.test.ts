import { createNote, noteText, readBoard, readNotes, setPhase } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('two people on one board, through a real server', () => {
  const clients: TestClient[] = [];
  const servers: RunningServer[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const running of servers.splice(0)) await running.server.close();
  });

  it('shows a note created by one client at the other, and keeps it across a restart', async () => {
    const dataDir = tempDir();
    const first = await startServer(dataDir);
    servers.push(first);
    const board = await createBoardOver(first.url, 'Roadmap 2030');
    const boardId = board.id;
    const participant = await linkFor(first.url, board, 'participant');

    const alice = connectClient(first.wsUrl, boardId, { token: board.token });
    const bob = connectClient(first.wsUrl, boardId, { token: participant });
    clients.push(alice, bob);
    await Promise.all([alice.synced, bob.synced]);
    // The server wrote the board's meta; both see it before anyone types.
    expect(readBoard(bob.doc).meta.title).toBe('Roadmap 2030');

    // Participants edit only their own notes by default; this workshop lets them edit all.
    setPhase(alice.doc, { editOthers: true });
    const noteId = createNote(alice.doc, {
      x: 10,
      y: 20,
      text: 'Pyöräilyn lisääminen',
      authorId: 'alice',
      authorName: 'Alice',
    });
    await waitFor(() => readNotes(bob.doc).length === 1, 'the note at Bob');
    expect(readNotes(bob.doc)[0]).toMatchObject({ id: noteId, x: 10, y: 20 });
    expect(noteText(bob.doc, noteId)?.toString()).toBe('Pyöräilyn lisääminen');

    // Bob types into Alice's note; Alice sees it.
    noteText(bob.doc, noteId)?.insert(0, '🚲 ');
    await waitFor(
      () => noteText(alice.doc, noteId)?.toString() === '🚲 Pyöräilyn lisääminen',
      "Bob's typing at Alice",
    );

    for (const client of clients.splice(0)) client.destroy();
    await first.server.close();
    servers.splice(0);

    const second = await startServer(dataDir, { port: first.port });
    servers.push(second);
    // Links survive the restart too: the secret and the link generations are stored.
    const carol = connectClient(second.wsUrl, boardId, { token: participant });
    clients.push(carol);
    await carol.synced;
    const notes = readNotes(carol.doc);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text).toBe('🚲 Pyöräilyn lisääminen');
    expect(readBoard(carol.doc).meta.title).toBe('Roadmap 2030');
  });

  it('refuses an unknown board over HTTP and a token of another board over the socket', async () => {
    const running = await startServer(tempDir());
    servers.push(running);
    const response = await fetch(`${running.url}/api/boards/NoSuchBoard123`);
    expect(response.status).toBe(401);
    const board = await createBoardOver(running.url);
    // A valid token of another board does not open this one either.
    const client = connectClient(running.wsUrl, 'NoSuchBoard123', { token: board.token });
    clients.push(client);
    const code = await new Promise<number>((resolve) => {
      client.provider.on('connection-close', (event: { code: number } | null) => {
        resolve(event?.code ?? -1);
      });
    });
    expect(code).toBe(4403);
  });

  it('people joining after each change get the board as it is then', async () => {
    const running = await startServer(tempDir());
    servers.push(running);
    const board = await createBoardOver(running.url);
    const writer = connectClient(running.wsUrl, board.id, { token: board.token });
    clients.push(writer);
    await writer.synced;
    for (let round = 1; round <= 3; round++) {
      createNote(writer.doc, { x: round, y: 0, text: `n${round}`, authorId: 'w', authorName: 'W' });
      await waitFor(
        () => readNotes(running.server.rooms.loaded(board.id)?.doc ?? writer.doc).length === round,
        'the server has the note',
      );
      // Two joiners at once share one encoding; both must see every note so far.
      const joiners = [1, 2].map(() =>
        connectClient(running.wsUrl, board.id, { token: board.token }),
      );
      clients.push(...joiners);
      await Promise.all(joiners.map((j) => j.synced));
      for (const joiner of joiners) expect(readNotes(joiner.doc)).toHaveLength(round);
    }
  });

  it('answers /healthz with JSON', async () => {
    const running = await startServer(tempDir());
    servers.push(running);
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; boardsLoaded: number };
    expect(body.status).toBe('ok');
    expect(body.boardsLoaded).toBe(0);
  });

  it('rejects a malformed create-board request with a clear error', async () => {
    const running = await startServer(tempDir());
    servers.push(running);
    const response = await fetch(`${running.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/not valid JSON/);
    const badLocale = await fetch(`${running.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'de' }),
    });
    expect(badLocale.status).toBe(400);
  });
});
