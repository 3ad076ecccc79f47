import { BLOB_ID, type BoardView } from '@paja/shared';
import type { MediaLimits } from '../http/mediaApi';
import { attachmentType, cleanFileName } from '../media/attachmentType';
import { readImageHeader } from '../media/imageFormat';
import { BLOB_KINDS, type BlobInfo, type StoredBlob } from '../storage/BlobStore';
import type { Storage } from '../storage/Storage';
import { BackupError } from './backupError';

/**
 * The files of a board in its JSON backup: every image an item names (with its thumbnail) and
 * every attachment of the Files panel, as base64 with their type and size. The document only
 * names its images, so without them an imported board would show grey boxes. (The backup
 * holds no snapshots, so no file is there for a snapshot's sake.)
 *
 * On import every file is checked before anything is stored, because the backup is a file a
 * person chose and may have been edited by anyone: each must be named (an image or thumbnail
 * by an item of the backup's board, an attachment by its file name), its bytes must be what
 * its type says (read from the content, as an upload is), and each and all together must fit
 * the limits of an upload and of the board. One bad file refuses the whole backup.
 */
export interface BackupFile extends BlobInfo {
  /** The bytes, base64 (`bytes` is the length decoded). */
  data: string;
}

const thumbOf = (id: string) => `${id}.thumb`;

/** The image files the board's items name. */
function namedImages(view: BoardView): Set<string> {
  const ids = new Set<string>();
  for (const note of view.notes) if (note.media?.kind === 'image') ids.add(note.media.blob);
  return ids;
}

/** Reads a board's files for its backup: named images, their thumbnails, every attachment. */
export async function collectBackupFiles(
  storage: Storage,
  boardId: string,
  view: BoardView,
): Promise<StoredBlob[]> {
  const images = namedImages(view);
  const wanted = (await storage.blobs.list(boardId)).filter(
    (file) =>
      file.kind === 'attachment' ||
      (file.kind === 'image' && images.has(file.id)) ||
      (file.kind === 'thumb' && images.has(file.id.replace(/\.thumb$/, ''))),
  );
  const files: StoredBlob[] = [];
  for (const info of wanted) {
    const file = await storage.blobs.get(boardId, info.id);
    if (file) files.push(file);
  }
  return files;
}

/** The files as the backup writes them. */
export function encodeBackupFiles(files: readonly StoredBlob[]): BackupFile[] {
  return files.map(({ id, kind, mime, name, bytes, createdAt, data }) => ({
    id,
    kind,
    mime,
    name,
    bytes,
    createdAt,
    data: Buffer.from(data).toString('base64'),
  }));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Stored images are re-encoded by the server: only these two types are ever stored. */
const IMAGE_MIME: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg' };

/**
 * The backup's `files` checked and decoded, ready to store; [] when it has none (a backup made
 * before files were included). Throws a BackupError naming the first problem.
 */
export function readBackupFiles(
  raw: unknown,
  view: BoardView,
  limits: MediaLimits,
  /** Bytes the board holds already (its document; an import onto a board adds its files). */
  used: number,
  /** Ids of files the board has already: the same id is the same bytes, so they are kept. */
  present: ReadonlySet<string> = new Set(),
): StoredBlob[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new BackupError('fileBroken', 'files is not a list');
  const images = namedImages(view);
  const seen = new Set<string>();
  let total = used;
  const files = raw.map((entry: unknown, index): StoredBlob | null => {
    const at = `file ${index + 1}`;
    const f = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<BackupFile>;
    const kind = BLOB_KINDS.find((k) => k === f.kind);
    if (!kind || typeof f.mime !== 'string' || typeof f.data !== 'string' || !BASE64.test(f.data)) {
      throw new BackupError('fileBroken', `${at} has no kind, type or data`);
    }
    const id = typeof f.id === 'string' ? f.id : '';
    const owner = kind === 'thumb' ? id.replace(/\.thumb$/, '') : id;
    const named =
      BLOB_ID.test(owner) &&
      (kind === 'attachment'
        ? typeof f.name === 'string' && f.name.trim() !== ''
        : images.has(owner) && (kind === 'image' ? id === owner : id === thumbOf(owner)));
    if (!named || seen.has(id)) {
      throw new BackupError('fileUnnamed', `${at} is not named by anything on the board`);
    }
    seen.add(id);
    if (present.has(id)) return null;
    const data = new Uint8Array(Buffer.from(f.data, 'base64'));
    if (f.bytes !== data.byteLength) {
      throw new BackupError('fileBroken', `${at} is not as long as it says`);
    }
    const max = kind === 'attachment' ? limits.maxAttachmentBytes : limits.maxImageBytes;
    if (data.byteLength > max) {
      throw new BackupError('fileTooBig', `${at} is larger than ${max} bytes`);
    }
    total += data.byteLength;
    if (total > limits.maxBoardBytes) {
      throw new BackupError(
        'boardFull',
        `the board and its files are larger than the board limit of ${limits.maxBoardBytes} bytes`,
      );
    }
    let name = typeof f.name === 'string' ? f.name.slice(0, 200) : '';
    if (kind === 'attachment') {
      const type = attachmentType(data);
      if (type?.mime !== f.mime) throw new BackupError('fileType', `${at} is not a ${f.mime}`);
      name = cleanFileName(name, type.extension);
    } else {
      const header = readImageHeader(data);
      if (!header || IMAGE_MIME[header.format] !== f.mime) {
        throw new BackupError('fileType', `${at} is not a ${f.mime}`);
      }
    }
    const createdAt = Number.isSafeInteger(f.createdAt) ? (f.createdAt as number) : Date.now();
    return { id, kind, mime: f.mime, name, bytes: data.byteLength, createdAt, data };
  });
  return files.filter((file) => file !== null);
}
