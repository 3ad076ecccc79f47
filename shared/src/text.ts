import * as Y from 'yjs';
import { stampEdited } from './records/note';
import { LOCAL_ORIGIN } from './roots';
import { ROOT } from './schema';

/**
 * Replaces the text with `next` by the smallest edit (common prefix and suffix kept), so that
 * a textarea bound to a Y.Text merges with another person's typing instead of overwriting it.
 * When the text is a note's, the note's editedAt is stamped in the same transaction (at
 * EDITED_AT_RESOLUTION, so that consecutive keystrokes still merge into one struct).
 */
export function applyTextDiff(text: Y.Text, next: string, now?: number): void {
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
    const owner = text.parent;
    if (owner instanceof Y.Map && text.doc && owner.parent === text.doc.getMap(ROOT.notes)) {
      stampEdited(owner, now);
    }
  };
  // One transaction: one update on the wire and one undo step.
  if (text.doc) text.doc.transact(edit, LOCAL_ORIGIN);
  else edit();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
