import * as Y from 'yjs';
import { MetaKey } from './records/meta';
import { ROOT } from './schema';

/**
 * Makes `doc` hold what `from` holds (an older snapshot of the same board), as one new change:
 * every record missing is added back, every record `from` lacks is deleted, every field that
 * differs is set. It never rewrites history: people connected to the board receive it as one
 * ordinary update, and it is one step to undo. Runs in the caller's transaction (the server's
 * `transactAsServer`). Texts are replaced whole where they differ.
 */
export function restoreOnto(doc: Y.Doc, from: Y.Doc): void {
  doc.transact(() => {
    for (const name of Object.values(ROOT)) mirrorMap(doc.getMap(name), from.getMap(name));
  });
}

/** The board's own content: what a facilitator means by "the board as it was". */
const CONTENT_MAPS = [ROOT.notes, ROOT.clusters, ROOT.lanes, ROOT.periods] as const;

/**
 * Like `restoreOnto`, for bringing a board back to one of its own snapshots: only its
 * content (notes, topics, the roadmap's themes and periods, and the title) goes back. What
 * people said and did since stays, as records: comments, supports, votes and vote sessions
 * (the public's comments are theirs, not the facilitator's to take back). So does how the
 * board is run now: its publication, phase settings, locks and languages. A comment or a vote
 * on a note the restore removes stays, about a note that is gone, as after any deletion.
 */
export function restoreContentOnto(doc: Y.Doc, from: Y.Doc): void {
  doc.transact(() => {
    for (const name of CONTENT_MAPS) mirrorMap(doc.getMap(name), from.getMap(name));
    const meta = doc.getMap(ROOT.meta);
    const title = from.getMap(ROOT.meta).get(MetaKey.title);
    if (typeof title === 'string' && meta.get(MetaKey.title) !== title) {
      meta.set(MetaKey.title, title);
    }
  });
}

function clone(value: unknown): unknown {
  if (value instanceof Y.Text) return new Y.Text(value.toString());
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    for (const [key, inner] of value.entries()) map.set(key, clone(inner));
    return map;
  }
  if (value instanceof Y.Array) {
    const array = new Y.Array<unknown>();
    array.insert(0, value.toArray().map(clone));
    return array;
  }
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mirrorMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  for (const [key, want] of source.entries()) {
    const have = target.get(key);
    if (want instanceof Y.Map && have instanceof Y.Map) mirrorMap(have, want);
    else if (want instanceof Y.Text && have instanceof Y.Text) {
      const text = want.toString();
      if (have.toString() !== text) {
        have.delete(0, have.length);
        have.insert(0, text);
      }
    } else if (want instanceof Y.AbstractType || have instanceof Y.AbstractType) {
      if (
        !(
          want instanceof Y.AbstractType &&
          have instanceof Y.AbstractType &&
          same(want.toJSON(), have.toJSON())
        )
      ) {
        target.set(key, clone(want));
      }
    } else if (!same(want, have) || !target.has(key)) target.set(key, clone(want));
  }
}
