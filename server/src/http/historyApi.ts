import type http from 'node:http';
import {
  boardLink,
  boardPath,
  diffBoards,
  MetaKey,
  metaMap,
  newId,
  type Role,
  readBoard,
  restoreContentOnto,
} from '@paja/shared';
import * as Y from 'yjs';
import { mintToken } from '../auth/access';
import { snapshotDoc } from '../history/BoardHistory';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
import { HttpError, readJson } from './readJson';
import { sendJson } from './staticFiles';

export interface HistoryApiContext {
  storage: Storage;
  secret: string;
  rooms: RoomRegistry;
  baseUrl(): string;
}

async function body(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const value = await readJson(req, 4096);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * `/api/boards/:id/snapshots[/:sid[/diff|/restore]]`, for facilitators (a snapshot holds the
 * board as it was, which other roles may have seen, but restoring and naming are the
 * facilitator's; listing stays with them too, to keep the surface small).
 *   GET    /snapshots                 -> { snapshots: [{ id, name, at, by, auto }] }, newest first
 *   POST   /snapshots  { name, by }   -> 201 the new snapshot
 *   GET    /snapshots/:sid            -> { snapshot, board } (the board as it was, read-only)
 *   GET    /snapshots/:sid/diff?against=now|<sid>  -> { diff, before, after } (from the snapshot
 *          to `against`; both boards, so that the page can draw the changes on the canvas)
 *   POST   /snapshots/:sid/restore { mode: "onto" | "new", by?: name } ("onto" keeps a
 *          snapshot of now first, and brings back the content only: restoreContentOnto)
 *   DELETE /snapshots/:sid?by=<name>  (written in the board's audit log)
 */
export async function handleHistoryApi(
  ctx: HistoryApiContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  boardId: string,
  role: Role,
  rest: string,
  search: URLSearchParams,
): Promise<void> {
  if (role !== 'facilitator') throw new HttpError(403, 'only facilitators use the history');
  const room = await ctx.rooms.get(boardId);
  if (!room) throw new HttpError(404, 'no such board');
  const [sid, action, ...extra] = rest.split('/').filter(Boolean);
  if (extra.length > 0) throw new HttpError(404, 'no such route');
  if (!sid) {
    if (req.method === 'GET') {
      sendJson(res, 200, { snapshots: room.history.list() });
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Use GET or POST');
    const input = await body(req);
    const name = typeof input.name === 'string' ? input.name : '';
    const by = typeof input.by === 'string' ? input.by : '';
    if (name.trim() === '') throw new HttpError(400, 'a snapshot needs a name');
    sendJson(res, 201, room.history.take({ name, by }));
    return;
  }
  const record = room.history.get(sid);
  if (!record) throw new HttpError(404, 'no such snapshot');
  const { state: _state, ...info } = record;
  if (!action) {
    if (req.method === 'DELETE') {
      room.history.delete(sid, (search.get('by') ?? '').slice(0, 120));
      await room.committed();
      sendJson(res, 200, { deleted: sid });
      return;
    }
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET or DELETE');
    const doc = snapshotDoc(record);
    sendJson(res, 200, { snapshot: info, board: readBoard(doc) });
    doc.destroy();
    return;
  }
  if (action === 'diff') {
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET');
    const against = search.get('against') ?? 'now';
    const before = snapshotDoc(record);
    let after: Y.Doc = room.doc;
    if (against !== 'now') {
      const other = room.history.get(against);
      if (!other) throw new HttpError(404, 'no such snapshot to compare with');
      after = snapshotDoc(other);
    }
    const from = readBoard(before);
    const to = readBoard(after);
    sendJson(res, 200, { diff: diffBoards(from, to), before: from, after: to });
    before.destroy();
    if (after !== room.doc) after.destroy();
    return;
  }
  if (action === 'restore') {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
    const input = await body(req);
    const mode = input.mode;
    const doc = snapshotDoc(record);
    try {
      if (mode === 'onto') {
        // The board as it is now is kept first, so a restore can itself be taken back. Then
        // one server change that everyone connected receives; history is never rewritten.
        // Only the content goes back: comments, votes and settings stay (restoreContentOnto).
        const by = typeof input.by === 'string' ? input.by : '';
        room.history.take({ name: '', by, auto: 'restore' });
        room.transactAsServer((live) => restoreContentOnto(live, doc));
        await room.committed();
        sendJson(res, 200, { restored: sid });
        return;
      }
      if (mode !== 'new') throw new HttpError(400, 'mode must be "onto" or "new"');
      const id = newId();
      // A copy starts unpublished: publishing it is its facilitator's choice, not the old one's.
      metaMap(doc).delete(MetaKey.publication);
      await ctx.storage.createBoard(id, Y.encodeStateAsUpdate(doc));
      const token = await mintToken(ctx.secret, ctx.storage, id, 'facilitator');
      sendJson(res, 201, {
        id,
        token,
        path: boardPath(id),
        url: boardLink(ctx.baseUrl(), id, token),
      });
    } finally {
      doc.destroy();
    }
    return;
  }
  throw new HttpError(404, 'no such route');
}
