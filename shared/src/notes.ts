import * as Y from 'yjs';
import { newId } from './ids';
import { type ContentLang, writeOriginalLang } from './records/language';
import type { NoteMedia } from './records/media';
import { NoteKey, type NoteView, readNote, stampEdited } from './records/note';
import { VoteSessionKey } from './records/vote';
import { clustersMap, lanesMap, notesMap, periodsMap, transact, voteSessionsMap } from './roots';
import {
  type DanglingRef,
  DEFAULT_NOTE_COLOR,
  type InvalidEntry,
  isNoteColor,
  NOTE_DEFAULT_SIZE,
  NOTE_MAX_TEXT,
  type NoteColor,
  ORGANISATION_MAX,
} from './schema';
import { applyTextDiff } from './text';
import { clampCoord, clampSize, cleanName, isOrderKey, keyAfter, readPair } from './values';

export interface NewNote {
  x: number;
  y: number;
  w?: number;
  h?: number;
  color?: NoteColor;
  text?: string;
  authorId: string;
  authorName: string;
  /** The author's organisation; trimmed, and left out when empty. */
  organisation?: string;
  /** The language the text is written in; absent: the board's main language. */
  lang?: ContentLang;
  id?: string;
  now?: number;
  /** Makes the note an image or a link item (records/media.ts); set once, here. */
  media?: NoteMedia;
}

/** An organisation name longer than ORGANISATION_MAX is refused, not cut. */
export class OrganisationTooLongError extends Error {
  constructor(readonly length: number) {
    super(`An organisation name holds at most ${ORGANISATION_MAX} characters; this has ${length}.`);
    this.name = 'OrganisationTooLongError';
  }
}

export class NoteTextTooLongError extends Error {
  constructor(readonly length: number) {
    super(`A note holds at most ${NOTE_MAX_TEXT} characters; this text has ${length}.`);
    this.name = 'NoteTextTooLongError';
  }
}

/** A note that operations may change: it exists and is not locked. */
function editable(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const note = notesMap(doc).get(id);
  if (!(note instanceof Y.Map)) return null;
  return note.get(NoteKey.locked) === true ? null : note;
}

/** Creates a note on top of all others, in one transaction; returns its id. */
export function createNote(doc: Y.Doc, input: NewNote): string {
  const text = input.text ?? '';
  if (text.length > NOTE_MAX_TEXT) throw new NoteTextTooLongError(text.length);
  if (input.color !== undefined && !isNoteColor(input.color)) {
    throw new Error(`Unknown note colour: ${String(input.color)}`);
  }
  const organisation = input.organisation?.trim() ?? '';
  if (organisation.length > ORGANISATION_MAX) {
    throw new OrganisationTooLongError(organisation.length);
  }
  const id = input.id ?? newId();
  const now = input.now ?? Date.now();
  transact(doc, () => {
    const note = new Y.Map<unknown>();
    note.set(NoteKey.pos, [clampCoord(input.x), clampCoord(input.y)]);
    note.set(NoteKey.size, [
      clampSize(input.w ?? NOTE_DEFAULT_SIZE),
      clampSize(input.h ?? NOTE_DEFAULT_SIZE),
    ]);
    note.set(NoteKey.color, input.color ?? DEFAULT_NOTE_COLOR);
    note.set(NoteKey.text, new Y.Text(text));
    note.set(NoteKey.z, topZ(doc));
    note.set(NoteKey.authorId, input.authorId);
    note.set(NoteKey.authorName, cleanName(input.authorName));
    if (organisation !== '') note.set(NoteKey.organisation, organisation);
    if (input.media) note.set(NoteKey.media, { ...input.media });
    note.set(NoteKey.createdAt, now);
    note.set(NoteKey.editedAt, now);
    note.set(NoteKey.locked, false);
    writeOriginalLang(note, input.lang);
    notesMap(doc).set(id, note);
  });
  return id;
}

/**
 * Moves notes to new positions in one transaction (one undo step, one update). Locked notes
 * stay where they are. Write a drag once, at drop: every overwrite leaves a struct behind.
 */
export function moveNotes(doc: Y.Doc, moves: ReadonlyArray<{ id: string; x: number; y: number }>) {
  transact(doc, () => {
    for (const move of moves) {
      const note = editable(doc, move.id);
      if (!note) continue; // deleted concurrently, or locked: nothing to move
      setPos(note, move.x, move.y);
    }
  });
}

/** Writes a note's position if it changed: every overwrite leaves a struct behind. */
export function setPos(note: Y.Map<unknown>, x: number, y: number): void {
  const next: [number, number] = [clampCoord(x), clampCoord(y)];
  const current = readPair(note.get(NoteKey.pos));
  if (current?.[0] !== next[0] || current?.[1] !== next[1]) note.set(NoteKey.pos, next);
}

/** A note's stored position, or [0, 0] when it is unreadable (readers report that). */
export function notePos(note: Y.Map<unknown>): [number, number] {
  return readPair(note.get(NoteKey.pos)) ?? [0, 0];
}

export function noteSize(note: Y.Map<unknown>): [number, number] {
  return readPair(note.get(NoteKey.size)) ?? [NOTE_DEFAULT_SIZE, NOTE_DEFAULT_SIZE];
}

export function moveNote(doc: Y.Doc, id: string, x: number, y: number): void {
  moveNotes(doc, [{ id, x, y }]);
}

export function resizeNote(doc: Y.Doc, id: string, w: number, h: number, now?: number): void {
  const note = editable(doc, id);
  if (!note) return;
  const next: [number, number] = [clampSize(w), clampSize(h)];
  const current = readPair(note.get(NoteKey.size));
  if (current?.[0] === next[0] && current?.[1] === next[1]) return;
  transact(doc, () => {
    note.set(NoteKey.size, next);
    stampEdited(note, now);
  });
}

export function recolorNotes(
  doc: Y.Doc,
  ids: readonly string[],
  color: NoteColor,
  now?: number,
): void {
  if (!isNoteColor(color)) throw new Error(`Unknown note colour: ${String(color)}`);
  transact(doc, () => {
    for (const id of ids) {
      const note = editable(doc, id);
      if (note && note.get(NoteKey.color) !== color) {
        note.set(NoteKey.color, color);
        stampEdited(note, now);
      }
    }
  });
}

/** Locks or unlocks notes. A locked note is left alone by every other operation. */
export function setNotesLocked(
  doc: Y.Doc,
  ids: readonly string[],
  locked: boolean,
  now?: number,
): void {
  transact(doc, () => {
    for (const id of ids) {
      const note = notesMap(doc).get(id);
      if (note instanceof Y.Map && (note.get(NoteKey.locked) === true) !== locked) {
        note.set(NoteKey.locked, locked);
        stampEdited(note, now);
      }
    }
  });
}

/**
 * Deletes notes (locked ones are kept) in one transaction, together with every reference to
 * them that lives elsewhere: their places among vote candidates and the dots cast on them.
 * Cluster membership and roadmap placement live on the note and go with it. Comments on a
 * deleted note are kept and read as orphaned.
 */
export function deleteNotes(doc: Y.Doc, ids: readonly string[]): void {
  transact(doc, () => {
    const gone = new Set<string>();
    for (const id of ids) {
      if (!editable(doc, id)) continue;
      notesMap(doc).delete(id);
      gone.add(id);
    }
    if (gone.size === 0) return;
    for (const session of voteSessionsMap(doc).values()) {
      const candidates = session instanceof Y.Map ? session.get(VoteSessionKey.candidates) : null;
      if (!(candidates instanceof Y.Map)) continue;
      for (const id of gone) if (candidates.has(id)) candidates.delete(id);
    }
  });
}

export function bringToFront(doc: Y.Doc, id: string): void {
  const note = notesMap(doc).get(id);
  if (!(note instanceof Y.Map)) return;
  const z = note.get(NoteKey.z);
  let higher = false;
  for (const other of notesMap(doc).values()) {
    const oz = other instanceof Y.Map ? other.get(NoteKey.z) : undefined;
    if (other !== note && isOrderKey(oz) && (typeof z !== 'string' || oz >= z)) {
      higher = true;
      break;
    }
  }
  if (!higher && isOrderKey(z)) return;
  transact(doc, () => note.set(NoteKey.z, topZ(doc)));
}

export function noteText(doc: Y.Doc, id: string): Y.Text | null {
  const text = notesMap(doc).get(id)?.get(NoteKey.text);
  return text instanceof Y.Text ? text : null;
}

/**
 * Replaces the note's text with `next` by the smallest edit, so that concurrent typing in
 * one note merges. A locked note's text is left alone.
 */
export function setNoteText(doc: Y.Doc, id: string, next: string, now?: number): void {
  if (!editable(doc, id)) return;
  const text = noteText(doc, id);
  if (!text) return;
  if (next.length > NOTE_MAX_TEXT) throw new NoteTextTooLongError(next.length);
  applyTextDiff(text, next, now);
}

/**
 * Per document, a z key at least as high as every note's: finding the top by scanning every
 * note made creating note n cost O(n) (40 s to build a 10,000-note board). Kept current from
 * each transaction's changes, local or remote; a deleted top note leaves it too high, which
 * is harmless (a new note still lands above all others).
 */
const zCeiling = new WeakMap<Y.Doc, { top: string | null }>();

function ceilingOf(doc: Y.Doc): { top: string | null } {
  const known = zCeiling.get(doc);
  if (known) return known;
  const notes = notesMap(doc);
  const root: unknown = notes;
  const ceiling = { top: null as string | null };
  const raise = (z: unknown) => {
    if (isOrderKey(z) && (ceiling.top === null || z > ceiling.top)) ceiling.top = z;
  };
  for (const note of notes.values()) if (note instanceof Y.Map) raise(note.get(NoteKey.z));
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      if (type === root) {
        for (const id of keys) {
          const note = id === null ? undefined : notes.get(id);
          if (note instanceof Y.Map) raise(note.get(NoteKey.z));
        }
      } else if (type.parent === notes && keys.has(NoteKey.z) && type instanceof Y.Map) {
        raise(type.get(NoteKey.z));
      }
    }
  });
  zCeiling.set(doc, ceiling);
  return ceiling;
}

function topZ(doc: Y.Doc): string {
  const ceiling = ceilingOf(doc);
  const key = keyAfter([ceiling.top]);
  // Raised at once, so several notes created in one outer transaction get distinct keys.
  ceiling.top = key;
  return key;
}

/** What counts as existing when a note's references are resolved. */
export interface NoteRefContext {
  clusters: ReadonlySet<string>;
  lanes: ReadonlySet<string>;
  periods: ReadonlySet<string>;
  dangling: DanglingRef[];
}

/**
 * All valid notes back to front; invalid ones are reported in `invalid`. References to a
 * cluster, lane or period that does not exist (deleted concurrently) read as none and are
 * reported in `refs.dangling`.
 */
export function readNotes(
  doc: Y.Doc,
  invalid: InvalidEntry[] = [],
  refs: NoteRefContext = existingRefs(doc),
): NoteView[] {
  const result: NoteView[] = [];
  for (const [id, note] of notesMap(doc).entries()) {
    const view = readNote(id, note);
    if (typeof view === 'string') {
      invalid.push({ kind: 'note', id, reason: view });
      continue;
    }
    if (view.cluster !== null && !refs.clusters.has(view.cluster)) {
      refs.dangling.push({ kind: 'note', id, field: 'cluster', target: view.cluster });
      view.cluster = null;
      view.clusterOrder = null;
    }
    if (view.cell && !(refs.lanes.has(view.cell.lane) && refs.periods.has(view.cell.period))) {
      const target = `${view.cell.lane}/${view.cell.period}`;
      refs.dangling.push({ kind: 'note', id, field: 'cell', target });
      view.cell = null;
    }
    result.push(view);
  }
  return result.sort(compareZ);
}

function existingRefs(doc: Y.Doc): NoteRefContext {
  return {
    clusters: new Set(clustersMap(doc).keys()),
    lanes: new Set(lanesMap(doc).keys()),
    periods: new Set(periodsMap(doc).keys()),
    dangling: [],
  };
}

export function compareZ(a: { z: string; id: string }, b: { z: string; id: string }): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
