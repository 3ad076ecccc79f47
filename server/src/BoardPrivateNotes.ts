import {
  encodePrivateNotes,
  mayPerson,
  newId,
  notesMap,
  PRIVATE_NOTE_LIMITS,
  type PrivateEnding,
  type PrivateMode,
  type PrivateNote,
  type PrivateNoteRefusal,
  type PrivateNotesRequest,
  type Role,
  readMeta,
  readPrivateMode,
  readPrivateNote,
  revealPrivateNotes,
} from '@paja/shared';
import type * as Y from 'yjs';
import { type BoardSideState, readChange, type SideChange, sideKind } from './BoardSideState';
import type { SaveRecipient } from './SavePipeline';

/*
 * Three kinds of side state. Their names are stored: never reuse them for another meaning.
 */
const MODE = sideKind<PrivateMode>('private-mode', (value) => {
  const mode = readPrivateMode(value);
  if (!mode) throw new Error('not a private mode');
  return mode;
});
const ENDING = sideKind<PrivateEnding>('private-ending', (value) => {
  const { session, outcome } = (value ?? {}) as Record<string, unknown>;
  if (typeof session !== 'string' || (outcome !== 'revealed' && outcome !== 'discarded')) {
    throw new Error('not a private brainstorm ending');
  }
  return { session, outcome };
});
const NOTES = sideKind<PrivateNote>('private-note', (value) => {
  const note = readPrivateNote(value);
  if (typeof note === 'string') throw new Error(`not a private note: ${note}`);
  return note;
});
/** The one key of MODE and ENDING. */
const CURRENT = 'current';

/** What the private notes need of a connection (Connection implements it; no import of it). */
export interface PrivateNotesMember extends SaveRecipient {
  readonly role: Role;
  readonly participantId: string;
}

/** What the private notes need of the room that owns them. */
export interface PrivateNotesHost {
  readonly doc: Y.Doc;
  readonly side: BoardSideState;
  transactAsServer<T>(change: (doc: Y.Doc) => T): T;
  /** Resolves when everything written so far (document and side state) is committed. */
  committed(): Promise<void>;
  members(): Iterable<PrivateNotesMember>;
}

type Outcome =
  | { error: PrivateNoteRefusal }
  /** What changed, so the right people hear of it once it is stored. */
  | { changed: 'mode' }
  | { changed: 'note'; note: PrivateNote; isNew: boolean }
  | { changed: 'removed'; note: PrivateNote }
  | { changed: 'nothing' };

/**
 * The private brainstorm on one loaded board, as its room's part: the rules of every request,
 * the notes (side state, never in the document until the reveal), who may see which, and the
 * reveal.
 *
 * Secrecy: a private note is sent only to connections of its author (all their tabs) and, if
 * the mode was started with "facilitators can see", to facilitators. Everyone else hears only
 * how many private notes there are. The author is the connection's participant id, never one
 * a request names. The reveal writes every note into the document and deletes them from side
 * state in one synchronous block, so both go into one commit: after a crash the board has
 * either the secret notes or the revealed ones, never both or neither.
 */
export class BoardPrivateNotes {
  readonly #host: PrivateNotesHost;
  /**
   * Private notes per author, counted once from side state and kept up to date here (this
   * class is the only writer of its kinds), so a put does not read every note to count.
   */
  #perAuthor: Map<string, number> | null = null;

  constructor(host: PrivateNotesHost) {
    this.#host = host;
    host.side.onStored([MODE, ENDING, NOTES], (changes) => this.#storedElsewhere(changes));
  }

  /** A new connection hears whether private mode runs, and gets the notes it may see. */
  joined(member: PrivateNotesMember): void {
    if (!member.pajaClient) return;
    member.send(this.#status());
    this.#sendAll(member);
  }

  /** Judges and carries out one request; answers after what it wrote is committed. */
  async handle(member: PrivateNotesMember, request: PrivateNotesRequest): Promise<void> {
    const outcome = this.#apply(member, request);
    if ('error' in outcome) {
      BoardPrivateNotes.refuse(member, request.request, outcome.error);
      return;
    }
    await this.#host.committed();
    member.send(encodePrivateNotes({ kind: 'answer', request: request.request, ok: true }));
    this.#announce(member, outcome);
  }

  /** Refuses a request without judging it (the connection's rate limit). */
  static refuse(member: PrivateNotesMember, request: number, error: PrivateNoteRefusal): void {
    member.send(encodePrivateNotes({ kind: 'answer', request, ok: false, error }));
  }

  #apply(member: PrivateNotesMember, request: PrivateNotesRequest): Outcome {
    const mode = this.#mode();
    switch (request.kind) {
      case 'start': {
        if (member.role !== 'facilitator') return { error: 'facilitatorOnly' };
        if (mode) return { error: 'alreadyRunning' };
        const { facilitatorsSee, hideAuthors } = request;
        const started = { session: newId(), facilitatorsSee, hideAuthors, startedAt: Date.now() };
        this.#host.side.deleteAll(NOTES); // nothing should be left; never show a stale note
        this.#perAuthor = null;
        this.#host.side.put(MODE, CURRENT, started, member);
        return { changed: 'mode' };
      }
      case 'reveal':
      case 'discard': {
        if (member.role !== 'facilitator') return { error: 'facilitatorOnly' };
        if (!mode || mode.session !== request.session) return { error: 'notActive' };
        const notes = this.#notes();
        // One synchronous block: the document write and the side-state deletions share a commit.
        if (request.kind === 'reveal') {
          this.#host.transactAsServer((doc) =>
            revealPrivateNotes(doc, notes, { hideAuthors: mode.hideAuthors }),
          );
        }
        this.#host.side.deleteAll(NOTES, member);
        this.#perAuthor = null;
        this.#host.side.delete(MODE, CURRENT, member);
        const outcome = request.kind === 'reveal' ? 'revealed' : 'discarded';
        this.#host.side.put(ENDING, CURRENT, { session: mode.session, outcome }, member);
        return { changed: 'mode' };
      }
      case 'put':
        return this.#put(member, mode, request.note);
      case 'remove': {
        if (!mode || mode.session !== request.session) return { error: 'notActive' };
        const note = this.#host.side.get(NOTES, request.id);
        if (!note) return { changed: 'nothing' }; // gone already: removing twice is fine
        if (note.authorId !== member.participantId) return { error: 'notYours' };
        this.#host.side.delete(NOTES, request.id, member);
        const counts = this.#counts();
        counts.set(note.authorId, (counts.get(note.authorId) ?? 1) - 1);
        return { changed: 'removed', note };
      }
    }
  }

  #put(
    member: PrivateNotesMember,
    mode: PrivateMode | undefined,
    input: Extract<PrivateNotesRequest, { kind: 'put' }>['note'],
  ): Outcome {
    if (member.role !== 'participant' && member.role !== 'facilitator') {
      return { error: 'roleCannot' };
    }
    if (!mode || mode.session !== input.session) return { error: 'notActive' };
    const side = this.#host.side;
    const existing = side.get(NOTES, input.id);
    if (existing && existing.authorId !== member.participantId) return { error: 'notYours' };
    if (notesMap(this.#host.doc).has(input.id)) return { error: 'notYours' };
    // The same table as the edit guard's: a new note needs "add notes"; an own note may be
    // changed unless the board is frozen.
    const phase = readMeta(this.#host.doc).phase;
    const action = existing ? 'editNote' : 'addNote';
    if (!mayPerson(member.role, action, { phase, own: true }).allowed) return { error: 'phaseOff' };
    if (!existing) {
      if (side.count(NOTES) >= PRIVATE_NOTE_LIMITS.perBoard) return { error: 'boardFull' };
      const mine = this.#counts().get(member.participantId) ?? 0;
      if (mine >= PRIVATE_NOTE_LIMITS.perPerson) return { error: 'tooMany' };
      this.#counts().set(member.participantId, mine + 1);
    }
    const now = Date.now();
    const organisation = input.organisation?.trim() || null;
    const note: PrivateNote = {
      ...input,
      authorName: input.authorName.trim(),
      organisation,
      authorId: member.participantId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    side.put(NOTES, input.id, note, member);
    return { changed: 'note', note, isNew: !existing };
  }

  /** After the commit: tells whoever may see it what changed. */
  #announce(from: PrivateNotesMember | null, outcome: Outcome): void {
    if (!('changed' in outcome)) return;
    switch (outcome.changed) {
      case 'nothing':
        return;
      case 'mode':
        for (const member of this.#members()) {
          member.send(this.#status());
          this.#sendAll(member);
        }
        return;
      case 'note':
      case 'removed': {
        const update =
          outcome.changed === 'note'
            ? encodePrivateNotes({
                kind: 'notes',
                reset: false,
                notes: [outcome.note],
                removed: [],
              })
            : encodePrivateNotes({
                kind: 'notes',
                reset: false,
                notes: [],
                removed: [outcome.note.id],
              });
        // The sender has its own version already (a newer one, if the person kept typing).
        for (const member of this.#members()) {
          if (member !== from && this.#maySee(member, outcome.note)) member.send(update);
        }
        if (outcome.changed === 'removed' || outcome.isNew) {
          const status = this.#status();
          for (const member of this.#members()) member.send(status);
        }
      }
    }
  }

  /**
   * Another instance started, revealed or discarded the brainstorm, or someone wrote on it:
   * this instance's connections hear it under the same rules as a change made here.
   */
  #storedElsewhere(changes: readonly SideChange[]): void {
    this.#perAuthor = null;
    if (changes.some((change) => change.kind !== NOTES.name)) {
      this.#announce(null, { changed: 'mode' });
      return;
    }
    for (const change of changes) {
      const note = readChange(NOTES, change.after);
      const gone = note ? undefined : readChange(NOTES, change.before);
      if (note) this.#announce(null, { changed: 'note', note, isNew: change.before === undefined });
      else if (gone) this.#announce(null, { changed: 'removed', note: gone });
    }
  }

  #maySee(member: PrivateNotesMember, note: PrivateNote): boolean {
    if (member.participantId === note.authorId) return true;
    return member.role === 'facilitator' && this.#mode()?.facilitatorsSee === true;
  }

  /** The notes `member` may see, as a reset in frames of at most PRIVATE_NOTE_LIMITS.perFrame. */
  #sendAll(member: PrivateNotesMember): void {
    const visible = this.#notes().filter((note) => this.#maySee(member, note));
    const { perFrame } = PRIVATE_NOTE_LIMITS;
    for (let i = 0; i === 0 || i < visible.length; i += perFrame) {
      const notes = visible.slice(i, i + perFrame);
      member.send(encodePrivateNotes({ kind: 'notes', reset: i === 0, notes, removed: [] }));
    }
  }

  #status(): Uint8Array {
    const mode = this.#mode() ?? null;
    return encodePrivateNotes({
      kind: 'status',
      mode,
      count: mode ? this.#host.side.count(NOTES) : 0,
      last: this.#host.side.get(ENDING, CURRENT) ?? null,
    });
  }

  *#members(): Iterable<PrivateNotesMember> {
    for (const member of this.#host.members()) if (member.pajaClient) yield member;
  }

  #mode(): PrivateMode | undefined {
    return this.#host.side.get(MODE, CURRENT);
  }

  #counts(): Map<string, number> {
    if (!this.#perAuthor) {
      this.#perAuthor = new Map();
      for (const note of this.#notes()) {
        this.#perAuthor.set(note.authorId, (this.#perAuthor.get(note.authorId) ?? 0) + 1);
      }
    }
    return this.#perAuthor;
  }

  #notes(): PrivateNote[] {
    return this.#host.side.entries(NOTES).map(([, note]) => note);
  }
}
