import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { checkInvariants } from './invariants';
import { MIGRATIONS, migrate, NewerSchemaError, schemaVersionOf } from './migrations';
import { metaMap, notesMap } from './roots';
import { SCHEMA_VERSION } from './schema';

/** A board exactly as Paja schema v1 wrote it (raw keys, no v2 fields). */
function v1Board(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', 1);
    meta.set('title', 'Old board');
    meta.set('locale', 'fi');
    meta.set('createdAt', 100);
    const note = new Y.Map<unknown>();
    note.set('x', 10);
    note.set('y', 20);
    note.set('w', 160);
    note.set('h', 160);
    note.set('color', 'teal');
    note.set('text', new Y.Text('Kirjasto'));
    note.set('z', 'a0');
    note.set('authorId', 'p1');
    note.set('authorName', 'Aino');
    note.set('createdAt', 200);
    notesMap(doc).set('n1', note);
    notesMap(doc).set('broken', new Y.Map());
  });
  return doc;
}

describe('migrate', () => {
  it('has exactly one migration per version below the current one', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([...Array(SCHEMA_VERSION).keys()]);
  });

  it('0 -> 1 stamps a version on a board without one', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('title', 'x');
    expect(schemaVersionOf(doc)).toBe(0);
    expect(migrate(doc)).toEqual([0, 1]);
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
  });

  it('1 -> 2 gives notes explicit editedAt and locked, and reads as a v2 board', () => {
    const doc = v1Board();
    expect(migrate(doc)).toEqual([1]);
    const board = readBoard(doc);
    expect(board.meta.schemaVersion).toBe(2);
    expect(board.notes).toEqual([
      {
        id: 'n1',
        x: 10,
        y: 20,
        w: 160,
        h: 160,
        color: 'teal',
        text: 'Kirjasto',
        z: 'a0',
        authorId: 'p1',
        authorName: 'Aino',
        createdAt: 200,
        editedAt: 200,
        locked: false,
        cluster: null,
        clusterOrder: null,
        cell: null,
      },
    ]);
    const raw = notesMap(doc).get('n1') as Y.Map<unknown>;
    expect(raw.get('editedAt')).toBe(200);
    expect(raw.get('pos')).toEqual([10, 20]);
    expect(raw.get('size')).toEqual([160, 160]);
    expect(['x', 'y', 'w', 'h'].filter((key) => raw.has(key))).toEqual([]);
    expect(raw.get('locked')).toBe(false);
    // Invalid entries are reported, not repaired or dropped by the migration.
    expect(board.invalid).toEqual([
      { kind: 'note', id: 'broken', reason: 'position is not two numbers' },
    ]);
    expect(board.clusters).toEqual([]);
    expect(checkInvariants(board)).toEqual([]);
  });

  it('1 -> 2 is idempotent when two replicas migrate the same board', () => {
    const one = v1Board();
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    (notesMap(two).get('n1') as Y.Map<unknown>).set('editedAt', 300);
    (notesMap(one).get('n1') as Y.Map<unknown>).set('x', 11); // a v1 edit racing the migration
    migrate(one);
    migrate(two);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    expect(readBoard(one)).toEqual(readBoard(two));
    expect(schemaVersionOf(one)).toBe(2);
  });

  it('does nothing to a current board', () => {
    const doc = v1Board();
    migrate(doc);
    const before = Y.encodeStateVector(doc);
    expect(migrate(doc)).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses a board from a newer schema', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    expect(() => migrate(doc)).toThrow(NewerSchemaError);
  });

  it('fails loudly when a migration is missing', () => {
    const doc = v1Board();
    expect(() => migrate(doc, [])).toThrow(/No migration from schema version 1/);
  });
});
