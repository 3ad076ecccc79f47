import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { createCluster, deleteCluster } from './clusters';
import { healBoard } from './heal';
import { checkInvariants } from './invariants';
import { deleteNotes, moveNote, moveNotes, readNotes, recolorNotes } from './notes';
import { fork, newDoc, note, syncAll } from './testkit';
import { createUndoManager } from './undo';

describe('createUndoManager', () => {
  it('undoes a whole action, one action at a time, and redoes it', () => {
    const doc = newDoc();
    const a = note(doc, { x: 0, y: 0 });
    const b = note(doc, { x: 0, y: 0 });
    const undo = createUndoManager(doc);
    moveNotes(doc, [
      { id: a, x: 10, y: 10 },
      { id: b, x: 20, y: 20 },
    ]);
    recolorNotes(doc, [a, b], 'blue');
    undo.undo();
    expect(readNotes(doc).map((n) => [n.x, n.color])).toEqual([
      [10, 'yellow'],
      [20, 'yellow'],
    ]);
    undo.undo();
    expect(readNotes(doc).map((n) => n.x)).toEqual([0, 0]);
    undo.redo();
    expect(readNotes(doc).map((n) => n.x)).toEqual([10, 20]);
  });

  it('restores a deleted cluster together with its memberships', () => {
    const doc = newDoc();
    const a = note(doc);
    const undo = createUndoManager(doc);
    const id = createCluster(doc, { noteIds: [a], title: 'T' });
    deleteCluster(doc, id);
    expect(readBoard(doc).clusters).toEqual([]);
    undo.undo();
    const board = readBoard(doc);
    expect(board.clusters.map((c) => [c.id, c.title, c.members])).toEqual([[id, 'T', [a]]]);
    expect(checkInvariants(board)).toEqual([]);
  });

  it("never undoes other people's changes", () => {
    const one = newDoc(1);
    const a = note(one);
    const b = note(one);
    const two = fork(one, 2);
    const undo = createUndoManager(one);
    moveNote(one, a, 5, 5);
    moveNote(two, b, 7, 7);
    syncAll(one, two);
    undo.undo();
    expect(undo.canUndo()).toBe(false);
    expect(readNotes(one).map((n) => n.x)).toEqual([0, 7]);
  });

  it('does not track transactions of other origins', () => {
    const doc = newDoc();
    const undo = createUndoManager(doc);
    doc.transact(() => doc.getMap('meta').set('title', 'x'), 'provider');
    expect(undo.canUndo()).toBe(false);
  });

  it('merges fast consecutive actions only when asked to', () => {
    const doc = newDoc();
    const a = note(doc);
    const undo = createUndoManager(doc, { captureTimeout: 10_000 });
    moveNote(doc, a, 1, 1);
    moveNote(doc, a, 2, 2);
    undo.undo();
    expect(readNotes(doc)[0]?.x).toBe(0);
    expect(Y.encodeStateVector(doc).length).toBeGreaterThan(0);
  });
});

describe('undo of a delete that raced with an edit', () => {
  it('restores the note whole on every replica (healBoard fills what Yjs cannot restore)', () => {
    const one = newDoc(1);
    const a = note(one, { x: 10, y: 10, text: 'keep me' });
    const two = fork(one, 2);
    const undo = createUndoManager(two);
    deleteNotes(two, [a]);
    moveNote(one, a, 500, 500);
    syncAll(one, two);
    // Yjs will not redo `x` and `y` here: they conflict with the move from client 1. Without
    // healBoard the restored note would lack them and read as invalid.
    undo.undo();
    syncAll(one, two);
    const board = readBoard(one);
    expect(board.invalid).toEqual([]);
    expect(board.notes.map((n) => n.text)).toEqual(['keep me']);
    expect(board).toEqual(readBoard(two));
    expect(checkInvariants(board)).toEqual([]);
  });

  it('heals nothing on a complete board', () => {
    const doc = newDoc();
    note(doc);
    const before = Y.encodeStateVector(doc);
    expect(healBoard(doc)).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
