import * as Y from 'yjs';
import { notesMap } from '../roots';
import {
  DEFAULT_NOTE_COLOR,
  EDITED_AT_RESOLUTION,
  isNoteColor,
  NOTE_DEFAULT_SIZE,
  type NoteColor,
  ORGANISATION_MAX,
} from '../schema';
import { isFiniteNumber, isOrderKey, isOrganisation, readPair } from '../values';
import { readTranslated, type Translated } from './language';
import { type NoteMedia, readMedia } from './media';
import { type RoadmapCell, readCell } from './roadmap';

/*
 * The note record: one Y.Map per note in the top-level `notes` map, keyed by note id. Its
 * fields, what each means for sync, how it is validated, its defaults and its migration steps
 * are all in this file; the operations on notes are in notes.ts.
 */

export const NoteKey = {
  /**
   * [x, y]: top-left corner in board units (1 unit = 1 CSS px at zoom 1), clamped to
   * ±BOARD_EXTENT. One LWW value, not two keys (v2; v1 had `x` and `y`): two people moving one
   * note concurrently end at one of their positions, never x of one and y of the other, and
   * successive moves of a note leave deleted values that Yjs merges into one struct, where two
   * interleaved keys leave one struct per move (20x the size after 100 moves; bench/).
   */
  pos: 'pos',
  /** [w, h]: size in board units, each clamped to NOTE_MIN_SIZE..NOTE_MAX_SIZE. One LWW value. */
  size: 'size',
  /** NoteColor: a palette name, never a raw CSS colour, so themes can change. LWW. */
  color: 'color',
  /** Y.Text: the note's text; characters merge, nobody's typing is lost. */
  text: 'text',
  /**
   * string: fractional-index z-order key; notes are drawn in ascending key order (ties broken
   * by id). Bringing a note to the front writes a key after the current maximum, touching
   * no other note. LWW.
   */
  z: 'z',
  /**
   * string: the participant id of whoever created the note. Set once. It decides ownership:
   * participants edit and delete only their own notes unless the phase allows more, so the
   * server refuses a note added in another's name and any later write of this key.
   */
  authorId: 'authorId',
  /** string: that participant's display name at the time of creation. Set once. */
  authorName: 'authorName',
  /**
   * string | absent: the author's organisation at the time of creation (v3), trimmed, at most
   * ORGANISATION_MAX characters; one of the board's list or typed freely. Set once, like the
   * author: a participant who later changes organisation does not rewrite history.
   */
  organisation: 'organisation',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
  /**
   * number: ms since epoch of the last change of text, colour, size or lock (v2), at
   * EDITED_AT_RESOLUTION: stamping every keystroke would put a map write between each two
   * typed characters, so that Yjs could no longer merge them into one struct. LWW.
   */
  editedAt: 'editedAt',
  /** boolean: settled by a facilitator; operations leave a locked note alone (v2). LWW. */
  locked: 'locked',
  /**
   * string | absent: id of the cluster the note belongs to (v2). LWW, so a note is in at most
   * one cluster whatever happens concurrently. A missing cluster reads as none.
   */
  cluster: 'cluster',
  /** string | absent: fractional key ordering the note among its cluster's members (v2). LWW. */
  clusterOrder: 'clusterOrder',
  /**
   * RoadmapCell | absent: `{ lane, period }` ids, one LWW value (v2). Lane and period are one
   * value, not two keys, so two people placing one note in different cells concurrently end
   * with one of the cells they chose, never a mix of the two. See records/roadmap.ts.
   */
  cell: 'cell',
  /**
   * NoteMedia | absent: makes the note an image or a link item (see records/media.ts); its
   * text is then the image's alternative text or the link's title. Set once, with the note.
   */
  media: 'media',
} as const;

/** Fields that say who made a note and when: nobody may rewrite them once the note exists. */
export const NOTE_SET_ONCE: ReadonlySet<string> = new Set([
  NoteKey.authorId,
  NoteKey.authorName,
  NoteKey.organisation,
  NoteKey.createdAt,
  NoteKey.media,
]);

/**
 * A note as the UI, exports and tests see it: plain, typed, JSON-serialisable. `text` is the
 * original, in `lang`; its translations are in `translations` (records/language.ts).
 */
export interface NoteView extends Translated {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: NoteColor;
  text: string;
  z: string;
  authorId: string;
  authorName: string;
  /** The author's organisation when the note was written, or null. */
  organisation: string | null;
  createdAt: number;
  /** Equals createdAt until the note is first edited. */
  editedAt: number;
  locked: boolean;
  /** The cluster the note is in, or null (also when the stored cluster no longer exists). */
  cluster: string | null;
  /**
   * Order key among the cluster's members; null when not in a cluster, '' for a member whose
   * key was lost (a concurrent removal and re-add), which sorts first.
   */
  clusterOrder: string | null;
  /** The roadmap cell, or null (also when its lane or period no longer exists). */
  cell: RoadmapCell | null;
  /** An image or a link item (its text is the alt text or the title), or null for a note. */
  media: NoteMedia | null;
}

type TypeName = 'string' | 'number' | 'boolean';

/** An optional field: absent (or null) reads as `fallback`; present, it must have the type. */
function optional(
  map: Y.Map<unknown>,
  key: string,
  type: TypeName,
  fallback: string | number | boolean | null,
): { value: unknown; error?: string } {
  const value = map.get(key);
  if (value === undefined || value === null) return { value: fallback };
  if (typeof value !== type || (type === 'number' && !isFiniteNumber(value))) {
    return { value: fallback, error: `is not a ${type}` };
  }
  return { value };
}

/**
 * Reads and validates one note. Returns the reason it is invalid instead of a half-broken
 * view, so the UI can list it rather than silently drop it. Fields added in a later version
 * may be absent (a note written before its board was migrated) and then read as their
 * defaults; present but mistyped, they make the note invalid. References are returned as
 * stored; readNotes (notes.ts) resolves them against what exists.
 */
export function readNote(id: string, note: unknown): NoteView | string {
  if (!(note instanceof Y.Map)) return 'not a map';
  const pos = readPair(note.get(NoteKey.pos));
  if (!pos) return 'position is not two numbers';
  const size = readPair(note.get(NoteKey.size));
  if (!size) return 'size is not two numbers';
  const color = note.get(NoteKey.color);
  if (!isNoteColor(color)) return `unknown colour ${String(color)}`;
  const text = note.get(NoteKey.text);
  if (!(text instanceof Y.Text)) return 'text is missing';
  const z = note.get(NoteKey.z);
  if (!isOrderKey(z)) return 'z-order key is missing or malformed';
  const authorId = optional(note, NoteKey.authorId, 'string', '');
  const authorName = optional(note, NoteKey.authorName, 'string', '');
  const organisation = optional(note, NoteKey.organisation, 'string', null);
  const createdAt = optional(note, NoteKey.createdAt, 'number', 0);
  const editedAt = optional(note, NoteKey.editedAt, 'number', createdAt.value as number);
  const locked = optional(note, NoteKey.locked, 'boolean', false);
  const cluster = optional(note, NoteKey.cluster, 'string', null);
  const clusterOrder = optional(note, NoteKey.clusterOrder, 'string', null);
  for (const [name, field] of Object.entries({
    authorId,
    authorName,
    organisation,
    createdAt,
    editedAt,
    locked,
    cluster,
    clusterOrder,
  })) {
    if (field.error) return `${name} ${field.error}`;
  }
  if (organisation.value !== null && !isOrganisation(organisation.value)) {
    return `organisation is not a trimmed name of 1..${ORGANISATION_MAX} characters`;
  }
  const cell = readCell(note.get(NoteKey.cell));
  if (typeof cell === 'string') return cell;
  const translated = readTranslated(note);
  if (typeof translated === 'string') return translated;
  const media = readMedia(note.get(NoteKey.media));
  if (typeof media === 'string') return media;
  return {
    id,
    x: pos[0],
    y: pos[1],
    w: size[0],
    h: size[1],
    color,
    text: text.toString(),
    z,
    authorId: authorId.value as string,
    authorName: authorName.value as string,
    organisation: organisation.value as string | null,
    createdAt: createdAt.value as number,
    editedAt: editedAt.value as number,
    locked: locked.value as boolean,
    cluster: cluster.value as string | null,
    // A member whose order key was lost to a concurrent removal sorts first (ties by id).
    clusterOrder: cluster.value === null ? null : ((clusterOrder.value as string | null) ?? ''),
    cell,
    lang: translated.lang,
    translations: translated.translations,
    media,
  };
}

/** Rewrites a note's editedAt when the stored one is EDITED_AT_RESOLUTION older (or absent). */
export function stampEdited(note: Y.Map<unknown>, now: number = Date.now()): void {
  const previous = note.get(NoteKey.editedAt);
  if (!isFiniteNumber(previous) || now - previous >= EDITED_AT_RESOLUTION) {
    note.set(NoteKey.editedAt, now);
  }
}

/**
 * Defaults that healing (heal.ts) writes into a note whose required field an undo could not
 * restore. Deterministic, so every replica that heals writes the same values.
 */
export const NOTE_FILLS: Readonly<Record<string, () => unknown>> = {
  [NoteKey.pos]: () => [0, 0],
  [NoteKey.size]: () => [NOTE_DEFAULT_SIZE, NOTE_DEFAULT_SIZE],
  [NoteKey.color]: () => DEFAULT_NOTE_COLOR,
  [NoteKey.text]: () => new Y.Text(),
};

/**
 * Migration steps of the note record, by the version they lift from (see migrations.ts).
 * v1 -> v2: position and size become one value each (pos = [x, y], size = [w, h]); every
 * note gets an explicit editedAt (its createdAt) and locked (false).
 * v2 -> v3: `organisation` is new and optional; older notes have none. Nothing to write.
 */
export const NOTE_MIGRATIONS: Readonly<Record<number, (doc: Y.Doc) => void>> = {
  1(doc) {
    for (const note of notesMap(doc).values()) {
      if (!(note instanceof Y.Map)) continue; // invalid entries are reported, not repaired
      pair(note, NoteKey.pos, 'x', 'y');
      pair(note, NoteKey.size, 'w', 'h');
      if (!note.has(NoteKey.editedAt)) {
        const createdAt = note.get(NoteKey.createdAt);
        note.set(NoteKey.editedAt, typeof createdAt === 'number' ? createdAt : 0);
      }
      if (!note.has(NoteKey.locked)) note.set(NoteKey.locked, false);
    }
  },
};

/**
 * Joins two v1 keys into one v2 pair. Left as they are if either is not a number, so the
 * reader reports the note instead of inventing a position for it.
 */
function pair(note: Y.Map<unknown>, key: string, first: string, second: string): void {
  const a = note.get(first);
  const b = note.get(second);
  if (!note.has(key) && typeof a === 'number' && typeof b === 'number') note.set(key, [a, b]);
  if (note.has(key)) {
    note.delete(first);
    note.delete(second);
  }
}
