import type { Role } from '@paja/shared';
import { LocalLeases } from './localLeases';
import { MemoryBlobs } from './MemoryBlobs';
import {
  BoardExistsError,
  BoardMissingError,
  type CompactFn,
  type SideWrite,
  type Storage,
  type StoredBoard,
  type StoredTail,
} from './Storage';

interface MemoryBoard {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: { seq: number; data: Uint8Array }[];
  nextSeq: number;
  generations: Map<Role, number>;
  createdAt: number;
  /** Side state by kind, then key: JSON text. */
  side: Map<string, Map<string, string>>;
}

/** Keeps boards in process memory: for tests and throwaway demos, never for real workshops. */
export class MemoryStorage implements Storage {
  readonly #boards = new Map<string, MemoryBoard>();
  readonly #leases = new LocalLeases();
  readonly blobs = new MemoryBlobs((boardId) => this.#boards.has(boardId));

  async createBoard(boardId: string, initialState: Uint8Array): Promise<void> {
    if (this.#boards.has(boardId)) throw new BoardExistsError(boardId);
    this.#boards.set(boardId, {
      snapshot: initialState.slice(),
      snapshotSeq: 0,
      updates: [],
      nextSeq: 1,
      generations: new Map(),
      createdAt: Date.now(),
      side: new Map(),
    });
  }

  async boardExists(boardId: string): Promise<boolean> {
    return this.#boards.has(boardId);
  }

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    const board = this.#boards.get(boardId);
    const tail = await this.updatesSince(boardId, -1);
    if (!board || !tail) return null;
    return {
      ...tail,
      side: [...board.side].flatMap(([kind, records]) =>
        [...records].map(([key, value]) => ({ kind, key, value })),
      ),
    };
  }

  async updatesSince(boardId: string, afterSeq: number): Promise<StoredTail | null> {
    const board = this.#boards.get(boardId);
    if (!board) return null;
    return {
      snapshot: board.snapshotSeq > afterSeq ? (board.snapshot?.slice() ?? null) : null,
      updates: board.updates.filter((u) => u.seq > afterSeq).map((u) => u.data.slice()),
      lastSeq: board.updates.at(-1)?.seq ?? board.snapshotSeq,
    };
  }

  async appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[] = [],
  ): Promise<number> {
    const board = this.#boards.get(boardId);
    if (!board) throw new BoardMissingError(boardId);
    for (const data of updates) board.updates.push({ seq: board.nextSeq++, data: data.slice() });
    for (const { kind, key, value } of side) {
      const records = board.side.get(kind) ?? new Map<string, string>();
      if (value === null) records.delete(key);
      else records.set(key, value);
      if (records.size > 0) board.side.set(kind, records);
      else board.side.delete(kind);
    }
    return board.nextSeq - 1;
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const board = this.#boards.get(boardId);
    if (!board) throw new BoardMissingError(boardId);
    if (throughSeq <= board.snapshotSeq) return;
    board.snapshot = snapshot.slice();
    board.snapshotSeq = throughSeq;
    board.updates = board.updates.filter((u) => u.seq > throughSeq);
  }

  withCompactionLease<T>(boardId: string, work: (compact: CompactFn) => Promise<T>) {
    return this.#leases.run(this, boardId, work);
  }

  async linkGeneration(boardId: string, role: Role): Promise<number> {
    return this.#boards.get(boardId)?.generations.get(role) ?? 0;
  }

  async revokeLinks(boardId: string, role: Role): Promise<number> {
    const board = this.#boards.get(boardId);
    if (!board) throw new BoardMissingError(boardId);
    const next = (board.generations.get(role) ?? 0) + 1;
    board.generations.set(role, next);
    return next;
  }

  async boardsCreatedBefore(at: number): Promise<string[]> {
    return [...this.#boards].filter(([, board]) => board.createdAt < at).map(([id]) => id);
  }

  async deleteBoard(boardId: string): Promise<boolean> {
    this.blobs.dropBoard(boardId);
    return this.#boards.delete(boardId);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
