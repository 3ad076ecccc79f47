import { CloseCode, closeCodeMetric, createNote, initBoard, readNotes } from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { mintToken } from '../src/auth/access';
import type { MemoryStorage } from '../src/storage/MemoryStorage';
import {
  cleanups,
  connectClient,
  createBoardOver,
  nonReadingSocket,
  startInMemory,
  TEST_SECRET,
  waitFor,
} from './harness';

const cleanup = cleanups();

/** A board of about `bytes` stored bytes in storage, and a viewer's token for it. */
async function bigBoard(storage: MemoryStorage, id: string, bytes: number) {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Big', locale: 'en' });
  const text = 'x'.repeat(4000);
  for (let i = 0; i < bytes / 4000; i++) {
    createNote(doc, { x: i, y: i, text, authorId: 'a', authorName: 'A' });
  }
  const state = Y.encodeStateAsUpdate(doc);
  await storage.createBoard(id, state);
  return {
    doc,
    size: state.byteLength,
    viewer: await mintToken(TEST_SECRET, storage, id, 'viewer'),
  };
}

function step1(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Two people on another board: an edit of one reaches the other. */
async function otherBoardWorks(url: string, port: number): Promise<void> {
  const board = await createBoardOver(url);
  const wsUrl = `ws://127.0.0.1:${port}/sync`;
  const a = connectClient(wsUrl, board.id, { token: board.token });
  const b = connectClient(wsUrl, board.id, { token: board.token });
  cleanup.push(
    () => a.destroy(),
    () => b.destroy(),
  );
  await Promise.all([a.synced, b.synced]);
  createNote(a.doc, { x: 1, y: 1, text: 'still answered', authorId: 'a', authorName: 'A' });
  await waitFor(() => readNotes(b.doc).length === 1, 'the other board to sync');
}

function queuedBytes(text: string): number {
  return Number(/^paja_queued_bytes (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

describe('outgoing backpressure', () => {
  it('a viewer flooding sync step 1 without reading costs a bounded amount; other boards go on', {
    timeout: 60_000,
  }, async () => {
    const { server, storage, port, url } = await startInMemory(cleanup, {
      maxQueuedBytes: 1024 * 1024,
    });
    const big = await bigBoard(storage, 'bigboard-flood1', 1024 * 1024);
    const hostile = await nonReadingSocket(port, `/sync/bigboard-flood1?token=${big.viewer}`);
    cleanup.push(() => hostile.destroy());
    const before = { out: server.metrics.bytesOut, in: server.metrics.messagesIn };
    const rss = process.memoryUsage().rss;
    // 300 requests of a few bytes each. Half know nothing; half claim to know one struct of the
    // board's author, which used to make the server encode (and queue) the board anew each time.
    const author = [...Y.decodeStateVector(Y.encodeStateVector(big.doc)).keys()][0] ?? 0;
    const knowsOne = Y.encodeStateVector(new Map([[author, 1]]));
    for (let i = 0; i < 300; i++) {
      hostile.send(step1(i % 2 === 0 ? new Uint8Array([0]) : knowsOne));
    }
    await waitFor(
      () => server.metrics.messagesIn - before.in >= 300,
      'the server to read every request',
      20_000,
    );
    // What the server took on for this client: a few answers, not 300 copies of the board.
    const sent = server.metrics.bytesOut - before.out;
    expect(sent).toBeLessThan(5 * big.size);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(queuedBytes(metrics)).toBeLessThanOrEqual(1024 * 1024 + 2 * big.size);
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
    await otherBoardWorks(url, port);
  });

  it('a client that does not read while its board changes is closed before it costs more', {
    timeout: 60_000,
  }, async () => {
    const budget = 256 * 1024;
    const { server, storage, port, url } = await startInMemory(cleanup, {
      maxQueuedBytes: budget,
      updatesPerSecond: 10_000,
    });
    const big = await bigBoard(storage, 'bigboard-flood2', 100_000);
    const hostile = await nonReadingSocket(port, `/sync/bigboard-flood2?token=${big.viewer}`);
    cleanup.push(() => hostile.destroy());
    hostile.send(step1(new Uint8Array([0])));
    const writer = connectClient(`ws://127.0.0.1:${port}/sync`, 'bigboard-flood2', {
      token: await mintToken(TEST_SECRET, storage, 'bigboard-flood2', 'facilitator'),
    });
    cleanup.push(() => writer.destroy());
    await writer.synced;
    // Edits of 40 kB each, relayed to everyone on the board: the hostile socket fills first the
    // kernel's buffers, then its budget, and is closed.
    const text = 'y'.repeat(4000);
    const write = async (times: number) => {
      for (let i = 0; i < times && !server.metrics.rejected.get('send_buffer_full'); i++) {
        writer.doc.transact(() => {
          for (let j = 0; j < 10; j++) {
            createNote(writer.doc, { x: i, y: j, text, authorId: 'w', authorName: 'W' });
          }
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await write(1000);
    await waitFor(
      () => server.metrics.rejected.get(closeCodeMetric(CloseCode.sendBufferFull)) === 1,
      'the non-reading client to be closed',
      20_000,
    );
    // Cut off (a paused TCP socket does not notice that itself): only the writer is left.
    await waitFor(() => server.connectionCount === 1, 'the server to let go of the socket');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(queuedBytes(metrics)).toBeLessThan(budget);
    // From then on the board's changes cost that client nothing.
    const after = server.metrics.bytesOut;
    for (let i = 0; i < 50; i++) {
      createNote(writer.doc, { x: i, y: 99, text, authorId: 'w', authorName: 'W' });
    }
    const room = server.rooms.loaded('bigboard-flood2');
    const notes = readNotes(writer.doc).length;
    await waitFor(() => room !== undefined && readNotes(room.doc).length === notes, 'the edits');
    expect(server.metrics.bytesOut - after).toBeLessThan(1024);
    expect(writer.provider.wsconnected).toBe(true);
  });

  it('a joiner still receiving a board larger than the budget is not closed by the next edits', {
    timeout: 60_000,
  }, async () => {
    const budget = 256 * 1024;
    const { server, storage, port } = await startInMemory(cleanup, { maxQueuedBytes: budget });
    // Larger than what the kernel's socket buffers take from a client that reads slowly.
    const big = await bigBoard(storage, 'bigboard-joiner', 16 * 1024 * 1024);
    const slow = await nonReadingSocket(port, `/sync/bigboard-joiner?token=${big.viewer}`);
    cleanup.push(() => slow.destroy());
    const sentBefore = server.metrics.bytesOut;
    slow.send(step1(new Uint8Array([0])));
    await waitFor(() => server.metrics.bytesOut - sentBefore > big.size, 'the board on its way');
    const writer = connectClient(`ws://127.0.0.1:${port}/sync`, 'bigboard-joiner', {
      token: await mintToken(TEST_SECRET, storage, 'bigboard-joiner', 'facilitator'),
    });
    cleanup.push(() => writer.destroy());
    await writer.synced;
    for (let i = 0; i < 5; i++) {
      createNote(writer.doc, { x: i, y: -1, text: `edit ${i}`, authorId: 'w', authorName: 'W' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Before, the first small edit closed it (4507): the board alone was over the budget.
    expect(server.metrics.rejected.get(closeCodeMetric(CloseCode.sendBufferFull)) ?? 0).toBe(0);
    expect(server.connectionCount).toBe(2);
  });
});

describe('heartbeat', () => {
  it('closes a socket that answers no ping, and keeps one that does', async () => {
    const { server, storage, port } = await startInMemory(cleanup, { heartbeatMs: 150 });
    await storage.createBoard('heartbeat', Y.encodeStateAsUpdate(new Y.Doc()));
    const token = await mintToken(TEST_SECRET, storage, 'heartbeat', 'participant');
    const url = `ws://127.0.0.1:${port}/sync/heartbeat?token=${token}`;
    // A phone whose network went away: the socket stays open, and nothing comes back.
    const silent = new WebSocket(url, { autoPong: false });
    const live = new WebSocket(url);
    cleanup.push(() => silent.terminate());
    cleanup.push(() => live.terminate());
    const pings = { silent: 0, live: 0 };
    silent.on('ping', () => pings.silent++);
    live.on('ping', () => pings.live++);
    const silentClosed = new Promise<number>((resolve) => silent.on('close', resolve));
    await Promise.all(
      [silent, live].map((ws) => new Promise((resolve) => ws.once('open', resolve))),
    );
    for (const ws of [silent, live]) ws.send(step1(new Uint8Array([0])));
    await waitFor(() => server.connectionCount === 2, 'both connections');
    // Cut off without a close frame (1006) after a ping it did not answer.
    expect(await silentClosed).toBe(1006);
    expect(pings.silent).toBeGreaterThanOrEqual(1);
    await waitFor(() => server.connectionCount === 1, 'the server to let go of it');
    // The live one has answered several pings since and is still there.
    await waitFor(() => pings.live >= 4, 'more pings');
    expect(live.readyState).toBe(WebSocket.OPEN);
    expect(server.connectionCount).toBe(1);
  });
});

describe('shutdown', () => {
  it('cuts off sockets that do not answer their close, refused or admitted, instead of waiting', {
    timeout: 15_000,
  }, async () => {
    const { server, storage, port } = await startInMemory(cleanup);
    await storage.createBoard('shutdown', Y.encodeStateAsUpdate(new Y.Doc()));
    const token = await mintToken(TEST_SECRET, storage, 'shutdown', 'participant');
    // Both read what the server sends and never answer it: not the close frame either.
    const refused = await nonReadingSocket(port, '/sync/shutdown?token=forged');
    const admitted = await nonReadingSocket(port, `/sync/shutdown?token=${token}`);
    for (const socket of [refused, admitted]) {
      cleanup.push(() => socket.destroy());
      socket.readAndIgnore();
    }
    admitted.send(step1(new Uint8Array([0])));
    await waitFor(() => server.connectionCount === 1, 'the admitted connection');
    // `ws` waits 30 s for a closing handshake; the test's timeout is half that.
    await server.close();
    await Promise.all([refused.closed, admitted.closed]);
  });
});
