import { createNote, initBoard, notesMap } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncAnswers } from './SyncAnswers';
import { encodeSyncStep2 } from './syncFrames';

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'T', locale: 'en' });
  createNote(doc, { x: 0, y: 0, text: 'a', authorId: 'a', authorName: 'A' });
  return doc;
}

describe('SyncAnswers', () => {
  it('answers made-up state vectors with the one shared full state', () => {
    const doc = board();
    const answers = new SyncAnswers(doc);
    const nothing = new Uint8Array([0]);
    const strangers = Y.encodeStateVector(new Map([[123456, 99]]));
    const full = answers.for(nothing, Y.decodeStateVector(nothing));
    expect(answers.for(strangers, Y.decodeStateVector(strangers))).toBe(full);
    expect(full).toBe(answers.full());
  });

  it('encodes a real state vector once per document version', () => {
    const doc = board();
    const answers = new SyncAnswers(doc);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const vector = Y.encodeStateVector(client);
    const first = answers.for(vector, Y.decodeStateVector(vector));
    expect(answers.for(Uint8Array.from(vector), Y.decodeStateVector(vector))).toBe(first);
    createNote(doc, { x: 1, y: 1, text: 'b', authorId: 'a', authorName: 'A' });
    answers.changed();
    const second = answers.for(vector, Y.decodeStateVector(vector));
    expect(second).not.toBe(first);
    expect(second.byteLength).toBeGreaterThan(first.byteLength);
  });

  it('answers a board loaded from its snapshot alone with that snapshot, until it changes', () => {
    const snapshot = Y.encodeStateAsUpdate(board());
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    const answers = new SyncAnswers(doc, { snapshot, updates: [] });
    const nothing = new Uint8Array([0]);
    const first = answers.for(nothing, Y.decodeStateVector(nothing));
    // The stored bytes themselves after the message's header (sync, step 2, length).
    expect(Buffer.from(first.subarray(first.byteLength - snapshot.byteLength))).toEqual(
      Buffer.from(snapshot),
    );
    expect(notesOf(first)).toEqual(notesOf(encodeSyncStep2(doc)));
    createNote(doc, { x: 1, y: 1, text: 'b', authorId: 'a', authorName: 'A' });
    answers.changed();
    const second = answers.for(nothing, Y.decodeStateVector(nothing));
    expect(notesOf(second)).toHaveLength(2);
    expect(notesOf(second)).toEqual(notesOf(encodeSyncStep2(doc)));
  });

  it('encodes the document of a board loaded with a log (the snapshot is not all of it)', () => {
    const doc = board();
    const snapshot = Y.encodeStateAsUpdate(doc);
    createNote(doc, { x: 1, y: 1, text: 'b', authorId: 'a', authorName: 'A' });
    const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(snapshot));
    const answers = new SyncAnswers(doc, { snapshot, updates: [update] });
    expect(notesOf(answers.full())).toHaveLength(2);
  });
});

/** The notes' texts a joiner holds after applying a step 2 message. */
function notesOf(message: Uint8Array): string[] {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0); // sync
  expect(decoding.readVarUint(decoder)).toBe(1); // step 2
  const joiner = new Y.Doc();
  Y.applyUpdate(joiner, decoding.readVarUint8Array(decoder));
  return [...notesMap(joiner).values()].map((note) => String(note.get('text'))).sort();
}
