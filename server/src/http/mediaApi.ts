import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { BLOB_ID, mayPerson, type Role, readMeta } from '@paja/shared';
import type { Logger } from '../log';
import { attachmentType, cleanFileName } from '../media/attachmentType';
import {
  DecoderBusyError,
  ImageTooLargeError,
  NotAnImageError,
  reencodeImage,
} from '../media/reencode';
import type { RoomRegistry } from '../RoomRegistry';
import type { BlobInfo, StoredBlob } from '../storage/BlobStore';
import type { Storage } from '../storage/Storage';
import { HttpError } from './readJson';
import { sendJson } from './staticFiles';

/**
 * Images and attachments of a board, over HTTP, never through the document:
 *   POST   /api/boards/:id/media?kind=image|attachment   body: the file; X-File-Name: its name
 *   GET    /api/boards/:id/media                          the attachments (any valid link)
 *   GET    /api/boards/:id/media/:file[?thumb]            the file (any valid link)
 *   DELETE /api/boards/:id/media/:file                    facilitators
 *   GET    /api/public/:id/media/:file[?thumb]            an image of a published board
 * Refusals are JSON `{ error, code }`; the code is what the page translates (fi/sv/en).
 */
export type MediaRefusal =
  | 'notAllowed'
  | 'tooBig'
  | 'tooManyPixels'
  | 'notAnImage'
  | 'typeNotAllowed'
  | 'boardFull'
  | 'noSuchFile';

export class MediaError extends HttpError {
  constructor(
    status: number,
    readonly code: MediaRefusal,
    message: string,
    /** For `tooBig`: the largest file taken, in bytes, so that the page can say it. */
    readonly max?: number,
  ) {
    super(status, message);
  }
}

export interface MediaLimits {
  /** PAJA_MAX_IMAGE_BYTES: largest image upload. */
  maxImageBytes: number;
  /** PAJA_MAX_ATTACHMENT_BYTES: largest attachment. */
  maxAttachmentBytes: number;
  /** PAJA_MAX_BOARD_BYTES: the document and its files together. */
  maxBoardBytes: number;
}

export interface MediaContext {
  storage: Storage;
  rooms: RoomRegistry;
  log: Logger;
  media: MediaLimits;
}

/** Uploads of one board run one at a time, so two cannot both pass the board's size check. */
const uploading = new Map<string, Promise<unknown>>();

function serialised<T>(boardId: string, work: () => Promise<T>): Promise<T> {
  const before = uploading.get(boardId) ?? Promise.resolve();
  const run = before.catch(() => {}).then(work);
  const tail = run.catch(() => {});
  uploading.set(boardId, tail);
  void tail.then(() => {
    if (uploading.get(boardId) === tail) uploading.delete(boardId);
  });
  return run;
}

const newFileId = () => randomBytes(16).toString('base64url');
const thumbId = (id: string) => `${id}.thumb`;

export async function handleMediaApi(
  ctx: MediaContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  boardId: string,
  role: Role,
  rest: string,
): Promise<void> {
  const url = new URL(req.url ?? '', 'http://x');
  const file = rest.replace(/^\//, '');
  if (file === '') {
    if (req.method === 'GET') {
      const list = await ctx.storage.blobs.list(boardId);
      sendJson(res, 200, {
        attachments: list.filter((b) => b.kind === 'attachment').map(publicInfo),
      });
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST to upload, GET to list');
    await upload(ctx, req, res, boardId, role, url.searchParams.get('kind'));
    return;
  }
  if (!BLOB_ID.test(file)) throw new MediaError(404, 'noSuchFile', 'no such file');
  if (req.method === 'GET') {
    await serveFile(ctx, res, boardId, file, url.searchParams.has('thumb'), false);
    return;
  }
  if (req.method !== 'DELETE') throw new HttpError(405, 'Use GET or DELETE');
  if (role !== 'facilitator') {
    throw new MediaError(403, 'notAllowed', 'only a facilitator can delete files');
  }
  const deleted = await ctx.storage.blobs.delete(boardId, [file, thumbId(file)]);
  if (deleted === 0) throw new MediaError(404, 'noSuchFile', 'no such file');
  ctx.log.info('file deleted', { board: boardId });
  sendJson(res, 200, { deleted: file });
}

/** An image of a published board, for the public page (no token: a published board is public). */
export async function servePublicImage(
  ctx: MediaContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  boardId: string,
  file: string,
  published: boolean,
): Promise<void> {
  if (req.method !== 'GET') throw new HttpError(405, 'Use GET');
  if (!published) throw new HttpError(410, 'this board is not published');
  if (!BLOB_ID.test(file)) throw new MediaError(404, 'noSuchFile', 'no such file');
  const url = new URL(req.url ?? '', 'http://x');
  await serveFile(ctx, res, boardId, file, url.searchParams.has('thumb'), true);
}

function publicInfo(blob: BlobInfo) {
  return {
    id: blob.id,
    name: blob.name,
    mime: blob.mime,
    bytes: blob.bytes,
    createdAt: blob.createdAt,
  };
}

async function upload(
  ctx: MediaContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  boardId: string,
  role: Role,
  kind: string | null,
): Promise<void> {
  if (kind !== 'image' && kind !== 'attachment') {
    throw new HttpError(400, 'kind must be image or attachment');
  }
  const room = await ctx.rooms.get(boardId);
  if (!room) throw new HttpError(404, 'no such board');
  // Adding a file is adding an item to the board: the same rule as adding a note.
  const decision = mayPerson(role, 'addNote', { phase: readMeta(room.doc).phase });
  if (!decision.allowed) {
    throw new MediaError(403, 'notAllowed', `you cannot add files here now (${decision.reason})`);
  }
  const max = kind === 'image' ? ctx.media.maxImageBytes : ctx.media.maxAttachmentBytes;
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > max) throw tooBig(max);
  const bytes = await readBody(req, max);
  const name = fileName(req);
  const now = Date.now();
  const id = newFileId();
  let blobs: StoredBlob[];
  let answer: Record<string, unknown>;
  if (kind === 'image') {
    let safe: Awaited<ReturnType<typeof reencodeImage>>;
    try {
      safe = await reencodeImage(bytes);
    } catch (error) {
      if (error instanceof DecoderBusyError) {
        throw new HttpError(503, 'the server is busy with other images; try again in a moment');
      }
      if (error instanceof ImageTooLargeError) {
        throw new MediaError(422, 'tooManyPixels', error.message);
      }
      if (error instanceof NotAnImageError) {
        throw new MediaError(415, 'notAnImage', `not an image Paja takes: ${error.message}`);
      }
      throw error;
    }
    const { image, thumb } = safe;
    blobs = [
      {
        id,
        kind: 'image',
        mime: image.mime,
        name,
        bytes: image.data.length,
        createdAt: now,
        data: image.data,
      },
      {
        id: thumbId(id),
        kind: 'thumb',
        mime: thumb.mime,
        name,
        bytes: thumb.data.length,
        createdAt: now,
        data: thumb.data,
      },
    ];
    answer = {
      id,
      kind,
      mime: image.mime,
      width: image.width,
      height: image.height,
      bytes: image.data.length,
    };
  } else {
    const type = attachmentType(bytes);
    if (!type) {
      throw new MediaError(
        415,
        'typeNotAllowed',
        'attach PDF, Word, Excel, PowerPoint, OpenDocument or plain text files',
      );
    }
    const clean = cleanFileName(name, type.extension);
    blobs = [
      {
        id,
        kind: 'attachment',
        mime: type.mime,
        name: clean,
        bytes: bytes.length,
        createdAt: now,
        data: bytes,
      },
    ];
    answer = { id, kind, mime: type.mime, name: clean, bytes: bytes.length, createdAt: now };
  }
  const size = blobs.reduce((n, b) => n + b.bytes, 0);
  await serialised(boardId, async () => {
    const used = room.storedBytes + (await ctx.storage.blobs.totalBytes(boardId));
    if (used + size > ctx.media.maxBoardBytes) {
      throw new MediaError(
        413,
        'boardFull',
        `the board has room for ${Math.max(0, ctx.media.maxBoardBytes - used)} more bytes of files`,
      );
    }
    await ctx.storage.blobs.put(boardId, blobs);
  });
  ctx.log.info('file added', { board: boardId, kind, bytes: size });
  sendJson(res, 201, answer);
}

const tooBig = (max: number) =>
  new MediaError(413, 'tooBig', `the file is larger than ${max} bytes`, max);

async function readBody(req: http.IncomingMessage, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > max) throw tooBig(max);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function fileName(req: http.IncomingMessage): string {
  const header = req.headers['x-file-name'];
  const raw = Array.isArray(header) ? header[0] : header;
  try {
    return decodeURIComponent(raw ?? '').slice(0, 200) || 'file';
  } catch {
    return 'file';
  }
}

async function serveFile(
  ctx: MediaContext,
  res: http.ServerResponse,
  boardId: string,
  file: string,
  thumb: boolean,
  imagesOnly: boolean,
): Promise<void> {
  const blob = await ctx.storage.blobs.get(boardId, thumb ? thumbId(file) : file);
  if (!blob || (imagesOnly && blob.kind === 'attachment')) {
    throw new MediaError(404, 'noSuchFile', 'no such file');
  }
  const download = blob.kind === 'attachment';
  const ascii = blob.name
    .normalize('NFD')
    .replace(/[^\x20-\x7E]/g, '')
    .replaceAll('"', '');
  res.writeHead(200, {
    // The type the server decided from the content (re-encoded images: PNG or JPEG).
    'content-type': blob.mime,
    'content-length': blob.bytes,
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${ascii || 'file'}"; filename*=UTF-8''${encodeURIComponent(blob.name)}`,
    'x-content-type-options': 'nosniff',
    // Opened on its own, a file is never a page that runs anything.
    'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
    // A file id always means the same bytes; the token in the request decides who gets them.
    'cache-control': 'private, max-age=86400, immutable',
  });
  res.end(blob.data);
}
