import { createNote, noteText, readNotes } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Channel, FanOut } from '../src/fanout/FanOut';
import { InProcessFanOut } from '../src/fanout/InProcessFanOut';
import { silentLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import type { Storage } from '../src/storage/Storage';
import { connectClient, createBoardOver, testConfig, waitFor } from './harness';

/** Closing a server closes its storage; two instances share one, so only the last may. */
class SharedStorage extends MemoryStorage {
  override async close(): Promise<void> {}
}

/** A relay that loses everything: the worst a real network relay can do. */
class DroppingFanOut implements FanOut {
  readonly connected = true;
  async join(): Promise<Channel> {
    return {
      publish: () => {},
      publishPresence: () => {},
      othersMayHear: () => true,
      leave: async () => {},
    };
  }
  async close(): Promise<void> {}
}

async function instance(storage: Storage, fanOut: FanOut) {
  const server = new PajaServer(testConfig({ compactEvery: 3 }), storage, silentLogger, fanOut);
  const address = await server.listen();
  return { server, wsUrl: `ws://127.0.0.1:${address.port}/sync` };
}

describe('two server instances sharing storage and a fan-out', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /** Two instances on one storage and `fanOut`, a board, and Alice on one, Bob on two. */
  async function twoInstances(fanOut: FanOut) {
    const storage = new SharedStorage();
    const one = await instance(storage, fanOut);
    const two = await instance(storage, fanOut);
    cleanup.push(
      () => one.server.close(),
      () => two.server.close(),
    );
    const board = await createBoardOver(one.server.url);
    const alice = connectClient(one.wsUrl, board.id, { token: board.token });
    const bob = connectClient(two.wsUrl, board.id, { token: board.token });
    cleanup.push(
      () => alice.destroy(),
      () => bob.destroy(),
    );
    await Promise.all([alice.synced, bob.synced]);
    return { storage, one, two, board, alice, bob };
  }

  it('people on different instances edit one board together, and nothing is lost', async () => {
    const { storage, one, two, alice, bob, board } = await twoInstances(new InProcessFanOut());

    const note = createNote(alice.doc, {
      x: 1,
      y: 2,
      text: 'from one',
      authorId: 'a',
      authorName: 'A',
    });
    await waitFor(() => readNotes(bob.doc).length === 1, 'the note on the other instance');
    for (let i = 0; i < 10; i++) noteText(bob.doc, note)?.insert(0, `${i}`);
    createNote(bob.doc, { x: 3, y: 4, text: 'from two', authorId: 'b', authorName: 'B' });
    await waitFor(() => readNotes(alice.doc).length === 2, 'the second note back on one');
    await waitFor(
      () => noteText(alice.doc, note)?.toString() === noteText(bob.doc, note)?.toString(),
      'the same text on both',
    );

    // Presence crosses instances too.
    bob.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    await waitFor(
      () =>
        (alice.provider.awareness.getStates().get(bob.doc.clientID) as { cursor?: unknown })
          ?.cursor !== undefined,
      "Bob's cursor at Alice",
    );

    // Storage holds everything, whichever instance received it, after both compacted.
    await Promise.all([
      one.server.rooms.loaded(board.id)?.flush(),
      two.server.rooms.loaded(board.id)?.flush(),
    ]);
    const stored = await storage.loadBoard(board.id);
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(
      readNotes(restored)
        .map((n) => n.text)
        .sort(),
    ).toEqual([noteText(alice.doc, note)?.toString(), 'from two'].sort());
  });

  it('a relay that drops messages costs no stored update, even when both instances compact', async () => {
    const { storage, one, two, alice, bob, board } = await twoInstances(new DroppingFanOut());
    // Interleave writes so that each instance's compactions (every 3 appends) cover sequence
    // numbers the other instance appended. (An instance may still learn the other's notes: a
    // hole in the sequence numbers of its own commits sends it to storage for them.)
    const arrived = async (server: PajaServer, text: string) => {
      const room = server.rooms.loaded(board.id);
      await waitFor(
        () => (room ? readNotes(room.doc).some((n) => n.text === text) : false),
        `note ${text}`,
      );
      await room?.flush();
    };
    for (let i = 0; i < 6; i++) {
      createNote(alice.doc, { x: i, y: 0, text: `A${i}`, authorId: 'a', authorName: 'A' });
      await arrived(one.server, `A${i}`);
      createNote(bob.doc, { x: i, y: 1, text: `B${i}`, authorId: 'b', authorName: 'B' });
      await arrived(two.server, `B${i}`);
    }
    const stored = await storage.loadBoard(board.id);
    expect(stored?.updates.length).toBeLessThan(12); // compactions happened
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(
      readNotes(restored)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'B0', 'B1', 'B2', 'B3', 'B4', 'B5']);
  });
});
