import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { NOTE_MAX_TEXT } from '../schema';
import { decodeFrame } from './decode';
import { MessageType } from './messageType';
import {
  decodePrivateNotes,
  encodePrivateNotes,
  PRIVATE_NOTE_LIMITS,
  type PrivateNote,
  type PrivateNoteInput,
  PrivateNotesKind,
  type PrivateNotesMessage,
} from './privateNotes';

const input: PrivateNoteInput = {
  session: 'S1',
  id: 'note1',
  x: -20,
  y: 40,
  w: 160,
  h: 160,
  color: 'blue',
  text: 'Kirjasto auki iltaisin',
  authorName: 'Aino',
  organisation: 'Tampere',
};
const stored: PrivateNote = { ...input, authorId: 'p-a', createdAt: 1000, updatedAt: 2000 };

const decode = (bytes: Uint8Array) =>
  decodeFrame(bytes, MessageType.privateNotes, decodePrivateNotes);

/** A frame of the family written by hand: what a hostile peer sends. */
function raw(kind: number, body: unknown, trailing = false): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.privateNotes);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, JSON.stringify(body));
  if (trailing) encoding.writeUint8(encoder, 0);
  return encoding.toUint8Array(encoder);
}

describe('private notes messages (106)', () => {
  const messages: PrivateNotesMessage[] = [
    { kind: 'start', request: 1, facilitatorsSee: true, hideAuthors: false },
    { kind: 'put', request: 2, note: input },
    { kind: 'put', request: 3, note: { ...input, organisation: null, text: '' } },
    { kind: 'remove', request: 4, session: 'S1', id: 'note1' },
    { kind: 'reveal', request: 5, session: 'S1' },
    { kind: 'discard', request: 6, session: 'S1' },
    { kind: 'answer', request: 7, ok: true },
    { kind: 'answer', request: 8, ok: false, error: 'tooMany' },
    {
      kind: 'status',
      mode: { session: 'S1', facilitatorsSee: false, hideAuthors: true, startedAt: 5 },
      count: 12,
      last: null,
    },
    { kind: 'status', mode: null, count: 0, last: { session: 'S0', outcome: 'discarded' } },
    { kind: 'notes', reset: true, notes: [stored], removed: [] },
    { kind: 'notes', reset: false, notes: [], removed: ['note1', 'note2'] },
  ];

  it.each(messages.map((m) => [`${m.kind} ${JSON.stringify(m).slice(0, 60)}`, m] as const))(
    'round-trips %s',
    (_name, message) => {
      expect(decode(encodePrivateNotes(message))).toEqual({ ok: true, value: message });
    },
  );

  it('writes only the fields of its kind (a note carries no extra keys)', () => {
    const sneaky = { ...input, authorId: 'someone-else' } as PrivateNoteInput;
    const decoded = decode(encodePrivateNotes({ kind: 'put', request: 1, note: sneaky }));
    expect(decoded.ok && decoded.value.kind === 'put' && 'authorId' in decoded.value.note).toBe(
      false,
    );
  });

  it('refuses trailing bytes, unknown kinds, unknown and missing fields', () => {
    expect(decode(raw(PrivateNotesKind.reveal, { request: 1, session: 'S1' }, true)).ok).toBe(
      false,
    );
    expect(decode(raw(99, { request: 1 })).ok).toBe(false);
    expect(decode(raw(PrivateNotesKind.reveal, { request: 1, session: 'S1', x: 1 })).ok).toBe(
      false,
    );
    expect(decode(raw(PrivateNotesKind.reveal, { request: 1 })).ok).toBe(false);
    // The author's id is the server's to set: a put that names one is not a put.
    expect(
      decode(raw(PrivateNotesKind.put, { request: 1, note: { ...input, authorId: 'p-b' } })).ok,
    ).toBe(false);
  });

  it.each([
    ['text too long', { text: 'x'.repeat(NOTE_MAX_TEXT + 1) }],
    ['text not a string', { text: 5 }],
    ['position off the board', { x: 2_000_000 }],
    ['position not whole', { y: 1.5 }],
    ['size too small', { w: 10 }],
    ['size too large', { h: 5000 }],
    ['unknown colour', { color: '#ff0000' }],
    ['name too long', { authorName: 'n'.repeat(81) }],
    ['organisation too long', { organisation: 'o'.repeat(81) }],
    ['id not an id', { id: '' }],
    ['id with a colon', { id: 'a:b' }],
    ['session missing', { session: undefined }],
  ])('refuses a put whose note has %s', (_name, change) => {
    const note = { ...input, ...change };
    expect(decode(raw(PrivateNotesKind.put, { request: 1, note })).ok).toBe(false);
  });

  it('refuses an answer with an unknown refusal and a status with a bad mode', () => {
    expect(decode(raw(PrivateNotesKind.answer, { request: 1, ok: false, error: 'nope' })).ok).toBe(
      false,
    );
    expect(
      decode(raw(PrivateNotesKind.answer, { request: 1, ok: true, error: 'tooMany' })).ok,
    ).toBe(false);
    const mode = { session: 'S1', facilitatorsSee: 'yes', hideAuthors: false, startedAt: 1 };
    expect(decode(raw(PrivateNotesKind.status, { mode, count: 1, last: null })).ok).toBe(false);
    expect(decode(raw(PrivateNotesKind.status, { mode: null, count: -1, last: null })).ok).toBe(
      false,
    );
  });

  it('refuses a notes frame longer than one frame may hold', () => {
    const notes = Array.from({ length: PRIVATE_NOTE_LIMITS.perFrame + 1 }, (_, i) => ({
      ...stored,
      id: `n${i}`,
    }));
    expect(decode(raw(PrivateNotesKind.notes, { reset: true, notes, removed: [] })).ok).toBe(false);
  });

  it('refuses a cut frame without throwing', () => {
    const whole = encodePrivateNotes({ kind: 'put', request: 2, note: input });
    expect(decode(whole.slice(0, whole.length - 5)).ok).toBe(false);
  });
});
