import type { Pool } from 'pg';

/**
 * The PostgreSQL schema, as numbered steps. A step, once released, never changes: a new need
 * is a new step. Every instance applies the missing steps at start, under an advisory lock,
 * so three instances starting at once migrate once.
 */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'boards, their update logs, link generations, side state, compaction leases',
    sql: `
      CREATE TABLE boards (
        id text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        snapshot bytea,
        -- The snapshot holds every update up to and including this sequence number.
        snapshot_seq bigint NOT NULL DEFAULT 0,
        -- Moved in the transaction that appends, so next_seq - 1 is the last stored update.
        -- Its row lock orders the appends of one board across instances.
        next_seq bigint NOT NULL DEFAULT 1
      );
      CREATE TABLE board_updates (
        board_id text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (board_id, seq)
      );
      CREATE TABLE link_generations (
        board_id text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        role text NOT NULL,
        generation integer NOT NULL,
        PRIMARY KEY (board_id, role)
      );
      -- Server-held records outside the document (secret votes, private notes, comments
      -- awaiting moderation), by kind and key; value is JSON text.
      CREATE TABLE side_state (
        board_id text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        kind text NOT NULL,
        key text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (board_id, kind, key)
      );
      CREATE TABLE compaction_leases (
        board_id text PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
        -- A fresh random token per acquisition: the fence a late compaction is checked against.
        token text NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'side state numbered per board, deletions kept until a compaction forgets them',
    sql: `
      -- Moved with next_seq in the appending statement: the last side-state number handed out.
      ALTER TABLE boards ADD COLUMN next_side_seq bigint NOT NULL DEFAULT 1;
      -- Deletions numbered up to here were forgotten (a reader behind it gets every record).
      ALTER TABLE boards ADD COLUMN side_pruned_seq bigint NOT NULL DEFAULT 0;
      -- A null value is a deletion, kept so another instance can learn of it.
      ALTER TABLE side_state ALTER COLUMN value DROP NOT NULL;
      ALTER TABLE side_state ADD COLUMN seq bigint NOT NULL DEFAULT 0;
      CREATE INDEX side_state_by_seq ON side_state (board_id, seq);
    `,
  },
  {
    version: 3,
    name: 'files beside a board: images, thumbnails, attachments',
    sql: `
      CREATE TABLE blobs (
        board_id text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        id text NOT NULL,
        kind text NOT NULL,
        mime text NOT NULL,
        name text NOT NULL,
        bytes bigint NOT NULL,
        created_at bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (board_id, id)
      );
    `,
  },
  {
    version: 4,
    name: 'when a board last changed, which the board retention setting counts from',
    sql: `
      ALTER TABLE boards ADD COLUMN changed_at timestamptz;
      UPDATE boards SET changed_at = created_at;
      ALTER TABLE boards ALTER COLUMN changed_at SET NOT NULL;
      ALTER TABLE boards ALTER COLUMN changed_at SET DEFAULT now();
    `,
  },
];

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** A schema name that needs no quoting; tests use one schema per run. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Applies the missing steps in one transaction and returns their versions. `schema`, if
 * given, is created first (the pool's search_path must point at it).
 */
export async function migrate(pool: Pool, schema: string | null): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One migrator per schema at a time; the others wait here and then find nothing to do.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `paja-migrate:${schema ?? ''}`,
    ]);
    if (schema) {
      if (!SCHEMA_NAME.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    }
    await client.query(`
      CREATE TABLE IF NOT EXISTS paja_schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM paja_schema_migrations',
    );
    const applied = new Set(rows.map((row) => row.version));
    const newest = MIGRATIONS.at(-1)?.version ?? 0;
    const unknown = [...applied].filter((version) => version > newest);
    if (unknown.length > 0) {
      throw new SchemaTooNewError(
        `the database has schema version ${Math.max(...unknown)}, newer than this Paja knows ` +
          `(${newest}): run a newer Paja`,
      );
    }
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO paja_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
