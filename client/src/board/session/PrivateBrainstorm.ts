import {
  createNote,
  decodePrivateNotes,
  deleteNotes,
  encodePrivateNotes,
  moveNotes,
  NoteKey,
  type NoteView,
  notesMap,
  type PrivateEnding,
  type PrivateMode,
  type PrivateNote,
  type PrivateNoteInput,
  type PrivateNoteRefusal,
  type PrivateNotesMessage,
  type PrivateNotesRequest,
  readNotes,
  recolorNotes,
  resizeNote,
} from '@paja/shared';
import type * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { type Kept, keptKey, loadKept, saveKept } from './keptPrivateNotes';
import { inputOf, toInput, writeOverlayNote } from './privateNoteWrites';
import { Store } from './store';

/** What the private brainstorm needs of the board's connection (SyncChannel implements it). */
export interface PrivateChannel {
  /** Sends on the open, synced socket; false when there is none (offline). */
  send(message: Uint8Array<ArrayBuffer>): boolean;
}

export interface PrivateState {
  /** The private brainstorm that runs, as last heard (or remembered offline); null: none. */
  mode: PrivateMode | null;
  /** How many private notes the group has written (the server's count). */
  count: number;
  /** How the last brainstorm ended. */
  last: PrivateEnding | null;
  /** Private notes this person sees: their own, and others' for a facilitator if allowed. */
  notes: NoteView[];
  /** Own private notes not yet confirmed stored by the server. */
  unsaved: number;
  /** The server's last refusal of one of this person's requests, to show; null: none. */
  refusal: PrivateNoteRefusal | null;
}

/** Origin of writes into the overlay that came from the server or storage: not sent back. */
const REMOTE = Symbol('private notes from the server');
/** Typing is saved this long after the last keystroke, not per keystroke. */
const SAVE_DELAY_MS = 300;

export interface PrivateBrainstormOptions {
  boardId: string;
  channel: PrivateChannel;
  /** This person's participant id, once the server said it (welcome). */
  me(): string | null;
  /**
   * The brainstorm that these notes were written in has been revealed while this page was
   * offline: write them into the board document as ordinary notes (BoardSession does).
   */
  reveal(notes: PrivateNoteInput[], hideAuthors: boolean): void;
}

/**
 * The private brainstorm on the client: a local overlay of private notes that is never the
 * board's Y.Doc. The overlay is a Y.Doc of its own (`doc`) with the same note records, so that
 * shared/'s note operations, the canvas and the note editor work on private notes unchanged;
 * it is never connected to the sync provider, so nothing in it reaches anyone by sync.
 *
 * Own changes in the overlay are sent to the server as private-notes `put`/`remove` messages
 * (a moment after the last keystroke), and kept in localStorage until the server confirms
 * them (its answer comes after the commit), so a note written offline is sent on reconnect,
 * or, if the brainstorm was revealed meanwhile, written into the board then (keptPrivateNotes.ts
 * says where they are kept and why; privateNoteWrites.ts how they are written).
 */
/** No private brainstorm known: how every session starts. */
export const NO_PRIVATE_STATE: PrivateState = {
  mode: null,
  count: 0,
  last: null,
  notes: [],
  unsaved: 0,
  refusal: null,
};

export class PrivateBrainstorm {
  /** The overlay: private notes this person may see. Never synced. */
  readonly doc = new Y.Doc();
  readonly state = new Store<PrivateState>(NO_PRIVATE_STATE);

  readonly #options: PrivateBrainstormOptions;
  readonly #storageKey: string;
  #kept: Kept;
  /** Requests in flight: what each carried, to know what its answer confirms. */
  readonly #inFlight = new Map<number, { id: string; json: string | null }>();
  readonly #waiting = new Map<number, (answer: PrivateNoteRefusal | null) => void>();
  #nextRequest = 1;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: PrivateBrainstormOptions) {
    this.#options = options;
    this.#storageKey = keptKey(options.boardId);
    this.#kept = loadKept(this.#storageKey);
    this.doc.transact(() => {
      for (const note of Object.values(this.#kept.notes)) this.#write(note, '');
    }, REMOTE);
    this.state.patch({ mode: this.#kept.mode });
    this.#read();
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      this.#read();
      if (transaction.origin !== REMOTE) this.#localChange();
    });
  }

  /** New notes of this person go into the overlay, not the board (a participant while it runs). */
  writesPrivately(role: string | null): boolean {
    return this.state.get().mode !== null && role === 'participant';
  }

  isPrivate(id: string): boolean {
    return notesMap(this.doc).has(id);
  }

  /** One of the private notes this person wrote (others' are shown to facilitators only). */
  isOwn(id: string): boolean {
    if (this.#kept.notes[id] !== undefined) return true;
    const me = this.#options.me();
    return me === null || this.#authorOf(id) === me;
  }

  /** A message of the private-notes family from the server. */
  receive(decoder: decoding.Decoder): void {
    const decoded = decodePrivateNotes(decoder);
    if (!decoded.ok) return; // a newer server's message this page cannot read: ignore it
    this.#handle(decoded.value);
  }

  /** After each (re)connect's sync: send what the server has not confirmed. */
  resend(): void {
    this.#inFlight.clear();
    this.#flush();
  }

  start(facilitatorsSee: boolean, hideAuthors: boolean): Promise<PrivateNoteRefusal | null> {
    return this.#ask({ kind: 'start', request: 0, facilitatorsSee, hideAuthors });
  }

  reveal(): Promise<PrivateNoteRefusal | null> {
    const session = this.state.get().mode?.session;
    if (!session) return Promise.resolve('notActive');
    return this.#ask({ kind: 'reveal', request: 0, session });
  }

  discard(): Promise<PrivateNoteRefusal | null> {
    const session = this.state.get().mode?.session;
    if (!session) return Promise.resolve('notActive');
    return this.#ask({ kind: 'discard', request: 0, session });
  }

  clearRefusal(): void {
    this.state.patch({ refusal: null });
  }

  /** Operations on private notes: the same ones the board's notes use, on the overlay. */
  readonly ops = {
    create: (input: Parameters<typeof createNote>[1]) => createNote(this.doc, input),
    remove: (ids: string[]) =>
      deleteNotes(
        this.doc,
        ids.filter((id) => this.isOwn(id)),
      ),
    move: (moves: Array<{ id: string; x: number; y: number }>) =>
      moveNotes(
        this.doc,
        moves.filter((m) => this.isOwn(m.id)),
      ),
    recolor: (ids: string[], color: Parameters<typeof recolorNotes>[2]) =>
      recolorNotes(
        this.doc,
        ids.filter((id) => this.isOwn(id)),
        color,
      ),
    resize: (id: string, w: number, h: number) => {
      if (this.isOwn(id)) resizeNote(this.doc, id, w, h);
    },
  };

  destroy(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    for (const resolve of this.#waiting.values()) resolve('notActive');
    this.#waiting.clear();
    this.doc.destroy();
  }

  #handle(message: PrivateNotesMessage): void {
    switch (message.kind) {
      case 'status':
        this.state.patch({ mode: message.mode, count: message.count, last: message.last });
        this.#afterStatus(message.mode, message.last);
        return;
      case 'notes':
        this.#applyNotes(message.reset, message.notes, message.removed);
        return;
      case 'answer':
        this.#answered(message.request, message.ok ? null : message.error);
        return;
      default:
        return; // requests are the client's to send
    }
  }

  /** Private mode started, ended, or is as it was: notes kept here follow it. */
  #afterStatus(mode: PrivateMode | null, last: PrivateEnding | null): void {
    const keptSession = this.#keptSession();
    const hideAuthors = this.#kept.mode?.hideAuthors ?? false;
    this.#kept.mode = mode;
    if (keptSession !== null && keptSession !== mode?.session) {
      // The brainstorm these notes belong to has ended while they were not confirmed stored.
      const unsent = this.#kept.dirty.flatMap((id) => this.#kept.notes[id] ?? []);
      const discarded = last?.session === keptSession && last.outcome === 'discarded';
      if (!discarded && unsent.length > 0) this.#options.reveal(unsent, hideAuthors);
      this.#kept = { mode, notes: {}, dirty: [] };
    }
    this.#save();
    if (mode) this.#flush();
  }

  #applyNotes(reset: boolean, notes: PrivateNote[], removed: string[]): void {
    const map = notesMap(this.doc);
    this.doc.transact(() => {
      if (reset) {
        for (const id of [...map.keys()]) {
          if (!this.#kept.dirty.includes(id)) map.delete(id);
        }
      }
      for (const id of removed) if (!this.#kept.dirty.includes(id)) map.delete(id);
      for (const note of notes) {
        // A newer version of my own, not confirmed yet, wins over what the server holds.
        if (this.#kept.dirty.includes(note.id)) continue;
        this.#write(note, note.authorId);
        if (note.authorId === this.#options.me()) this.#kept.notes[note.id] = inputOf(note);
      }
      // My unconfirmed removals stay removed.
      for (const id of this.#kept.dirty) {
        if (this.#kept.notes[id] === undefined) map.delete(id);
      }
    }, REMOTE);
    if (reset) {
      const me = this.#options.me();
      const mine = new Set(notes.filter((n) => n.authorId === me).map((n) => n.id));
      for (const id of Object.keys(this.#kept.notes)) {
        if (!mine.has(id) && !this.#kept.dirty.includes(id)) delete this.#kept.notes[id];
      }
    }
    this.#save();
  }

  /** Writes a note into the overlay (an unknown author: this person). */
  #write(note: PrivateNoteInput, authorId: string): void {
    writeOverlayNote(this.doc, note, authorId || (this.#options.me() ?? ''));
  }

  /** A change made here: find which own notes changed, keep them, send them soon. */
  #localChange(): void {
    const session = this.state.get().mode?.session ?? this.#keptSession();
    if (!session) return;
    const current = new Map<string, PrivateNoteInput>();
    for (const note of readNotes(this.doc)) {
      if (!this.isOwn(note.id)) continue;
      current.set(note.id, toInput(note, session));
    }
    const dirty = new Set(this.#kept.dirty);
    for (const [id, note] of current) {
      const before = this.#kept.notes[id];
      if (!before || JSON.stringify(before) !== JSON.stringify(note)) {
        this.#kept.notes[id] = note;
        dirty.add(id);
      }
    }
    for (const id of Object.keys(this.#kept.notes)) {
      if (!current.has(id)) {
        delete this.#kept.notes[id];
        dirty.add(id);
      }
    }
    this.#kept.dirty = [...dirty];
    this.#save();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#flush();
    }, SAVE_DELAY_MS);
  }

  /** Sends every unconfirmed own change that is not in flight already. */
  #flush(): void {
    const mode = this.state.get().mode;
    if (!mode) return;
    const inFlight = new Map([...this.#inFlight.values()].map((f) => [f.id, f.json]));
    for (const id of this.#kept.dirty) {
      const note = this.#kept.notes[id];
      const json = note ? JSON.stringify(note) : null;
      if (inFlight.has(id) && inFlight.get(id) === json) continue;
      const request = this.#nextRequest++;
      const message: PrivateNotesRequest = note
        ? { kind: 'put', request, note: { ...note, session: mode.session } }
        : { kind: 'remove', request, session: mode.session, id };
      if (!this.#options.channel.send(encodePrivateNotes(message))) return; // offline: later
      this.#inFlight.set(request, { id, json });
    }
  }

  #answered(request: number, refusal: PrivateNoteRefusal | null): void {
    const waiting = this.#waiting.get(request);
    if (waiting) {
      this.#waiting.delete(request);
      waiting(refusal);
      return;
    }
    const sent = this.#inFlight.get(request);
    if (!sent) return;
    this.#inFlight.delete(request);
    const now = this.#kept.notes[sent.id];
    const nowJson = now ? JSON.stringify(now) : null;
    if (refusal === null || (refusal !== 'notActive' && refusal !== 'tooFast')) {
      // Stored, or refused for good (too many, not allowed now): either way nothing to resend.
      if (nowJson === sent.json) this.#kept.dirty = this.#kept.dirty.filter((id) => id !== sent.id);
    }
    if (refusal !== null && refusal !== 'notActive' && refusal !== 'tooFast') {
      // Refused for good: the note was never stored; take it away here too and say why.
      delete this.#kept.notes[sent.id];
      this.doc.transact(() => notesMap(this.doc).delete(sent.id), REMOTE);
      this.state.patch({ refusal });
    }
    if (refusal === 'tooFast') {
      setTimeout(() => this.#flush(), 1000);
    }
    this.#save();
  }

  #ask(request: PrivateNotesRequest): Promise<PrivateNoteRefusal | null> {
    const number = this.#nextRequest++;
    const message = encodePrivateNotes({ ...request, request: number });
    if (!this.#options.channel.send(message)) return Promise.resolve('notActive');
    return new Promise((resolve) => this.#waiting.set(number, resolve));
  }

  #read(): void {
    const notes = readNotes(this.doc);
    this.state.patch({ notes, unsaved: this.#kept.dirty.length });
  }

  #authorOf(id: string): string | undefined {
    const author = notesMap(this.doc).get(id)?.get(NoteKey.authorId);
    return typeof author === 'string' ? author : undefined;
  }

  #keptSession(): string | null {
    const first = Object.values(this.#kept.notes)[0];
    if (first) return first.session;
    return this.#kept.dirty.length > 0 ? (this.#kept.mode?.session ?? null) : null;
  }

  #save(): void {
    this.state.patch({ unsaved: this.#kept.dirty.length });
    saveKept(this.#storageKey, this.#kept);
  }
}
