import {
  createNote,
  moveNotes,
  type NewNote,
  NoteKey,
  type NoteView,
  notesMap,
  type PrivateNote,
  type PrivateNoteInput,
  recolorNotes,
  resizeNote,
  setNoteText,
} from '@paja/shared';
import type * as Y from 'yjs';

/*
 * Private notes written into a document, with shared's note operations: into the private
 * brainstorm's overlay (PrivateBrainstorm.ts), and into the board itself when they were
 * revealed while this page was offline. And the record a private note travels as.
 */

/** Writes a note into the overlay: created with `authorId`, or its fields set where they differ. */
export function writeOverlayNote(doc: Y.Doc, note: PrivateNoteInput, authorId: string): void {
  const existing = notesMap(doc).get(note.id);
  if (!existing) {
    createNote(doc, newNoteOf(note, authorId, true));
    return;
  }
  moveNotes(doc, [{ id: note.id, x: note.x, y: note.y }]);
  resizeNote(doc, note.id, note.w, note.h);
  if (existing.get(NoteKey.color) !== note.color) recolorNotes(doc, [note.id], note.color);
  setNoteText(doc, note.id, note.text);
}

/**
 * Own private notes that the server never had when their brainstorm was revealed (written
 * offline): into the board now, as ordinary notes, in the caller's transaction. A note the
 * board has already (an older version the server revealed) gets this newer text, place and
 * colour instead of a copy.
 */
export function writeRevealedLate(
  doc: Y.Doc,
  notes: PrivateNoteInput[],
  author: { id: string; hidden: boolean },
): void {
  for (const note of notes) {
    if (notesMap(doc).has(note.id)) {
      moveNotes(doc, [{ id: note.id, x: note.x, y: note.y }]);
      recolorNotes(doc, [note.id], note.color);
      setNoteText(doc, note.id, note.text);
      continue;
    }
    // The server accepts a participant's new note only in their own id; "hide authors"
    // leaves out the name and organisation.
    createNote(doc, newNoteOf(note, author.id, !author.hidden));
  }
}

/** The board note a private note becomes, in `authorId`'s name; `named`: with name and organisation. */
function newNoteOf(note: PrivateNoteInput, authorId: string, named: boolean): NewNote {
  const { id, x, y, w, h, color, text } = note;
  return {
    id,
    x,
    y,
    w,
    h,
    color,
    text,
    authorId,
    authorName: named ? note.authorName : '',
    ...(note.organisation && named ? { organisation: note.organisation } : {}),
  };
}

/** A private note as the server sent it, as the request that would write it. */
export function inputOf(note: PrivateNote): PrivateNoteInput {
  const { session, id, x, y, w, h, color, text, authorName, organisation } = note;
  return { session, id, x, y, w, h, color, text, authorName, organisation };
}

/** A note of the overlay as the request that writes it in `session` (whole board units). */
export function toInput(note: NoteView, session: string): PrivateNoteInput {
  return {
    session,
    id: note.id,
    x: Math.round(note.x),
    y: Math.round(note.y),
    w: Math.round(note.w),
    h: Math.round(note.h),
    color: note.color,
    text: note.text,
    authorName: note.authorName,
    organisation: note.organisation,
  };
}
