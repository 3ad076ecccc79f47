import {
  BACKUP_MAX_BYTES,
  type BackupProblem,
  type BoardView,
  metaMap,
  migrate,
  newId,
  readBoard,
} from '@paja/shared';
import * as Y from 'yjs';
import type { Storage } from '../storage/Storage';

/**
 * The JSON backup of a board. `board` is the board as plain data (readBoard: notes, clusters,
 * roadmap, comments, vote results), for people and other programs; `state` is the whole
 * document (a Yjs update, base64), which is what an import reads back, because only it
 * restores the board exactly: text merge history, ids, order keys and all. Secrets held by the
 * server outside the document (open votes, private notes, pending comments) are in neither.
 */
export const BACKUP_FORMAT = 'paja-board';
export const BACKUP_VERSION = 1;

export interface BoardBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  board: BoardView;
  state: string;
}

export function renderBackup(board: BoardView, state: Uint8Array, now = Date.now()): Buffer {
  const backup: BoardBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    board,
    state: Buffer.from(state).toString('base64'),
  };
  return Buffer.from(`${JSON.stringify(backup, null, 2)}\n`, 'utf8');
}

export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a backup into a fresh document, migrated to this server's schema. Anything that is not
 * a Paja backup, or whose state does not make a board, is refused with a BackupError.
 */
export function readBackup(bytes: Uint8Array): Y.Doc {
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
    readBoard(doc);
  } catch (error) {
    doc.destroy();
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'unreadable',
      `the backup's board cannot be read: ${error instanceof Error ? error.message : error}`,
    );
  }
  return doc;
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

/** Imports a backup as a new board; returns its id. The original board is not touched. */
export async function importBackup(storage: Storage, bytes: Uint8Array): Promise<string> {
  const doc = readBackup(bytes);
  const id = newId();
  await storage.createBoard(id, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return id;
}
