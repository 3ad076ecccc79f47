import { createRequire } from 'node:module';
import type { Role } from '@paja/shared';
import type Database from 'better-sqlite3';
import { SqliteBlobs } from './SqliteBlobs';
import {
  BoardExistsError,
  BoardMissingError,
  type Committed,
  type NumberedSideWrite,
  type SideTail,
  type SideWrite,
  type StoredBoard,
  type StoredTail,
} from './Storage';
import { sqliteFileIn } from './sqliteFile';
import { migrateSchema } from './sqliteMigrations';

/** One board's share of a group commit. */
export interface AppendRequest {
  boardId: string;
  updates: readonly Uint8Array[];
  side: readonly SideWrite[];
}

/**
 * better-sqlite3, loaded when the first database is opened, not when this module is: the server
 * thread imports this module (WorkerSqliteStorage commits quiet rounds here) but opens a
 * database only after it listens, and loading the addon at start would delay accepting
 * connections (docs/ARCHITECTURE.md, "Start-up"). A static import is hoisted to the top of the
 * compiled bundle by esbuild even when the module importing it is loaded lazily.
 */
const openDatabase = (file: string): Database.Database => {
  const BetterSqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return new BetterSqlite(file);
};

/**
 * The SQLite file itself, used synchronously: one WAL database, prepared statements, one
 * transaction per call. Used inside the storage worker (and by SqliteStorage in-thread, for the
 * command line and tests). Calls are short; their order is the order of appends.
 */
export class SqliteDatabase {
  readonly #db: Database.Database;
  readonly #createTx: (boardId: string, now: number, state: Uint8Array) => void;
  readonly #exists: Database.Statement<[string], { one: number }>;
  readonly #board: Database.Statement<
    [string],
    {
      snapshot_seq: number;
      next_seq: number;
      next_side_seq: number;
      side_pruned_seq: number;
    }
  >;
  readonly #snapshot: Database.Statement<[string], { snapshot: Uint8Array }>;
  readonly #updates: Database.Statement<[string, number], { seq: number; data: Uint8Array }>;
  readonly #side: Database.Statement<[string], { kind: string; key: string; value: string }>;
  readonly #sideAfter: Database.Statement<[string, number], NumberedSideWrite>;
  readonly #appendTx: Database.Transaction<
    (boardId: string, updates: readonly Uint8Array[], side: readonly SideWrite[]) => Committed
  >;
  readonly #compactTx: (boardId: string, snapshot: Uint8Array, throughSeq: number) => void;
  readonly #generation: Database.Statement<[string, string], { generation: number }>;
  readonly #revokeTx: (boardId: string, role: Role) => number;
  readonly #batchTx: Database.Transaction<
    (requests: readonly AppendRequest[]) => (Committed | Error)[]
  >;
  /** The board's files (BlobStore.ts), in the same database file. */
  readonly blobs: SqliteBlobs;

  /** The database file in a data directory, created if needed. */
  static fileIn(dataDir: string): string {
    return sqliteFileIn(dataDir);
  }

  /**
   * `onServerThread`: this connection commits quiet appends on the server's own thread, beside
   * the storage worker's (WorkerSqliteStorage). It never waits for a lock (another connection's
   * write makes it fail at once with SQLITE_BUSY, and the caller hands the write to the worker)
   * and never checkpoints the log by itself (copying pages back and fsyncing the database file
   * could take milliseconds): the worker does that when asked (`checkpoint`).
   */
  constructor(file: string, options: { onServerThread?: boolean } = {}) {
    this.#db = openDatabase(file);
    this.#db.pragma('journal_mode = WAL');
    // FULL: a committed append survives a power cut, not only a crash of the process; we
    // acknowledge "saved" only after it, and group commit keeps the fsyncs few.
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma(options.onServerThread ? 'busy_timeout = 0' : 'busy_timeout = 5000');
    if (options.onServerThread) this.#db.pragma('wal_autocheckpoint = 0');
    // Deleted rows are overwritten with zeros, not left in free pages or in the unused part
    // of a page: a person removed from a board (history/forgetPerson.ts) must leave the file.
    this.#db.pragma('secure_delete = ON');
    migrateSchema(this.#db);
    this.blobs = new SqliteBlobs(this.#db);
    const insertBoard = this.#db.prepare<[string, number, number]>(
      'INSERT INTO boards (id, created_at, changed_at) VALUES (?, ?, ?)',
    );
    // The snapshot lives in its own table (migration 6): a commit updates the board's row,
    // which then stays a few dozen bytes however large the board grows.
    const writeSnapshot = this.#db.prepare<[string, Uint8Array]>(
      `INSERT INTO board_snapshots (board_id, snapshot) VALUES (?, ?)
       ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot`,
    );
    this.#createTx = this.#db.transaction((boardId: string, now: number, state: Uint8Array) => {
      insertBoard.run(boardId, now, now);
      writeSnapshot.run(boardId, state);
    });
    this.#exists = this.#db.prepare('SELECT 1 AS one FROM boards WHERE id = ?');
    this.#board = this.#db.prepare(
      `SELECT snapshot_seq, next_seq, next_side_seq, side_pruned_seq FROM boards WHERE id = ?`,
    );
    this.#snapshot = this.#db.prepare('SELECT snapshot FROM board_snapshots WHERE board_id = ?');
    this.#updates = this.#db.prepare(
      'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
    );
    this.#side = this.#db.prepare(
      'SELECT kind, key, value FROM side_state WHERE board_id = ? AND value IS NOT NULL ORDER BY seq',
    );
    this.#sideAfter = this.#db.prepare(
      `SELECT kind, key, value, seq FROM side_state WHERE board_id = ? AND seq > ? ORDER BY seq`,
    );
    const nextSeq = this.#db.prepare<[string], { next_seq: number; next_side_seq: number }>(
      'SELECT next_seq, next_side_seq FROM boards WHERE id = ?',
    );
    // A deletion is kept as a null value with its number until a compaction forgets it.
    const writeSide = this.#db.prepare<[string, string, string, string | null, number]>(
      `INSERT INTO side_state (board_id, kind, key, value, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (board_id, kind, key) DO UPDATE SET value = excluded.value, seq = excluded.seq`,
    );
    const forgetDeletions = this.#db.prepare<[string]>(
      `UPDATE boards SET side_pruned_seq = next_side_seq - 1 WHERE id = ?`,
    );
    const dropDeletions = this.#db.prepare<[string]>(
      'DELETE FROM side_state WHERE board_id = ? AND value IS NULL',
    );
    const insertUpdate = this.#db.prepare<[string, number, Uint8Array]>(
      'INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)',
    );
    const setNextSeqs = this.#db.prepare<[number, number, number, string]>(
      'UPDATE boards SET next_seq = ?, next_side_seq = ?, changed_at = ? WHERE id = ?',
    );
    this.#appendTx = this.#db.transaction(
      (boardId: string, updates: readonly Uint8Array[], side: readonly SideWrite[]) => {
        const row = nextSeq.get(boardId);
        if (!row) throw new BoardMissingError(boardId);
        let seq = row.next_seq;
        let sideSeq = row.next_side_seq;
        for (const update of updates) insertUpdate.run(boardId, seq++, update);
        for (const { kind, key, value } of side)
          writeSide.run(boardId, kind, key, value, sideSeq++);
        if (updates.length > 0 || side.length > 0)
          setNextSeqs.run(seq, sideSeq, Date.now(), boardId);
        return { lastSeq: seq - 1, lastSideSeq: sideSeq - 1 };
      },
    );
    const setSnapshotSeq = this.#db.prepare<[number, string]>(
      'UPDATE boards SET snapshot_seq = ? WHERE id = ?',
    );
    const snapshotSeq = this.#db.prepare<[string], { snapshot_seq: number }>(
      'SELECT snapshot_seq FROM boards WHERE id = ?',
    );
    const dropUpdates = this.#db.prepare<[string, number]>(
      'DELETE FROM updates WHERE board_id = ? AND seq <= ?',
    );
    this.#compactTx = this.#db.transaction(
      (boardId: string, snapshot: Uint8Array, throughSeq: number) => {
        const current = snapshotSeq.get(boardId);
        if (!current) throw new BoardMissingError(boardId);
        if (throughSeq <= current.snapshot_seq) return;
        writeSnapshot.run(boardId, snapshot);
        setSnapshotSeq.run(throughSeq, boardId);
        dropUpdates.run(boardId, throughSeq);
        dropDeletions.run(boardId);
        forgetDeletions.run(boardId);
      },
    );
    this.#generation = this.#db.prepare(
      'SELECT generation FROM link_generations WHERE board_id = ? AND role = ?',
    );
    const bump = this.#db.prepare<[string, string]>(
      `INSERT INTO link_generations (board_id, role, generation) VALUES (?, ?, 1)
       ON CONFLICT (board_id, role) DO UPDATE SET generation = generation + 1`,
    );
    // Each board's append runs inside the batch as a nested transaction (a SAVEPOINT): if one
    // board's append throws, only its own writes are rolled back and it gets the error; the
    // other boards of the batch are committed and acknowledged as if it had not been there.
    this.#batchTx = this.#db.transaction((requests: readonly AppendRequest[]) =>
      requests.map((request) => {
        // A board that does not exist throws BoardMissingError in its append, caught here.
        try {
          return this.#appendTx(request.boardId, request.updates, request.side);
        } catch (error) {
          // A broken transaction (the disk, the file) fails the whole batch at its commit.
          if (!this.#db.inTransaction) throw error;
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    this.#revokeTx = this.#db.transaction((boardId: string, role: Role) => {
      if (!this.#exists.get(boardId)) throw new BoardMissingError(boardId);
      bump.run(boardId, role);
      return this.#generation.get(boardId, role)?.generation ?? 0;
    });
  }

  boardsUnchangedSince(at: number): string[] {
    return this.#db
      .prepare<[number], { id: string }>('SELECT id FROM boards WHERE changed_at < ? ORDER BY id')
      .all(at)
      .map((row) => row.id);
  }

  /** The log, side state and link generations go with it (ON DELETE CASCADE). */
  deleteBoard(boardId: string): boolean {
    return this.#db.prepare('DELETE FROM boards WHERE id = ?').run(boardId).changes > 0;
  }

  linkGeneration(boardId: string, role: Role): number {
    return this.#generation.get(boardId, role)?.generation ?? 0;
  }

  revokeLinks(boardId: string, role: Role): number {
    return this.#revokeTx(boardId, role);
  }

  createBoard(boardId: string, initialState: Uint8Array): void {
    try {
      this.#createTx(boardId, Date.now(), initialState);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new BoardExistsError(boardId);
      }
      throw error;
    }
  }

  boardExists(boardId: string): boolean {
    return this.#exists.get(boardId) !== undefined;
  }

  loadBoard(boardId: string): StoredBoard | null {
    // One read transaction so that a concurrent compaction cannot be seen half-done.
    return this.#db.transaction(() => {
      const tail = this.#tail(boardId, -1);
      const board = tail && this.#board.get(boardId);
      if (!tail || !board) return null;
      return { ...tail, side: this.#side.all(boardId), lastSideSeq: board.next_side_seq - 1 };
    })();
  }

  sideSince(boardId: string, afterSideSeq: number): SideTail | null {
    return this.#db.transaction(() => {
      const board = this.#board.get(boardId);
      if (!board) return null;
      const reset = afterSideSeq < board.side_pruned_seq;
      const writes = this.#sideAfter.all(boardId, reset ? 0 : afterSideSeq);
      return {
        lastSideSeq: board.next_side_seq - 1,
        reset,
        writes: reset ? writes.filter((write) => write.value !== null) : writes,
      };
    })();
  }

  updatesSince(boardId: string, afterSeq: number): StoredTail | null {
    return this.#db.transaction(() => this.#tail(boardId, afterSeq))();
  }

  #tail(boardId: string, afterSeq: number): StoredTail | null {
    const board = this.#board.get(boardId);
    if (!board) return null;
    // Read only when the caller is behind it: a catch-up of a few updates leaves it on disk.
    const snapshot =
      board.snapshot_seq > afterSeq ? (this.#snapshot.get(boardId)?.snapshot ?? null) : null;
    const rows = this.#updates.all(boardId, Math.max(afterSeq, board.snapshot_seq));
    return {
      snapshot: snapshot ? new Uint8Array(snapshot) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      // Appends move next_seq in the transaction that inserts, so this is the last update.
      lastSeq: board.next_seq - 1,
    };
  }

  appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[] = [],
  ): Committed {
    return this.#appendTx(boardId, updates, side);
  }

  /**
   * Appends for several boards in ONE transaction (one fsync for all of them). A board that
   * does not exist, or whose append fails, gets its error; the others are committed.
   */
  appendBatch(requests: readonly AppendRequest[]): (Committed | Error)[] {
    const only = requests.length === 1 ? requests[0] : undefined;
    // IMMEDIATE: the write lock is taken at the start, where SQLite waits `busy_timeout` for
    // it; a deferred transaction that has read fails at once when another connection writes.
    if (!only) return this.#batchTx.immediate(requests);
    // A quiet board's commit is a batch of one: its own transaction, without the savepoint
    // (two statements more) that only keeps one board's failure from undoing the others'.
    try {
      return [this.#appendTx.immediate(only.boardId, only.updates, only.side)];
    } catch (error) {
      // Rolled back whole, as its savepoint would have been: the board gets its error.
      return [error instanceof Error ? error : new Error(String(error))];
    }
  }

  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): void {
    this.#compactTx(boardId, snapshot, throughSeq);
  }

  ping(): void {
    this.#db.prepare('SELECT 1').get();
  }

  /**
   * Copies what the write-ahead log holds back into the database file, as far as no reader
   * needs it (PASSIVE: waits for nobody), so that the log starts over and stays small while
   * the server thread's connection, which never checkpoints, does the appends.
   */
  checkpoint(): void {
    this.#db.pragma('wal_checkpoint(PASSIVE)');
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  get open(): boolean {
    return this.#db.open;
  }
}
