import type { CompactFn, Storage } from './Storage';

/**
 * The compaction lease of storage that one process owns (SQLite, memory): the set of boards
 * being compacted. Nothing outside this process writes, so the lease cannot be lost.
 */
export class LocalLeases {
  readonly #held = new Set<string>();

  async run<T>(
    storage: Pick<Storage, 'boardExists' | 'compact'>,
    boardId: string,
    work: (compact: CompactFn) => Promise<T>,
  ): Promise<T | null> {
    if (this.#held.has(boardId)) return null;
    this.#held.add(boardId);
    try {
      if (!(await storage.boardExists(boardId))) return null;
      return await work((snapshot, throughSeq) => storage.compact(boardId, snapshot, throughSeq));
    } finally {
      this.#held.delete(boardId);
    }
  }
}
