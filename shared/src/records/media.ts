/*
 * Images and links on the board. An image or a link is a board item like a note: it has a
 * place, a size, a z-order, an author who owns it, a cluster and a roadmap cell, locks, and
 * the same rules of who may add, move, resize or delete it. So it IS a note record (note.ts)
 * with one more field, `media`, and everything that handles notes (selection, drag, resize,
 * delete, undo, the outline, the permission table and the server's edit guard, exports)
 * handles it unchanged. The note's text is the item's words: an image's alternative text
 * (what a screen reader says, set by its author), a link's title.
 *
 * `media` is set once, when the item is made: the edit guard refuses any later write, so no
 * one can point someone else's image at another file or turn a note into a link.
 *
 * The image's bytes are never in the document (every client would receive every byte of
 * every image): they are uploaded over HTTP, checked and re-encoded by the server, and stored
 * beside the board (the storage adapter's blobs); the document names the stored file by id.
 */

/** An uploaded image: the id the server gave its file, and its size in pixels. */
export interface ImageMedia {
  kind: 'image';
  /** The stored file's id on this board (BLOB_ID); the server serves it to the board's links. */
  blob: string;
  /** Pixel size of the stored (re-encoded) image, for the aspect ratio before it loads. */
  width: number;
  height: number;
}

/** A link to a web page: only http and https (see safeHttpUrl). */
export interface LinkMedia {
  kind: 'link';
  url: string;
}

export type NoteMedia = ImageMedia | LinkMedia;

/** A stored file's id: 22 characters of base64url (128 random bits), chosen by the server. */
export const BLOB_ID = /^[A-Za-z0-9_-]{22}$/;

/** Longest URL a link item or a link in a note may have. */
export const URL_MAX = 2048;

/** Largest side of an image the server stores (it scales larger ones down). */
export const IMAGE_MAX_SIDE = 4096;

/**
 * The URL as a string if it is an absolute http or https URL without credentials, else null.
 * Anything else (javascript:, data:, file:, a relative path) is never made a link: a link in
 * a note is written by a participant and clicked by everyone else.
 */
export function safeHttpUrl(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > URL_MAX) return null;
  if (!/^https?:\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

/** A piece of a note's text: plain words, or a link with the text shown and its safe URL. */
export type TextPart = { text: string; href?: string };

/**
 * Splits text into plain parts and links. A link is a run of non-space characters starting
 * with http:// or https:// that safeHttpUrl accepts; trailing punctuation of the sentence
 * (".", ",", ")", ...) stays out of the link. Everything else is plain text, shown as text.
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pattern = /https?:\/\/[^\s<>"]+/gi;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const raw = match[0].replace(/[.,;:!?'")\]}]+$/, '');
    const href = safeHttpUrl(raw);
    if (!href) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The stored `media` value as a NoteMedia, or a reason it is invalid. Absent is null. */
export function readMedia(value: unknown): NoteMedia | null | string {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'media is not an object';
  const v = value as Record<string, unknown>;
  if (v.kind === 'image') {
    if (typeof v.blob !== 'string' || !BLOB_ID.test(v.blob)) return 'image has no valid file id';
    if (!isPixels(v.width) || !isPixels(v.height)) return 'image size is not two pixel counts';
    return { kind: 'image', blob: v.blob, width: v.width, height: v.height };
  }
  if (v.kind === 'link') {
    const url = typeof v.url === 'string' ? safeHttpUrl(v.url) : null;
    if (!url) return 'link is not an http or https address';
    return { kind: 'link', url };
  }
  return `unknown media kind ${String(v.kind).slice(0, 20)}`;
}

function isPixels(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= IMAGE_MAX_SIDE;
}

/** The size a new image item gets on the board: its aspect ratio, the longer side `side`. */
export function imageItemSize(media: ImageMedia, side = 320): { w: number; h: number } {
  const scale = side / Math.max(media.width, media.height);
  return {
    w: Math.max(60, Math.round(media.width * scale)),
    h: Math.max(60, Math.round(media.height * scale)),
  };
}
