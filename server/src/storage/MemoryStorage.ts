import type { Role } from '@paja/shared';
import { LocalLeases } from './localLeases';
import { MemoryBlobs } from './MemoryBlobs';
import {
  BoardExistsError,
  BoardMissingError,
  type Committed,
  type CompactFn,
  type NumberedSideWrite,
  type SideTail,
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
  /** When an update or a side-state write was last stored (or the board was created). */
  changedAt: number;
  /** Side state by kind and key (JSON, see sideKey): the last write, deletions too. */
  side: Map<string, NumberedSideWrite>;
  nextSideSeq: number;
  /** Deletions numbered up to here were forgotten (by a compaction). */
  prunedSideSeq: number;
}

const sideKey = (kind: string, key: string) => JSON.stringify([kind, key]);

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
      changedAt: Date.now(),
      side: new Map(),
      nextSideSeq: 1,
      prunedSideSeq: 0,
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
      side: liveRecords(board).map(({ kind, key, value }) => ({ kind, key, value: value ?? '' })),
      lastSideSeq: board.nextSideSeq - 1,
    };
  }

  async sideSince(boardId: string, afterSideSeq: number): Promise<SideTail | null> {
    const board = this.#boards.get(boardId);
    if (!board) return null;
    const reset = afterSideSeq < board.prunedSideSeq;
    const writes = reset
      ? liveRecords(board)
      : [...board.side.values()].filter((write) => write.seq > afterSideSeq);
    return {
      lastSideSeq: board.nextSideSeq - 1,
      reset,
      writes: writes.sort((a, b) => a.seq - b.seq).map((write) => ({ ...write })),
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
  ): Promise<Committed> {
    const board = this.#boards.get(boardId);
    if (!board) throw new BoardMissingError(boardId);
    for (const data of updates) board.updates.push({ seq: board.nextSeq++, data: data.slice() });
    for (const { kind, key, value } of side) {
      // Re-inserted, so that the map's order stays the order of the last writes.
      board.side.delete(sideKey(kind, key));
      board.side.set(sideKey(kind, key), { kind, key, value, seq: board.nextSideSeq++ });
    }
    if (updates.length > 0 || side.length > 0) board.changedAt = Date.now();
    return { lastSeq: board.nextSeq - 1, lastSideSeq: board.nextSideSeq - 1 };
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const board = this.#boards.get(boardId);
    if (!board) throw new BoardMissingError(boardId);
    if (throughSeq <= board.snapshotSeq) return;
    board.snapshot = snapshot.slice();
    board.snapshotSeq = throughSeq;
    board.updates = board.updates.filter((u) => u.seq > throughSeq);
    for (const [id, write] of board.side) if (write.value === null) board.side.delete(id);
    board.prunedSideSeq = board.nextSideSeq - 1;
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

  async boardsUnchangedSince(at: number): Promise<string[]> {
    return [...this.#boards].filter(([, board]) => board.changedAt < at).map(([id]) => id);
  }

  async deleteBoard(boardId: string): Promise<boolean> {
    this.blobs.dropBoard(boardId);
    return this.#boards.delete(boardId);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

/** The records a board holds (deletions left out), in the order they were last written. */
function liveRecords(board: MemoryBoard): NumberedSideWrite[] {
  return [...board.side.values()].filter((write) => write.value !== null);
}
