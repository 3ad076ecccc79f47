import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardExistsError, BoardMissingError, type Storage } from './Storage';

/**
 * The behaviour every storage adapter must have. Each adapter's test file calls this with a
 * factory that gives a fresh, empty storage, and a way to reopen the same data (to prove
 * durability across a restart).
 */
export function storageContract(
  name: string,
  open: () => Promise<Storage>,
  reopen?: (previous: Storage) => Promise<Storage>,
): void {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
    });

    const docWithText = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, text);
      return doc;
    };

    const load = async (boardId: string) => {
      const stored = await storage.loadBoard(boardId);
      if (!stored) throw new Error(`board ${boardId} was not stored`);
      return stored;
    };

    const restore = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }) => {
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      return doc;
    };

    it('creates a board and loads its initial state', async () => {
      const doc = docWithText('hello');
      await storage.createBoard('board-one', Y.encodeStateAsUpdate(doc));
      expect(await storage.boardExists('board-one')).toBe(true);
      const stored = await load('board-one');
      expect(restore(stored).getText('t').toString()).toBe('hello');
      expect(stored.updates).toHaveLength(0);
    });

    it('answers null and false for a board that does not exist', async () => {
      expect(await storage.loadBoard('no-such-board')).toBeNull();
      expect(await storage.boardExists('no-such-board')).toBe(false);
    });

    it('refuses to create a board twice', async () => {
      await storage.createBoard('board-one', new Uint8Array([0, 0]));
      await expect(storage.createBoard('board-one', new Uint8Array([0, 0]))).rejects.toBeInstanceOf(
        BoardExistsError,
      );
    });

    it('appends updates in order with increasing sequence numbers', async () => {
      const doc = new Y.Doc();
      await storage.createBoard('board-one', Y.encodeStateAsUpdate(doc));
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getText('t').insert(0, 'a');
      doc.getText('t').insert(1, 'b');
      doc.getText('t').insert(2, 'c');
      const first = await storage.appendUpdates('board-one', updates.slice(0, 2));
      const second = await storage.appendUpdates('board-one', updates.slice(2));
      expect(second).toBe(first + 1);
      const stored = await load('board-one');
      expect(stored.updates).toHaveLength(3);
      expect(stored.lastSeq).toBe(second);
      expect(restore(stored).getText('t').toString()).toBe('abc');
    });

    it('refuses to append to a board that does not exist', async () => {
      await expect(
        storage.appendUpdates('no-such-board', [new Uint8Array([0, 0])]),
      ).rejects.toBeInstanceOf(BoardMissingError);
    });

    it('compacts the log into a snapshot without losing later updates', async () => {
      const doc = new Y.Doc();
      await storage.createBoard('board-one', Y.encodeStateAsUpdate(doc));
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (const letter of 'abcd') doc.getText('t').insert(doc.getText('t').length, letter);
      const throughSeq = await storage.appendUpdates('board-one', updates.slice(0, 2));
      const snapshotDoc = new Y.Doc();
      Y.applyUpdate(snapshotDoc, Y.encodeStateAsUpdate(doc)); // holds a..d, more than the log
      await storage.appendUpdates('board-one', updates.slice(2));
      await storage.compact('board-one', Y.encodeStateAsUpdate(snapshotDoc), throughSeq);
      const stored = await load('board-one');
      expect(stored.updates).toHaveLength(2);
      expect(restore(stored).getText('t').toString()).toBe('abcd');
      // Appending after a compaction continues the sequence.
      doc.getText('t').insert(4, 'e');
      const next = await storage.appendUpdates('board-one', updates.slice(4));
      expect(next).toBeGreaterThan(throughSeq + 2 - 1);
      expect(
        restore(await load('board-one'))
          .getText('t')
          .toString(),
      ).toBe('abcde');
    });

    it('keeps boards apart', async () => {
      await storage.createBoard('board-one', Y.encodeStateAsUpdate(docWithText('one')));
      await storage.createBoard('board-two', Y.encodeStateAsUpdate(docWithText('two')));
      const update = Y.encodeStateAsUpdate(docWithText('!'));
      await storage.appendUpdates('board-one', [update]);
      expect((await load('board-two')).updates).toHaveLength(0);
    });

    it('counts link generations per board and role', async () => {
      await storage.createBoard('board-one', new Uint8Array([0, 0]));
      await storage.createBoard('board-two', new Uint8Array([0, 0]));
      expect(await storage.linkGeneration('board-one', 'viewer')).toBe(0);
      expect(await storage.revokeLinks('board-one', 'viewer')).toBe(1);
      expect(await storage.revokeLinks('board-one', 'viewer')).toBe(2);
      expect(await storage.linkGeneration('board-one', 'viewer')).toBe(2);
      expect(await storage.linkGeneration('board-one', 'participant')).toBe(0);
      expect(await storage.linkGeneration('board-two', 'viewer')).toBe(0);
      await expect(storage.revokeLinks('no-such-board', 'viewer')).rejects.toBeInstanceOf(
        BoardMissingError,
      );
    });

    it('answers ping while open', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });

    if (reopen) {
      it('keeps everything across a close and reopen', async () => {
        const doc = docWithText('durable');
        await storage.createBoard('board-one', Y.encodeStateAsUpdate(new Y.Doc()));
        await storage.appendUpdates('board-one', [Y.encodeStateAsUpdate(doc)]);
        await storage.revokeLinks('board-one', 'participant');
        storage = await reopen(storage);
        const stored = await load('board-one');
        expect(restore(stored).getText('t').toString()).toBe('durable');
        expect(await storage.linkGeneration('board-one', 'participant')).toBe(1);
      });
    }
  });
}
