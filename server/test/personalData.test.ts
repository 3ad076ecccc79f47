import fs from 'node:fs';
import { addComment, createNote, readBoard } from '@paja/shared';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBoard } from '../src/export/exportBoard';
import { loadBoardDoc } from '../src/export/loadDoc';
import { SqliteDatabase } from '../src/storage/SqliteDatabase';
import { SqliteStorage } from '../src/storage/SqliteStorage';
import { createBoardOver, linkFor, type RunningServer, startServer, tempDir } from './harness';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.server.close();
  running = null;
});

const NAME = 'Aino Virtanen';

/** Whether bytes hold a text as UTF-8, or inside base64 (at any of its three alignments). */
function inBytes(bytes: Buffer, text: string): boolean {
  const plain = Buffer.from(text);
  if (bytes.includes(plain)) return true;
  return [0, 1, 2].some((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), plain]).toString('base64');
    // The characters that depend only on the text: skip the first group and the padding.
    const core = encoded.slice(4, Math.floor((shift + plain.length) / 3) * 4);
    return core.length >= 8 && bytes.includes(Buffer.from(core));
  });
}

function call(url: string, path: string, token: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

describe('one person forgotten across the board, its snapshots and storage', () => {
  it('removes a person: gone from the board, every snapshot, exports and the stored bytes', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url, 'Henkilötiedot');
    const room = await running.server.rooms.get(board.id);
    if (!room) throw new Error('no room');
    room.transactAsServer((doc) => {
      createNote(doc, { x: 0, y: 0, text: 'Pyöräily', authorId: 'p1', authorName: NAME, id: 'n1' });
      createNote(doc, {
        x: 300,
        y: 0,
        text: 'Kirjasto',
        authorId: 'p2',
        authorName: 'Ville',
        id: 'n2',
      });
      addComment(doc, {
        anchor: { kind: 'note', note: 'n2' },
        text: 'Samaa mieltä',
        authorId: 'p1',
        authorName: NAME,
        id: 'c1',
      });
    });
    const snap = await call(url, `/api/boards/${board.id}/snapshots`, board.token, {
      method: 'POST',
      body: JSON.stringify({ name: 'Ennen', by: 'Fanni' }),
    });
    expect(snap.status).toBe(201);

    // Only facilitators see the people.
    const viewer = await linkFor(url, board, 'viewer');
    expect((await call(url, `/api/boards/${board.id}/people`, viewer)).status).toBe(403);
    const people = (await (
      await call(url, `/api/boards/${board.id}/people`, board.token)
    ).json()) as {
      people: Array<{
        key: string;
        names: string[];
        notes: number;
        comments: number;
        snapshots: number;
      }>;
    };
    expect(people.people).toEqual([
      { key: 'p1', names: [NAME], notes: 1, comments: 1, votes: 0, snapshots: 1 },
      { key: 'p2', names: ['Ville'], notes: 1, comments: 0, votes: 0, snapshots: 1 },
    ]);

    const forget = await call(url, `/api/boards/${board.id}/people/forget`, board.token, {
      method: 'POST',
      body: JSON.stringify({ key: 'p1', mode: 'remove', by: 'Fanni' }),
    });
    expect(forget.status).toBe(200);
    expect(await forget.json()).toEqual({ board: 2, snapshots: 1, held: 0 });
    expect(readBoard(room.doc).notes.map((n) => n.id)).toEqual(['n2']);
    expect(readBoard(room.doc).comments).toEqual([]);

    // Recorded in the audit log, without the name.
    const log = (await (await call(url, `/api/boards/${board.id}/audit`, board.token)).json()) as {
      audit: Array<{ action: string; by: string; detail: string }>;
    };
    expect(log.audit[0]).toMatchObject({ action: 'person-removed', by: 'Fanni' });
    expect(JSON.stringify(log)).not.toContain(NAME);

    // Every export of the board, and the snapshot.
    for (const format of ['json', 'csv', 'md'] as const) {
      const file = await exportBoard(room.doc, format);
      expect(Buffer.from(file.bytes).includes(Buffer.from(NAME))).toBe(false);
    }
    const snapshots = (await (
      await call(url, `/api/boards/${board.id}/snapshots`, board.token)
    ).json()) as {
      snapshots: Array<{ id: string }>;
    };
    const shown = await (
      await call(
        url,
        `/api/boards/${board.id}/snapshots/${snapshots.snapshots[0]?.id}`,
        board.token,
      )
    ).text();
    expect(shown).toContain('Kirjasto');
    expect(shown).not.toContain(NAME);

    // Storage: the snapshot, the update log and every side-state record.
    const { dataDir } = running;
    await running.server.close();
    running = null;
    const storage = SqliteStorage.open(dataDir);
    const stored = await storage.loadBoard(board.id);
    if (!stored) throw new Error('no stored board');
    const bytes = Buffer.concat([
      Buffer.from(stored.snapshot ?? new Uint8Array()),
      ...stored.updates.map((u) => Buffer.from(u)),
      ...stored.side.map((r) => Buffer.from(r.value)),
    ]);
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
    expect(bytes.includes(Buffer.from('Ville'))).toBe(true);
    const doc = await loadBoardDoc(storage, board.id);
    expect(doc && readBoard(doc).notes.map((n) => n.text)).toEqual(['Kirjasto']);
    await storage.close();

    // The database file itself, byte for byte, with its write-ahead log after a checkpoint:
    // deleted rows must not linger in free pages or in the unused parts of a page
    // (secure_delete), neither as text nor inside a snapshot's base64.
    const file = SqliteDatabase.fileIn(dataDir);
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const raw = Buffer.concat(
      [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
    );
    expect(raw.byteLength).toBeGreaterThan(4096);
    expect(inBytes(raw, 'Ville')).toBe(true);
    expect(inBytes(raw, NAME)).toBe(false);
  });

  it('pseudonymises a person: their notes stay under the pseudonym', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url);
    const room = await running.server.rooms.get(board.id);
    if (!room) throw new Error('no room');
    room.transactAsServer((doc) => {
      createNote(doc, { x: 0, y: 0, text: 'Puistot', authorId: 'p1', authorName: NAME, id: 'n1' });
    });
    const forget = await call(url, `/api/boards/${board.id}/people/forget`, board.token, {
      method: 'POST',
      body: JSON.stringify({ key: 'p1', mode: 'pseudonymise', pseudonym: 'Osallistuja' }),
    });
    expect(forget.status).toBe(200);
    const note = readBoard(room.doc).notes[0];
    expect(note?.text).toBe('Puistot');
    expect(note?.authorName).toBe('Osallistuja 1');
    expect(note?.authorId).toMatch(/^anon-/);
    const missing = await call(url, `/api/boards/${board.id}/people/forget`, board.token, {
      method: 'POST',
      body: JSON.stringify({ key: 'p1', mode: 'remove' }),
    });
    expect(missing.status).toBe(404);
  });
});
