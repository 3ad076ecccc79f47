import {
  BlobExistsError,
  type BlobInfo,
  type BlobStore,
  byAge,
  infoOf,
  type StoredBlob,
} from './BlobStore';
import { BoardMissingError } from './Storage';

const copy = (blob: StoredBlob): StoredBlob => ({ ...blob, data: blob.data.slice() });

/** Files in process memory, beside MemoryStorage's boards. */
export class MemoryBlobs implements BlobStore {
  readonly #files = new Map<string, Map<string, StoredBlob>>();
  readonly #exists: (boardId: string) => boolean;

  constructor(exists: (boardId: string) => boolean) {
    this.#exists = exists;
  }

  async put(boardId: string, blobs: readonly StoredBlob[]): Promise<void> {
    if (!this.#exists(boardId)) throw new BoardMissingError(boardId);
    const files = this.#files.get(boardId) ?? new Map<string, StoredBlob>();
    const ids = new Set<string>();
    for (const blob of blobs) {
      if (files.has(blob.id) || ids.has(blob.id)) throw new BlobExistsError(blob.id);
      ids.add(blob.id);
    }
    for (const blob of blobs) files.set(blob.id, copy({ ...blob, bytes: blob.data.byteLength }));
    this.#files.set(boardId, files);
  }

  async get(boardId: string, id: string): Promise<StoredBlob | null> {
    const blob = this.#files.get(boardId)?.get(id);
    return blob ? copy(blob) : null;
  }

  async list(boardId: string): Promise<BlobInfo[]> {
    return [...(this.#files.get(boardId)?.values() ?? [])].map(infoOf).sort(byAge);
  }

  async delete(boardId: string, ids: readonly string[]): Promise<number> {
    const files = this.#files.get(boardId);
    let deleted = 0;
    for (const id of new Set(ids)) if (files?.delete(id)) deleted += 1;
    return deleted;
  }

  /** Forgets every file of a board (the board is deleted). */
  dropBoard(boardId: string): void {
    this.#files.delete(boardId);
  }

  async totalBytes(boardId: string): Promise<number> {
    let total = 0;
    for (const blob of this.#files.get(boardId)?.values() ?? []) total += blob.bytes;
    return total;
  }
}
