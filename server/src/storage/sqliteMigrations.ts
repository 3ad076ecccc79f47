import type Database from 'better-sqlite3';

/**
 * The SQLite schema as numbered steps. `PRAGMA user_version` holds how many have been applied;
 * opening a database applies the missing ones, each in its own transaction with the version
 * bump, so a crash leaves the file at one step or the next, never between. Never edit a step
 * that has shipped: add the next one.
 */
const MIGRATIONS: readonly string[] = [
  // 1: boards, their update logs, link generations. Files made before versions were counted
  // have these tables at user_version 0, hence IF NOT EXISTS.
  `
  CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    snapshot BLOB,
    snapshot_seq INTEGER NOT NULL DEFAULT 0,
    next_seq INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE IF NOT EXISTS updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS link_generations (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    generation INTEGER NOT NULL,
    PRIMARY KEY (board_id, role)
  ) WITHOUT ROWID;
  `,
  // 2: side state, the server-held records outside the document (value: JSON text).
  `
  CREATE TABLE side_state (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (board_id, kind, key)
  ) WITHOUT ROWID;
  `,
  // 3: side state numbered per board (seq), deletions kept as a null value until a compaction
  // forgets them (side_pruned_seq), so an instance can ask what changed since a number.
  `
  CREATE TABLE side_state_numbered (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT,
    seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (board_id, kind, key)
  ) WITHOUT ROWID;
  INSERT INTO side_state_numbered (board_id, kind, key, value) SELECT board_id, kind, key, value FROM side_state;
  DROP TABLE side_state;
  ALTER TABLE side_state_numbered RENAME TO side_state;
  CREATE INDEX side_state_by_seq ON side_state (board_id, seq);
  ALTER TABLE boards ADD COLUMN next_side_seq INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE boards ADD COLUMN side_pruned_seq INTEGER NOT NULL DEFAULT 0;
  `,
  // 4: files beside a board (uploaded images, their thumbnails, attachments); see BlobStore.ts.
  `
  CREATE TABLE blobs (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    mime TEXT NOT NULL,
    name TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  `,
  // 5: when a board last changed (an update or a side-state write was stored): the board
  // retention setting counts from it. Existing boards start from their creation.
  `
  ALTER TABLE boards ADD COLUMN changed_at INTEGER;
  UPDATE boards SET changed_at = created_at;
  `,
  // 6: the snapshot in a table of its own. Every commit moves a board's counters (next_seq,
  // changed_at); with the snapshot in the same row SQLite rebuilt the whole record, snapshot
  // included, for each one: about 220 us of CPU per commit per megabyte of snapshot.
  `
  CREATE TABLE board_snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    snapshot BLOB NOT NULL
  );
  INSERT INTO board_snapshots (board_id, snapshot)
    SELECT id, snapshot FROM boards WHERE snapshot IS NOT NULL;
  ALTER TABLE boards DROP COLUMN snapshot;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/**
 * Brings the database to SCHEMA_VERSION. Safe when several processes open the file at once
 * (the server's worker and the command line): each step takes the write lock first and
 * re-reads the version inside it. Refuses a file written by a newer Paja rather than guess.
 */
export function migrateSchema(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  for (;;) {
    const applied = db
      .transaction(() => {
        const current = version();
        if (current > SCHEMA_VERSION) {
          throw new SchemaTooNewError(
            `the database has schema version ${current}; this Paja knows up to ${SCHEMA_VERSION}: upgrade Paja`,
          );
        }
        const step = MIGRATIONS[current];
        if (step === undefined) return false;
        db.exec(step);
        db.pragma(`user_version = ${current + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return;
  }
}
