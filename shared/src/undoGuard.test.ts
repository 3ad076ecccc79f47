import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, setPhase } from './board';
import { type Editor, judgeUpdate } from './editGuard';
import {
  createNote,
  deleteNotes,
  moveNote,
  noteText,
  readNotes,
  recolorNotes,
  setNotesLocked,
} from './notes';
import { readMeta } from './records/meta';
import { transact } from './roots';
import { prng } from './testkit';
import { createUndoManager } from './undo';
import { guardedUndo, rehearseUndo } from './undoGuard';

const alice: Editor = { role: 'participant', participantId: 'pAlice' };

/**
 * The server's board and Alice's replica of it, connected by hand: `send` delivers what Alice
 * wrote, judged as the server judges it (a refusal fails the test: that is the 4423 this
 * module exists to prevent); `receive` delivers the server's news to Alice.
 */
function workshop() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Paja', locale: 'fi' });
  const mine = createNote(server, { x: 0, y: 0, text: 'oma', authorId: 'pAlice', authorName: 'A' });
  const theirs = createNote(server, { x: 9, y: 9, text: 'muu', authorId: 'pBob', authorName: 'B' });
  const alicesDoc = new Y.Doc();
  Y.applyUpdate(alicesDoc, Y.encodeStateAsUpdate(server), 'remote');
  const undo = createUndoManager(alicesDoc);
  const pending: Uint8Array[] = [];
  alicesDoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') pending.push(update);
  });
  const send = () => {
    for (const update of pending.splice(0)) {
      expect(judgeUpdate(server, update, alice)).toBeNull();
      Y.applyUpdate(server, update, 'alice');
    }
  };
  const receive = () =>
    Y.applyUpdate(
      alicesDoc,
      Y.encodeStateAsUpdate(server, Y.encodeStateVector(alicesDoc)),
      'remote',
    );
  const note = (doc: Y.Doc, id: string) => readNotes(doc).find((n) => n.id === id);
  return { server, alicesDoc, undo, mine, theirs, send, receive, note, pending };
}

describe('undo and redo judged before they are applied', () => {
  it('applies an undo the server accepts, and the server accepts what it sends', () => {
    const w = workshop();
    recolorNotes(w.alicesDoc, [w.mine], 'blue');
    w.send();
    expect(rehearseUndo(w.alicesDoc, w.undo, 'undo', alice)).toEqual({ steps: 1, refusal: null });
    expect(guardedUndo(w.alicesDoc, w.undo, 'undo', alice)).toEqual({
      applied: true,
      refusal: null,
    });
    w.send();
    expect(w.note(w.server, w.mine)?.color).toBe('yellow');
    expect(guardedUndo(w.alicesDoc, w.undo, 'redo', alice).applied).toBe(true);
    w.send();
    expect(w.note(w.server, w.mine)?.color).toBe('blue');
  });

  it('drops the undo of an edit to a note a facilitator has locked since', () => {
    const w = workshop();
    transact(w.alicesDoc, () => noteText(w.alicesDoc, w.mine)?.insert(3, ' idea'));
    w.send();
    setNotesLocked(w.server, [w.mine], true);
    w.receive();
    const before = Y.encodeStateVector(w.alicesDoc);
    const outcome = guardedUndo(w.alicesDoc, w.undo, 'undo', alice);
    expect(outcome.applied).toBe(false);
    expect(outcome.refusal?.reason).toBe('locked');
    // Nothing was written, the step is gone, and the text stays as the server has it.
    expect(Y.encodeStateVector(w.alicesDoc)).toEqual(before);
    expect(w.pending).toHaveLength(0);
    expect(w.undo.undoStack).toHaveLength(0);
    expect(w.note(w.alicesDoc, w.mine)?.text).toBe('oma idea');
  });

  it('drops only the refused step: an earlier one still undoes', () => {
    const w = workshop();
    setPhase(w.server, { editOthers: true });
    w.receive();
    moveNote(w.alicesDoc, w.mine, 50, 50);
    recolorNotes(w.alicesDoc, [w.theirs], 'pink');
    w.send();
    setPhase(w.server, { editOthers: false });
    w.receive();
    const outcome = guardedUndo(w.alicesDoc, w.undo, 'undo', alice);
    expect(outcome.refusal?.reason).toBe('closed.editOthers');
    expect(w.undo.undoStack).toHaveLength(1);
    expect(w.note(w.alicesDoc, w.theirs)?.color).toBe('pink');
    expect(guardedUndo(w.alicesDoc, w.undo, 'undo', alice).applied).toBe(true);
    w.send();
    expect(w.note(w.server, w.mine)).toMatchObject({ x: 0, y: 0 });
  });

  it("refuses to bring back another person's deleted note (it would be a note in their name)", () => {
    const w = workshop();
    setPhase(w.server, { deleteOthers: true });
    w.receive();
    deleteNotes(w.alicesDoc, [w.theirs]);
    w.send();
    const outcome = guardedUndo(w.alicesDoc, w.undo, 'undo', alice);
    expect(outcome.refusal?.reason).toBe('notOwnName');
    expect(w.note(w.alicesDoc, w.theirs)).toBeUndefined();
  });

  it('brings back her own deleted note', () => {
    const w = workshop();
    deleteNotes(w.alicesDoc, [w.mine]);
    w.send();
    expect(guardedUndo(w.alicesDoc, w.undo, 'undo', alice).applied).toBe(true);
    w.send();
    expect(w.note(w.server, w.mine)?.text).toBe('oma');
  });

  it('drops a redo that has become forbidden (a frozen board)', () => {
    const w = workshop();
    moveNote(w.alicesDoc, w.mine, 70, 70);
    w.send();
    expect(guardedUndo(w.alicesDoc, w.undo, 'undo', alice).applied).toBe(true);
    w.send();
    setPhase(w.server, { frozen: true });
    w.receive();
    const outcome = guardedUndo(w.alicesDoc, w.undo, 'redo', alice);
    expect(outcome.refusal?.reason).toBe('frozen');
    expect(w.undo.redoStack).toHaveLength(0);
    expect(w.note(w.alicesDoc, w.mine)).toMatchObject({ x: 0, y: 0 });
  });

  it('follows a step that was undone and redone before (the copy knows what replaced what)', () => {
    const w = workshop();
    deleteNotes(w.alicesDoc, [w.mine]);
    w.send();
    for (let round = 0; round < 3; round++) {
      expect(guardedUndo(w.alicesDoc, w.undo, 'undo', alice).applied).toBe(true);
      w.send();
      expect(w.note(w.server, w.mine)?.text).toBe('oma');
      expect(guardedUndo(w.alicesDoc, w.undo, 'redo', alice).applied).toBe(true);
      w.send();
      expect(w.note(w.server, w.mine)).toBeUndefined();
    }
  });

  it('lets a facilitator undo anything without a rehearsal', () => {
    const w = workshop();
    recolorNotes(w.alicesDoc, [w.mine], 'blue');
    setNotesLocked(w.server, [w.mine], true);
    w.receive();
    const facilitator: Editor = { role: 'facilitator', participantId: 'pF' };
    expect(guardedUndo(w.alicesDoc, w.undo, 'undo', facilitator)).toEqual({
      applied: true,
      refusal: null,
    });
  });
});

describe('a guarded undo never sends what the server refuses', () => {
  const SEEDS = 150;
  it(`holds over ${SEEDS} random workshops of a participant and a facilitator`, () => {
    let dropped = 0;
    let applied = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = prng(seed);
      const w = workshop();
      const own = [w.mine];
      for (let step = 0; step < 40; step++) {
        const phase = readMeta(w.alicesDoc).phase;
        const target = rng.pick(own.filter((id) => w.note(w.alicesDoc, id)));
        const locked = target ? w.note(w.alicesDoc, target)?.locked === true : true;
        const mayTouch = !phase.frozen && !locked && target !== undefined;
        switch (rng.int(0, 9)) {
          case 0:
            if (mayTouch) moveNote(w.alicesDoc, target, rng.int(0, 500), rng.int(0, 500));
            break;
          case 1:
            if (mayTouch) recolorNotes(w.alicesDoc, [target], rng.pick(['blue', 'pink']) ?? 'blue');
            break;
          case 2:
            if (mayTouch) deleteNotes(w.alicesDoc, [target]);
            break;
          case 3:
            if (phase.addNotes && !phase.frozen) {
              own.push(
                createNote(w.alicesDoc, { x: 1, y: 1, authorId: 'pAlice', authorName: 'A' }),
              );
            }
            break;
          case 4:
          case 5: {
            const direction = rng.chance(0.6) ? 'undo' : 'redo';
            const outcome = guardedUndo(w.alicesDoc, w.undo, direction, alice);
            if (outcome.applied) applied++;
            if (outcome.refusal) dropped++;
            break;
          }
          case 6:
            setNotesLocked(w.server, [rng.pick(own) ?? w.mine], rng.chance(0.5));
            break;
          case 7:
            setPhase(w.server, { frozen: rng.chance(0.3) });
            break;
          case 8:
            setPhase(w.server, { addNotes: rng.chance(0.7) });
            break;
          default:
            break;
        }
        // Alice's edits reach the server before the facilitator's next change reaches her:
        // everything she sends must be accepted (send() fails the test otherwise).
        w.send();
        w.receive();
      }
      expect(readNotes(w.alicesDoc)).toEqual(readNotes(w.server));
    }
    // Both paths were taken many times.
    expect(dropped).toBeGreaterThan(SEEDS / 2);
    expect(applied).toBeGreaterThan(SEEDS);
  });
});
