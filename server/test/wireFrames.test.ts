import {
  CloseCode,
  createNote,
  encodeSaveRequest,
  MessageType,
  noteText,
  readNotes,
} from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  connectClient,
  createBoardOver,
  linkFor,
  type RunningServer,
  recordMessages,
  startServer,
  type TestClient,
  tempDir,
  trackSaved,
  waitFor,
} from './harness';

/** A stock `ws` client that records every message, in order, and its close code. */
function recordingClient(url: string) {
  const ws = new WebSocket(url);
  const received = recordMessages(ws);
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  return { ws, received, opened, closed };
}

/** A sync update's bytes, from the payload after the sync step (a varUint8Array). */
const updateOf = (payload: Uint8Array) =>
  decoding.readVarUint8Array(decoding.createDecoder(payload));

/*
 * Frames are built once per message and written to every receiver's socket beside `ws`
 * (server/src/WireFrame.ts). What clients receive must not change: every update once, in
 * order, byte for byte; presence; `saved` after the commit; the close last.
 */
describe('messages framed once for every receiver', () => {
  const clients: TestClient[] = [];
  const servers: RunningServer[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const running of servers.splice(0)) await running.server.close();
  });

  it('reach a stock ws client and a y-websocket client in order, with saved, presence, close', async () => {
    const running = await startServer(tempDir());
    servers.push(running);
    const board = await createBoardOver(running.url);
    const participant = await linkFor(running.url, board, 'participant');

    // Alice is Paja-aware (asks for saved); Bob a stock y-websocket client; Carol a bare `ws`.
    const alice = connectClient(running.wsUrl, board.id, { token: board.token, paja: '1' });
    const saved = trackSaved(alice);
    const bob = connectClient(running.wsUrl, board.id, { token: participant });
    clients.push(alice, bob);
    const carol = recordingClient(`${running.wsUrl}/${board.id}?token=${participant}`);
    await carol.opened;
    carol.ws.send(encodeSyncStep1());
    await Promise.all([alice.synced, bob.synced]);
    await waitFor(() => carol.received.some((m) => m.step === 1), 'Carol’s sync step 2');
    const before = carol.received.length;

    const sent: Uint8Array[] = [];
    alice.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== alice.provider) sent.push(update);
    });
    const ids: string[] = [];
    for (let i = 1; i <= 30; i++) {
      ids.push(
        createNote(alice.doc, { x: i, y: i, text: `note ${i}`, authorId: 'a', authorName: 'A' }),
      );
      alice.provider.ws?.send(encodeSaveRequest(i));
      if (i % 10 === 0) alice.provider.awareness.setLocalStateField('cursor', { x: i, y: 0 });
    }
    await waitFor(() => saved.marker() === 30, 'saved for the last change', 10_000);
    await waitFor(() => readNotes(bob.doc).length === 30, 'every note at Bob');
    await waitFor(
      () => carol.received.filter((m) => m.step === syncProtocol.messageYjsUpdate).length >= 30,
      'every update at Carol',
    );
    await waitFor(
      () => (bob.provider.awareness.getStates().get(alice.doc.clientID)?.cursor?.x ?? 0) === 30,
      'Alice’s cursor at Bob',
    );

    // Carol: each of Alice's updates exactly once, in Alice's order, byte for byte.
    const after = carol.received.slice(before);
    const updates = after.filter((m) => m.step === syncProtocol.messageYjsUpdate);
    expect(updates.map((m) => Buffer.from(updateOf(m.payload)).toString('hex'))).toEqual(
      sent.map((u) => Buffer.from(u).toString('hex')),
    );
    expect(after.some((m) => m.type === MessageType.awareness)).toBe(true);
    // Bob's board is Alice's.
    expect(ids.map((id) => noteText(bob.doc, id)?.toString())).toEqual(
      ids.map((_, i) => `note ${i + 1}`),
    );

    // The close comes last, and nothing is lost before it.
    const count = carol.received.length;
    await running.server.close();
    servers.splice(0);
    expect(await carol.closed).toBe(CloseCode.serverShutdown);
    expect(carol.received.length).toBe(count);
  });
});

/** Sync step 1 of an empty document: "send me everything". */
function encodeSyncStep1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}
