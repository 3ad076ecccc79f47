import type http from 'node:http';
import { isContentLang, type Role, readBoard, readMeta } from '@paja/shared';
import { exportLog, logExport } from '../export/audit';
import { collectBackupFiles } from '../export/backupFiles';
import { type ExportJob, type ExportJobs, TooManyJobsError } from '../export/ExportJobs';
import { EXPORT_FORMATS, isExportFormat } from '../export/exportBoard';
import { exportImages } from '../export/media';
import { EmptyScopeError, parseScope, scopeView } from '../export/scope';
import type { Logger } from '../log';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
import { HttpError, readJson } from './readJson';
import { sendJson } from './staticFiles';

/**
 * Who may export: facilitators (everything) and viewers (a read-only link is how a board is
 * handed to someone who writes the report). Participants and commenters are in the workshop
 * or the public phase, not writing it up; an export is CPU work, so it is not for everyone.
 */
export function mayExport(role: Role): boolean {
  return role === 'facilitator' || role === 'viewer';
}

const NAME_MAX = 80;

export interface ExportApiContext {
  storage: Storage;
  rooms: RoomRegistry;
  exports: ExportJobs;
  log: Logger;
}

function jobJson(job: ExportJob) {
  return {
    id: job.id,
    format: job.format,
    status: job.status,
    progress: Math.round(job.progress * 100) / 100,
    filename: job.file?.filename ?? null,
    error: job.error,
  };
}

/**
 * `/api/boards/:id/exports[/:job[/file]]`, after the caller's link was checked for the board.
 *   POST  /exports            { format, name?, lang?, scope?, timeZone?, locale? } -> 202 the job
 *                             or running); timeZone: the person's IANA zone for the reports' times
 *   GET   /exports            -> the board's export log (facilitators)
 *   GET   /exports/:job       -> the job's status and progress
 *   GET   /exports/:job/file  -> the file, once done
 */
export async function handleExportApi(
  ctx: ExportApiContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  boardId: string,
  role: Role,
  rest: string,
): Promise<void> {
  if (!mayExport(role)) throw new HttpError(403, 'only facilitators and viewers can export');
  const parts = rest.split('/').filter(Boolean);
  if (parts.length === 0) {
    const room = await ctx.rooms.get(boardId);
    if (!room) throw new HttpError(404, 'no such board');
    if (req.method === 'GET') {
      if (role !== 'facilitator') throw new HttpError(403, 'only facilitators see the export log');
      sendJson(res, 200, { exports: exportLog(room.side) });
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST to start an export');
    // A selection names its notes: room for a few thousand ids.
    const body = await readJson(req, 256 * 1024);
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    if (!isExportFormat(input.format)) {
      throw new HttpError(400, `format must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    const name = typeof input.name === 'string' ? input.name.trim().slice(0, NAME_MAX) : '';
    // Optional: the texts in one of the board's content languages (translations where made).
    const langs = readMeta(room.doc).contentLangs;
    const lang = input.lang ?? null;
    if (lang !== null && !(isContentLang(lang) && langs.includes(lang))) {
      throw new HttpError(400, `lang must be one of the board's languages: ${langs.join(', ')}`);
    }
    const scope = parseScope(input.scope);
    if (!scope) {
      throw new HttpError(
        400,
        'scope must be the board, a selection of notes, a cluster or the roadmap',
      );
    }
    const format = input.format;
    const view = readBoard(room.doc);
    try {
      scopeView(view, scope);
    } catch (error) {
      if (error instanceof EmptyScopeError) throw new HttpError(422, error.message);
      throw error;
    }
    const pictured = format === 'svg' || format === 'png' || format === 'pdf';
    const images = pictured ? await exportImages(ctx.storage, boardId, view) : new Map();
    const files = format === 'json' ? await collectBackupFiles(ctx.storage, boardId, view) : [];
    let job: ExportJob;
    try {
      // The person's time zone is checked where it is used (export/timeZone.ts).
      const timeZone = input.timeZone;
      // The exporting person's interface language: the file's own words (exportBoard.ts).
      const headings = input.locale;
      job = ctx.exports.start(boardId, room.doc, format, {
        scope,
        images,
        files,
        lang,
        timeZone,
        headings,
      });
    } catch (error) {
      if (error instanceof TooManyJobsError) throw new HttpError(429, error.message);
      throw error;
    }
    logExport(room.side, { at: Date.now(), format, role, name, via: 'web' });
    ctx.log.info('export started', { board: boardId, format, role, scope: scope.kind });
    sendJson(res, 202, jobJson(job));
    return;
  }
  const job = ctx.exports.get(boardId, parts[0] ?? '');
  if (!job) throw new HttpError(404, 'no such export (finished exports are kept 10 minutes)');
  if (req.method !== 'GET') throw new HttpError(405, 'Use GET');
  if (parts.length === 1) {
    sendJson(res, 200, jobJson(job));
    return;
  }
  if (parts.length !== 2 || parts[1] !== 'file') throw new HttpError(404, 'no such route');
  if (!job.file) throw new HttpError(409, `the export is ${job.status}`);
  const { bytes, mime, filename } = job.file;
  const ascii = filename
    .normalize('NFD')
    .replace(/[^\x20-\x7E]/g, '')
    .replaceAll('"', '');
  res.writeHead(200, {
    'content-type': mime,
    'content-length': bytes.length,
    'content-disposition': `attachment; filename="${ascii || `paja.${job.format}`}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'x-content-type-options': 'nosniff',
    // An SVG opened from here must not run anything: it is a file to save, not a page.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'cache-control': 'no-store',
  });
  res.end(bytes);
}
