import type http from 'node:http';
import type { Role } from '@paja/shared';
import { auditLog } from '../history/boardAudit';
import { forgetEverywhere, peopleEverywhere } from '../history/forgetPerson';
import type { RoomRegistry } from '../RoomRegistry';
import { HttpError, readJson } from './readJson';
import { sendJson } from './staticFiles';

const NAME_MAX = 60;

/**
 * `/api/boards/:id/people` and `/api/boards/:id/audit`, for facilitators only (who wrote what
 * is personal data; the audit log says who changed the board's history):
 *   GET  /people          -> { people: [{ key, names, notes, comments, votes, snapshots }] }
 *   POST /people/forget   { key, mode: "remove" | "pseudonymise", pseudonym?, by? } (the
 *                         pseudonym's word, e.g. "Osallistuja": the server numbers it)
 *                         -> { board, snapshots, held } (records changed), 404 if nobody has key
 *   GET  /audit           -> { audit: [{ at, action, by, detail }] }, newest first
 */
export async function handlePeopleApi(
  rooms: RoomRegistry,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  boardId: string,
  role: Role,
  route: 'people' | 'audit',
  rest: string,
): Promise<void> {
  if (role !== 'facilitator') throw new HttpError(403, 'only facilitators see the people');
  const room = await rooms.get(boardId);
  if (!room) throw new HttpError(404, 'no such board');
  if (route === 'audit' || rest === '') {
    if (req.method !== 'GET' || rest !== '') throw new HttpError(405, 'Use GET');
    sendJson(
      res,
      200,
      route === 'audit' ? { audit: auditLog(room.side) } : { people: peopleEverywhere(room) },
    );
    return;
  }
  if (rest !== '/forget') throw new HttpError(404, 'no such route');
  if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
  const body = (await readJson(req, 4096)) as Record<string, unknown>;
  const { key, mode } = body;
  if (typeof key !== 'string' || key === '') throw new HttpError(400, 'key names the person');
  if (mode !== 'remove' && mode !== 'pseudonymise') {
    throw new HttpError(400, 'mode must be "remove" or "pseudonymise"');
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, NAME_MAX) : '');
  const pseudonym = text(body.pseudonym) || '–';
  const done = await forgetEverywhere(room, key, mode, pseudonym, text(body.by));
  if (!done) throw new HttpError(404, 'nobody with that key on this board');
  sendJson(res, 200, done);
}
