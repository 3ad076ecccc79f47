import type { ContentLang, Locale } from '@paja/shared';
/**
 * The export API (PROTOCOL.md, "Exports"): start a job, follow its progress, fetch its file.
 * Answers are checked, not trusted.
 */
export const EXPORT_FORMATS = ['pdf', 'md', 'csv', 'xlsx', 'png', 'svg', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportProblem =
  | 'noAccess'
  | 'forbidden'
  | 'busy'
  | 'expired'
  | 'emptyScope'
  | 'failed'
  | 'network';

export interface ExportJobState {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  filename: string | null;
}

export type ExportResult<T> = { ok: true; value: T } | { ok: false; problem: ExportProblem };

function problemOf(status: number): ExportProblem {
  if (status === 401) return 'noAccess';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'busy';
  if (status === 404 || status === 409) return 'expired';
  if (status === 422) return 'emptyScope';
  return 'failed';
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/exports`;

async function call(url: string, token: string, init: RequestInit = {}) {
  try {
    return await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  } catch {
    return null;
  }
}

function readJob(value: unknown): ExportJobState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const statuses = ['queued', 'running', 'done', 'failed'];
  if (typeof v.id !== 'string' || typeof v.status !== 'string' || !statuses.includes(v.status)) {
    return null;
  }
  return {
    id: v.id,
    status: v.status as ExportJobState['status'],
    progress: typeof v.progress === 'number' ? Math.min(1, Math.max(0, v.progress)) : 0,
    filename: typeof v.filename === 'string' ? v.filename : null,
  };
}

async function jobAnswer(response: Response | null): Promise<ExportResult<ExportJobState>> {
  if (!response) return { ok: false, problem: 'network' };
  if (!response.ok) return { ok: false, problem: problemOf(response.status) };
  const job = readJob(await response.json().catch(() => null));
  return job ? { ok: true, value: job } : { ok: false, problem: 'failed' };
}

/** What part of the board an SVG or PNG shows (the server's export/scope.ts). */
export type ExportScope =
  | { kind: 'board' }
  | { kind: 'selection'; notes: string[] }
  | { kind: 'cluster'; cluster: string }
  | { kind: 'roadmap' };

/** Formats that draw the board, and so may show only a part of it. */
export const PICTURE_FORMATS: readonly ExportFormat[] = ['png', 'svg'];

export async function startExport(
  boardId: string,
  token: string,
  format: ExportFormat,
  name: string,
  /** The language of the texts (one of the board's content languages); omitted: as written. */
  lang: ContentLang | undefined,
  scope: ExportScope = { kind: 'board' },
  /** The person's interface language: the file's headings and labels are in it. */
  locale?: Locale,
): Promise<ExportResult<ExportJobState>> {
  // The reports' times are written in the person's own time zone, not the server's.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const body = JSON.stringify({ format, name, lang, scope, timeZone, locale });
  return jobAnswer(await call(base(boardId), token, { method: 'POST', body }));
}

export async function exportStatus(
  boardId: string,
  token: string,
  id: string,
): Promise<ExportResult<ExportJobState>> {
  return jobAnswer(await call(`${base(boardId)}/${encodeURIComponent(id)}`, token));
}

export async function exportFile(
  boardId: string,
  token: string,
  id: string,
): Promise<ExportResult<Blob>> {
  const response = await call(`${base(boardId)}/${encodeURIComponent(id)}/file`, token);
  if (!response) return { ok: false, problem: 'network' };
  if (!response.ok) return { ok: false, problem: problemOf(response.status) };
  return { ok: true, value: await response.blob() };
}
