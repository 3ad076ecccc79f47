import { CloseCode, createNote, NoteKey, ROOT, setNotesLocked } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { admitUpdate } from './admission';
import { roomyBudget, syncedBoard } from './admissionFixtures';

const roomy = roomyBudget;

const board = syncedBoard;

const participant = { role: 'participant' as const, participantId: 'p1' };
const note = (doc: Y.Doc) => createNote(doc, { x: 0, y: 0, authorId: 'p1', authorName: 'P' });

describe('admitUpdate', () => {
  it('accepts an ordinary edit', () => {
    const { server, change } = board();
    expect(admitUpdate(server, change(note), participant, roomy)).toMatchObject({
      ok: true,
      apply: true,
    });
  });

  it('refuses new content from a read-only role, and ignores a repeat of known state', () => {
    const { server, change } = board();
    const viewer = { role: 'viewer' as const, participantId: 'v1' };
    expect(admitUpdate(server, change(note), viewer, roomy)).toMatchObject({
      ok: false,
      code: CloseCode.forbidden,
    });
    expect(admitUpdate(server, Y.encodeStateAsUpdate(server), viewer, roomy)).toEqual({
      ok: true,
      apply: false,
    });
  });

  it("refuses a participant's change to a locked note (the edit guard)", () => {
    const { server, client, change } = board();
    const id = note(server);
    setNotesLocked(server, [id], true);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // Shared's operations skip locked notes, so write as a hostile client would.
    const edit = change((doc) => {
      (doc.getMap(ROOT.notes).get(id) as Y.Map<unknown>).set(NoteKey.pos, [50, 50]);
    });
    expect(admitUpdate(server, edit, participant, roomy)).toMatchObject({
      ok: false,
      code: CloseCode.changeRefused,
    });
  });

  it('refuses what would grow the board past its limit', () => {
    const { server, change } = board();
    const update = change(note);
    const full = { ...roomy, storedBytes: roomy.maxBoardBytes - update.byteLength + 1 };
    expect(admitUpdate(server, update, participant, full)).toMatchObject({
      ok: false,
      code: CloseCode.boardTooLarge,
    });
  });

  it('bounds unsaved edits only while storage is failing', () => {
    const { server, change } = board();
    const update = change(note);
    const behind = { ...roomy, unsavedBytes: roomy.maxUnsavedBytes };
    expect(admitUpdate(server, update, participant, behind)).toMatchObject({
      ok: true,
      apply: true,
    });
    expect(
      admitUpdate(server, update, participant, { ...behind, storageFailing: true }),
    ).toMatchObject({ ok: false, code: CloseCode.boardUnavailable });
  });
});

describe('admitUpdate: the shape of an update and the board’s footprint', () => {
  it('refuses an update nested deeper than a board is, before the edit guard reads it', () => {
    const { server, change } = board();
    let value: unknown = 'leaf';
    for (let i = 0; i < 100; i++) value = [value];
    const deep = change((doc) => doc.getMap(ROOT.notes).set('x', value));
    expect(admitUpdate(server, deep, participant, roomy)).toMatchObject({
      ok: false,
      code: CloseCode.updateTooComplex,
    });
  });

  it('refuses what would take the board past its items or memory, and says what it adds', () => {
    const { server, change } = board();
    const update = change(note);
    const admitted = admitUpdate(server, update, participant, roomy);
    if (!admitted.ok || !admitted.apply) throw new Error('expected an admitted update');
    expect(admitted.added.items).toBeGreaterThan(1);
    const nearlyFull = {
      ...roomy,
      footprint: { items: roomy.structure.maxBoardItems - 1, bytes: 0 },
    };
    expect(admitUpdate(server, update, participant, nearlyFull)).toMatchObject({
      ok: false,
      code: CloseCode.boardTooLarge,
    });
    const outOfMemory = {
      ...roomy,
      footprint: {
        items: 0,
        bytes: roomy.structure.maxBoardMemoryBytes - admitted.added.bytes + 1,
      },
    };
    expect(admitUpdate(server, update, participant, outOfMemory)).toMatchObject({
      ok: false,
      code: CloseCode.boardTooLarge,
    });
  });
});
