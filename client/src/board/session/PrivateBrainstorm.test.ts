import {
  decodeFrame,
  decodePrivateNotes,
  encodePrivateNotes,
  MessageType,
  type PrivateMode,
  type PrivateNoteInput,
  type PrivateNotesMessage,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PrivateBrainstorm } from './PrivateBrainstorm';

const MODE: PrivateMode = {
  session: 'S1',
  facilitatorsSee: false,
  hideAuthors: false,
  startedAt: 1,
};

/** localStorage for the tests (Node has none): shared by the "tabs" of one test. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A page's private brainstorm on a fake channel: the test plays the server. */
function page(options: { online?: boolean } = {}) {
  const sent: PrivateNotesMessage[] = [];
  const revealed: PrivateNoteInput[][] = [];
  let online = options.online ?? true;
  const brainstorm = new PrivateBrainstorm({
    boardId: 'board1',
    channel: {
      send(message) {
        if (!online) return false;
        const decoded = decodeFrame(message, MessageType.privateNotes, decodePrivateNotes);
        if (decoded.ok) sent.push(decoded.value);
        return true;
      },
    },
    me: () => 'p-aino',
    reveal: (notes) => revealed.push(notes),
  });
  const receive = (message: PrivateNotesMessage) => {
    const decoder = decoding.createDecoder(encodePrivateNotes(message));
    decoding.readVarUint(decoder);
    brainstorm.receive(decoder);
  };
  return {
    brainstorm,
    sent,
    revealed,
    receive,
    setOnline: (value: boolean) => {
      online = value;
    },
    /** The server's answer to every put and remove sent so far. */
    confirmAll() {
      for (const m of sent) {
        if (m.kind === 'put' || m.kind === 'remove') {
          receive({ kind: 'answer', request: m.request, ok: true });
        }
      }
    },
  };
}

const write = (brainstorm: PrivateBrainstorm, text: string) =>
  brainstorm.ops.create({ x: 10, y: 20, authorId: 'p-aino', authorName: 'Aino', text });

describe('PrivateBrainstorm (the client overlay)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', { localStorage: memoryStorage() });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes a participant’s new note into the overlay and sends it once typing pauses', () => {
    const { brainstorm, sent, receive, confirmAll } = page();
    expect(brainstorm.writesPrivately('participant')).toBe(false);
    receive({ kind: 'status', mode: MODE, count: 0, last: null });
    expect(brainstorm.writesPrivately('participant')).toBe(true);
    expect(brainstorm.writesPrivately('facilitator')).toBe(false);
    const id = write(brainstorm, 'idea');
    expect(brainstorm.isPrivate(id)).toBe(true);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(sent).toMatchObject([{ kind: 'put', note: { id, session: 'S1', text: 'idea' } }]);
    expect(brainstorm.state.get().unsaved).toBe(1);
    confirmAll();
    expect(brainstorm.state.get().unsaved).toBe(0);
  });

  it('keeps a note written offline through a reload and sends it when the server is back', () => {
    const first = page({ online: false });
    first.receive({ kind: 'status', mode: MODE, count: 0, last: null });
    const id = write(first.brainstorm, 'written offline');
    vi.advanceTimersByTime(400);
    expect(first.sent).toEqual([]);
    first.brainstorm.destroy();

    const reloaded = page({ online: false });
    expect(reloaded.brainstorm.state.get().notes.map((n) => n.text)).toEqual(['written offline']);
    expect(reloaded.brainstorm.writesPrivately('participant')).toBe(true);
    // On reconnect the server's status and notes come before the sync has finished (nothing
    // can be sent yet); once it has, the session asks to resend.
    reloaded.receive({ kind: 'status', mode: MODE, count: 0, last: null });
    reloaded.receive({ kind: 'notes', reset: true, notes: [], removed: [] });
    reloaded.setOnline(true);
    reloaded.brainstorm.resend();
    expect(reloaded.sent).toMatchObject([{ kind: 'put', note: { id, text: 'written offline' } }]);
    // The server's reset did not take the unconfirmed note away.
    expect(reloaded.brainstorm.state.get().notes.map((n) => n.text)).toEqual(['written offline']);
  });

  it('writes unsent notes into the board if their brainstorm was revealed meanwhile, not if discarded', () => {
    const revealedMeanwhile = page({ online: false });
    revealedMeanwhile.receive({ kind: 'status', mode: MODE, count: 0, last: null });
    write(revealedMeanwhile.brainstorm, 'late idea');
    revealedMeanwhile.setOnline(true);
    revealedMeanwhile.receive({
      kind: 'status',
      mode: null,
      count: 0,
      last: { session: 'S1', outcome: 'revealed' },
    });
    expect(revealedMeanwhile.revealed.flat().map((n) => n.text)).toEqual(['late idea']);
    revealedMeanwhile.brainstorm.destroy();

    vi.stubGlobal('window', { localStorage: memoryStorage() });
    const discarded = page({ online: false });
    discarded.receive({ kind: 'status', mode: MODE, count: 0, last: null });
    write(discarded.brainstorm, 'thrown away');
    discarded.receive({
      kind: 'status',
      mode: null,
      count: 0,
      last: { session: 'S1', outcome: 'discarded' },
    });
    expect(discarded.revealed).toEqual([]);
  });

  it('shows the server’s notes, lets a newer local version win, and leaves others’ notes alone', () => {
    const { brainstorm, receive } = page({ online: false });
    receive({ kind: 'status', mode: { ...MODE, facilitatorsSee: true }, count: 2, last: null });
    const stored = (id: string, authorId: string, text: string) => ({
      session: 'S1',
      id,
      x: 0,
      y: 0,
      w: 160,
      h: 160,
      color: 'yellow' as const,
      text,
      authorName: authorId,
      organisation: null,
      authorId,
      createdAt: 1,
      updatedAt: 1,
    });
    receive({
      kind: 'notes',
      reset: true,
      notes: [stored('mine', 'p-aino', 'server version'), stored('hers', 'p-bo', 'Bo’s')],
      removed: [],
    });
    expect(brainstorm.isOwn('mine')).toBe(true);
    expect(brainstorm.isOwn('hers')).toBe(false);
    brainstorm.ops.recolor(['mine', 'hers'], 'blue');
    receive({
      kind: 'notes',
      reset: false,
      notes: [stored('mine', 'p-aino', 'stale')],
      removed: [],
    });
    const byId = new Map(brainstorm.state.get().notes.map((n) => [n.id, n]));
    expect([byId.get('mine')?.color, byId.get('mine')?.text]).toEqual(['blue', 'server version']);
    expect(byId.get('hers')?.color).toBe('yellow');
  });
});
