import {
  CloseCode,
  createCluster,
  createNote,
  initBoard,
  moveNotes,
  PROTOCOL_VERSION,
  pajaClientParams,
  recolorNotes,
  setNotesLocked,
} from '@paja/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalSession } from '../../offline/localSession';
import { BoardSession, type BoardSessionOptions } from './BoardSession';
import { FakeServer } from './fakeServer';

const open: BoardSession[] = [];
afterEach(() => {
  for (const session of open.splice(0)) session.destroy();
});

/** Waits (without a deadline of its own that a slow machine could miss) until `check` passes. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

function openSession(server: FakeServer, more: Partial<BoardSessionOptions> = {}): BoardSession {
  const session = new BoardSession({
    boardId: 'board1',
    access: { token: 'secret', participantKey: 'key1' },
    url: 'ws://fake/sync',
    WebSocketPolyfill: server.WebSocket,
    openLocal: () => null,
    ...more,
  });
  open.push(session);
  return session;
}

function serverBoard(): FakeServer {
  const server = new FakeServer({ welcome: { participantId: 'p-aino', role: 'participant' } });
  initBoard(server.doc, { title: 'Työpaja', locale: 'fi', now: 1 });
  createNote(server.doc, {
    id: 'n1',
    x: 0,
    y: 0,
    text: 'Hei',
    authorId: 'p-aino',
    authorName: 'Aino',
  });
  return server;
}

describe('BoardSession', () => {
  it('connects with the link, learns who it is, syncs and reads the board as plain data', async () => {
    const server = serverBoard();
    const session = openSession(server);
    expect(session.status.get().connection).toBe('connecting');
    await until(() => expect(session.status.get().synced).toBe(true));
    const status = session.status.get();
    expect(status.connection).toBe('online');
    expect(status.welcome).toEqual({ participantId: 'p-aino', role: 'participant' });
    expect(session.role).toBe('participant');
    const url = new URL(server.urls[0] ?? '');
    expect(url.pathname).toBe('/sync/board1');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ...pajaClientParams(),
      pk: 'key1',
      token: 'secret',
    });
    const board = session.board.get();
    expect(board.meta?.title).toBe('Työpaja');
    expect(board.notes.map((n) => n.text)).toEqual(['Hei']);
  });

  it('is saved only once the server has stored the change', async () => {
    const server = serverBoard();
    server.autoCommit = false;
    const session = openSession(server);
    await until(() => expect(session.status.get().synced).toBe(true));
    expect(session.status.get().saved).toBe(true);
    session.act(() => moveNotes(session.doc, [{ id: 'n1', x: 50, y: 60 }]));
    expect(session.status.get().saved).toBe(false);
    await until(() => expect(server.doc.getMap('notes').size).toBe(1));
    await until(() =>
      expect(
        (server.doc.getMap('notes').get('n1') as { get(k: string): unknown }).get('pos'),
      ).toEqual([50, 60]),
    );
    expect(session.status.get().saved).toBe(false); // received, not yet committed
    server.commit();
    await until(() => expect(session.status.get().saved).toBe(true));
  });

  it('brings other people’s changes into its snapshot, keeping unchanged parts as they were', async () => {
    const server = serverBoard();
    createNote(server.doc, { id: 'n2', x: 300, y: 0, authorId: 'x', authorName: 'X' });
    const session = openSession(server);
    await until(() => expect(session.board.get().notes).toHaveLength(2));
    const before = session.board.get();
    recolorNotes(server.doc, ['n2'], 'blue');
    await until(() => expect(session.board.get().notes[1]?.color).toBe('blue'));
    const after = session.board.get();
    expect(after.notes[0]).toBe(before.notes[0]); // n1 did not change: same object
    expect(after.clusters).toBe(before.clusters); // no cluster changed: not re-read
    createCluster(server.doc, { noteIds: ['n1'], title: 'Aihe' });
    await until(() => expect(session.board.get().clusters).toHaveLength(1));
  });

  it('makes each act one undo step of its own and reports what can be undone', async () => {
    const server = serverBoard();
    const session = openSession(server);
    await until(() => expect(session.board.get().notes).toHaveLength(1));
    expect(session.history.get()).toEqual({ canUndo: false, canRedo: false });
    session.act(() => recolorNotes(session.doc, ['n1'], 'pink'));
    session.act(() => recolorNotes(session.doc, ['n1'], 'purple'));
    expect(session.history.get()).toEqual({ canUndo: true, canRedo: false });
    session.undo();
    expect(session.board.get().notes[0]?.color).toBe('pink');
    expect(session.history.get()).toEqual({ canUndo: true, canRedo: true });
    session.redo();
    expect(session.board.get().notes[0]?.color).toBe('purple');
  });

  it('drops an undo the board no longer allows, says why, and stays on the board', async () => {
    const server = serverBoard();
    const session = openSession(server);
    await until(() => expect(session.status.get().welcome?.role).toBe('participant'));
    await until(() => expect(session.board.get().notes).toHaveLength(1));
    session.act(() => recolorNotes(session.doc, ['n1'], 'pink'));
    await until(() => expect(server.doc.getMap('notes').toJSON().n1?.color).toBe('pink'));
    setNotesLocked(server.doc, ['n1'], true);
    await until(() => expect(session.board.get().notes[0]?.locked).toBe(true));
    expect(session.undo()).toBe('locked');
    expect(session.board.get().notes[0]?.color).toBe('pink');
    expect(session.history.get()).toEqual({ canUndo: false, canRedo: false });
    expect(session.status.get().closedWith).toBeNull();
  });

  it('stops at a refusal and keeps its code and reason; does not retry', async () => {
    const server = serverBoard();
    const session = openSession(server);
    await until(() => expect(session.status.get().synced).toBe(true));
    server.closeAll(CloseCode.changeRefused, 'the note is locked');
    await until(() => expect(session.status.get().closedWith).toBe(CloseCode.changeRefused));
    expect(session.status.get()).toMatchObject({
      closeReason: 'the note is locked',
      connection: 'offline',
      // It came while the page was in sync: one live change, so the page may start afresh.
      refusedLive: true,
    });
    // A retry would have opened a second connection by now (y-websocket retries after 100 ms
    // at the earliest; the refusal is handled before any of that).
    expect(server.urls).toHaveLength(1);
  });

  it('stops before syncing when the server speaks another version, and asks for a reload', async () => {
    const server = serverBoard();
    server.welcome = {
      participantId: 'p-aino',
      role: 'participant',
      protocolVersion: PROTOCOL_VERSION + 1,
    };
    const session = openSession(server);
    await until(() => expect(session.status.get().closedWith).toBe(CloseCode.clientOutdated));
    expect(session.status.get().synced).toBe(false);
    expect(session.board.get().notes).toEqual([]);
    expect(server.sockets.size).toBe(0);
  });

  it('retries after a close that is not a refusal, and resyncs what was changed meanwhile', async () => {
    const server = serverBoard();
    const session = openSession(server);
    await until(() => expect(session.status.get().synced).toBe(true));
    server.closeAll(CloseCode.serverShutdown);
    await until(() => expect(session.status.get().connection).toBe('offline'));
    session.act(() => recolorNotes(session.doc, ['n1'], 'teal'));
    expect(session.status.get().saved).toBe(false);
    await until(() => expect(server.urls).toHaveLength(2));
    await until(() => expect(session.status.get().saved).toBe(true));
    expect(session.status.get().connection).toBe('online');
    const note = server.doc.getMap('notes').get('n1') as { get(k: string): unknown };
    expect(note.get('color')).toBe('teal');
  });

  it('opens the socket only after the local copy is restored, and is not saved before', async () => {
    const server = serverBoard();
    let restore: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      restore = resolve;
    });
    const local: LocalSession = {
      ready,
      restored: true,
      isRestoreOrigin: () => false,
      changed: () => undefined,
      confirmed: () => undefined,
      rememberWelcome: () => undefined,
      rememberedWelcome: () => ({ participantId: 'p-remembered', role: 'facilitator' }),
      rememberTitle: () => undefined,
      close: () => undefined,
    };
    const session = openSession(server, { openLocal: () => local });
    await Promise.resolve();
    expect(server.urls).toHaveLength(0);
    expect(session.status.get().saved).toBe(false);
    restore();
    await until(() => expect(server.urls).toHaveLength(1));
    // Until the server's welcome arrives, the remembered one; then the server's.
    await until(() => expect(session.status.get().welcome?.participantId).toBe('p-aino'));
    await until(() => expect(session.status.get().saved).toBe(true));
  });

  it('lets go of everything when destroyed', async () => {
    const server = serverBoard();
    const session = openSession(server);
    await until(() => expect(server.sockets.size).toBe(1));
    const listener = vi.fn();
    session.board.subscribe(listener);
    session.destroy();
    expect(server.sockets.size).toBe(0);
    createNote(server.doc, { x: 0, y: 0, authorId: 'x', authorName: 'X' });
    await Promise.resolve();
    expect(listener).not.toHaveBeenCalled();
  });
});
