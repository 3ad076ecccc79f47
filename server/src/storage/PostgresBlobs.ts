import type pg from 'pg';
import {
  BlobExistsError,
  type BlobInfo,
  type BlobKind,
  type BlobStore,
  type StoredBlob,
} from './BlobStore';
import { BoardMissingError } from './Storage';

interface Row {
  id: string;
  kind: BlobKind;
  mime: string;
  name: string;
  bytes: number;
  created_at: string;
}

const info = (row: Row): BlobInfo => ({
  id: row.id,
  kind: row.kind,
  mime: row.mime,
  name: row.name,
  bytes: Number(row.bytes),
  createdAt: Number(row.created_at),
});

const COLUMNS = 'id, kind, mime, name, bytes, created_at';

/** A board's files in PostgreSQL (table `blobs`, migration 2), as bytea rows. */
export class PostgresBlobs implements BlobStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async put(boardId: string, blobs: readonly StoredBlob[]): Promise<void> {
    if (blobs.length === 0) {
      const { rowCount } = await this.#pool.query('SELECT 1 FROM boards WHERE id = $1', [boardId]);
      if (rowCount !== 1) throw new BoardMissingError(boardId);
      return;
    }
    // One statement: all of the files or none of them.
    const values: unknown[] = [boardId];
    const rows = blobs.map((b, i) => {
      values.push(b.id, b.kind, b.mime, b.name, b.data.byteLength, b.createdAt, b.data);
      const at = 2 + i * 7;
      return `($1, $${at}, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`;
    });
    try {
      await this.#pool.query(
        `INSERT INTO blobs (board_id, ${COLUMNS}, data) VALUES ${rows.join(', ')}`,
        values,
      );
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '23503') throw new BoardMissingError(boardId);
      if (code === '23505') throw new BlobExistsError(blobs.map((b) => b.id).join(', '));
      throw error;
    }
  }

  async get(boardId: string, id: string): Promise<StoredBlob | null> {
    const { rows } = await this.#pool.query<Row & { data: Buffer }>(
      `SELECT ${COLUMNS}, data FROM blobs WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    );
    const row = rows[0];
    return row ? { ...info(row), data: new Uint8Array(row.data) } : null;
  }

  async list(boardId: string): Promise<BlobInfo[]> {
    const { rows } = await this.#pool.query<Row>(
      `SELECT ${COLUMNS} FROM blobs WHERE board_id = $1 ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(info);
  }

  async delete(boardId: string, ids: readonly string[]): Promise<number> {
    const { rowCount } = await this.#pool.query(
      'DELETE FROM blobs WHERE board_id = $1 AND id = ANY($2::text[])',
      [boardId, [...new Set(ids)]],
    );
    return rowCount ?? 0;
  }

  async totalBytes(boardId: string): Promise<number> {
    const { rows } = await this.#pool.query<{ total: string | null }>(
      'SELECT sum(bytes) AS total FROM blobs WHERE board_id = $1',
      [boardId],
    );
    return Number(rows[0]?.total ?? 0);
  }
}
