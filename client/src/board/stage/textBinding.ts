/**
 * Keeping a textarea's caret where the person left it while someone else edits the same
 * Y.Text. A Y.Text change arrives as a delta (retain / insert / delete runs from the start);
 * each caret index is shifted by what happened before it.
 */
export type TextDelta = ReadonlyArray<{
  retain?: number;
  insert?: unknown;
  delete?: number;
}>;

/**
 * Where `index` ends up after `delta`. Text inserted exactly at the caret goes after it: my
 * caret is not pushed along by someone else typing at the same spot.
 */
export function transformIndex(index: number, delta: TextDelta): number {
  let oldPos = 0; // position in the text before the change
  let shift = 0;
  for (const op of delta) {
    if (oldPos > index) break;
    if (op.retain !== undefined) {
      oldPos += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldPos < index) shift += length;
    } else if (op.delete !== undefined) {
      const end = oldPos + op.delete;
      if (end <= index) shift -= op.delete;
      else if (oldPos < index) shift -= index - oldPos; // caret was inside the deleted run
      oldPos = end;
    }
  }
  return Math.max(0, index + shift);
}

export interface Selection {
  start: number;
  end: number;
}

export function transformSelection(selection: Selection, delta: TextDelta): Selection {
  return {
    start: transformIndex(selection.start, delta),
    end: transformIndex(selection.end, delta),
  };
}
