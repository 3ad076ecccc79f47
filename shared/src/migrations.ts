import type * as Y from 'yjs';
import { LANGUAGE_MIGRATIONS } from './records/language';
import { META_MIGRATIONS, MetaKey } from './records/meta';
import { NOTE_MIGRATIONS } from './records/note';
import { VOTE_MIGRATIONS } from './records/vote';
import { metaMap } from './roots';
import { SCHEMA_VERSION } from './schema';

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

/**
 * Each record file (records/*.ts) keeps its own steps, keyed by the version they lift from;
 * a version's migration runs the steps of every record, meta first. A record whose version
 * changed nothing stored (a new optional field, a new top-level map) has no step for it.
 */
const RECORD_STEPS: ReadonlyArray<Readonly<Record<number, (doc: Y.Doc) => void>>> = [
  META_MIGRATIONS,
  NOTE_MIGRATIONS,
  VOTE_MIGRATIONS,
  LANGUAGE_MIGRATIONS,
];

const DESCRIPTIONS: readonly string[] = [
  'stamp a schema version on boards that were created without one',
  'v2 adds clusters, roadmap, comments and votes (new top-level maps, empty: nothing to ' +
    'move); a note position and size become one value each (pos = [x, y], size = [w, h]); ' +
    'every note gets an explicit editedAt (its createdAt) and locked (false)',
  'v3: the phase settings become addNotes, moveOthers, editOthers, deleteOthers, structure, ' +
    'vote, comment and frozen, written explicitly (the workshop defaults; a closed moveNotes ' +
    'becomes a closed moveOthers); clusters, lanes and periods may be locked, the meta may ' +
    'lock areas and list organisations, a note may name its organisation (all optional: ' +
    'nothing else to write)',
  "v4: the dots of vote sessions leave the document (the server holds an open session's dots " +
    "until the reveal): the dots in the votes map are counted into their session's results, " +
    'each session is closed and keeps its revealed flag, and the votes map is emptied; ' +
    'sessions may say dots per note, anonymous and an end time (optional)',
  'v5: content in several languages: the board lists its content languages (the locale ' +
    'alone to start with) and every note, cluster, lane and period is stamped with the ' +
    'language of its text (the locale); translations (tr.<lang>) are optional',
];

export const MIGRATIONS: readonly Migration[] = DESCRIPTIONS.map((describe, from) => ({
  from,
  describe,
  up(doc: Y.Doc) {
    for (const steps of RECORD_STEPS) steps[from]?.(doc);
  },
}));

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
 * Brings `doc` to SCHEMA_VERSION (tests may stop at an older `target`). Returns the versions
 * it passed through (empty if it was current). A document from a newer schema is refused
 * rather than half-understood.
 */
export function migrate(
  doc: Y.Doc,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = SCHEMA_VERSION,
): number[] {
  const passed: number[] = [];
  let version = schemaVersionOf(doc);
  if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
  while (version < target) {
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
