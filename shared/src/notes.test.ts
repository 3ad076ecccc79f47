import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { createCluster } from './clusters';
import {
  bringToFront,
  createNote,
  deleteNotes,
  moveNote,
  moveNotes,
  NoteTextTooLongError,
  noteText,
  OrganisationTooLongError,
  readNotes,
  recolorNotes,
  resizeNote,
  setNotesLocked,
  setNoteText,
} from './notes';
import { NoteKey, readNote } from './records/note';
import { notesMap, transact } from './roots';
import { NOTE_MAX_SIZE, NOTE_MAX_TEXT, NOTE_MIN_SIZE } from './schema';
import { fork, newDoc, note, syncAll } from './testkit';
import { applyTextDiff } from './text';
import { addVoteCandidates, createVoteSession } from './votes';

describe('createNote', () => {
  it('writes every field and returns the id', () => {
    const doc = newDoc();
    const id = createNote(doc, {
      x: 10.4,
      y: -20,
      text: 'Hei',
      color: 'blue',
      authorId: 'p1',
      authorName: '  Aino  ',
      now: 5,
    });
    const [view] = readNotes(doc);
    expect(view).toEqual({
      id,
      x: 10,
      y: -20,
      w: 160,
      h: 160,
      color: 'blue',
      text: 'Hei',
      z: expect.any(String),
      authorId: 'p1',
      authorName: 'Aino',
      organisation: null,
      createdAt: 5,
      editedAt: 5,
      locked: false,
      cluster: null,
      clusterOrder: null,
      cell: null,
      lang: null,
      translations: {},
      media: null,
    });
  });

  it("keeps the author's organisation, trimmed; refuses one too long; reads a bad one as invalid", () => {
    const doc = newDoc();
    const id = createNote(doc, {
      x: 0,
      y: 0,
      authorId: 'p1',
      authorName: 'A',
      organisation: ' Espoo ',
    });
    const bare = createNote(doc, {
      x: 0,
      y: 0,
      authorId: 'p1',
      authorName: 'A',
      organisation: ' ',
    });
    expect(readNotes(doc).find((n) => n.id === id)?.organisation).toBe('Espoo');
    expect(readNotes(doc).find((n) => n.id === bare)?.organisation).toBeNull();
    expect(notesMap(doc).get(bare)?.has(NoteKey.organisation)).toBe(false);
    expect(() =>
      createNote(doc, {
        x: 0,
        y: 0,
        authorId: 'p1',
        authorName: 'A',
        organisation: 'x'.repeat(81),
      }),
    ).toThrow(OrganisationTooLongError);
    notesMap(doc).get(id)?.set(NoteKey.organisation, 'x'.repeat(81));
    expect(readNote(id, notesMap(doc).get(id))).toBe(
      'organisation is not a trimmed name of 1..80 characters',
    );
  });

  it('puts each new note on top', () => {
    const doc = newDoc();
    const a = note(doc);
    const b = note(doc);
    const c = note(doc);
    expect(readNotes(doc).map((n) => n.id)).toEqual([a, b, c]);
  });

  it('refuses too long a text and unknown colours', () => {
    const doc = newDoc();
    const text = 'x'.repeat(NOTE_MAX_TEXT + 1);
    expect(() => note(doc, { text })).toThrow(NoteTextTooLongError);
    expect(() => note(doc, { color: 'red' as never })).toThrow(/colour/);
    expect(readNotes(doc)).toEqual([]);
  });

  it('clamps absurd coordinates and sizes', () => {
    const doc = newDoc();
    note(doc, { x: Number.NaN, y: 1e12, w: 1, h: 1e9 });
    const [view] = readNotes(doc);
    expect(view).toMatchObject({ x: 0, y: 1_000_000, w: NOTE_MIN_SIZE, h: NOTE_MAX_SIZE });
  });
});

describe('moving, resizing, recolouring', () => {
  it('moves several notes in one transaction and skips missing ones', () => {
    const doc = newDoc();
    const a = note(doc);
    const b = note(doc);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    moveNotes(doc, [
      { id: a, x: 1, y: 2 },
      { id: b, x: 3, y: 4 },
      { id: 'gone', x: 5, y: 6 },
    ]);
    expect(transactions).toBe(1);
    expect(readNotes(doc).map((n) => [n.x, n.y])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    moveNote(doc, a, 7, 8);
    expect(readNotes(doc)[0]).toMatchObject({ x: 7, y: 8 });
  });

  it('writes nothing when a move changes nothing', () => {
    const doc = newDoc();
    const a = note(doc, { x: 5, y: 5 });
    const before = Y.encodeStateVector(doc);
    moveNote(doc, a, 5, 5);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('resizes and recolours, stamping editedAt at minute resolution', () => {
    const doc = newDoc();
    const a = note(doc, { now: 1000 });
    resizeNote(doc, a, 200, 100, 100_000);
    recolorNotes(doc, [a, 'gone'], 'pink', 100_010);
    expect(readNotes(doc)[0]).toMatchObject({ w: 200, h: 100, color: 'pink', editedAt: 100_000 });
    recolorNotes(doc, [a], 'blue', 170_000);
    expect(readNotes(doc)[0]?.editedAt).toBe(170_000);
    expect(() => recolorNotes(doc, [a], 'red' as never)).toThrow();
  });

  it('leaves locked notes alone until unlocked', () => {
    const doc = newDoc();
    const a = note(doc, { x: 1, y: 1, text: 'old' });
    setNotesLocked(doc, [a], true, 200_000);
    moveNote(doc, a, 100, 100);
    resizeNote(doc, a, 300, 300);
    recolorNotes(doc, [a], 'teal');
    setNoteText(doc, a, 'new');
    deleteNotes(doc, [a]);
    expect(readNotes(doc)[0]).toMatchObject({ x: 1, w: 160, color: 'yellow', text: 'old' });
    expect(readNotes(doc)[0]).toMatchObject({ locked: true, editedAt: 200_000 });
    setNotesLocked(doc, [a], false);
    moveNote(doc, a, 100, 100);
    expect(readNotes(doc)[0]).toMatchObject({ x: 100, locked: false });
  });
});

describe('z-order', () => {
  it('brings a note to the front, and is a no-op for the top note', () => {
    const doc = newDoc();
    const a = note(doc);
    const b = note(doc);
    bringToFront(doc, a);
    expect(readNotes(doc).map((n) => n.id)).toEqual([b, a]);
    const before = Y.encodeStateVector(doc);
    bringToFront(doc, a);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('puts a new note above notes that arrived from others, and above its batch', () => {
    const one = newDoc(1);
    note(one);
    const two = fork(one, 2);
    const remote = note(two);
    bringToFront(two, note(two));
    bringToFront(two, remote);
    syncAll(one, two);
    const mine = note(one);
    expect(readNotes(one).at(-1)?.id).toBe(mine);
    let batch: string[] = [];
    transact(one, () => {
      batch = [note(one), note(one), note(one)];
    });
    const order = readNotes(one).map((n) => n.id);
    expect(order.slice(-3)).toEqual(batch);
    expect(new Set(readNotes(one).map((n) => n.z)).size).toBe(order.length);
  });

  it('orders notes with equal keys by id on every replica', () => {
    const one = newDoc(1);
    const base = note(one);
    const two = fork(one, 2);
    const a = note(one, { id: 'b-note' });
    const b = note(two, { id: 'a-note' });
    syncAll(one, two);
    const order = readNotes(one).map((n) => n.id);
    expect(order).toEqual([base, b, a]);
    expect(readNotes(two).map((n) => n.id)).toEqual(order);
  });
});

describe('text', () => {
  it('edits by the smallest diff so concurrent typing merges', () => {
    const one = newDoc(1);
    const a = note(one, { text: 'Hello world' });
    const two = fork(one, 2);
    setNoteText(one, a, 'Hello brave world', 9);
    setNoteText(two, a, 'Hello world!');
    syncAll(one, two);
    expect(noteText(one, a)?.toString()).toBe('Hello brave world!');
    expect(readNotes(two)[0]?.text).toBe('Hello brave world!');
    expect(readNotes(one)[0]?.editedAt).toBeGreaterThanOrEqual(9);
  });

  it('keeps consecutive keystrokes mergeable (editedAt is not rewritten per keystroke)', () => {
    const doc = newDoc();
    const a = note(doc, { now: 1000 });
    let typed = '';
    for (const char of 'Joukkoliikenne') {
      typed += char;
      setNoteText(doc, a, typed, 1001);
    }
    const raw = notesMap(doc).get(a) as Y.Map<unknown>;
    expect(raw.get(NoteKey.editedAt)).toBe(1000);
    // One struct for the whole word, not one per character.
    const text = noteText(doc, a) as Y.Text;
    let structs = 0;
    for (let item = text._start; item !== null; item = item.right) structs++;
    expect(structs).toBe(1);
  });

  it('never splits an emoji', () => {
    const doc = newDoc();
    const a = note(doc, { text: 'a😀b' });
    setNoteText(doc, a, 'a😃b');
    expect(noteText(doc, a)?.toString()).toBe('a😃b');
  });

  it('refuses text longer than the limit', () => {
    const doc = newDoc();
    const a = note(doc);
    expect(() => setNoteText(doc, a, 'x'.repeat(NOTE_MAX_TEXT + 1))).toThrow(NoteTextTooLongError);
  });

  it('stamps editedAt when a bound editor calls applyTextDiff directly', () => {
    const doc = newDoc();
    const a = note(doc, { now: 1 });
    applyTextDiff(noteText(doc, a) as Y.Text, 'typed', 100_000);
    expect(readNotes(doc)[0]).toMatchObject({ text: 'typed', editedAt: 100_000 });
    const loose = new Y.Text('x');
    applyTextDiff(loose, 'y'); // not in a document: still works
  });
});

describe('deleteNotes', () => {
  it('removes the note with its cluster membership and vote candidacy', () => {
    const doc = newDoc();
    const a = note(doc);
    const b = note(doc);
    const cluster = createCluster(doc, { noteIds: [a, b] });
    const session = createVoteSession(doc, { title: 'Best', dotsPerPerson: 3, candidates: [a] });
    addVoteCandidates(doc, session, [b]);
    deleteNotes(doc, [a]);
    const board = readBoard(doc);
    expect(board.notes.map((n) => n.id)).toEqual([b]);
    expect(board.clusters.find((c) => c.id === cluster)?.members).toEqual([b]);
    expect(board.voteSessions[0]?.candidates).toEqual([b]);
    expect(board.dangling).toEqual([]);
  });

  it('wins over a concurrent move', () => {
    const one = newDoc(1);
    const a = note(one);
    const two = fork(one, 2);
    deleteNotes(one, [a]);
    moveNote(two, a, 50, 50);
    syncAll(one, two);
    expect(readNotes(one)).toEqual([]);
    expect(readNotes(two)).toEqual([]);
  });
});

describe('readNote validation', () => {
  function stored(fields: Record<string, unknown>): Y.Map<unknown> {
    const doc = newDoc();
    const id = note(doc);
    const map = notesMap(doc).get(id) as Y.Map<unknown>;
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) map.delete(key);
      else map.set(key, value);
    }
    return map;
  }

  it.each([
    [{ [NoteKey.pos]: ['left', 0] }, 'position is not two numbers'],
    [{ [NoteKey.pos]: [1] }, 'position is not two numbers'],
    [{ [NoteKey.pos]: undefined }, 'position is not two numbers'],
    [{ [NoteKey.size]: [Number.POSITIVE_INFINITY, 1] }, 'size is not two numbers'],
    [{ [NoteKey.color]: '#FF0000' }, 'unknown colour #FF0000'],
    [{ [NoteKey.text]: 'plain string' }, 'text is missing'],
    [{ [NoteKey.z]: '' }, 'z-order key is missing or malformed'],
    [{ [NoteKey.z]: 'a00' }, 'z-order key is missing or malformed'],
    [{ [NoteKey.locked]: 'yes' }, 'locked is not a boolean'],
    [{ [NoteKey.cluster]: 5 }, 'cluster is not a string'],
    [{ [NoteKey.authorName]: 7 }, 'authorName is not a string'],
    [{ [NoteKey.cell]: 'lane/period' }, 'cell is not an object'],
    [{ [NoteKey.cell]: { lane: 'l' } }, 'cell lacks lane or period'],
  ])('reports %j as invalid: %s', (fields, reason) => {
    expect(readNote('n', stored(fields))).toBe(reason);
  });

  it('reads absent v2 fields as defaults', () => {
    const view = readNote(
      'n',
      stored({ [NoteKey.editedAt]: undefined, [NoteKey.locked]: undefined }),
    );
    expect(view).toMatchObject({ locked: false, cluster: null, cell: null });
    expect(typeof view === 'object' && view.editedAt === view.createdAt).toBe(true);
  });

  it('is not a map', () => {
    expect(readNote('n', 'hello')).toBe('not a map');
  });

  it('lists invalid notes in readBoard instead of dropping them silently', () => {
    const doc = newDoc();
    note(doc);
    notesMap(doc).set('broken', new Y.Map());
    const board = readBoard(doc);
    expect(board.notes).toHaveLength(1);
    expect(board.invalid).toEqual([
      { kind: 'note', id: 'broken', reason: 'position is not two numbers' },
    ]);
  });

  it('does not leak the stored cell object', () => {
    const doc = newDoc();
    const id = note(doc);
    const map = notesMap(doc).get(id) as Y.Map<unknown>;
    map.set(NoteKey.cell, { lane: 'l', period: 'p' });
    const view = readNote(id, map);
    if (typeof view === 'string' || !view.cell) throw new Error(String(view));
    view.cell.lane = 'changed';
    expect((map.get(NoteKey.cell) as { lane: string }).lane).toBe('l');
  });
});
