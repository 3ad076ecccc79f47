import type Database from 'better-sqlite3';
import { BlobExistsError, type BlobInfo, type BlobKind, type StoredBlob } from './BlobStore';
import { BoardMissingError } from './Storage';

interface Row {
  id: string;
  kind: BlobKind;
  mime: string;
  name: string;
  bytes: number;
  created_at: number;
}

const info = (row: Row): BlobInfo => ({
  id: row.id,
  kind: row.kind,
  mime: row.mime,
  name: row.name,
  bytes: row.bytes,
  createdAt: row.created_at,
});

/**
 * A board's files in the SQLite file (table `blobs`, schema step 3), used synchronously like
 * SqliteDatabase: in the storage worker for the server, in-thread for the command line.
 */
export class SqliteBlobs {
  readonly #putTx: (boardId: string, blobs: readonly StoredBlob[]) => void;
  readonly #get: Database.Statement<[string, string], Row & { data: Uint8Array }>;
  readonly #list: Database.Statement<[string], Row>;
  readonly #deleteTx: (boardId: string, ids: readonly string[]) => number;
  readonly #total: Database.Statement<[string], { total: number | null }>;

  constructor(db: Database.Database) {
    const exists = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM boards WHERE id = ?',
    );
    const insert = db.prepare<[string, string, string, string, string, number, number, Uint8Array]>(
      `INSERT INTO blobs (board_id, id, kind, mime, name, bytes, created_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#putTx = db.transaction((boardId: string, blobs: readonly StoredBlob[]) => {
      if (!exists.get(boardId)) throw new BoardMissingError(boardId);
      for (const b of blobs) {
        try {
          insert.run(boardId, b.id, b.kind, b.mime, b.name, b.data.byteLength, b.createdAt, b.data);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
            throw new BlobExistsError(b.id);
          }
          throw error;
        }
      }
    });
    const columns = 'id, kind, mime, name, bytes, created_at';
    this.#get = db.prepare(`SELECT ${columns}, data FROM blobs WHERE board_id = ? AND id = ?`);
    this.#list = db.prepare(
      `SELECT ${columns} FROM blobs WHERE board_id = ? ORDER BY created_at, id`,
    );
    const remove = db.prepare<[string, string]>('DELETE FROM blobs WHERE board_id = ? AND id = ?');
    this.#deleteTx = db.transaction((boardId: string, ids: readonly string[]) => {
      let deleted = 0;
      for (const id of new Set(ids)) deleted += remove.run(boardId, id).changes;
      return deleted;
    });
    this.#total = db.prepare('SELECT sum(bytes) AS total FROM blobs WHERE board_id = ?');
  }

  put(boardId: string, blobs: readonly StoredBlob[]): void {
    this.#putTx(boardId, blobs);
  }

  get(boardId: string, id: string): StoredBlob | null {
    const row = this.#get.get(boardId, id);
    return row ? { ...info(row), data: new Uint8Array(row.data) } : null;
  }

  list(boardId: string): BlobInfo[] {
    return this.#list.all(boardId).map(info);
  }

  delete(boardId: string, ids: readonly string[]): number {
    return this.#deleteTx(boardId, ids);
  }

  totalBytes(boardId: string): number {
    return this.#total.get(boardId)?.total ?? 0;
  }
}

/** Methods of SqliteBlobs, by name: the storage worker calls them for the server thread. */
export type SqliteBlobMethod = 'put' | 'get' | 'list' | 'delete' | 'totalBytes';
