import type http from 'node:http';
import { BACKUP_MAX_BYTES, boardLink, boardPath, restoreOnto } from '@paja/shared';
import type * as Y from 'yjs';
import { mintToken } from '../auth/access';
import { BackupError, importBackup, isEmptyBoard, readBackup } from '../export/backup';
import { audit } from '../history/boardAudit';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
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

/** A refused backup: 413 when too large, 409 onto a board with content, else 400, with its code. */
function refuse(res: http.ServerResponse, error: BackupError): void {
  const status = error.problem === 'tooBig' ? 413 : error.problem === 'notEmpty' ? 409 : 400;
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
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const id = await importBackup(storage, await readBytes(req));
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
 */
export async function importOntoBoard(
  rooms: RoomRegistry,
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
    imported = readBackup(bytes);
    const from = imported;
    room.transactAsServer((doc) => restoreOnto(doc, from));
    audit(room.side, { action: 'backup-imported', by, detail: `${bytes.byteLength} bytes` });
    await room.committed();
    sendJson(res, 200, { imported: boardId });
  } catch (error) {
    if (error instanceof BackupError) refuse(res, error);
    else throw error;
  } finally {
    imported?.destroy();
  }
}
