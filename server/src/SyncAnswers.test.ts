import { createNote, initBoard } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncAnswers } from './SyncAnswers';

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
});
