import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { newId } from './ids';
import {
  BOARD_EXTENT,
  DEFAULT_NOTE_COLOR,
  type InvalidEntry,
  isNoteColor,
  NOTE_DEFAULT_SIZE,
  NOTE_MAX_SIZE,
  NOTE_MAX_TEXT,
  NOTE_MIN_SIZE,
  type NoteColor,
  NoteKey,
  type NoteView,
  ROOT,
} from './schema';

function notes(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(ROOT.notes);
}

export interface NewNote {
  x: number;
  y: number;
  w?: number;
  h?: number;
  color?: NoteColor;
  text?: string;
  authorId: string;
  authorName: string;
  id?: string;
  now?: number;
}

export class NoteTextTooLongError extends Error {
  constructor(readonly length: number) {
    super(`A note holds at most ${NOTE_MAX_TEXT} characters; this text has ${length}.`);
    this.name = 'NoteTextTooLongError';
  }
}

/** Creates a note on top of all others, in one transaction; returns its id. */
export function createNote(doc: Y.Doc, input: NewNote): string {
  const text = input.text ?? '';
  if (text.length > NOTE_MAX_TEXT) throw new NoteTextTooLongError(text.length);
  const id = input.id ?? newId();
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set(NoteKey.x, clampCoord(input.x));
    note.set(NoteKey.y, clampCoord(input.y));
    note.set(NoteKey.w, clampSize(input.w ?? NOTE_DEFAULT_SIZE));
    note.set(NoteKey.h, clampSize(input.h ?? NOTE_DEFAULT_SIZE));
    note.set(NoteKey.color, input.color ?? DEFAULT_NOTE_COLOR);
    note.set(NoteKey.text, new Y.Text(text));
    note.set(NoteKey.z, keyAboveAll(doc));
    note.set(NoteKey.authorId, input.authorId);
    note.set(NoteKey.authorName, input.authorName);
    note.set(NoteKey.createdAt, input.now ?? Date.now());
    notes(doc).set(id, note);
  });
  return id;
}

/** Moves notes to new positions in one transaction (one undo step, one update). */
export function moveNotes(doc: Y.Doc, moves: ReadonlyArray<{ id: string; x: number; y: number }>) {
  doc.transact(() => {
    for (const move of moves) {
      const note = notes(doc).get(move.id);
      if (!note) continue; // deleted concurrently: nothing to move
      // Only write what changed: every overwrite leaves a struct behind in the document.
      const x = clampCoord(move.x);
      const y = clampCoord(move.y);
      if (note.get(NoteKey.x) !== x) note.set(NoteKey.x, x);
      if (note.get(NoteKey.y) !== y) note.set(NoteKey.y, y);
    }
  });
}

export function moveNote(doc: Y.Doc, id: string, x: number, y: number): void {
  moveNotes(doc, [{ id, x, y }]);
}

export function resizeNote(doc: Y.Doc, id: string, w: number, h: number): void {
  const note = notes(doc).get(id);
  if (!note) return;
  doc.transact(() => {
    note.set(NoteKey.w, clampSize(w));
    note.set(NoteKey.h, clampSize(h));
  });
}

export function recolorNotes(doc: Y.Doc, ids: readonly string[], color: NoteColor): void {
  if (!isNoteColor(color)) throw new Error(`Unknown note colour: ${String(color)}`);
  doc.transact(() => {
    for (const id of ids) {
      const note = notes(doc).get(id);
      if (note && note.get(NoteKey.color) !== color) note.set(NoteKey.color, color);
    }
  });
}

export function deleteNotes(doc: Y.Doc, ids: readonly string[]): void {
  doc.transact(() => {
    for (const id of ids) notes(doc).delete(id);
  });
}

export function bringToFront(doc: Y.Doc, id: string): void {
  const note = notes(doc).get(id);
  if (!note) return;
  const top = topKey(doc);
  if (top !== null && note.get(NoteKey.z) === top) return;
  note.set(NoteKey.z, generateKeyBetween(top, null));
}

export function noteText(doc: Y.Doc, id: string): Y.Text | null {
  const text = notes(doc).get(id)?.get(NoteKey.text);
  return text instanceof Y.Text ? text : null;
}

/**
 * Replaces the note's text with `next` by the smallest edit (common prefix and suffix kept),
 * so that a textarea bound to a Y.Text merges with another person's typing instead of
 * overwriting it.
 */
export function setNoteText(doc: Y.Doc, id: string, next: string): void {
  const text = noteText(doc, id);
  if (!text) return;
  if (next.length > NOTE_MAX_TEXT) throw new NoteTextTooLongError(next.length);
  applyTextDiff(text, next);
}

export function applyTextDiff(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const shortest = Math.min(prev.length, next.length);
  while (start < shortest && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shortest - start &&
    prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  ) {
    end++;
  }
  // Never split a surrogate pair (an emoji): widen the edit to whole code points.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(prev.charCodeAt(prev.length - end))) end--;
  const removed = prev.length - start - end;
  const inserted = next.slice(start, next.length - end);
  const edit = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted.length > 0) text.insert(start, inserted);
  };
  // One transaction: one update on the wire and one undo step.
  if (text.doc) text.doc.transact(edit);
  else edit();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function topKey(doc: Y.Doc): string | null {
  let top: string | null = null;
  for (const note of notes(doc).values()) {
    const z = note.get(NoteKey.z);
    if (typeof z === 'string' && (top === null || z > top)) top = z;
  }
  return top;
}

function keyAboveAll(doc: Y.Doc): string {
  return generateKeyBetween(topKey(doc), null);
}

function clampCoord(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.max(-BOARD_EXTENT, Math.min(BOARD_EXTENT, value)));
}

function clampSize(value: number): number {
  if (!Number.isFinite(value)) return NOTE_DEFAULT_SIZE;
  return Math.round(Math.max(NOTE_MIN_SIZE, Math.min(NOTE_MAX_SIZE, value)));
}

/**
 * Reads and validates one note. Returns the reason it is invalid instead of a half-broken
 * view, so the UI can list it rather than silently drop it.
 */
export function readNote(id: string, note: unknown): NoteView | string {
  if (!(note instanceof Y.Map)) return 'not a map';
  const text = note.get(NoteKey.text);
  const fields = {
    x: note.get(NoteKey.x),
    y: note.get(NoteKey.y),
    w: note.get(NoteKey.w),
    h: note.get(NoteKey.h),
  };
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} is not a number`;
  }
  const color = note.get(NoteKey.color);
  if (!isNoteColor(color)) return `unknown colour ${String(color)}`;
  if (!(text instanceof Y.Text)) return 'text is missing';
  const z = note.get(NoteKey.z);
  if (typeof z !== 'string') return 'z-order key is missing';
  const authorId = note.get(NoteKey.authorId);
  const authorName = note.get(NoteKey.authorName);
  const createdAt = note.get(NoteKey.createdAt);
  return {
    id,
    x: fields.x as number,
    y: fields.y as number,
    w: fields.w as number,
    h: fields.h as number,
    color,
    text: text.toString(),
    z,
    authorId: typeof authorId === 'string' ? authorId : '',
    authorName: typeof authorName === 'string' ? authorName : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}

/** All valid notes back to front; invalid ones are reported in `invalid`. */
export function readNotes(doc: Y.Doc, invalid: InvalidEntry[] = []): NoteView[] {
  const result: NoteView[] = [];
  for (const [id, note] of notes(doc).entries()) {
    const view = readNote(id, note);
    if (typeof view === 'string') invalid.push({ kind: 'note', id, reason: view });
    else result.push(view);
  }
  return result.sort(compareZ);
}

export function compareZ(a: { z: string; id: string }, b: { z: string; id: string }): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
