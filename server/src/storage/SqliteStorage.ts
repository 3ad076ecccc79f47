import type { Role } from '@paja/shared';
import type { BlobStore } from './BlobStore';
import { LocalLeases } from './localLeases';
import { SqliteDatabase } from './SqliteDatabase';
import type {
  Committed,
  CompactFn,
  SideTail,
  SideWrite,
  Storage,
  StoredBoard,
  StoredTail,
} from './Storage';

/**
 * SQLite in the calling thread. Each call blocks the event loop for its transaction (with an
 * fsync), which is fine for the command line and tests; the server uses WorkerSqliteStorage.
 */
export class SqliteStorage implements Storage {
  readonly #db: SqliteDatabase;
  readonly #leases = new LocalLeases();
  readonly blobs: BlobStore;

  static open(dataDir: string): SqliteStorage {
    return new SqliteStorage(SqliteDatabase.fileIn(dataDir));
  }

  constructor(file: string) {
    this.#db = new SqliteDatabase(file);
    const blobs = this.#db.blobs;
    this.blobs = {
      put: async (boardId, files) => blobs.put(boardId, files),
      get: async (boardId, id) => blobs.get(boardId, id),
      list: async (boardId) => blobs.list(boardId),
      delete: async (boardId, ids) => blobs.delete(boardId, ids),
      totalBytes: async (boardId) => blobs.totalBytes(boardId),
    };
  }

  async createBoard(boardId: string, initialState: Uint8Array): Promise<void> {
    this.#db.createBoard(boardId, initialState);
  }

  async boardExists(boardId: string): Promise<boolean> {
    return this.#db.boardExists(boardId);
  }

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    return this.#db.loadBoard(boardId);
  }

  async updatesSince(boardId: string, afterSeq: number): Promise<StoredTail | null> {
    return this.#db.updatesSince(boardId, afterSeq);
  }

  async appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[] = [],
  ): Promise<Committed> {
    return this.#db.appendUpdates(boardId, updates, side);
  }

  async sideSince(boardId: string, afterSideSeq: number): Promise<SideTail | null> {
    return this.#db.sideSince(boardId, afterSideSeq);
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.#db.compact(boardId, snapshot, throughSeq);
  }

  withCompactionLease<T>(boardId: string, work: (compact: CompactFn) => Promise<T>) {
    return this.#leases.run(this, boardId, work);
  }

  async linkGeneration(boardId: string, role: Role): Promise<number> {
    return this.#db.linkGeneration(boardId, role);
  }

  async revokeLinks(boardId: string, role: Role): Promise<number> {
    return this.#db.revokeLinks(boardId, role);
  }

  async boardsUnchangedSince(at: number): Promise<string[]> {
    return this.#db.boardsUnchangedSince(at);
  }

  async deleteBoard(boardId: string): Promise<boolean> {
    return this.#db.deleteBoard(boardId);
  }

  async ping(): Promise<void> {
    this.#db.ping();
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
