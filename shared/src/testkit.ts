// Helpers for this package's tests (not exported from index.ts).
import * as Y from 'yjs';
import { initBoard } from './board';
import { createNote, type NewNote } from './notes';

export function newDoc(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initBoard(doc, { title: 'Paja', locale: 'fi', now: 1 });
  return doc;
}

let counter = 0;
export function note(doc: Y.Doc, input: Partial<NewNote> = {}): string {
  counter += 1;
  return createNote(doc, {
    x: 0,
    y: 0,
    authorId: 'p1',
    authorName: 'Aino',
    now: 1000 + counter,
    ...input,
  });
}

/** Exchanges all missing updates between the docs (full mesh). */
export function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from === to) continue;
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
    }
  }
}

/** A second replica holding everything `doc` has. */
export function fork(doc: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), 'remote');
  return copy;
}

/** mulberry32: a tiny seeded PRNG, good enough to drive a test and fully reproducible. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T | undefined =>
    items.length === 0 ? undefined : items[int(0, items.length - 1)];
  const chance = (p: number) => next() < p;
  const some = <T>(items: readonly T[], max = 4): T[] => {
    const pool = [...new Set(items)];
    const chosen: T[] = [];
    for (let count = int(0, Math.min(max, pool.length)); count > 0; count--) {
      chosen.push(pool.splice(int(0, pool.length - 1), 1)[0] as T);
    }
    return chosen;
  };
  return { next, int, pick, chance, some };
}
