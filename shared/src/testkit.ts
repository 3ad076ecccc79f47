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
