import type { Role } from '@paja/shared';
import { BoardExistsError, BoardMissingError, type Storage, type StoredBoard } from './Storage';

interface MemoryBoard {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: { seq: number; data: Uint8Array }[];
  nextSeq: number;
  generations: Map<Role, number>;
}

/** Keeps boards in process memory: for tests and throwaway demos, never for real workshops. */
export class MemoryStorage implements Storage {
  readonly #boards = new Map<string, MemoryBoard>();

  async createBoard(boardId: string, initialState: Uint8Array): Promise<void> {
    if (this.#boards.has(boardId)) throw new BoardExistsError(boardId);
    this.#boards.set(boardId, {
      snapshot: initialState.slice(),
      snapshotSeq: 0,
      updates: [],
      nextSeq: 1,
      generations: new Map(),
    });
  }

  async boardExists(boardId: string): Promise<boolean> {
    return this.#boards.has(boardId);
  }

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    const board = this.#boards.get(boardId);
    if (!board) return null;
    return {
      snapshot: board.snapshot?.slice() ?? null,
      updates: board.updates.map((u) => u.data.slice()),
      lastSeq: board.updates.at(-1)?.seq ?? board.snapshotSeq,
    };
  }

  async appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    const board = this.#boards.get(boardId);
    if (!board) throw new BoardMissingError(boardId);
    for (const data of updates) board.updates.push({ seq: board.nextSeq++, data: data.slice() });
    return board.nextSeq - 1;
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const board = this.#boards.get(boardId);
    if (!board) throw new BoardMissingError(boardId);
    board.snapshot = snapshot.slice();
    board.snapshotSeq = throughSeq;
    board.updates = board.updates.filter((u) => u.seq > throughSeq);
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

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
