import type http from 'node:http';
import { can, readMeta } from '@paja/shared';
import { authorize } from '../auth/access';
import { auditCsv, commentsCsv, exportedComments } from '../moderation/exports';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
import { HttpError } from './readJson';
import { sendJson } from './staticFiles';

/** `/api/boards/<id>/moderation/<file>`: the exports moderators and facilitators may read. */
export const MODERATION_EXPORT =
  /^\/api\/boards\/([^/]+)\/moderation\/(comments|audit)\.(csv|json)$/;

/** What the moderation exports need of the board API (its own window, so no import circle). */
export interface ModerationApiContext {
  secret: string;
  storage: Storage;
  rooms: RoomRegistry;
}

/**
 * Serves one export. The token must be a moderator's or a facilitator's (the `moderate`
 * action); the board is loaded if it is not (its held comments are side state of the room).
 */
export async function handleModerationExport(
  ctx: ModerationApiContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  boardId: string,
  what: 'comments' | 'audit',
  format: 'csv' | 'json',
  token: string | null,
): Promise<void> {
  if (req.method !== 'GET') throw new HttpError(405, 'Use GET to export');
  const access = await authorize(ctx.secret, ctx.storage, boardId, token);
  if (!access.ok) throw new HttpError(access.status, access.reason);
  if (!can(access.role, 'moderate')) {
    throw new HttpError(403, 'only moderators and facilitators can export comments');
  }
  const room = await ctx.rooms.get(boardId);
  if (!room) throw new HttpError(404, 'no such board');
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `paja-${boardId}-${what}-${stamp}.${format}`;
  if (format === 'json') {
    const body =
      what === 'comments'
        ? { comments: exportedComments(room.doc, room.moderation.allComments()) }
        : { audit: room.moderation.auditLog() };
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    sendJson(res, 200, body);
    return;
  }
  const text =
    what === 'comments'
      ? commentsCsv(exportedComments(room.doc, room.moderation.allComments()))
      : auditCsv(room.moderation.auditLog(), readMeta(room.doc).locale);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  res.end(text);
}
