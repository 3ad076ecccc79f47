import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { checkInvariants } from './invariants';
import { MIGRATIONS, migrate, NewerSchemaError, schemaVersionOf } from './migrations';
import { DEFAULT_PHASE, PHASE_SETTINGS, phaseKey } from './records/meta';
import { clustersMap, metaMap, notesMap } from './roots';
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
    expect(migrate(doc)).toEqual([0, 1, 2, 3, 4]);
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
  });

  it('1 -> 2 gives notes explicit editedAt and locked, and reads as a current board', () => {
    const doc = v1Board();
    expect(migrate(doc)).toEqual([1, 2, 3, 4]);
    const board = readBoard(doc);
    expect(board.meta.schemaVersion).toBe(SCHEMA_VERSION);
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
        organisation: null,
        createdAt: 200,
        editedAt: 200,
        locked: false,
        cluster: null,
        clusterOrder: null,
        cell: null,
        lang: 'fi',
        translations: {},
        media: null,
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
    expect(schemaVersionOf(one)).toBe(SCHEMA_VERSION);
  });

  it('2 -> 3 gives an existing board the workshop defaults, keeping a closed phase closed', () => {
    const doc = v1Board();
    migrate(doc, MIGRATIONS.slice(0, 2), 2);
    expect(schemaVersionOf(doc)).toBe(2);
    // Settings as v2 wrote them: adding closed, moving closed, editing closed.
    metaMap(doc).set('phase.addNotes', false);
    metaMap(doc).set('phase.moveNotes', false);
    metaMap(doc).set('phase.editNotes', false);
    const cluster = new Y.Map<unknown>();
    cluster.set('title', new Y.Text('Liikenne'));
    cluster.set('color', 'gray');
    for (const key of ['x', 'y', 'w', 'h']) cluster.set(key, 100);
    clustersMap(doc).set('c1', cluster);
    expect(migrate(doc)).toEqual([2, 3, 4]);
    const board = readBoard(doc);
    expect(board.meta.phase).toEqual({ ...DEFAULT_PHASE, addNotes: false, moveOthers: false });
    expect(board.meta.locks).toEqual({ roadmap: false, clusters: false });
    expect(board.meta.organisations).toEqual([]);
    expect(metaMap(doc).has('phase.moveNotes')).toBe(false);
    expect(metaMap(doc).has('phase.editNotes')).toBe(false);
    for (const name of PHASE_SETTINGS) expect(metaMap(doc).has(phaseKey(name)), name).toBe(true);
    expect(board.clusters[0]?.locked).toBe(false);
    expect(board.notes[0]?.organisation).toBeNull();
    expect(board.invalid).toEqual([
      { kind: 'note', id: 'broken', reason: 'position is not two numbers' },
    ]);
  });

  it('2 -> 3 gives a board with no settings at all the defaults', () => {
    const doc = v1Board();
    migrate(doc);
    expect(readBoard(doc).meta.phase).toEqual(DEFAULT_PHASE);
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
