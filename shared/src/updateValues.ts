import * as Y from 'yjs';
import { isContentLang, isLanguageKey, LangKey } from './records/language';
import { readMedia } from './records/media';
import { NoteKey } from './records/note';
import { readCell } from './records/roadmap';
import { BOARD_EXTENT, isNoteColor, NAME_MAX, NOTE_MAX_SIZE, NOTE_MAX_TEXT } from './schema';
import { type Target, type UpdateEffect, written } from './updateEffect';
import { isFiniteNumber, isOrderKey, isOrganisation, isRefId, readPair } from './values';

/**
 * What a participant's update may write, as values: the edit guard (editGuard.ts) decides who
 * may change what; this decides what a change may hold, so that no participant can put into
 * the board what its readers cannot show or what only bloats it for everyone:
 * - a note's fields hold what records/note.ts reads (a position on the board, a palette colour,
 *   a text, well-formed keys); a key no note reads is held to the size of any other value;
 * - a text (a note's, a translation, a title) holds at most NOTE_MAX_TEXT characters of plain
 *   text after the update, which is what every editor of Paja lets a person type;
 * - any other value is small (MAX_VALUE_JSON) and of a kind the board uses: plain JSON, maps
 *   and texts, never binary data, embedded documents or formatting.
 * Facilitators are not checked: they may change anything, as in the guard.
 */
export const MAX_VALUE_JSON = 2048;

/** Why a value is refused, or null. Texts are counted as the items come (see `TextTally`). */
export function valueProblem(
  effect: UpdateEffect,
  item: Y.Item,
  target: Target,
  texts: TextTally,
  /** The board's `notes` map (looked up once per update by the caller). */
  notes: Y.Map<unknown>,
): string | null {
  const content = item.content;
  // Into content already gone (no effect), or refused elsewhere (held back, or outside the board).
  if (target.kind === 'collected' || target.kind === 'unknown' || target.kind === 'foreign')
    return null;
  if (content instanceof Y.ContentDeleted) return null;
  const text = textOf(target);
  if (text) {
    if (!(content instanceof Y.ContentString)) return 'only plain text goes into a text';
    texts.add(text, content.str.length);
    return null;
  }
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (!(type instanceof Y.Map || type instanceof Y.Text)) return 'a kind of data no board uses';
  } else if (!(content instanceof Y.ContentAny)) {
    return 'a kind of data no board uses';
  }
  const key = keyOf(effect, item, target);
  const value = written(item);
  if (noteFieldTarget(notes, target)) {
    if (key === null) return 'a note is not a list';
    const problem = noteFieldProblem(key, value);
    // A key no note reads (a tool's own mark, as the benchmarks' send times) leaves the note
    // readable: it is held to the size of any other value below.
    if (problem !== null || NOTE_FIELDS.has(key) || isLanguageKey(key)) return problem;
  }
  if (target.kind === 'existing' && target.type === notes) {
    return value instanceof Y.Map ? null : 'a note is a map';
  }
  if (content instanceof Y.ContentAny && jsonLength(value) > MAX_VALUE_JSON) {
    return `a value of more than ${MAX_VALUE_JSON} characters`;
  }
  return null;
}

/**
 * The map key an item writes. Yjs encodes the key only with the parent, and an item that
 * overwrites a key names only its neighbour (the value before): the key is the neighbour's.
 */
function keyOf(effect: UpdateEffect, item: Y.Item, target: Target): string | null {
  if (target.kind === 'existing') return target.key;
  let current: Y.Item | undefined = item;
  for (let depth = 0; current && depth < 64; depth++) {
    if (current.parentSub !== null) return current.parentSub;
    const id: Y.ID | null = current.origin ?? current.rightOrigin;
    current = id ? effect.inUpdate.get(`${id.client}:${id.clock}`) : undefined;
  }
  return null;
}

/** Whether `target` is a field of a note: an existing note, or one this update creates. */
function noteFieldTarget(notes: Y.Map<unknown>, target: Target): boolean {
  if (target.kind === 'existing') return target.type._item?.parent === notes;
  if (target.kind !== 'new') return false;
  const holder = target.parent;
  return holder.kind === 'existing' && holder.type === notes && holder.key !== null;
}

/**
 * The text an item writes into, if it does: an existing Y.Text, or the struct of one this
 * update creates (its characters come in the same update).
 */
function textOf(target: Target): Y.Text | Y.Item | null {
  if (target.kind === 'existing') return target.type instanceof Y.Text ? target.type : null;
  if (target.kind !== 'new') return null;
  const made = target.made.content;
  return made instanceof Y.ContentType && made.type instanceof Y.Text ? target.made : null;
}

/** Why `value` cannot be a note's `key`, or null (the rules records/note.ts reads by). */
export function noteFieldProblem(key: string, value: unknown): string | null {
  const what = noteFieldFault(key, value);
  return what === null ? null : `note ${key} ${what}`;
}

/** What is wrong with `value` as a note's `key`, or null (no closure: this runs per field). */
function noteFieldFault(key: string, value: unknown): string | null {
  switch (key) {
    case NoteKey.pos: {
      const pair = readPair(value);
      return pair?.every((v) => Math.abs(v) <= BOARD_EXTENT) ? null : 'is off the board';
    }
    case NoteKey.size: {
      const pair = readPair(value);
      return pair?.every((v) => v > 0 && v <= NOTE_MAX_SIZE) ? null : 'is not a size';
    }
    case NoteKey.color:
      return isNoteColor(value) ? null : 'is not a palette colour';
    case NoteKey.text:
      return value instanceof Y.Text ? null : 'is not a text';
    case NoteKey.z:
    case NoteKey.clusterOrder:
      return isOrderKey(value) ? null : 'is not an order key';
    case NoteKey.authorId:
    case NoteKey.cluster:
      return isRefId(value) ? null : 'is not an id';
    case NoteKey.authorName:
      return typeof value === 'string' && value.length <= NAME_MAX ? null : 'is not a name';
    case NoteKey.organisation:
      return isOrganisation(value) ? null : 'is not an organisation';
    case NoteKey.createdAt:
    case NoteKey.editedAt:
      return isFiniteNumber(value) ? null : 'is not a time';
    case NoteKey.locked:
      return typeof value === 'boolean' ? null : 'is not true or false';
    case NoteKey.cell: {
      const cell = readCell(value);
      const exact = cell && typeof cell === 'object' && Object.keys(value as object).length === 2;
      return exact && isRefId(cell.lane) && isRefId(cell.period) ? null : 'is not a cell';
    }
    case NoteKey.media: {
      const media = readMedia(value);
      return media && typeof media === 'object' && jsonLength(value) <= MAX_VALUE_JSON
        ? null
        : 'is not an image or a link';
    }
    default:
      if (key === LangKey.lang) return isContentLang(value) ? null : 'is not a language';
      if (isLanguageKey(key)) {
        const into = key.slice(LangKey.translationPrefix.length);
        return isContentLang(into) && value instanceof Y.Text ? null : 'is not a translation';
      }
      return null;
  }
}

/** The keys a note's record reads (records/note.ts); the language keys are told by their shape. */
const NOTE_FIELDS: ReadonlySet<string> = new Set(Object.values(NoteKey));

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Characters an update adds to each text it writes into, and whether any text ends up past
 * NOTE_MAX_TEXT: an existing text's length, plus what is added, minus what is deleted.
 */
export class TextTally {
  // Made on the first text: most updates (a move) write none, and this runs for each one.
  #added: Map<Y.Text | Y.Item, number> | null = null;

  add(text: Y.Text | Y.Item, characters: number): void {
    this.#added ??= new Map();
    this.#added.set(text, (this.#added.get(text) ?? 0) + characters);
  }

  /** Why the update is refused for a text's length, or null. */
  problem(effect: UpdateEffect): string | null {
    if (!this.#added) return null;
    for (const [text, added] of this.#added) {
      let length = added;
      if (text instanceof Y.Text) {
        length += text.length;
        if (length <= NOTE_MAX_TEXT) continue;
        for (const gone of effect.removed) {
          if (gone.parent === text && gone.countable) length -= gone.length;
        }
      }
      if (length > NOTE_MAX_TEXT) return `a text of more than ${NOTE_MAX_TEXT} characters`;
    }
    return null;
  }
}
