import { randomUUID } from 'node:crypto';
import type { Role } from '@paja/shared';
import type pg from 'pg';
import type { Logger } from '../log';
import { PostgresBlobs } from './PostgresBlobs';
import { migrate, SCHEMA_NAME } from './postgresMigrations';
import { readBoard, readSideSince } from './postgresReads';
import {
  BoardExistsError,
  BoardMissingError,
  type Committed,
  type CompactFn,
  LeaseLostError,
  type SideTail,
  type SideWrite,
  type Storage,
  type StoredBoard,
  type StoredTail,
} from './Storage';

export interface PostgresOptions {
  /** A schema of its own (created if needed); tests use one per run. Default: search_path. */
  schema?: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** Give up connecting after this long (the call fails; rooms keep their edits and retry). */
  connectTimeoutMs?: number;
  /** Give up on a query after this long, so that a vanished server cannot hang a commit. */
  queryTimeoutMs?: number;
  /** How long a compaction lease lasts without renewal. */
  leaseMs?: number;
  /** How often the holder renews it while compacting. */
  leaseRenewMs?: number;
}

interface AppendJob {
  updates: readonly Uint8Array[];
  side: readonly SideWrite[];
  resolve: (committed: Committed) => void;
  reject: (error: Error) => void;
}

type Client = pg.PoolClient;

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Boards in PostgreSQL, for several Paja instances sharing them (and for a database the
 * operator already runs and backs up). Same model as SQLite: a snapshot per board plus an
 * append-only log numbered by a per-board sequence, which the `boards` row hands out inside
 * the appending statement, so the numbers of one board are gap-free and in commit order
 * across all instances.
 *
 * An append is ONE statement (numbers and rows together, its own transaction), so a board's
 * row lock is held only while PostgreSQL executes and commits it, never across a round trip
 * to a busy Node process: measured with three instances writing the same boards, a
 * transaction of several statements per batch made the locks convoy (120 ms mean commit,
 * bench/RESULTS.md). A board's appends run one at a time, in call order, and those that queue
 * up meanwhile share the next statement; different boards run side by side on the pool, and
 * PostgreSQL flushes the WAL of commits that arrive together once (its own group commit).
 * Each append's promise resolves after its COMMIT.
 */
export class PostgresStorage implements Storage {
  readonly #pool: pg.Pool;
  readonly #log: Logger;
  readonly #leaseMs: number;
  readonly #leaseRenewMs: number;
  /** Appends waiting per board, while one of its statements runs. */
  readonly #queues = new Map<string, AppendJob[]>();
  readonly #appending = new Set<Promise<unknown>>();
  #closed = false;
  readonly blobs: PostgresBlobs;

  /** Connects, applies missing schema migrations, and returns the storage. */
  static async open(url: string, log: Logger, options: PostgresOptions = {}) {
    // pg is loaded here, not at start-up: a server on SQLite never needs it (start time).
    const { default: pgModule } = await import('pg');
    const storage = new PostgresStorage(pgModule.Pool, url, log, options);
    try {
      const applied = await migrate(storage.#pool, options.schema ?? null);
      if (applied.length > 0) log.info('database schema migrated', { versions: applied });
    } catch (error) {
      await storage.#pool.end().catch(() => {});
      throw error;
    }
    return storage;
  }

  private constructor(Pool: typeof pg.Pool, url: string, log: Logger, options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`not a plain schema name: ${options.schema}`);
    }
    this.#log = log;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#leaseRenewMs = options.leaseRenewMs ?? 10_000;
    this.#pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      query_timeout: options.queryTimeoutMs ?? 30_000,
      keepAlive: true,
      application_name: 'paja',
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle connection that breaks (the server restarts) must not crash the process; the
    // pool drops it and the next query connects afresh.
    this.#pool.on('error', (error) => this.#log.warn('database connection lost', { error }));
    this.blobs = new PostgresBlobs(this.#pool);
  }

  async createBoard(boardId: string, initialState: Uint8Array): Promise<void> {
    try {
      await this.#pool.query('INSERT INTO boards (id, snapshot) VALUES ($1, $2)', [
        boardId,
        initialState,
      ]);
    } catch (error) {
      if (codeOf(error) === UNIQUE_VIOLATION) throw new BoardExistsError(boardId);
      throw error;
    }
  }

  async boardExists(boardId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query('SELECT 1 FROM boards WHERE id = $1', [boardId]);
    return rowCount === 1;
  }

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    const row = await readBoard(this.#pool, boardId, -1, true);
    return row ? { ...row, side: row.side ?? [] } : null;
  }

  sideSince(boardId: string, afterSideSeq: number): Promise<SideTail | null> {
    return readSideSince(this.#pool, boardId, afterSideSeq);
  }

  updatesSince(boardId: string, afterSeq: number): Promise<StoredTail | null> {
    return readBoard(this.#pool, boardId, afterSeq, false);
  }

  appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[] = [],
  ): Promise<Committed> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'));
    return new Promise((resolve, reject) => {
      let queue = this.#queues.get(boardId);
      if (!queue) {
        queue = [];
        this.#queues.set(boardId, queue);
        const draining = this.#drain(boardId, queue);
        this.#appending.add(draining);
        void draining.finally(() => this.#appending.delete(draining));
      }
      queue.push({ updates, side, resolve, reject });
    });
  }

  /**
   * A board's appends, one statement at a time and in call order; those that queued up
   * while one ran go together in the next (a group commit per board).
   */
  async #drain(boardId: string, queue: AppendJob[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve)); // let this turn's appends join
    while (queue.length > 0) {
      const jobs = queue.splice(0);
      try {
        const all = await this.#append(
          boardId,
          jobs.flatMap((job) => job.updates),
          jobs.flatMap((job) => job.side),
        );
        // Each job's own last numbers: the statement numbered the jobs' writes in job order.
        let lastSeq = all.lastSeq - jobs.reduce((n, job) => n + job.updates.length, 0);
        let lastSideSeq = all.lastSideSeq - jobs.reduce((n, job) => n + job.side.length, 0);
        for (const job of jobs) {
          lastSeq += job.updates.length;
          lastSideSeq += job.side.length;
          job.resolve({ lastSeq, lastSideSeq });
        }
      } catch (error) {
        for (const job of jobs) job.reject(error as Error);
      }
    }
    this.#queues.delete(boardId);
  }

  async #append(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[],
  ): Promise<Committed> {
    // Side writes are numbered in order, one each; a record keeps its last write and that
    // write's number (one statement may not touch a row twice). A deletion is kept as a null
    // value, so that other instances can learn of it (sideSince), until a compaction.
    const last = new Map<string, { write: SideWrite; index: number }>();
    for (const [index, write] of side.entries()) {
      last.set(JSON.stringify([write.kind, write.key]), { write, index });
    }
    const writes = [...last.values()];
    const { rows } = await this.#pool.query<{ last: string; last_side: string }>(
      `WITH b AS (
         UPDATE boards SET next_seq = next_seq + $2, next_side_seq = next_side_seq + $3,
                changed_at = CASE WHEN $2 + $3 > 0 THEN now() ELSE changed_at END
          WHERE id = $1
         RETURNING next_seq - $2 AS first, next_side_seq - $3 AS side_first
       ), inserted AS (
         INSERT INTO board_updates (board_id, seq, data)
         SELECT $1, b.first + u.i - 1, u.data
           FROM b, unnest($4::bytea[]) WITH ORDINALITY AS u (data, i)
       ), written AS (
         INSERT INTO side_state (board_id, kind, key, value, seq)
         SELECT $1, s.kind, s.key, s.value, b.side_first + s.i
           FROM b, unnest($5::text[], $6::text[], $7::text[], $8::int[]) AS s (kind, key, value, i)
         ON CONFLICT (board_id, kind, key) DO UPDATE SET value = EXCLUDED.value, seq = EXCLUDED.seq
       )
       SELECT first + $2 - 1 AS last, side_first + $3 - 1 AS last_side FROM b`,
      [
        boardId,
        updates.length,
        side.length,
        updates,
        writes.map((w) => w.write.kind),
        writes.map((w) => w.write.key),
        writes.map((w) => w.write.value),
        writes.map((w) => w.index),
      ],
    );
    const row = rows[0];
    if (!row) throw new BoardMissingError(boardId);
    return { lastSeq: Number(row.last), lastSideSeq: Number(row.last_side) };
  }

  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.#compact(boardId, snapshot, throughSeq, null);
  }

  #compact(boardId: string, snapshot: Uint8Array, throughSeq: number, lease: string | null) {
    return this.#transaction(async (client) => {
      if (lease !== null) {
        // The fence: a compaction that outlived its lease (someone else holds it now, or held
        // and released it) writes nothing. The row lock keeps the lease ours until COMMIT.
        const held = await client.query(
          `SELECT 1 FROM compaction_leases
            WHERE board_id = $1 AND token = $2 AND expires_at > clock_timestamp() FOR UPDATE`,
          [boardId, lease],
        );
        if (held.rowCount !== 1) throw new LeaseLostError(boardId);
      }
      const { rows } = await client.query<{ snapshot_seq: string }>(
        'SELECT snapshot_seq FROM boards WHERE id = $1 FOR UPDATE',
        [boardId],
      );
      const row = rows[0];
      if (!row) throw new BoardMissingError(boardId);
      if (throughSeq <= Number(row.snapshot_seq)) return;
      await client.query('UPDATE boards SET snapshot = $2, snapshot_seq = $3 WHERE id = $1', [
        boardId,
        snapshot,
        throughSeq,
      ]);
      await client.query('DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2', [
        boardId,
        throughSeq,
      ]);
      // Forget deletions: an instance behind this asks sideSince and gets every record.
      await client.query('DELETE FROM side_state WHERE board_id = $1 AND value IS NULL', [boardId]);
      await client.query('UPDATE boards SET side_pruned_seq = next_side_seq - 1 WHERE id = $1', [
        boardId,
      ]);
    });
  }

  async withCompactionLease<T>(
    boardId: string,
    work: (compact: CompactFn) => Promise<T>,
  ): Promise<T | null> {
    const token = randomUUID();
    let acquired: number | null;
    try {
      ({ rowCount: acquired } = await this.#pool.query(
        `INSERT INTO compaction_leases (board_id, token, expires_at)
           SELECT $1, $2, clock_timestamp() + $3 * interval '1 millisecond'
            WHERE EXISTS (SELECT 1 FROM boards WHERE id = $1)
         ON CONFLICT (board_id) DO UPDATE
           SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
           WHERE compaction_leases.expires_at <= clock_timestamp()`,
        [boardId, token, this.#leaseMs],
      ));
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) return null; // the board went meanwhile
      throw error;
    }
    if (acquired !== 1) return null;
    const renew = setInterval(() => {
      this.#pool
        .query(
          `UPDATE compaction_leases SET expires_at = clock_timestamp() + $3 * interval '1 millisecond'
            WHERE board_id = $1 AND token = $2 AND expires_at > clock_timestamp()`,
          [boardId, token, this.#leaseMs],
        )
        .then(({ rowCount }) => {
          if (rowCount !== 1) clearInterval(renew); // lost: the fence refuses our compaction
        })
        .catch((error) => this.#log.warn('compaction lease not renewed', { error }));
    }, this.#leaseRenewMs);
    renew.unref();
    try {
      return await work((snapshot, throughSeq) =>
        this.#compact(boardId, snapshot, throughSeq, token),
      );
    } finally {
      clearInterval(renew);
      await this.#pool
        .query('DELETE FROM compaction_leases WHERE board_id = $1 AND token = $2', [boardId, token])
        .catch(() => {}); // it expires by itself
    }
  }

  async boardsUnchangedSince(at: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      'SELECT id FROM boards WHERE changed_at < to_timestamp($1 / 1000.0) ORDER BY id',
      [at],
    );
    return rows.map((row) => row.id);
  }

  /** The log, side state, generations and lease go with it (ON DELETE CASCADE). */
  async deleteBoard(boardId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query('DELETE FROM boards WHERE id = $1', [boardId]);
    return (rowCount ?? 0) > 0;
  }

  async linkGeneration(boardId: string, role: Role): Promise<number> {
    const { rows } = await this.#pool.query<{ generation: number }>(
      'SELECT generation FROM link_generations WHERE board_id = $1 AND role = $2',
      [boardId, role],
    );
    return rows[0]?.generation ?? 0;
  }

  async revokeLinks(boardId: string, role: Role): Promise<number> {
    try {
      const { rows } = await this.#pool.query<{ generation: number }>(
        `INSERT INTO link_generations (board_id, role, generation) VALUES ($1, $2, 1)
         ON CONFLICT (board_id, role)
           DO UPDATE SET generation = link_generations.generation + 1
         RETURNING generation`,
        [boardId, role],
      );
      return rows[0]?.generation ?? 0;
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) throw new BoardMissingError(boardId);
      throw error;
    }
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#appending]);
    await this.#pool.end();
  }

  async #transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      // A connection that could not even roll back is not given to the next caller.
      client.release(broken);
    }
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}
