import { BACKUP_MAX_BYTES, type BoardView, metaMap, migrate, newId, readBoard } from '@paja/shared';
import * as Y from 'yjs';
import type { MediaLimits } from '../http/mediaApi';
import type { StoredBlob } from '../storage/BlobStore';
import type { Storage } from '../storage/Storage';
import { BackupError } from './backupError';
import { type BackupFile, encodeBackupFiles, readBackupFiles } from './backupFiles';

export { BackupError } from './backupError';

/**
 * The JSON backup of a board. `board` is the board as plain data (readBoard: notes, clusters,
 * roadmap, comments, vote results), for people and other programs; `state` is the whole
 * document (a Yjs update, base64), which is what an import reads back, because only it
 * restores the board exactly: text merge history, ids, order keys and all. `files` are the
 * images its items show and the attachments of its Files panel (backupFiles.ts); a backup made
 * before they were included has none and still imports (its images are then missing). Secrets
 * held by the server outside the document (open votes, private notes, pending comments) are in
 * none of these.
 */
export const BACKUP_FORMAT = 'paja-board';
export const BACKUP_VERSION = 1;

export interface BoardBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  board: BoardView;
  state: string;
  files?: BackupFile[];
}

export function renderBackup(
  board: BoardView,
  state: Uint8Array,
  files: readonly StoredBlob[] = [],
  now = Date.now(),
): Buffer {
  const backup: BoardBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    board,
    state: Buffer.from(state).toString('base64'),
    files: encodeBackupFiles(files),
  };
  return Buffer.from(`${JSON.stringify(backup, null, 2)}\n`, 'utf8');
}

export interface ReadBackup {
  doc: Y.Doc;
  /** Checked and decoded, to be stored with the board (backupFiles.ts). */
  files: StoredBlob[];
}

/**
 * Reads a backup into a fresh document, migrated to this server's schema, and its files.
 * Anything that is not a Paja backup, whose state does not make a board, or whose files are
 * not what they say or do not fit `limits` (with `used` bytes on the board already), is
 * refused with a BackupError. Files `present` on the board already are left out (kept).
 */
export function readBackup(
  bytes: Uint8Array,
  limits: MediaLimits,
  used = 0,
  present: ReadonlySet<string> = new Set(),
): ReadBackup {
  if (bytes.byteLength > BACKUP_MAX_BYTES) {
    throw new BackupError('tooBig', `the backup is larger than ${BACKUP_MAX_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new BackupError('notJson', 'the file is not JSON');
  }
  const b = parsed as Partial<BoardBackup> | null;
  if (typeof b !== 'object' || b === null || b.format !== BACKUP_FORMAT) {
    throw new BackupError('notBackup', 'the file is not a Paja board backup');
  }
  if (b.version !== BACKUP_VERSION) {
    throw new BackupError('version', `backup version ${String(b.version)} is not supported`);
  }
  if (typeof b.state !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(b.state)) {
    throw new BackupError('noState', 'the backup has no board state');
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Buffer.from(b.state, 'base64'));
    if (metaMap(doc).size === 0) throw new BackupError('empty', 'the backup holds an empty board');
    migrate(doc);
    const view = readBoard(doc);
    const state = Y.encodeStateAsUpdate(doc).byteLength;
    return { doc, files: readBackupFiles(b.files, view, limits, used + state, present) };
  } catch (error) {
    doc.destroy();
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'unreadable',
      `the backup's board cannot be read: ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** A board with nothing on it yet: a backup may be imported onto it. */
export function isEmptyBoard(doc: Y.Doc): boolean {
  const board = readBoard(doc);
  return (
    board.notes.length === 0 &&
    board.clusters.length === 0 &&
    board.comments.length === 0 &&
    board.voteSessions.length === 0 &&
    board.roadmap.lanes.length === 0 &&
    board.roadmap.periods.length === 0
  );
}

/**
 * Imports a backup as a new board with its files; returns its id. The original board is not
 * touched. All or nothing: if the files cannot be stored, the new board is deleted again.
 */
export async function importBackup(
  storage: Storage,
  bytes: Uint8Array,
  limits: MediaLimits,
): Promise<string> {
  const { doc, files } = readBackup(bytes, limits);
  const id = newId();
  try {
    await storage.createBoard(id, Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
  try {
    if (files.length > 0) await storage.blobs.put(id, files);
  } catch (error) {
    await storage.deleteBoard(id);
    throw error;
  }
  return id;
}
