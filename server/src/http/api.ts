import crypto from 'node:crypto';
import type http from 'node:http';
import {
  ACCESS_REASONS,
  boardLink,
  boardPath,
  CloseCode,
  isBoardId,
  isRole,
  publicPath,
  type Role,
  readMeta,
  readPublication,
  setPhase,
  setPublication,
} from '@paja/shared';
import { authorize, mintToken } from '../auth/access';
import { createBoard, InvalidBoardInput } from '../boards';
import type { HttpPolicy, StatementConfig } from '../config';
import type { ExportJobs } from '../export/ExportJobs';
import type { KeyedRateLimiter } from '../KeyedRateLimiter';
import type { Logger } from '../log';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
import { templates } from '../templates';
import { handleExportApi } from './exportApi';
import { handleHistoryApi } from './historyApi';
import { importAsNewBoard, importOntoBoard } from './importApi';
import { handleMediaApi, MediaError, type MediaLimits, servePublicImage } from './mediaApi';
import { handleModerationExport, MODERATION_EXPORT } from './moderationApi';
import { handlePeopleApi } from './peopleApi';
import { HttpError, readJson } from './readJson';
import { sendJson } from './staticFiles';

const MAX_JSON_BODY = 16 * 1024;
const MAX_LINK_HOURS = 24 * 366;

export interface ApiContext {
  storage: Storage;
  secret: string;
  rooms: RoomRegistry;
  exports: ExportJobs;
  /** The base URL of links, e.g. https://paja.example.fi. */
  baseUrl(): string;
  log: Logger;
  policy: HttpPolicy;
  /** Board creations per client address. */
  creations: KeyedRateLimiter;
  /** The address the request counts against (see clientAddress). */
  address: string;
  /** Counts a refused request by reason, for /metrics. */
  refused(reason: string): void;
  /** The operator's parts of the accessibility statement. */
  statement: StatementConfig | null;
  /** Sizes of uploaded images and attachments (mediaApi.ts). */
  media: MediaLimits;
}

/**
 * The board API. Returns false if `pathname` is not an API route. Every error is JSON
 * `{ "error": "..." }` with a status that says what kind of error it is.
 */
export async function handleApi(
  ctx: ApiContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
): Promise<boolean> {
  if (!pathname.startsWith('/api/')) return false;
  try {
    await route(ctx, req, res, pathname);
  } catch (error) {
    if (error instanceof MediaError) {
      const max = error.max === undefined ? {} : { max: error.max };
      sendJson(res, error.status, { error: error.message, code: error.code, ...max });
    } else if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
    else if (error instanceof InvalidBoardInput) sendJson(res, 400, { error: error.message });
    else throw error;
  }
  return true;
}

async function route(
  ctx: ApiContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
): Promise<void> {
  if (pathname === '/api/accessibility') {
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET to read the statement');
    sendJson(res, 200, ctx.statement ?? { operator: null, contact: null, date: null });
    return;
  }
  if (pathname === '/api/templates') {
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET to list templates');
    const list = [...templates().values()].map(({ id, name, description }) => ({
      id,
      name,
      description,
    }));
    sendJson(res, 200, { templates: list });
    return;
  }
  if (pathname === '/api/boards') {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST to create a board');
    mayCreate(ctx, req);
    const id = await createBoard(ctx.storage, await readObject(req));
    const token = await mintToken(ctx.secret, ctx.storage, id, 'facilitator');
    ctx.log.info('board created', { board: id });
    sendJson(res, 201, {
      id,
      role: 'facilitator',
      token,
      path: boardPath(id),
      url: boardLink(ctx.baseUrl(), id, token),
    });
    return;
  }
  if (pathname === '/api/boards/import') {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST to import a backup');
    mayCreate(ctx, req);
    await importAsNewBoard(ctx.storage, ctx.secret, ctx.baseUrl(), ctx.media, req, res);
    return;
  }
  const boardRoute = /^\/api\/boards\/([^/]+)\/(people|audit|import)(\/.*)?$/.exec(pathname);
  if (boardRoute) {
    const [, id = '', what, rest = ''] = boardRoute;
    const boardId = safeDecode(id);
    const access = await authorize(ctx.secret, ctx.storage, boardId, bearer(req));
    if (!access.ok) throw new HttpError(access.status, access.reason);
    if (what !== 'import') {
      await handlePeopleApi(ctx.rooms, req, res, boardId, access.role, what as 'people', rest);
      return;
    }
    if (req.method !== 'POST' || rest) throw new HttpError(405, 'Use POST to import a backup');
    if (access.role !== 'facilitator') throw new HttpError(403, 'only facilitators import');
    const by = new URL(req.url ?? '', 'http://x').searchParams.get('by') ?? '';
    await importOntoBoard(ctx.rooms, ctx.storage, ctx.media, boardId, by.slice(0, 120), req, res);
    return;
  }
  const exportsRoute = /^\/api\/boards\/([^/]+)\/exports(\/.*)?$/.exec(pathname);
  if (exportsRoute) {
    const boardId = safeDecode(exportsRoute[1] ?? '');
    const access = await authorize(ctx.secret, ctx.storage, boardId, bearer(req));
    if (!access.ok) throw new HttpError(access.status, access.reason);
    await handleExportApi(ctx, req, res, boardId, access.role, exportsRoute[2] ?? '');
    return;
  }
  const mediaRoute = /^\/api\/boards\/([^/]+)\/media(\/[^/]*)?$/.exec(pathname);
  if (mediaRoute) {
    const boardId = safeDecode(mediaRoute[1] ?? '');
    const access = await authorize(ctx.secret, ctx.storage, boardId, bearer(req));
    if (!access.ok) throw new HttpError(access.status, access.reason);
    await handleMediaApi(ctx, req, res, boardId, access.role, mediaRoute[2] ?? '');
    return;
  }
  const publicMedia = /^\/api\/public\/([^/]+)\/media\/([^/]+)$/.exec(pathname);
  if (publicMedia) {
    const boardId = safeDecode(publicMedia[1] ?? '');
    const room = isBoardId(boardId) ? await ctx.rooms.get(boardId) : null;
    if (!room) throw new HttpError(404, 'no such board');
    const published = readPublication(room.doc) !== null;
    await servePublicImage(ctx, req, res, boardId, publicMedia[2] ?? '', published);
    return;
  }
  const historyRoute = /^\/api\/boards\/([^/]+)\/snapshots(\/.*)?$/.exec(pathname);
  if (historyRoute) {
    const boardId = safeDecode(historyRoute[1] ?? '');
    const access = await authorize(ctx.secret, ctx.storage, boardId, bearer(req));
    if (!access.ok) throw new HttpError(access.status, access.reason);
    const search = new URL(req.url ?? '', 'http://x').searchParams;
    await handleHistoryApi(ctx, req, res, boardId, access.role, historyRoute[2] ?? '', search);
    return;
  }
  const exportMatch = MODERATION_EXPORT.exec(pathname);
  if (exportMatch) {
    const [, board = '', what, format] = exportMatch;
    await handleModerationExport(
      ctx,
      req,
      res,
      safeDecode(board),
      what as 'comments' | 'audit',
      format as 'csv' | 'json',
      bearer(req),
    );
    return;
  }
  const publicMatch = /^\/api\/public\/([^/]+)$/.exec(pathname);
  if (publicMatch) {
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET to read a public board');
    await readPublic(ctx, res, safeDecode(publicMatch[1] ?? ''));
    return;
  }
  const match = /^\/api\/boards\/([^/]+)(\/links(\/revoke)?|\/publish|\/unpublish)?$/.exec(
    pathname,
  );
  if (!match) throw new HttpError(404, `No API route ${req.method} ${pathname}`);
  const boardId = safeDecode(match[1] ?? '');
  const access = await authorize(ctx.secret, ctx.storage, boardId, bearer(req));
  if (!access.ok) throw new HttpError(access.status, access.reason);
  if (match[2] === '/publish' || match[2] === '/unpublish') {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
    if (access.role !== 'facilitator') throw new HttpError(403, 'only a facilitator can publish');
    const body = await readObject(req);
    await publish(ctx, res, boardId, match[2] === '/publish' ? body : null);
    return;
  }

  if (!match[2]) {
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET to read a board');
    const room = await ctx.rooms.get(boardId);
    if (!room) throw new HttpError(404, 'no such board');
    const meta = readMeta(room.doc);
    sendJson(res, 200, {
      id: boardId,
      title: meta.title,
      locale: meta.locale,
      role: access.role,
      organisations: meta.organisations,
    });
    return;
  }
  if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
  if (access.role !== 'facilitator') {
    throw new HttpError(403, 'only a facilitator can create or revoke links');
  }
  const body = await readObject(req);
  const role = body.role;
  if (!isRole(role)) {
    throw new HttpError(
      400,
      'role must be facilitator, participant, moderator, commenter or viewer',
    );
  }
  if (match[3]) {
    const generation = await ctx.storage.revokeLinks(boardId, role);
    const room = ctx.rooms.loaded(boardId);
    const closed = room?.closeRole(role, CloseCode.unauthorized, ACCESS_REASONS.revoked) ?? 0;
    ctx.log.info('links revoked', { board: boardId, role, closed });
    sendJson(res, 200, { role, generation, closedConnections: closed });
    return;
  }
  const expiresAt = expiry(body.expiresInHours);
  const token = await mintToken(ctx.secret, ctx.storage, boardId, role as Role, expiresAt);
  sendJson(res, 201, {
    role,
    token,
    url: boardLink(ctx.baseUrl(), boardId, token),
    expiresAt: expiresAt === 0 ? null : new Date(expiresAt * 1000).toISOString(),
  });
}

/**
 * Board creation needs no token, so it is where a script or another site would make boards by
 * the thousand. Only a JSON body is accepted: a page elsewhere can send a form or text/plain
 * without the browser asking us first, but a JSON content type makes the browser ask (CORS),
 * and we never say yes. Each address creates a few boards an hour; an operator's token is
 * neither throttled nor needed to be anything but right.
 */
function mayCreate(ctx: ApiContext, req: http.IncomingMessage): void {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    ctx.refused('create_not_json');
    throw new HttpError(415, 'Send the board as JSON (content-type: application/json)');
  }
  const operator = ctx.policy.operatorToken;
  const given = bearer(req);
  if (operator && given && sameSecret(given, operator)) return;
  if (ctx.policy.boardCreation === 'operators') {
    ctx.refused('create_forbidden');
    throw new HttpError(403, 'Only the operators of this Paja create boards here');
  }
  if (!ctx.creations.take(ctx.address)) {
    ctx.refused('create_throttled');
    throw new HttpError(429, 'Too many boards created from this address; try again later');
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

/**
 * What the public address shows before it opens the board: its title and language, and
 * whether the public may comment. No token: a published board is public. 404 for no board,
 * 410 for a board that is not (or no longer) published.
 */
async function readPublic(ctx: ApiContext, res: http.ServerResponse, boardId: string) {
  const room = isBoardId(boardId) ? await ctx.rooms.get(boardId) : null;
  if (!room) throw new HttpError(404, 'no such board');
  const publication = readPublication(room.doc);
  if (!publication) throw new HttpError(410, 'this board is not published');
  const meta = readMeta(room.doc);
  sendJson(res, 200, {
    id: boardId,
    title: meta.title,
    locale: meta.locale,
    comments: publication.comments,
    publishedAt: new Date(publication.publishedAt).toISOString(),
  });
}

/**
 * Publishes (`body`: `{ comments?, freeze? }`) or unpublishes (`body` null) a board, as one
 * server transaction on the document, answered after it is stored. Unpublishing closes the
 * public's open sessions (the room watches the publication).
 */
async function publish(
  ctx: ApiContext,
  res: http.ServerResponse,
  boardId: string,
  body: Record<string, unknown> | null,
) {
  const room = await ctx.rooms.get(boardId);
  if (!room) throw new HttpError(404, 'no such board');
  if (body === null) {
    const before = room.connectionCount;
    room.transactAsServer((doc) => setPublication(doc, null));
    await room.committed();
    ctx.log.info('board unpublished', { board: boardId });
    sendJson(res, 200, { published: false, closedConnections: before - room.connectionCount });
    return;
  }
  // `freeze` absent leaves the phase as it is; true freezes the board, false unfreezes it (the
  // share dialog shows the board's state once it is published, and may change it there).
  const { comments = false, freeze } = body;
  if (typeof comments !== 'boolean' || (freeze !== undefined && typeof freeze !== 'boolean')) {
    throw new HttpError(400, 'comments and freeze must be true or false');
  }
  room.transactAsServer((doc) => {
    setPublication(doc, { comments, publishedAt: Date.now() });
    if (freeze !== undefined) setPhase(doc, { frozen: freeze });
  });
  await room.committed();
  ctx.log.info('board published', { board: boardId, comments });
  const path = publicPath(boardId);
  sendJson(res, 200, { published: true, comments, path, url: `${ctx.baseUrl()}${path}` });
}

function expiry(hours: unknown): number {
  if (hours === undefined || hours === null) return 0;
  if (
    typeof hours !== 'number' ||
    !Number.isFinite(hours) ||
    hours <= 0 ||
    hours > MAX_LINK_HOURS
  ) {
    throw new HttpError(400, `expiresInHours must be a number from 0 to ${MAX_LINK_HOURS}`);
  }
  return Math.floor(Date.now() / 1000 + hours * 3600);
}

async function readObject(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJson(req, MAX_JSON_BODY);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function bearer(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
