import type * as Y from 'yjs';
import { metaMap } from './board';
import { MetaKey, SCHEMA_VERSION } from './schema';

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
];

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
