import {
  type ClipNote,
  guessMapping,
  isHeaderRow,
  isNoteColor,
  NOTE_DEFAULT_SIZE,
  NOTE_MAX_SIZE,
  NOTE_MAX_TEXT,
  NOTE_MIN_SIZE,
  type NoteView,
  type PlannedNote,
  parseCsv,
  planImport,
} from '@paja/shared';
import { boundsOf } from '../canvas/viewport';

/**
 * Copy and paste of notes. The clipboard gets three forms of the same notes:
 *  - PAJA_MIME: our JSON (positions relative to the copied group), for pasting into a board;
 *  - text/html: the same JSON in a data attribute, because some browsers keep only standard
 *    types when the clipboard crosses tabs or windows; and the texts, for rich editors;
 *  - text/plain: the texts, one note per paragraph, for any other program.
 * What comes back from the clipboard is untrusted (it may come from anywhere): parsed,
 * validated and limited before a single note is created.
 */
export const PAJA_MIME = 'application/x-paja-notes+json';
export const CLIP_VERSION = 1;

/** More lines than this ask first: an accidental paste of a long document is easy to make. */
export const PASTE_CONFIRM_ABOVE = 50;
/** More notes than this in one paste are refused: a board is not a document store. */
export const PASTE_MAX_NOTES = 1000;

export interface ClipPayload {
  paja: typeof CLIP_VERSION;
  notes: ClipNote[];
}

export interface ClipboardForms {
  json: string;
  html: string;
  plain: string;
}

export function serializeNotes(notes: readonly NoteView[]): ClipboardForms | null {
  const bounds = boundsOf(notes);
  if (!bounds) return null;
  const payload: ClipPayload = {
    paja: CLIP_VERSION,
    notes: notes.map((n) => ({
      dx: n.x - bounds.x,
      dy: n.y - bounds.y,
      w: n.w,
      h: n.h,
      color: n.color,
      text: n.text,
    })),
  };
  const json = JSON.stringify(payload);
  const plain = notes.map((n) => n.text).join('\n\n');
  const paragraphs = notes.map((n) => `<p>${escapeHtml(n.text)}</p>`).join('');
  const html = `<div data-paja-notes="${escapeHtml(json)}">${paragraphs}</div>`;
  return { json, html, plain };
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Our JSON, validated note by note; null when it is not ours or anything is off. */
export function parsePayload(json: string): ClipPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { paja, notes } = value as Record<string, unknown>;
  if (paja !== CLIP_VERSION || !Array.isArray(notes)) return null;
  const result: ClipNote[] = [];
  for (const raw of notes) {
    const note = parseClipNote(raw);
    if (!note) return null;
    result.push(note);
  }
  return { paja: CLIP_VERSION, notes: result };
}

function parseClipNote(raw: unknown): ClipNote | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { dx, dy, w, h, color, text } = raw as Record<string, unknown>;
  if (!isOffset(dx) || !isOffset(dy) || typeof text !== 'string') return null;
  return {
    dx,
    dy,
    w: isNumber(w) ? clamp(w, NOTE_MIN_SIZE, NOTE_MAX_SIZE) : NOTE_DEFAULT_SIZE,
    h: isNumber(h) ? clamp(h, NOTE_MIN_SIZE, NOTE_MAX_SIZE) : NOTE_DEFAULT_SIZE,
    // A colour this version does not know (a newer palette) becomes the default, not an error.
    color: isNoteColor(color) ? color : 'yellow',
    text,
  };
}

const OFFSET_LIMIT = 1_000_000;
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
function isOffset(value: unknown): value is number {
  return isNumber(value) && Math.abs(value) <= OFFSET_LIMIT;
}
function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Our JSON from the data attribute of copied HTML. */
export function payloadFromHtml(html: string): ClipPayload | null {
  const match = /data-paja-notes="([^"]*)"/.exec(html);
  return match?.[1] === undefined ? null : parsePayload(unescapeHtml(match[1]));
}

/** Bullets and numbering that lists pasted from documents carry; a note does not need them. */
const LIST_MARKER = /^\s*(?:[-*•–·]|\d{1,3}[.)])\s+/;

/** One note per non-empty line, trimmed, list markers removed. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(LIST_MARKER, '').trim())
    .filter((line) => line !== '');
}

/**
 * Rows copied from a spreadsheet (Excel, LibreOffice, Google Sheets put tab-separated rows on
 * the clipboard, a cell with a line break in quotes): every row has two cells or more. Null for
 * ordinary text, and for text where any line stands alone.
 */
export function spreadsheetRows(text: string): string[][] | null {
  if (!text.includes('\t')) return null;
  const rows = parseCsv(text, '\t').filter((row) => row.some((cell) => cell.trim() !== ''));
  return rows.length > 0 && rows.every((row) => row.length >= 2) ? rows : null;
}

/**
 * Notes from spreadsheet rows. A first row that names columns the CSV import knows (text,
 * colour, topic, author, organisation, in fi, sv or en) maps them as the import would;
 * otherwise each row is one note, its non-empty cells joined, so nothing pasted is lost.
 */
export function notesFromRows(rows: readonly string[][]): PlannedNote[] {
  const header = rows[0] ?? [];
  if (isHeaderRow(header)) return planImport(rows, guessMapping(header), true).notes;
  return rows.map((row) => ({
    text: row
      .map((cell) => cell.trim())
      .filter((cell) => cell !== '')
      .join(' – '),
    color: null,
    topic: '',
    author: '',
    organisation: '',
  }));
}

export type PastePlan =
  | { kind: 'empty' }
  | { kind: 'notes'; notes: ClipNote[] }
  | { kind: 'lines'; lines: string[]; confirm: boolean }
  | { kind: 'rows'; notes: PlannedNote[]; confirm: boolean }
  | { kind: 'tooMany'; count: number; limit: number }
  | { kind: 'tooLong'; line: number; limit: number };

export interface ClipboardInput {
  custom?: string;
  html?: string;
  plain?: string;
}

/**
 * What a paste will do, decided before anything is written, so that a paste is applied whole
 * or refused whole. Our own notes win over the plain text that travels with them.
 */
export function planPaste(input: ClipboardInput): PastePlan {
  const payload =
    (input.custom ? parsePayload(input.custom) : null) ??
    (input.html ? payloadFromHtml(input.html) : null);
  if (payload) {
    if (payload.notes.length === 0) return { kind: 'empty' };
    if (payload.notes.length > PASTE_MAX_NOTES) {
      return { kind: 'tooMany', count: payload.notes.length, limit: PASTE_MAX_NOTES };
    }
    const long = payload.notes.findIndex((n) => n.text.length > NOTE_MAX_TEXT);
    if (long >= 0) return { kind: 'tooLong', line: long + 1, limit: NOTE_MAX_TEXT };
    return { kind: 'notes', notes: payload.notes };
  }
  const rows = spreadsheetRows(input.plain ?? '');
  if (rows) {
    const notes = notesFromRows(rows);
    if (notes.length === 0) return { kind: 'empty' };
    if (notes.length > PASTE_MAX_NOTES) {
      return { kind: 'tooMany', count: notes.length, limit: PASTE_MAX_NOTES };
    }
    const long = notes.findIndex((note) => note.text.length > NOTE_MAX_TEXT);
    if (long >= 0) return { kind: 'tooLong', line: long + 1, limit: NOTE_MAX_TEXT };
    return { kind: 'rows', notes, confirm: notes.length > PASTE_CONFIRM_ABOVE };
  }
  const lines = splitLines(input.plain ?? '');
  if (lines.length === 0) return { kind: 'empty' };
  if (lines.length > PASTE_MAX_NOTES) {
    return { kind: 'tooMany', count: lines.length, limit: PASTE_MAX_NOTES };
  }
  const long = lines.findIndex((line) => line.length > NOTE_MAX_TEXT);
  if (long >= 0) return { kind: 'tooLong', line: long + 1, limit: NOTE_MAX_TEXT };
  return { kind: 'lines', lines, confirm: lines.length > PASTE_CONFIRM_ABOVE };
}
