import {
  addLane,
  addPeriod,
  createNote,
  type NoteColor,
  type NoteView,
  transact,
} from '@paja/shared';
import type * as Y from 'yjs';
import type { Point } from '../viewport';
import { type ClipNote, linesGrid, placeCopied } from './clipboard';

/**
 * Board actions that create several things at once. Each is one transaction: the others get
 * one update, undo takes the whole paste back, and a failure leaves nothing half-made (the
 * transaction's writes happen only if every note could be made: all input is checked first).
 */
export interface Author {
  id: string;
  name: string;
}

/** One note per line, in a grid centred on `at`; returns the new ids in line order. */
export function createNotesFromLines(
  doc: Y.Doc,
  lines: readonly string[],
  at: Point,
  author: Author,
  color?: NoteColor,
): string[] {
  const positions = linesGrid(lines.length, at);
  const ids: string[] = [];
  transact(doc, () => {
    lines.forEach((text, i) => {
      const p = positions[i] ?? at;
      ids.push(
        createNote(doc, { ...p, text, color, authorId: author.id, authorName: author.name }),
      );
    });
  });
  return ids;
}

/** Copied notes, arranged as they were, centred on `at`. */
export function pasteNotes(
  doc: Y.Doc,
  notes: readonly ClipNote[],
  at: Point,
  author: Author,
): string[] {
  const positions = placeCopied(notes, at);
  const ids: string[] = [];
  transact(doc, () => {
    notes.forEach((note, i) => {
      const p = positions[i] ?? at;
      ids.push(
        createNote(doc, {
          ...p,
          w: note.w,
          h: note.h,
          color: note.color,
          text: note.text,
          authorId: author.id,
          authorName: author.name,
        }),
      );
    });
  });
  return ids;
}

/** Duplicates sit a little down and right of their originals, like a stack of copies. */
export const DUPLICATE_OFFSET = 24;

export function duplicateNotes(doc: Y.Doc, notes: readonly NoteView[], author: Author): string[] {
  const ids: string[] = [];
  transact(doc, () => {
    for (const note of notes) {
      ids.push(
        createNote(doc, {
          x: note.x + DUPLICATE_OFFSET,
          y: note.y + DUPLICATE_OFFSET,
          w: note.w,
          h: note.h,
          color: note.color,
          text: note.text,
          authorId: author.id,
          authorName: author.name,
        }),
      );
    }
  });
  return ids;
}

/** The periods of a new roadmap: every year from this one to 2030 (at least one, at most 6). */
export function defaultPeriods(thisYear: number, until = 2030): string[] {
  const first = Math.min(thisYear, until);
  const years: string[] = [];
  for (let year = Math.max(first, until - 5); year <= until; year++) years.push(String(year));
  return years;
}

/** A new roadmap: the given lanes (themes) and periods, as one action. */
export function createRoadmap(doc: Y.Doc, lanes: readonly string[], periods: readonly string[]) {
  transact(doc, () => {
    for (const title of lanes) addLane(doc, { title });
    for (const title of periods) addPeriod(doc, { title });
  });
}
