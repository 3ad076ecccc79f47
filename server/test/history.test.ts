import {
  addComment,
  createNote,
  createVoteSession,
  deleteNotes,
  readBoard,
  readPublication,
  setNoteText,
  setPhase,
  setPublication,
  writeVoteResults,
} from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBoardDoc } from '../src/export/loadDoc';
import { createBoardOver, linkFor, type RunningServer, startServer, tempDir } from './harness';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.server.close();
  running = null;
});

async function api(url: string, path: string, token: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

describe('snapshots over HTTP', () => {
  it('snapshot, edit, diff, restore onto the board and as a new board', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url, 'Historia');
    const room = await running.server.rooms.get(board.id);
    if (!room) throw new Error('no room');
    const base = `/api/boards/${board.id}/snapshots`;
    const ids = room.transactAsServer((doc) => [
      createNote(doc, { x: 0, y: 0, text: 'Pyöräily', authorId: 'a', authorName: 'Åsa', id: 'n1' }),
      createNote(doc, {
        x: 200,
        y: 0,
        text: 'Kirjasto',
        authorId: 'a',
        authorName: 'Åsa',
        id: 'n2',
      }),
    ]);
    const taken = await api(url, base, board.token, {
      method: 'POST',
      body: JSON.stringify({ name: 'Työpajan 1 loppu', by: 'Fanni' }),
    });
    expect(taken.status).toBe(201);
    const snap = (await taken.json()) as { id: string; name: string; by: string; auto: null };
    expect(snap).toMatchObject({ name: 'Työpajan 1 loppu', by: 'Fanni', auto: null });
    const before = readBoard(room.doc);

    room.transactAsServer((doc) => {
      deleteNotes(doc, [ids[1] as string]);
      setNoteText(doc, ids[0] as string, 'Pyöräily talvella');
      createNote(doc, {
        x: 400,
        y: 0,
        text: 'Uimahalli',
        authorId: 'b',
        authorName: 'Bo',
        id: 'n3',
      });
    });
    const diff = (await (
      await api(url, `${base}/${snap.id}/diff?against=now`, board.token)
    ).json()) as {
      diff: Record<string, unknown>;
    };
    expect(diff.diff.notesAdded).toEqual([{ id: 'n3', title: 'Uimahalli' }]);
    expect(diff.diff.notesRemoved).toEqual([{ id: 'n2', title: 'Kirjasto' }]);
    expect(diff.diff.notesEdited).toEqual([
      { id: 'n1', from: 'Pyöräily', to: 'Pyöräily talvella' },
    ]);
    expect(diff.diff.notesMoved).toEqual([]);

    // Read-only view of the snapshot.
    const view = (await (await api(url, `${base}/${snap.id}`, board.token)).json()) as {
      board: { notes: Array<{ text: string }> };
    };
    expect(view.board.notes.map((n) => n.text)).toEqual(['Pyöräily', 'Kirjasto']);

    // As a new board: the original keeps its edits.
    const fresh = await api(url, `${base}/${snap.id}/restore`, board.token, {
      method: 'POST',
      body: JSON.stringify({ mode: 'new' }),
    });
    expect(fresh.status).toBe(201);
    const { id: newId } = (await fresh.json()) as { id: string };
    const storage = running.server.rooms;
    const newRoom = await storage.get(newId);
    expect(newRoom && readBoard(newRoom.doc).notes).toEqual(before.notes);
    expect(readBoard(room.doc).notes.map((n) => n.text)).toEqual([
      'Pyöräily talvella',
      'Uimahalli',
    ]);

    // Onto the board: one change, stored.
    const onto = await api(url, `${base}/${snap.id}/restore`, board.token, {
      method: 'POST',
      body: JSON.stringify({ mode: 'onto' }),
    });
    expect(onto.status).toBe(200);
    expect(readBoard(room.doc).notes).toEqual(before.notes);
    await running.server.close();
    const stored = await loadBoardDoc(
      (await import('../src/storage/SqliteStorage')).SqliteStorage.open(running.dataDir),
      board.id,
    );
    expect(stored && readBoard(stored).notes).toEqual(before.notes);
    running = null;
  });

  it('restoring onto a published board brings back its content only: the public comments, the publication and the phase stay, and now is kept as a snapshot first', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url, 'Tiekartta');
    const room = await running.server.rooms.get(board.id);
    if (!room) throw new Error('no room');
    const base = `/api/boards/${board.id}/snapshots`;
    room.transactAsServer((doc) => {
      createNote(doc, { x: 0, y: 0, text: 'Pyöräily', authorId: 'a', authorName: 'Åsa', id: 'n1' });
    });
    const taken = await api(url, base, board.token, {
      method: 'POST',
      body: JSON.stringify({ name: 'Ennen julkista kommentointia', by: 'Fanni' }),
    });
    const snap = (await taken.json()) as { id: string };

    // Published, frozen, commented on by the public, and a note added.
    room.transactAsServer((doc) => {
      setPublication(doc, { comments: true, publishedAt: 1 });
      setPhase(doc, { frozen: true });
      addComment(doc, {
        anchor: { kind: 'note', note: 'n1' },
        text: 'Lisää pyöräteitä kouluille',
        authorId: 'public-1',
        authorName: 'Anna',
      });
      createNote(doc, { x: 300, y: 0, text: 'Uusi', authorId: 'a', authorName: 'Åsa', id: 'n2' });
    });
    const beforeRestore = readBoard(room.doc);

    const onto = await api(url, `${base}/${snap.id}/restore`, board.token, {
      method: 'POST',
      body: JSON.stringify({ mode: 'onto', by: 'Fanni' }),
    });
    expect(onto.status).toBe(200);
    const after = readBoard(room.doc);
    expect(after.notes.map((n) => n.text)).toEqual(['Pyöräily']);
    expect(after.comments.map((c) => c.text)).toEqual(['Lisää pyöräteitä kouluille']);
    expect(readPublication(room.doc)).toEqual({ comments: true, publishedAt: 1 });
    expect(after.meta.phase.frozen).toBe(true);

    // The board as it was just before is a snapshot of its own, named by its cause.
    const list = (await (await api(url, base, board.token)).json()) as {
      snapshots: Array<{ id: string; auto: string | null; by: string }>;
    };
    const kept = list.snapshots.find((s) => s.auto === 'restore');
    expect(kept?.by).toBe('Fanni');
    const keptView = (await (await api(url, `${base}/${kept?.id}`, board.token)).json()) as {
      board: { notes: Array<{ text: string }> };
    };
    expect(keptView.board.notes.map((n) => n.text)).toEqual(beforeRestore.notes.map((n) => n.text));

    // Restored as a new board, a published snapshot makes an unpublished copy.
    const published = (await (
      await api(url, base, board.token, {
        method: 'POST',
        body: JSON.stringify({ name: 'Julkaistu', by: 'Fanni' }),
      })
    ).json()) as { id: string };
    const copy = await api(url, `${base}/${published.id}/restore`, board.token, {
      method: 'POST',
      body: JSON.stringify({ mode: 'new' }),
    });
    const copyRoom = await running.server.rooms.get(((await copy.json()) as { id: string }).id);
    expect(copyRoom && readPublication(copyRoom.doc)).toBeNull();
  });

  it('takes snapshots by itself at a phase change and a vote reveal; only facilitators reach them', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url);
    const room = await running.server.rooms.get(board.id);
    if (!room) throw new Error('no room');
    room.transactAsServer((doc) => setPhase(doc, { addNotes: false }));
    await Promise.resolve();
    const vote = room.transactAsServer((doc) =>
      createVoteSession(doc, { title: 'Tärkein', dotsPerPerson: 3 }),
    );
    room.transactAsServer((doc) => writeVoteResults(doc, vote, { counts: {}, voters: 0 }));
    await Promise.resolve();
    const list = (await (
      await api(url, `/api/boards/${board.id}/snapshots`, board.token)
    ).json()) as {
      snapshots: Array<{ auto: string | null }>;
    };
    expect(list.snapshots.map((s) => s.auto)).toEqual(['vote', 'phase']);
    for (const role of ['participant', 'commenter', 'viewer']) {
      const token = await linkFor(url, board, role);
      expect((await api(url, `/api/boards/${board.id}/snapshots`, token)).status).toBe(403);
    }
    const nameless = await api(url, `/api/boards/${board.id}/snapshots`, board.token, {
      method: 'POST',
      body: JSON.stringify({ name: ' ' }),
    });
    expect(nameless.status).toBe(400);
  });
});
