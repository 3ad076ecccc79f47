import { type PrivateNoteInput, readNotes } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeOverlayNote, writeRevealedLate } from './privateNoteWrites';

const note: PrivateNoteInput = {
  session: 'S1',
  id: 'n1',
  x: 10,
  y: 20,
  w: 200,
  h: 120,
  color: 'yellow',
  text: 'Bike lanes',
  authorName: 'Aino',
  organisation: 'Espoo',
};

describe('private notes written into a document', () => {
  it('creates an overlay note, then changes it in place', () => {
    const doc = new Y.Doc();
    writeOverlayNote(doc, note, 'pAino');
    writeOverlayNote(doc, { ...note, x: 50, color: 'blue', text: 'Bike lanes!' }, 'other');
    const [written] = readNotes(doc);
    expect(readNotes(doc)).toHaveLength(1);
    expect(written).toMatchObject({
      id: 'n1',
      x: 50,
      color: 'blue',
      text: 'Bike lanes!',
      authorId: 'pAino',
      organisation: 'Espoo',
    });
  });

  it('writes a late reveal in this person’s id, without a name when authors are hidden', () => {
    const board = new Y.Doc();
    writeRevealedLate(board, [note], { id: 'pAino', hidden: true });
    expect(readNotes(board)[0]).toMatchObject({ authorId: 'pAino', authorName: '' });
    // Revealed again (the server had an older version): updated, not copied.
    writeRevealedLate(board, [{ ...note, text: 'newer' }], { id: 'pAino', hidden: true });
    expect(readNotes(board).map((n) => n.text)).toEqual(['newer']);
  });
});
