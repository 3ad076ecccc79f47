import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  BOARD_EXTENT,
  isNoteColor,
  NAME_MAX,
  NOTE_MAX_SIZE,
  NOTE_MAX_TEXT,
  NOTE_MIN_SIZE,
  type NoteColor,
  ORGANISATION_MAX,
} from '../schema';
import { isRefId } from '../values';
import { type Decoded, decoded, failed, isUint, readJsonObject, readPayload } from './decode';
import { MessageType } from './messageType';

/*
 * Private brainstorm (106). While a facilitator runs private mode, a participant's new notes
 * are a secret the server holds outside the document (server side state): they travel only in
 * these messages, and the server sends each connection only the notes its identity may see
 * (its own, and every one to facilitators if the mode was started so). Everyone hears how many
 * there are. The reveal writes them all into the document in one server transaction.
 *
 * Every frame is the message type, a varUint kind, then a varString with a JSON object whose
 * fields depend on the kind. Requests carry a client-chosen `request` number that the answer
 * carries back.
 */

export const PrivateNotesKind = {
  /** Client -> server, facilitator: start private mode. */
  start: 0,
  /** Client -> server: create or replace one of one's own private notes (text, place, colour). */
  put: 1,
  /** Client -> server: delete one of one's own private notes. */
  remove: 2,
  /** Client -> server, facilitator: every private note into the document; private mode ends. */
  reveal: 3,
  /** Client -> server, facilitator: end private mode and throw its notes away. */
  discard: 4,
  /** Server -> client: the answer to one request, sent after what it wrote is stored. */
  answer: 5,
  /** Server -> client: whether private mode runs, and how many private notes the group has. */
  status: 6,
  /** Server -> client: private notes this connection may see, new or changed, and removals. */
  notes: 7,
} as const;
export type PrivateNotesKind = (typeof PrivateNotesKind)[keyof typeof PrivateNotesKind];

/** Limits every side checks: the decoder refuses more, the server counts, the UI offers no more. */
export const PRIVATE_NOTE_LIMITS = {
  /** Private notes one person may hold in one private brainstorm. */
  perPerson: 200,
  /** Private notes a board may hold in one private brainstorm. */
  perBoard: 5000,
  /** Notes in one `notes` frame; more go in several (a facilitator may see thousands). */
  perFrame: 50,
} as const;

/** How a facilitator set up the private brainstorm that runs now. */
export interface PrivateMode {
  /** Chosen by the server at the start; a note names the session it was written in. */
  session: string;
  /** Facilitators see the private notes (with their authors) before the reveal. */
  facilitatorsSee: boolean;
  /** The revealed notes carry no author name, id or organisation. */
  hideAuthors: boolean;
  startedAt: number;
}

/** How the last private brainstorm ended: a note written offline in it follows its fate. */
export interface PrivateEnding {
  session: string;
  outcome: 'revealed' | 'discarded';
}

/** A private note as its author's client sends it. The author's id is never in it. */
export interface PrivateNoteInput {
  /** The private brainstorm it was written in. */
  session: string;
  /** Chosen by the client (a new note id); the revealed note keeps it where it can. */
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: NoteColor;
  text: string;
  authorName: string;
  organisation: string | null;
}

/** A private note as the server holds and shows it. */
export interface PrivateNote extends PrivateNoteInput {
  /** The participant id of the connection that wrote it (the server's, never the client's). */
  authorId: string;
  createdAt: number;
  updatedAt: number;
}

export type PrivateNotesRequest =
  | { kind: 'start'; request: number; facilitatorsSee: boolean; hideAuthors: boolean }
  | { kind: 'put'; request: number; note: PrivateNoteInput }
  | { kind: 'remove'; request: number; session: string; id: string }
  | { kind: 'reveal' | 'discard'; request: number; session: string };

/** Why a request was refused; the client says each in the person's language. */
export const PRIVATE_NOTE_REFUSALS = [
  /** No private brainstorm runs, or the note belongs to one that has ended. */
  'notActive',
  /** A private brainstorm runs already. */
  'alreadyRunning',
  /** Only a facilitator may start, reveal or discard. */
  'facilitatorOnly',
  /** This link's role may not write notes (commenter, viewer). */
  'roleCannot',
  /** The board's settings stop participants adding notes (closed or frozen). */
  'phaseOff',
  /** The person holds PRIVATE_NOTE_LIMITS.perPerson private notes already. */
  'tooMany',
  /** The board holds PRIVATE_NOTE_LIMITS.perBoard private notes already. */
  'boardFull',
  /** The id names someone else's note, or a note already on the board. */
  'notYours',
  /** Too many requests in a short time. */
  'tooFast',
] as const;
export type PrivateNoteRefusal = (typeof PRIVATE_NOTE_REFUSALS)[number];

export function isPrivateNoteRefusal(value: unknown): value is PrivateNoteRefusal {
  return typeof value === 'string' && (PRIVATE_NOTE_REFUSALS as readonly string[]).includes(value);
}

export type PrivateNotesAnswer =
  | { request: number; ok: true }
  | { request: number; ok: false; error: PrivateNoteRefusal };

export interface PrivateNotesStatus {
  mode: PrivateMode | null;
  /** How many private notes the group has written in the running brainstorm (0 when none). */
  count: number;
  last: PrivateEnding | null;
}

/**
 * Private notes for one connection. `reset`: forget every private note shown so far first (sent
 * on joining and when a brainstorm starts or ends); a long list comes in several frames, the
 * first with `reset`.
 */
export interface PrivateNotesUpdate {
  reset: boolean;
  notes: PrivateNote[];
  removed: string[];
}

export type PrivateNotesMessage =
  | PrivateNotesRequest
  | ({ kind: 'answer' } & PrivateNotesAnswer)
  | ({ kind: 'status' } & PrivateNotesStatus)
  | ({ kind: 'notes' } & PrivateNotesUpdate);

function frame(kind: PrivateNotesKind, body: unknown): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.privateNotes);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

const inputOf = (note: PrivateNoteInput): PrivateNoteInput => {
  const { session, id, x, y, w, h, color, text, authorName, organisation } = note;
  return { session, id, x, y, w, h, color, text, authorName, organisation };
};

/** Encodes any private-notes message; only the fields of its kind are written. */
export function encodePrivateNotes(message: PrivateNotesMessage): Uint8Array<ArrayBuffer> {
  switch (message.kind) {
    case 'start': {
      const { request, facilitatorsSee, hideAuthors } = message;
      return frame(PrivateNotesKind.start, { request, facilitatorsSee, hideAuthors });
    }
    case 'put':
      return frame(PrivateNotesKind.put, { request: message.request, note: inputOf(message.note) });
    case 'remove': {
      const { request, session, id } = message;
      return frame(PrivateNotesKind.remove, { request, session, id });
    }
    case 'reveal':
    case 'discard':
      return frame(PrivateNotesKind[message.kind], {
        request: message.request,
        session: message.session,
      });
    case 'answer':
      return frame(
        PrivateNotesKind.answer,
        message.ok
          ? { request: message.request, ok: true }
          : { request: message.request, ok: false, error: message.error },
      );
    case 'status': {
      const { mode, count, last } = message;
      return frame(PrivateNotesKind.status, { mode, count, last });
    }
    case 'notes': {
      const notes = message.notes.map((note) => ({
        ...inputOf(note),
        authorId: note.authorId,
        createdAt: note.createdAt,
        updatedAt: note.updatedAt,
      }));
      return frame(PrivateNotesKind.notes, {
        reset: message.reset,
        notes,
        removed: message.removed,
      });
    }
  }
}

const KIND_NAMES = Object.fromEntries(
  Object.entries(PrivateNotesKind).map(([name, n]) => [n, name]),
) as Record<number, PrivateNotesMessage['kind']>;

/**
 * Reads a private-notes message (after its type). Strict: an unknown kind, an unknown or
 * missing field, a value out of range or trailing bytes is a failure. The server closes a
 * connection whose frame fails (4400): an honest client never sends one.
 */
export function decodePrivateNotes(decoder: decoding.Decoder): Decoded<PrivateNotesMessage> {
  return readPayload(decoder, (d): Decoded<PrivateNotesMessage> => {
    const kind = KIND_NAMES[decoding.readVarUint(d)];
    if (kind === undefined) return failed('unknown private-notes message kind');
    switch (kind) {
      case 'start': {
        const body = readJsonObject(d, ['request', 'facilitatorsSee', 'hideAuthors']);
        if (!body.ok) return body;
        const { request, facilitatorsSee, hideAuthors } = body.value;
        if (!isUint(request) || typeof facilitatorsSee !== 'boolean') return failed('bad start');
        if (typeof hideAuthors !== 'boolean') return failed('bad start');
        return decoded({ kind, request, facilitatorsSee, hideAuthors });
      }
      case 'put': {
        const body = readJsonObject(d, ['request', 'note']);
        if (!body.ok) return body;
        const { request, note } = body.value;
        if (!isUint(request)) return failed('put has no request number');
        const input = readNoteInput(note);
        if (typeof input === 'string') return failed(`bad private note: ${input}`);
        return decoded({ kind, request, note: input });
      }
      case 'remove': {
        const body = readJsonObject(d, ['request', 'session', 'id']);
        if (!body.ok) return body;
        const { request, session, id } = body.value;
        if (!isUint(request) || !isRefId(session) || !isRefId(id)) return failed('bad remove');
        return decoded({ kind, request, session, id });
      }
      case 'reveal':
      case 'discard': {
        const body = readJsonObject(d, ['request', 'session']);
        if (!body.ok) return body;
        const { request, session } = body.value;
        if (!isUint(request) || !isRefId(session)) return failed(`bad ${kind}`);
        return decoded({ kind, request, session });
      }
      case 'answer': {
        const body = readJsonObject(d, ['request', 'ok'], ['error']);
        if (!body.ok) return body;
        const { request, ok, error } = body.value;
        if (!isUint(request)) return failed('answer has no request number');
        if (ok === true && error === undefined) return decoded({ kind, request, ok });
        if (ok === false && isPrivateNoteRefusal(error)) {
          return decoded({ kind, request, ok, error });
        }
        return failed('answer is neither ok nor a known refusal');
      }
      case 'status':
        return readStatus(d);
      case 'notes':
        return readNotesUpdate(d);
    }
  });
}

function readStatus(d: decoding.Decoder): Decoded<PrivateNotesMessage> {
  const body = readJsonObject(d, ['mode', 'count', 'last']);
  if (!body.ok) return body;
  const { mode, count, last } = body.value;
  if (!isUint(count)) return failed('bad status count');
  const readMode = mode === null ? null : readPrivateMode(mode);
  if (readMode === undefined) return failed('bad status mode');
  let ending: PrivateEnding | null = null;
  if (last !== null) {
    const l = asObject(last, ['session', 'outcome']);
    if (!l || !isRefId(l.session) || (l.outcome !== 'revealed' && l.outcome !== 'discarded')) {
      return failed('bad status last');
    }
    ending = { session: l.session, outcome: l.outcome };
  }
  return decoded({ kind: 'status', mode: readMode, count, last: ending });
}

function readNotesUpdate(d: decoding.Decoder): Decoded<PrivateNotesMessage> {
  const body = readJsonObject(d, ['reset', 'notes', 'removed']);
  if (!body.ok) return body;
  const { reset, notes, removed } = body.value;
  if (typeof reset !== 'boolean') return failed('bad notes reset');
  if (!Array.isArray(notes) || notes.length > PRIVATE_NOTE_LIMITS.perFrame) {
    return failed('bad notes list');
  }
  if (!Array.isArray(removed) || removed.length > PRIVATE_NOTE_LIMITS.perBoard) {
    return failed('bad removed list');
  }
  if (!removed.every(isRefId)) return failed('bad removed id');
  const read: PrivateNote[] = [];
  for (const note of notes) {
    const n = readPrivateNote(note);
    if (typeof n === 'string') return failed(`bad private note: ${n}`);
    read.push(n);
  }
  return decoded({ kind: 'notes', reset, notes: read, removed: [...removed] as string[] });
}

/** A private mode as stored or sent; undefined when it is not one. */
export function readPrivateMode(value: unknown): PrivateMode | undefined {
  const m = asObject(value, ['session', 'facilitatorsSee', 'hideAuthors', 'startedAt']);
  if (!m || !isRefId(m.session) || typeof m.facilitatorsSee !== 'boolean') return undefined;
  if (typeof m.hideAuthors !== 'boolean' || !isUint(m.startedAt)) return undefined;
  const { session, facilitatorsSee, hideAuthors, startedAt } = m;
  return { session, facilitatorsSee, hideAuthors, startedAt };
}

const INPUT_KEYS = [
  'session',
  'id',
  'x',
  'y',
  'w',
  'h',
  'color',
  'text',
  'authorName',
  'organisation',
] as const;

/** A private note input, or why it is not one. */
export function readNoteInput(value: unknown): PrivateNoteInput | string {
  const n = asObject(value, INPUT_KEYS);
  if (!n) return 'not an object of the note fields';
  const { session, id, x, y, w, h, color, text, authorName, organisation } = n;
  if (!isRefId(session) || !isRefId(id)) return 'session or id';
  if (!isCoord(x) || !isCoord(y)) return 'position';
  if (!isSize(w) || !isSize(h)) return 'size';
  if (!isNoteColor(color)) return 'colour';
  if (typeof text !== 'string' || text.length > NOTE_MAX_TEXT) return 'text';
  if (typeof authorName !== 'string' || authorName.length > NAME_MAX) return 'authorName';
  if (
    organisation !== null &&
    (typeof organisation !== 'string' || organisation.length > ORGANISATION_MAX)
  ) {
    return 'organisation';
  }
  return { session, id, x, y, w, h, color, text, authorName, organisation };
}

/** A private note as the server stores and sends it, or why it is not one. */
export function readPrivateNote(value: unknown): PrivateNote | string {
  const n = asObject(value, [...INPUT_KEYS, 'authorId', 'createdAt', 'updatedAt']);
  if (!n) return 'not an object of the note fields';
  const { authorId, createdAt, updatedAt, ...rest } = n;
  const input = readNoteInput(rest);
  if (typeof input === 'string') return input;
  if (typeof authorId !== 'string' || authorId.length === 0 || authorId.length > 200) {
    return 'authorId';
  }
  if (!isUint(createdAt) || !isUint(updatedAt)) return 'times';
  return { ...input, authorId, createdAt, updatedAt };
}

/** `value` as an object with exactly `keys`, or null. */
function asObject<K extends string>(value: unknown, keys: readonly K[]): Record<K, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const own = Object.keys(value);
  if (own.length !== keys.length || !own.every((k) => (keys as readonly string[]).includes(k))) {
    return null;
  }
  return value as Record<K, unknown>;
}

function isCoord(value: unknown): value is number {
  return Number.isSafeInteger(value) && Math.abs(value as number) <= BOARD_EXTENT;
}

function isSize(value: unknown): value is number {
  return (
    Number.isSafeInteger(value) &&
    (value as number) >= NOTE_MIN_SIZE &&
    (value as number) <= NOTE_MAX_SIZE
  );
}
