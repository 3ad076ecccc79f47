import type { NoteView } from '@paja/shared';

/**
 * Returns `next` with every note that did not change replaced by the previous object, so
 * memoised note components skip re-rendering: readNotes builds fresh objects on every
 * document change, and one keystroke in one note must not redraw the others.
 */
export function reuseUnchanged(
  previous: ReadonlyMap<string, NoteView>,
  next: readonly NoteView[],
): NoteView[] {
  return next.map((note) => {
    const old = previous.get(note.id);
    return old && sameNote(old, note) ? old : note;
  });
}

/**
 * Field-by-field equality, one level into plain-object fields (a roadmap cell). Generic over
 * the keys so that a field added to NoteView in shared/ is compared without a change here.
 */
export function sameNote(a: NoteView, b: NoteView): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x: unknown = (a as unknown as Record<string, unknown>)[key];
    const y: unknown = (b as unknown as Record<string, unknown>)[key];
    if (x === y) continue;
    if (!isPlainRecord(x) || !isPlainRecord(y) || !shallowEqual(x, y)) return false;
  }
  return true;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}
