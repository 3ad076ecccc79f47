import type { ImageMedia } from '@paja/shared';

/**
 * The board's files over HTTP (PROTOCOL.md, "Images and attachments"): uploads, the list of
 * attachments, deleting one, and reading an image with the link's token. Answers are checked,
 * not trusted. Files never travel in the board's document.
 */
export type UploadKind = 'image' | 'attachment';

/** Why a file was not added; each has a sentence in fi, sv and en (i18n/media.ts). */
export type MediaProblem =
  | 'tooBig'
  | 'tooManyPixels'
  | 'notAnImage'
  | 'typeNotAllowed'
  | 'boardFull'
  | 'notAllowed'
  | 'offline'
  | 'failed';

const SERVER_CODES: readonly MediaProblem[] = [
  'tooBig',
  'tooManyPixels',
  'notAnImage',
  'typeNotAllowed',
  'boardFull',
  'notAllowed',
];

export interface AttachmentInfo {
  id: string;
  name: string;
  mime: string;
  bytes: number;
  createdAt: number;
}

/** A refusal: why, and for `tooBig` the largest file the server takes (bytes) when it said. */
export type MediaRefusal = { ok: false; problem: MediaProblem; max?: number };
export type MediaResult<T> = { ok: true; value: T } | MediaRefusal;

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/media`;

/** Where an image's bytes are read: the board's API with a token, or the public address. */
export function imageUrl(boardId: string, token: string | null, blob: string, thumb: boolean) {
  const path = token
    ? `${base(boardId)}/${blob}`
    : `/api/public/${encodeURIComponent(boardId)}/media/${blob}`;
  return thumb ? `${path}?thumb` : path;
}

async function refusalOf(response: Response): Promise<MediaRefusal> {
  const body = (await response.json().catch(() => null)) as {
    code?: unknown;
    max?: unknown;
  } | null;
  const code = body?.code;
  const max = typeof body?.max === 'number' && body.max > 0 ? { max: body.max } : {};
  if (typeof code === 'string' && (SERVER_CODES as readonly string[]).includes(code)) {
    return { ok: false, problem: code as MediaProblem, ...max };
  }
  if (response.status === 413) return { ok: false, problem: 'tooBig' };
  if (response.status === 401 || response.status === 403) {
    return { ok: false, problem: 'notAllowed' };
  }
  return { ok: false, problem: 'failed' };
}

async function send(url: string, token: string, init: RequestInit): Promise<Response | null> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  try {
    return await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
  } catch {
    return null;
  }
}

/** Sends one file to the board's store; its JSON answer, or why not. */
async function postFile(
  boardId: string,
  token: string,
  kind: 'image' | 'attachment',
  file: Blob,
  name: string,
): Promise<MediaResult<unknown>> {
  const response = await send(`${base(boardId)}?kind=${kind}`, token, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    },
    body: file,
  });
  if (!response) return { ok: false, problem: 'offline' };
  if (!response.ok) return refusalOf(response);
  return { ok: true, value: await response.json().catch(() => null) };
}

export async function uploadImage(
  boardId: string,
  token: string,
  file: Blob,
  name: string,
): Promise<MediaResult<ImageMedia>> {
  const answer = await postFile(boardId, token, 'image', file, name);
  if (!answer.ok) return answer;
  const v = answer.value as Record<string, unknown> | null;
  if (
    !v ||
    typeof v.id !== 'string' ||
    typeof v.width !== 'number' ||
    typeof v.height !== 'number'
  ) {
    return { ok: false, problem: 'failed' };
  }
  return { ok: true, value: { kind: 'image', blob: v.id, width: v.width, height: v.height } };
}

export async function uploadAttachment(
  boardId: string,
  token: string,
  file: Blob,
  name: string,
): Promise<MediaResult<AttachmentInfo>> {
  const answer = await postFile(boardId, token, 'attachment', file, name);
  if (!answer.ok) return answer;
  const info = readAttachment(answer.value);
  return info ? { ok: true, value: info } : { ok: false, problem: 'failed' };
}

export async function listAttachments(
  boardId: string,
  token: string,
): Promise<MediaResult<AttachmentInfo[]>> {
  const response = await send(base(boardId), token, {});
  if (!response) return { ok: false, problem: 'offline' };
  if (!response.ok) return refusalOf(response);
  const body = (await response.json().catch(() => null)) as { attachments?: unknown } | null;
  const list = Array.isArray(body?.attachments) ? body.attachments : [];
  return { ok: true, value: list.flatMap((item) => readAttachment(item) ?? []) };
}

export async function deleteAttachment(
  boardId: string,
  token: string,
  id: string,
): Promise<MediaResult<null>> {
  const response = await send(`${base(boardId)}/${encodeURIComponent(id)}`, token, {
    method: 'DELETE',
  });
  if (!response) return { ok: false, problem: 'offline' };
  if (!response.ok && response.status !== 404) return refusalOf(response);
  return { ok: true, value: null };
}

/** The file's bytes, for a download link the page makes (the token cannot go in a URL). */
export async function fetchFile(url: string, token: string | null): Promise<Blob | null> {
  try {
    const response = await fetch(
      url,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    );
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}

function readAttachment(value: unknown): AttachmentInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.mime !== 'string') {
    return null;
  }
  return {
    id: v.id,
    name: v.name,
    mime: v.mime,
    bytes: typeof v.bytes === 'number' ? v.bytes : 0,
    createdAt: typeof v.createdAt === 'number' ? v.createdAt : 0,
  };
}
