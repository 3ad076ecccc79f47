import type net from 'node:net';
import {
  createNote,
  encodeComment,
  encodeSaveRequest,
  MessageType,
  readComments,
  readNotes,
} from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  cleanups,
  createBoardOver,
  type ReceivedMessage,
  recordMessages,
  startInMemory,
  waitFor,
} from './harness';

/** A bare `ws` client of Paja's protocol that records every message it receives, in order. */
async function recordingClient(url: string) {
  const ws = new WebSocket(url);
  const received = recordMessages(ws);
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send(
    message((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, new Y.Doc());
    }),
  );
  await waitFor(() => received.some((m) => m.step === syncProtocol.messageYjsSyncStep2), 'sync');
  return {
    ws,
    received,
    /** Sends `messages` in one TCP write, so the server reads them in one turn. */
    sendTogether(messages: Uint8Array[]): void {
      // `ws` writes each message on its own; corking its socket makes them one segment.
      const socket = (ws as unknown as { _socket: net.Socket })._socket;
      socket.cork();
      for (const m of messages) ws.send(m);
      socket.uncork();
    },
    /** Messages received after the first `from`. */
    since: (from: number) => received.slice(from),
  };
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const syncUpdate = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, update);
  });

/** Two edits of `doc`, each its own update (two notes, two transactions). */
function twoEdits(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const keep = (update: Uint8Array) => updates.push(update);
  doc.on('update', keep);
  createNote(doc, { x: 1, y: 1, text: 'one', authorId: 'a', authorName: 'A' });
  createNote(doc, { x: 2, y: 2, text: 'two', authorId: 'a', authorName: 'A' });
  doc.off('update', keep);
  return updates;
}

const commentOnBoard = (text: string) =>
  encodeComment({ request: 1, text, authorName: 'A', anchor: { kind: 'board' } });

/** What a document holds: its notes' texts and its comments' texts, sorted. */
function contentOf(updates: Array<Uint8Array | null>): string[] {
  const doc = new Y.Doc();
  for (const update of updates) if (update) Y.applyUpdate(doc, update);
  return [...readNotes(doc).map((n) => n.text), ...readComments(doc).map((c) => c.text)].sort();
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/*
 * A board's updates of one turn go out at the turn's end, in one write per socket, each still
 * its own message and none back to its sender (server/src/UpdateBroadcast.ts). Nothing sent
 * to a member in the same turn may overtake them. A facilitator's comment is written by the server (an update of
 * its own, in the turn of the request) and answered at once with a result that names it.
 */
describe('one broadcast per turn', () => {
  const cleanup = cleanups();

  async function twoEditors() {
    const { url, wsUrl } = await startInMemory(cleanup);
    const board = await createBoardOver(url);
    const address = `${wsUrl}/${board.id}?token=${board.token}&paja=1`;
    const alice = await recordingClient(address);
    const bob = await recordingClient(address);
    cleanup.push(() => {
      alice.ws.terminate();
      bob.ws.terminate();
    });
    return { alice, bob, from: [alice.received.length, bob.received.length] as const };
  }

  const updates = (received: ReceivedMessage[]) => received.filter((m) => m.update !== null);

  it('sends a turn’s updates to each editor, each as it came, none back to its sender', async () => {
    const { alice, bob, from } = await twoEditors();
    // Two notes of Alice's and the server's comment, in one turn.
    const edits = twoEdits(new Y.Doc());
    alice.sendTogether([...edits.map(syncUpdate), commentOnBoard('hi')]);
    await waitFor(() => updates(bob.since(from[1])).length >= 3, 'the updates at Bob');
    await settle();
    const atBob = updates(bob.since(from[1]));
    expect(atBob).toHaveLength(3);
    expect(atBob.slice(0, 2).map((m) => m.update)).toEqual(edits);
    expect(contentOf(atBob.map((m) => m.update))).toEqual(['hi', 'one', 'two']);
    const atAlice = updates(alice.since(from[0]));
    expect(atAlice).toHaveLength(1);
    expect(contentOf(atAlice.map((m) => m.update))).toEqual(['hi']);
  });

  it('lets no answer of the same turn (comment result, saved) overtake the update', async () => {
    const { alice, bob, from } = await twoEditors();
    alice.sendTogether([commentOnBoard('hi'), encodeSaveRequest(1)]);
    await waitFor(() => alice.since(from[0]).some((m) => m.type === MessageType.saved), 'saved');
    const kinds = alice
      .since(from[0])
      .map((m) => (m.update ? 'update' : m.type))
      .filter((k) => k === 'update' || k === MessageType.commentResult || k === MessageType.saved);
    expect(kinds).toEqual(['update', MessageType.commentResult, MessageType.saved]);
    expect(contentOf(updates(alice.since(from[0])).map((m) => m.update))).toEqual(['hi']);
    await waitFor(() => updates(bob.since(from[1])).length > 0, 'the comment at Bob');
  });

  it('on a busy board of ten editors (paced sends), gives everyone each update once, and no answer overtakes one', async () => {
    const { url, wsUrl } = await startInMemory(cleanup);
    const board = await createBoardOver(url);
    const address = `${wsUrl}/${board.id}?token=${board.token}&paja=1`;
    const editors: Array<Awaited<ReturnType<typeof recordingClient>>> = [];
    for (let i = 0; i < 10; i++) editors.push(await recordingClient(address));
    cleanup.push(() => {
      for (const e of editors) e.ws.terminate();
    });
    const [alice, ...others] = editors as [(typeof editors)[0], ...typeof editors];
    const from = editors.map((e) => e.received.length);
    const sinceStart = (i: number) => editors[i]?.since(from[i] as number) ?? [];
    // Turn after turn (the board's last send is recent, so the next ones wait for the pacing):
    // Alice's notes, then a comment and a save request, then a note of Bob's.
    const edits = twoEdits(new Y.Doc());
    const bobs = twoEdits(new Y.Doc());
    for (const edit of edits) {
      alice.sendTogether([syncUpdate(edit)]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    alice.sendTogether([commentOnBoard('hi'), encodeSaveRequest(2)]);
    others[0]?.sendTogether([syncUpdate(bobs[0] as Uint8Array)]);
    await waitFor(() => sinceStart(0).some((m) => m.type === MessageType.saved), 'saved');
    await waitFor(
      () => others.every((_, i) => updates(sinceStart(i + 1)).length >= (i === 0 ? 3 : 4)),
      'every update at every editor',
    );
    await settle();
    // Alice: the comment's update before its result; Bob's note and the comment, once each.
    const kinds = sinceStart(0)
      .map((m) => (m.update ? 'update' : m.type))
      .filter((k) => k === 'update' || k === MessageType.commentResult || k === MessageType.saved);
    expect(kinds.indexOf('update')).toBeLessThan(kinds.indexOf(MessageType.commentResult));
    expect(contentOf(updates(sinceStart(0)).map((m) => m.update))).toEqual(['hi', 'one']);
    // Every other editor: each update exactly once (none twice for being sent ahead).
    others.forEach((_, i) => {
      const got = updates(sinceStart(i + 1)).map((m) => m.update);
      expect(got).toHaveLength(i === 0 ? 3 : 4);
      expect(contentOf(got)).toEqual(i === 0 ? ['hi', 'one', 'two'] : ['hi', 'one', 'one', 'two']);
    });
  });

  /**
   * `writers` editors write two notes each, one after another about every millisecond, for
   * 300 ms and at least 60 times (on a loaded machine a 1 ms timer can take 8: a CI run sent
   * 38), while `listeners` more editors only listen (bare sockets: recording and decoding every
   * update at 49 clients would make this process, the server's too, the bottleneck). Counts the
   * commits the board made meanwhile.
   */
  async function commitsWhileWriting(writers: number, listeners: number) {
    const { url, wsUrl, storage } = await startInMemory(cleanup, {
      maxFacilitatorsPerBoard: 100,
      updatesPerSecond: 10_000,
    });
    const board = await createBoardOver(url);
    const address = `${wsUrl}/${board.id}?token=${board.token}&paja=1`;
    const editors: Array<Awaited<ReturnType<typeof recordingClient>>> = [];
    for (let i = 0; i < writers; i++) editors.push(await recordingClient(address));
    const sockets: WebSocket[] = [];
    for (let i = 0; i < listeners; i++) {
      const ws = new WebSocket(address);
      await new Promise<void>((resolve) => ws.once('open', () => resolve()));
      sockets.push(ws);
    }
    cleanup.push(() => {
      for (const e of editors) e.ws.terminate();
      for (const ws of sockets) ws.terminate();
    });
    let commits = 0;
    const append = storage.appendUpdates.bind(storage);
    storage.appendUpdates = (...args) => {
      commits++;
      return append(...args);
    };
    const docs = editors.map(() => new Y.Doc());
    const started = performance.now();
    let sent = 0;
    while (performance.now() - started < 300 || sent < 60) {
      const doc = docs[sent % docs.length] as Y.Doc;
      editors[sent % docs.length]?.sendTogether(twoEdits(doc).map(syncUpdate));
      sent++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const elapsed = performance.now() - started;
    await settle();
    return { sent, commits, elapsed };
  }

  it('commits a board of fifty editors at most every 10 ms (its broadcasts wait 20)', async () => {
    const { sent, commits, elapsed } = await commitsWhileWriting(5, 45);
    expect(sent).toBeGreaterThan(50);
    expect(commits).toBeGreaterThan(5);
    expect(commits).toBeLessThanOrEqual(Math.ceil(elapsed / 10) + 3);
  });

  it('commits one fast writer at most every 10 ms too (a quiet board would commit each)', async () => {
    // Its broadcasts are not paced (one editor); its commits are: about 30 here, about 75
    // when such a board gathered its commits for 4 ms.
    const { sent, commits, elapsed } = await commitsWhileWriting(1, 0);
    expect(sent).toBeGreaterThan(50);
    expect(commits).toBeGreaterThan(5);
    expect(commits).toBeLessThanOrEqual(Math.ceil(elapsed / 10) + 3);
  });
});
