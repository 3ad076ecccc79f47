import type http from 'node:http';
import {
  BACKUP_MAX_BYTES,
  type BackupProblem,
  boardLink,
  boardPath,
  restoreOnto,
} from '@paja/shared';
import type * as Y from 'yjs';
import { mintToken } from '../auth/access';
import { BackupError, importBackup, isEmptyBoard, readBackup } from '../export/backup';
import { audit } from '../history/boardAudit';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
import type { MediaLimits } from './mediaApi';
import { sendJson } from './staticFiles';

/** Reads the request's bytes, refusing past the backup limit before reading it all. */
async function readBytes(req: http.IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BACKUP_MAX_BYTES) throw new BackupError('tooBig', 'the backup is too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > BACKUP_MAX_BYTES) throw new BackupError('tooBig', 'the backup is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const STATUS: Partial<Record<BackupProblem, number>> = {
  tooBig: 413,
  fileTooBig: 413,
  boardFull: 413,
  notEmpty: 409,
  fileType: 415,
};

/** A refused backup: 413 when too large, 409 onto a board with content, else 400, with its code. */
function refuse(res: http.ServerResponse, error: BackupError): void {
  const status = STATUS[error.problem] ?? 400;
  sendJson(res, status, { error: error.message, problem: error.problem });
}

/**
 * POST /api/boards/import: the JSON backup (the `json` export) as a new board, for whoever may
 * create boards (the caller checked). Answers like board creation: { id, token, path, url }.
 */
export async function importAsNewBoard(
  storage: Storage,
  secret: string,
  baseUrl: string,
  limits: MediaLimits,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const id = await importBackup(storage, await readBytes(req), limits);
    const token = await mintToken(secret, storage, id, 'facilitator');
    sendJson(res, 201, { id, token, path: boardPath(id), url: boardLink(baseUrl, id, token) });
  } catch (error) {
    if (error instanceof BackupError) refuse(res, error);
    else throw error;
  }
}

/**
 * POST /api/boards/:id/import (facilitators): the backup onto this board, if nothing is on it
 * yet, as one server change everyone connected receives; written in the board's audit log.
 * Its files are stored first (with what the board holds, within the board's limit); if the
 * change cannot be made they are deleted again.
 */
export async function importOntoBoard(
  rooms: RoomRegistry,
  storage: Storage,
  limits: MediaLimits,
  boardId: string,
  by: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  let imported: Y.Doc | null = null;
  try {
    const bytes = await readBytes(req);
    const room = await rooms.get(boardId);
    if (!room) {
      sendJson(res, 404, { error: 'no such board' });
      return;
    }
    if (!isEmptyBoard(room.doc)) {
      throw new BackupError('notEmpty', 'the board has content already: import as a new board');
    }
    const used = room.storedBytes + (await storage.blobs.totalBytes(boardId));
    // A board emptied of its items still has their files: the backup of it brings them back.
    const present = new Set((await storage.blobs.list(boardId)).map((file) => file.id));
    const read = readBackup(bytes, limits, used, present);
    imported = read.doc;
    const from = imported;
    const ids = read.files.map((file) => file.id);
    if (ids.length > 0) await storage.blobs.put(boardId, read.files);
    try {
      room.transactAsServer((doc) => restoreOnto(doc, from));
    } catch (error) {
      await storage.blobs.delete(boardId, ids);
      throw error;
    }
    audit(room.side, {
      action: 'backup-imported',
      by,
      detail: `${bytes.byteLength} bytes, ${ids.length} files`,
    });
    await room.committed();
    sendJson(res, 200, { imported: boardId });
  } catch (error) {
    if (error instanceof BackupError) refuse(res, error);
    else throw error;
  } finally {
    imported?.destroy();
  }
}
