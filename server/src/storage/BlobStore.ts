/**
 * Files stored beside a board: uploaded images (re-encoded by the server) with their
 * thumbnails, and attachments. They never enter the board's document (every client receives
 * every byte of it); the document names an image by its id. Each storage adapter has one
 * (`storage.blobs`) and all pass the blob part of storageContract.ts. A board's blobs go when
 * the board goes (ON DELETE CASCADE where the adapter has it). A picture no item names any
 * more is deleted after a grace period by media/MediaSweep.ts, through `list` and `delete`.
 */
export type BlobKind = 'image' | 'thumb' | 'attachment';

export const BLOB_KINDS: readonly BlobKind[] = ['image', 'thumb', 'attachment'];

/** What is known of a stored file without reading its bytes. */
export interface BlobInfo {
  /** Unique on its board; chosen by the caller (random). */
  id: string;
  kind: BlobKind;
  /** The media type it is served with; the server decided it from the content, never the uploader. */
  mime: string;
  /** The name it is downloaded as (attachments) or the uploaded file's name (images). */
  name: string;
  /** Length of `data` in bytes. */
  bytes: number;
  /** ms since epoch. */
  createdAt: number;
}

export interface StoredBlob extends BlobInfo {
  data: Uint8Array;
}

export interface BlobStore {
  /**
   * Stores files on a board in ONE transaction (an image and its thumbnail together). Fails
   * with BoardMissingError if the board does not exist and BlobExistsError if an id is taken
   * (ids are never reused, so a file's address always means the same bytes).
   */
  put(boardId: string, blobs: readonly StoredBlob[]): Promise<void>;
  /** The file, or null. */
  get(boardId: string, id: string): Promise<StoredBlob | null>;
  /** Every file of the board without its bytes, oldest first (ties by id). */
  list(boardId: string): Promise<BlobInfo[]>;
  /** Deletes these files in one transaction; resolves to how many existed. */
  delete(boardId: string, ids: readonly string[]): Promise<number>;
  /** Bytes of all the board's files together: they count toward the board's size limit. */
  totalBytes(boardId: string): Promise<number>;
}

export class BlobExistsError extends Error {
  constructor(id: string) {
    super(`A file with id ${id} exists already on this board`);
    this.name = 'BlobExistsError';
  }
}

/** Orders files as `list` must: oldest first, ties by id. */
export function byAge(a: BlobInfo, b: BlobInfo): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A BlobInfo without the bytes (a copy, so callers cannot change what is stored). */
export function infoOf(blob: BlobInfo): BlobInfo {
  const { id, kind, mime, name, bytes, createdAt } = blob;
  return { id, kind, mime, name, bytes, createdAt };
}
