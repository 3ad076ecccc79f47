import { CloseCode, MessageType } from '@paja/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  cleanups,
  connectClient,
  createBoardOver,
  startInMemory,
  type TestClient,
  waitFor,
} from './harness';

const cleanup = cleanups();

async function boardWithWatcher() {
  const { server, port } = await startInMemory(cleanup);
  const board = await createBoardOver(`http://127.0.0.1:${port}`);
  const url = `ws://127.0.0.1:${port}/sync/${board.id}?token=${board.token}`;
  const watcher = connectClient(`ws://127.0.0.1:${port}/sync`, board.id, { token: board.token });
  cleanup.push(() => watcher.destroy());
  await watcher.synced;
  const room = server.rooms.loaded(board.id);
  if (!room) throw new Error('no room');
  return { server, url, watcher, room, port, board };
}

/** An awareness message setting `states` (client id -> JSON state or null) at clock 1.. */
function awarenessMessage(states: Array<[number, unknown]>, clock = 1): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, states.length);
  for (const [clientId, state] of states) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

function open(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.on('open', () => resolve({ ws, closed }));
  });
}

/** How many people other than itself `client` sees. */
function othersSeenBy(client: TestClient): number {
  return client.provider.awareness.getStates().size - 1;
}

describe('awareness limits', () => {
  it('one 20,000-id message is refused whole: nobody sees 20,000 fake people', async () => {
    const { url, watcher, room, port, board } = await boardWithWatcher();
    const fakes = Array.from(
      { length: 20_000 },
      (_, i) => [1_000_000 + i, { n: i }] as [number, unknown],
    );
    const message = awarenessMessage(fakes);
    expect(message.byteLength).toBeGreaterThan(300_000);
    const { ws, closed } = await open(url);
    ws.send(message);
    expect(await closed).toBe(CloseCode.badAwareness);
    expect(room.awareness.getStates().size).toBeLessThanOrEqual(1);
    // A newcomer sees no one but the watcher.
    const newcomer = connectClient(`ws://127.0.0.1:${port}/sync`, board.id, {
      token: board.token,
    });
    cleanup.push(() => newcomer.destroy());
    await newcomer.synced;
    expect(othersSeenBy(watcher)).toBe(0);
    expect(othersSeenBy(newcomer)).toBeLessThanOrEqual(1);
  });

  it('counts ids per entry within one message and over a socket’s life', async () => {
    const { url, room } = await boardWithWatcher();
    // Five new ids in one message: more than one socket may hold.
    const five = await open(url);
    five.ws.send(awarenessMessage([1, 2, 3, 4, 5].map((id) => [id, { cursor: { x: id } }])));
    expect(await five.closed).toBe(CloseCode.badAwareness);
    expect(room.awareness.getStates().has(1)).toBe(false);

    // One id at a time, each taken back before the next: churn is counted too.
    const churn = await open(url);
    let sent = 0;
    for (let id = 100; id < 140 && churn.ws.readyState === WebSocket.OPEN; id++) {
      churn.ws.send(awarenessMessage([[id, { cursor: { x: id } }]]));
      churn.ws.send(awarenessMessage([[id, null]], 2));
      sent++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await churn.closed).toBe(CloseCode.badAwareness);
    expect(sent).toBeLessThan(40);
  });

  it('leaves nothing behind for removals of ids that are not there', async () => {
    const { url, room } = await boardWithWatcher();
    const { ws } = await open(url);
    const ghosts = Array.from({ length: 60 }, (_, i) => [5_000 + i, null] as [number, unknown]);
    ws.send(awarenessMessage(ghosts));
    // The socket stays (a stock client relays removals it hears), and the room keeps no record.
    ws.send(awarenessMessage([[42, { cursor: { x: 1 } }]]));
    await waitFor(() => room.awareness.getStates().has(42), 'the socket’s own state');
    expect(room.awareness.meta.size).toBeLessThanOrEqual(2);
    ws.close();
  });

  it('removes the presence of a closed connection at once, also one that vanished', async () => {
    const { watcher, port, board } = await boardWithWatcher();
    const visitor = connectClient(`ws://127.0.0.1:${port}/sync`, board.id, { token: board.token });
    cleanup.push(() => visitor.destroy());
    await visitor.synced;
    visitor.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await waitFor(() => othersSeenBy(watcher) === 1, 'the visitor at the watcher');
    // Cut without a close frame or a last awareness message, as a crashed tab or lost network.
    (visitor.provider.ws as unknown as { _socket: { destroy(): void } })._socket.destroy();
    visitor.provider.shouldConnect = false;
    await waitFor(() => othersSeenBy(watcher) === 0, 'the visitor gone at the watcher');
  });
});
