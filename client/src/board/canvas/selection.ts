import { intersects } from './geometry';
import type { Bounds } from './viewport';
import { boundsOf } from './viewport';

/**
 * The local selection is a set of note ids. These functions never mutate: React state keeps
 * a new Set per change, so components can compare by identity.
 */
export type Selection = ReadonlySet<string>;
export const EMPTY_SELECTION: Selection = new Set();

/**
 * A click on a note. Shift (or Ctrl/Cmd) toggles it in the selection. A plain click on a note
 * that is already selected keeps the whole selection, so that dragging it moves the group;
 * on any other note it selects that note alone.
 */
export function clickSelect(current: Selection, id: string, additive: boolean): Selection {
  if (additive) {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }
  return current.has(id) ? current : new Set([id]);
}

/**
 * The notes a marquee touches. Touching, not containing: on a crowded board a participant
 * sweeps across the notes they mean, as in other whiteboards. With `additive` the marquee adds
 * to what was selected when the drag began.
 */
export function marqueeSelect(
  notes: ReadonlyArray<Bounds & { id: string }>,
  rect: Bounds,
  base: Selection,
  additive: boolean,
): Selection {
  const next = new Set(additive ? base : []);
  for (const note of notes) if (intersects(note, rect)) next.add(note.id);
  return next;
}

export function selectAll(notes: ReadonlyArray<{ id: string }>): Selection {
  return new Set(notes.map((n) => n.id));
}

/** Drops ids that no longer exist (deleted here or by someone else); same object if none. */
export function pruneSelection(current: Selection, exists: (id: string) => boolean): Selection {
  for (const id of current) {
    if (!exists(id)) return new Set([...current].filter(exists));
  }
  return current;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/** Bounds of the selected notes, or null when none of them is at hand. */
export function selectionBounds(
  notes: ReadonlyArray<Bounds & { id: string }>,
  selection: Selection,
): Bounds | null {
  return boundsOf(notes.filter((n) => selection.has(n.id)));
}
