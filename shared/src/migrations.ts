import * as Y from 'yjs';
import { metaMap, notesMap } from './roots';
import { MetaKey, NoteKey, SCHEMA_VERSION } from './schema';

/**
 * A migration lifts a document from `from` to `from + 1`. Migrations run on the server when it
 * loads a stored board, before any client syncs, inside one transaction each, so every client
 * only ever sees documents of the current version. Migrations must be idempotent on a document
 * that a concurrent, already-migrated replica also changed: write by key, never append.
 */
export interface Migration {
  from: number;
  describe: string;
  up(doc: Y.Doc): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    describe: 'stamp a schema version on boards that were created without one',
    up(doc) {
      metaMap(doc).set(MetaKey.schemaVersion, 1);
    },
  },
  {
    from: 1,
    describe:
      'v2 adds clusters, roadmap, comments and votes (new top-level maps, empty: nothing to ' +
      'move); a note position and size become one value each (pos = [x, y], size = [w, h]); ' +
      'every note gets an explicit editedAt (its createdAt) and locked (false)',
    up(doc) {
      for (const note of notesMap(doc).values()) {
        if (!(note instanceof Y.Map)) continue; // invalid entries are reported, not repaired
        pair(note, NoteKey.pos, 'x', 'y');
        pair(note, NoteKey.size, 'w', 'h');
        if (!note.has(NoteKey.editedAt)) {
          const createdAt = note.get(NoteKey.createdAt);
          note.set(NoteKey.editedAt, typeof createdAt === 'number' ? createdAt : 0);
        }
        if (!note.has(NoteKey.locked)) note.set(NoteKey.locked, false);
      }
    },
  },
];

/**
 * Joins two v1 keys into one v2 pair. Left as they are if either is not a number, so the
 * reader reports the note instead of inventing a position for it.
 */
function pair(note: Y.Map<unknown>, key: string, first: string, second: string): void {
  const a = note.get(first);
  const b = note.get(second);
  if (!note.has(key) && typeof a === 'number' && typeof b === 'number') note.set(key, [a, b]);
  if (note.has(key)) {
    note.delete(first);
    note.delete(second);
  }
}

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      `This board was written by a newer Paja (schema ${found}; this server knows ${SCHEMA_VERSION}). ` +
        'Upgrade the server before opening it.',
    );
    this.name = 'NewerSchemaError';
  }
}

export function schemaVersionOf(doc: Y.Doc): number {
  const version = metaMap(doc).get(MetaKey.schemaVersion);
  return typeof version === 'number' ? version : 0;
}

/**
 * Brings `doc` to SCHEMA_VERSION. Returns the versions it passed through (empty if it was
 * current). A document from a newer schema is refused rather than half-understood.
 */
export function migrate(doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const passed: number[] = [];
  let version = schemaVersionOf(doc);
  if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
  while (version < SCHEMA_VERSION) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new Error(`No migration from schema version ${version}`);
    doc.transact(() => {
      step.up(doc);
      metaMap(doc).set(MetaKey.schemaVersion, version + 1);
    });
    passed.push(version);
    version += 1;
  }
  return passed;
}
