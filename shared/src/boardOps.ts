/**
 * Compound operations: one person's action that writes several records at once (a drop of a
 * group of notes, a paste, a duplicate, a new roadmap). Each is one transaction, so the others
 * get one update, undo takes the whole action back, and nothing is ever half-applied: all
 * input is decided before the first write (the client plans a drop or a paste from what is on
 * screen; these functions only write the plan).
 *
 * They live here, not in the client, so that the property test (property.test.ts) runs them
 * among its random concurrent operations, and a server or a script can use them too.
 */
import type * as Y from 'yjs';
import { addToCluster, growCluster, moveCluster, removeFromCluster } from './clusters';
import { bringToFront, createNote, moveNotes } from './notes';
import type { NoteView } from './records/note';
import type { RoadmapCell } from './records/roadmap';
import { addLane, addPeriod, placeOnRoadmap, removeFromRoadmap } from './roadmap';
import { transact } from './roots';
import { NOTE_DEFAULT_SIZE, type NoteColor } from './schema';

export interface BoardPoint {
  x: number;
  y: number;
}

export interface Author {
  id: string;
  name: string;
  /** The author's organisation, written on each note they create ('' or absent for none). */
  organisation?: string;
}

/** The authorship fields of a note created by `author`. */
export function authorFields(author: Author) {
  return {
    authorId: author.id,
    authorName: author.name,
    ...(author.organisation ? { organisation: author.organisation } : {}),
  };
}

// --- Drop -------------------------------------------------------------------------------------

/** What a drop of notes writes, decided by the client from where each note landed. */
export interface DropPlan {
  moves: Array<{ id: string; x: number; y: number }>;
  place: Array<{ cell: RoadmapCell; ids: string[] }>;
  unplace: string[];
  join: Array<{ cluster: string; ids: string[] }>;
  leave: string[];
  /** Notes that come to the front of the stacking order, in this order. */
  toFront?: string[];
  /** Topic frames that grow to hold what is filed into them: the new height of each. */
  grow?: Array<{ cluster: string; h: number }>;
  /** Topic frames moved, with their notes, to make room for one that grew: the new corner. */
  shift?: Array<{ cluster: string; x: number; y: number }>;
}

/**
 * Writes a drop as one transaction: positions, cluster membership, roadmap placement and the
 * stacking order together. One update for the others (a drag of k notes is one update, not
 * k + 1), one step to undo.
 */
export function dropNotes(doc: Y.Doc, plan: DropPlan): void {
  transact(doc, () => {
    if (plan.leave.length > 0) removeFromCluster(doc, plan.leave);
    if (plan.unplace.length > 0) removeFromRoadmap(doc, plan.unplace);
    moveNotes(doc, plan.moves);
    for (const { cell, ids } of plan.place) placeOnRoadmap(doc, ids, cell);
    for (const { cluster, ids } of plan.join) addToCluster(doc, cluster, ids);
    for (const id of plan.toFront ?? []) bringToFront(doc, id);
    for (const { cluster, h } of plan.grow ?? []) growCluster(doc, cluster, h);
    // After the joins: a frame's notes are read now, without those just filed elsewhere.
    for (const { cluster, x, y } of plan.shift ?? []) moveCluster(doc, cluster, x, y);
  });
}

// --- Paste and duplicate ----------------------------------------------------------------------

/** A copied note: its offset from the copied group's top-left corner, size, colour and text. */
export interface ClipNote {
  dx: number;
  dy: number;
  w: number;
  h: number;
  color: NoteColor;
  text: string;
}

export const PASTE_GAP = 20;

/** The size of the grid `linesGrid` lays `count` lines out in. */
export function linesGridSize(count: number, size = NOTE_DEFAULT_SIZE): { w: number; h: number } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / columns));
  const step = size + PASTE_GAP;
  return { w: columns * step - PASTE_GAP, h: rows * step - PASTE_GAP };
}

/**
 * Where pasted lines go: a grid of default-sized notes, as square as possible, whose centre
 * is `at`, in reading order.
 */
export function linesGrid(count: number, at: BoardPoint, size = NOTE_DEFAULT_SIZE): BoardPoint[] {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const step = size + PASTE_GAP;
  const { w, h } = linesGridSize(count, size);
  const left = at.x - w / 2;
  const top = at.y - h / 2;
  const result: BoardPoint[] = [];
  for (let i = 0; i < count; i++) {
    result.push({
      x: Math.round(left + (i % columns) * step),
      y: Math.round(top + Math.floor(i / columns) * step),
    });
  }
  return result;
}

/** The size of a group of copied notes, as they were arranged. */
export function copiedSize(notes: readonly ClipNote[]): { w: number; h: number } {
  let w = 0;
  let h = 0;
  for (const n of notes) {
    w = Math.max(w, n.dx + n.w);
    h = Math.max(h, n.dy + n.h);
  }
  return { w, h };
}

/** Copied notes keep their arrangement, centred on `at`. */
export function placeCopied(notes: readonly ClipNote[], at: BoardPoint): BoardPoint[] {
  const { w, h } = copiedSize(notes);
  return notes.map((n) => ({
    x: Math.round(at.x - w / 2 + n.dx),
    y: Math.round(at.y - h / 2 + n.dy),
  }));
}

/** One note per line, in a grid centred on `at`; returns the new ids in line order. */
export function createNotesFromLines(
  doc: Y.Doc,
  lines: readonly string[],
  at: BoardPoint,
  author: Author,
  color?: NoteColor,
): string[] {
  const positions = linesGrid(lines.length, at);
  const ids: string[] = [];
  transact(doc, () => {
    lines.forEach((text, i) => {
      const p = positions[i] ?? at;
      ids.push(createNote(doc, { ...p, text, color, ...authorFields(author) }));
    });
  });
  return ids;
}

/** Copied notes, arranged as they were, centred on `at`. */
export function pasteNotes(
  doc: Y.Doc,
  notes: readonly ClipNote[],
  at: BoardPoint,
  author: Author,
): string[] {
  const positions = placeCopied(notes, at);
  return createCopies(
    doc,
    notes.map((note, i) => ({ ...note, ...(positions[i] ?? at) })),
    author,
  );
}

/** Duplicates sit a little down and right of their originals, like a stack of copies. */
export const DUPLICATE_OFFSET = 24;

/** What a copy takes: a text with its language (the copy is written in it), not translations. */
export type NoteCopySource = Pick<NoteView, 'x' | 'y' | 'w' | 'h' | 'color' | 'text'> &
  Partial<Pick<NoteView, 'lang'>>;

export function duplicateNotes(
  doc: Y.Doc,
  notes: readonly NoteCopySource[],
  author: Author,
): string[] {
  return createCopies(
    doc,
    notes.map((n) => ({ ...n, x: n.x + DUPLICATE_OFFSET, y: n.y + DUPLICATE_OFFSET })),
    author,
  );
}

function createCopies(doc: Y.Doc, notes: readonly NoteCopySource[], author: Author): string[] {
  const ids: string[] = [];
  transact(doc, () => {
    for (const note of notes) {
      ids.push(
        createNote(doc, {
          x: note.x,
          y: note.y,
          w: note.w,
          h: note.h,
          color: note.color,
          text: note.text,
          ...(note.lang ? { lang: note.lang } : {}),
          ...authorFields(author),
        }),
      );
    }
  });
  return ids;
}

// --- Roadmap ----------------------------------------------------------------------------------

/** The periods of a new roadmap: every year from this one to 2030 (at least one, at most 6). */
export function defaultPeriods(thisYear: number, until = 2030): string[] {
  const first = Math.min(thisYear, until);
  const years: string[] = [];
  for (let year = Math.max(first, until - 5); year <= until; year++) years.push(String(year));
  return years;
}

/** A new roadmap: the given lanes (themes) and periods, as one action. */
export function createRoadmap(
  doc: Y.Doc,
  lanes: readonly string[],
  periods: readonly string[],
): void {
  transact(doc, () => {
    for (const title of lanes) addLane(doc, { title });
    for (const title of periods) addPeriod(doc, { title });
  });
}
