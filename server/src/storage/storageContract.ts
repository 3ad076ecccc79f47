import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blobContract } from './blobContract';
import { boardLifeContract } from './boardLifeContract';
import { BoardMissingError, type Storage } from './Storage';

/**
 * The behaviour every storage adapter must have. Each adapter's test file calls this with a
 * factory that gives a fresh, empty storage, and a way to reopen the same data (to prove
 * durability across a restart). Test code (vitest only, never in the server): one suite kept
 * whole so that every adapter provably passes the same cases (with the parts it calls).
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

    /** Appends and answers the sequence number of the last update (most tests need only it). */
    const lastSeqOf = async (...args: Parameters<Storage['appendUpdates']>) =>
      (await storage.appendUpdates(...args)).lastSeq;

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

    it('appends updates in order with increasing sequence numbers', async () => {
      const doc = new Y.Doc();
      await storage.createBoard('board-one', Y.encodeStateAsUpdate(doc));
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getText('t').insert(0, 'a');
      doc.getText('t').insert(1, 'b');
      doc.getText('t').insert(2, 'c');
      const first = await lastSeqOf('board-one', updates.slice(0, 2));
      const second = await lastSeqOf('board-one', updates.slice(2));
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
      const throughSeq = await lastSeqOf('board-one', updates.slice(0, 2));
      const snapshotDoc = new Y.Doc();
      Y.applyUpdate(snapshotDoc, Y.encodeStateAsUpdate(doc)); // holds a..d, more than the log
      await storage.appendUpdates('board-one', updates.slice(2));
      await storage.compact('board-one', Y.encodeStateAsUpdate(snapshotDoc), throughSeq);
      const stored = await load('board-one');
      expect(stored.updates).toHaveLength(2);
      expect(restore(stored).getText('t').toString()).toBe('abcd');
      // Appending after a compaction continues the sequence.
      doc.getText('t').insert(4, 'e');
      const next = await lastSeqOf('board-one', updates.slice(4));
      expect(next).toBeGreaterThan(throughSeq + 2 - 1);
      expect(
        restore(await load('board-one'))
          .getText('t')
          .toString(),
      ).toBe('abcde');
    });

    /** A board 'board-one' whose log holds a, b, c (in that order); their sequence numbers. */
    const boardWithLog = async () => {
      const doc = new Y.Doc();
      await storage.createBoard('board-one', Y.encodeStateAsUpdate(doc));
      const seqs: number[] = [];
      const snapshots: Uint8Array[] = [];
      for (const letter of 'abc') {
        const before = Y.encodeStateVector(doc);
        doc.getText('t').insert(doc.getText('t').length, letter);
        seqs.push(await lastSeqOf('board-one', [Y.encodeStateAsUpdate(doc, before)]));
        snapshots.push(Y.encodeStateAsUpdate(doc));
      }
      return { seqs, snapshots };
    };

    it('answers what was stored after a sequence number, with the snapshot once compacted', async () => {
      const { seqs, snapshots } = await boardWithLog();
      const [first, second, third] = seqs as [number, number, number];
      let tail = await storage.updatesSince('board-one', first);
      expect(tail?.snapshot).toBeNull();
      expect(tail?.updates).toHaveLength(2);
      expect(tail?.lastSeq).toBe(third);
      expect((await storage.updatesSince('board-one', third))?.updates).toHaveLength(0);
      await storage.compact('board-one', snapshots[1] as Uint8Array, second);
      // Behind the snapshot: the snapshot and what came after it.
      tail = await storage.updatesSince('board-one', first);
      expect(tail?.snapshot).not.toBeNull();
      expect(tail?.updates).toHaveLength(1);
      expect(tail ? restore(tail).getText('t').toString() : null).toBe('abc');
      // Past the snapshot: the updates only.
      tail = await storage.updatesSince('board-one', second);
      expect(tail?.snapshot).toBeNull();
      expect(tail?.updates).toHaveLength(1);
      expect(tail?.lastSeq).toBe(third);
      expect(await storage.updatesSince('no-such-board', 0)).toBeNull();
    });

    it('ignores a compaction through less than the snapshot already holds', async () => {
      const { seqs, snapshots } = await boardWithLog();
      await storage.compact('board-one', snapshots[2] as Uint8Array, seqs[2] as number);
      // A late compaction, begun before the one above, must not bring back an older state.
      await storage.compact('board-one', snapshots[0] as Uint8Array, seqs[0] as number);
      expect(
        restore(await load('board-one'))
          .getText('t')
          .toString(),
      ).toBe('abc');
    });

    it("lets one compaction at a time hold a board's lease", async () => {
      const { seqs, snapshots } = await boardWithLog();
      const outer = await storage.withCompactionLease('board-one', async (compact) => {
        const inner = await storage.withCompactionLease('board-one', async () => 'ran');
        await compact(snapshots[2] as Uint8Array, seqs[2] as number);
        return inner;
      });
      expect(outer).toBeNull(); // the inner one did not run
      const stored = await load('board-one');
      expect(stored.updates).toHaveLength(0);
      expect(restore(stored).getText('t').toString()).toBe('abc');
      // Released: the next one runs.
      expect(await storage.withCompactionLease('board-one', async () => 'ran')).toBe('ran');
      expect(await storage.withCompactionLease('no-such-board', async () => 'ran')).toBeNull();
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

    const sideOf = async (boardId: string) =>
      Object.fromEntries(
        (await load(boardId)).side.map((r) => [`${r.kind}/${r.key}`, r.value] as const),
      );

    it('stores side state with the updates of the same commit', async () => {
      const doc = docWithText('a');
      await storage.createBoard('board-one', Y.encodeStateAsUpdate(new Y.Doc()));
      expect((await load('board-one')).side).toEqual([]);
      const seq = await lastSeqOf(
        'board-one',
        [Y.encodeStateAsUpdate(doc)],
        [
          { kind: 'vote', key: 'p1', value: '{"dots":2}' },
          { kind: 'vote', key: 'p2', value: '{"dots":1}' },
          { kind: 'note', key: 'p1', value: '"secret"' },
        ],
      );
      const stored = await load('board-one');
      expect(stored.lastSeq).toBe(seq);
      expect(restore(stored).getText('t').toString()).toBe('a');
      expect(await sideOf('board-one')).toEqual({
        'vote/p1': '{"dots":2}',
        'vote/p2': '{"dots":1}',
        'note/p1': '"secret"',
      });
    });

    it('applies side writes in order: overwrite, delete, delete of nothing', async () => {
      await storage.createBoard('board-one', new Uint8Array([0, 0]));
      const before = (await load('board-one')).lastSeq;
      const seq = await lastSeqOf(
        'board-one',
        [],
        [
          { kind: 'vote', key: 'p1', value: '1' },
          { kind: 'vote', key: 'p1', value: '2' },
          { kind: 'vote', key: 'p2', value: '3' },
          { kind: 'vote', key: 'p2', value: null },
          { kind: 'vote', key: 'nobody', value: null },
        ],
      );
      // Side writes alone add nothing to the update log.
      expect(seq).toBe(before);
      expect((await load('board-one')).updates).toHaveLength(0);
      expect(await sideOf('board-one')).toEqual({ 'vote/p1': '2' });
      await storage.appendUpdates('board-one', [], [{ kind: 'vote', key: 'p1', value: null }]);
      expect(await sideOf('board-one')).toEqual({});
    });

    it('keeps side state of boards and kinds apart, and through compaction', async () => {
      const doc = docWithText('x');
      await storage.createBoard('board-one', new Uint8Array([0, 0]));
      await storage.createBoard('board-two', new Uint8Array([0, 0]));
      const seq = await lastSeqOf(
        'board-one',
        [Y.encodeStateAsUpdate(doc)],
        [
          { kind: 'vote', key: 'k', value: '"one"' },
          { kind: 'note', key: 'k', value: '"note"' },
        ],
      );
      await storage.appendUpdates('board-two', [], [{ kind: 'vote', key: 'k', value: '"two"' }]);
      await storage.compact('board-one', Y.encodeStateAsUpdate(doc), seq);
      expect(await sideOf('board-one')).toEqual({ 'vote/k': '"one"', 'note/k': '"note"' });
      expect(await sideOf('board-two')).toEqual({ 'vote/k': '"two"' });
    });

    it('refuses side writes to a board that does not exist', async () => {
      await expect(
        storage.appendUpdates('no-such-board', [], [{ kind: 'vote', key: 'k', value: '1' }]),
      ).rejects.toBeInstanceOf(BoardMissingError);
    });

    it('keeps a snapshot-sized side record (4 MB of JSON text) whole, and deletes it', async () => {
      // A board's snapshots (history) are side records holding the whole document as base64.
      await storage.createBoard('big', Y.encodeStateAsUpdate(docWithText('x')));
      const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) % 256);
      const value = JSON.stringify({
        name: 'Työpajan 2 loppu',
        state: Buffer.from(bytes).toString('base64'),
      });
      await storage.appendUpdates('big', [], [{ kind: 'snapshot', key: 'k1', value }]);
      expect((await load('big')).side).toEqual([{ kind: 'snapshot', key: 'k1', value }]);
      await storage.appendUpdates('big', [], [{ kind: 'snapshot', key: 'k1', value: null }]);
      expect((await load('big')).side).toEqual([]);
    });

    it('numbers side writes per board, one each in commit order, and tells what changed since', async () => {
      await storage.createBoard('board-one', new Uint8Array([0, 0]));
      await storage.createBoard('board-two', new Uint8Array([0, 0]));
      expect((await load('board-one')).lastSideSeq).toBe(0);
      const first = await storage.appendUpdates(
        'board-one',
        [],
        [
          { kind: 'vote', key: 'a', value: '1' },
          { kind: 'vote', key: 'b', value: '2' },
          { kind: 'vote', key: 'a', value: '3' },
        ],
      );
      expect(first.lastSideSeq).toBe(3);
      const other = await storage.appendUpdates(
        'board-two',
        [],
        [{ kind: 'vote', key: 'a', value: '9' }],
      );
      expect(other.lastSideSeq).toBe(1); // per board
      const second = await storage.appendUpdates(
        'board-one',
        [Y.encodeStateAsUpdate(docWithText('x'))],
        [{ kind: 'vote', key: 'b', value: null }],
      );
      expect(second).toEqual({ lastSeq: first.lastSeq + 1, lastSideSeq: 4 });
      expect((await load('board-one')).lastSideSeq).toBe(4);
      // Each record once, with its last write's number; a deletion as null.
      expect(await storage.sideSince('board-one', 0)).toEqual({
        lastSideSeq: 4,
        reset: false,
        writes: [
          { kind: 'vote', key: 'a', value: '3', seq: 3 },
          { kind: 'vote', key: 'b', value: null, seq: 4 },
        ],
      });
      expect(await storage.sideSince('board-one', 3)).toEqual({
        lastSideSeq: 4,
        reset: false,
        writes: [{ kind: 'vote', key: 'b', value: null, seq: 4 }],
      });
      expect((await storage.sideSince('board-one', 4))?.writes).toEqual([]);
      expect(await storage.sideSince('no-such-board', 0)).toBeNull();
    });

    it('forgets deletions when it compacts, and then answers a reader behind it with a reset', async () => {
      await storage.createBoard('board-one', new Uint8Array([0, 0]));
      await storage.appendUpdates(
        'board-one',
        [],
        [
          { kind: 'vote', key: 'a', value: '1' },
          { kind: 'vote', key: 'b', value: '2' },
        ],
      );
      const { lastSeq } = await storage.appendUpdates(
        'board-one',
        [Y.encodeStateAsUpdate(docWithText('x'))],
        [{ kind: 'vote', key: 'b', value: null }],
      );
      await storage.compact('board-one', Y.encodeStateAsUpdate(docWithText('x')), lastSeq);
      expect(await storage.sideSince('board-one', 1)).toEqual({
        lastSideSeq: 3,
        reset: true,
        writes: [{ kind: 'vote', key: 'a', value: '1', seq: 1 }],
      });
      // A reader that has everything is not reset; numbering goes on.
      expect((await storage.sideSince('board-one', 3))?.reset).toBe(false);
      const next = await storage.appendUpdates(
        'board-one',
        [],
        [{ kind: 'vote', key: 'c', value: '4' }],
      );
      expect(next.lastSideSeq).toBe(4);
      expect((await storage.sideSince('board-one', 3))?.writes).toEqual([
        { kind: 'vote', key: 'c', value: '4', seq: 4 },
      ]);
      expect(await sideOf('board-one')).toEqual({ 'vote/a': '1', 'vote/c': '4' });
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
        await storage.appendUpdates(
          'board-one',
          [],
          [
            { kind: 'vote', key: 'p1', value: '{"dots":3}' },
            { kind: 'pending-comment', key: 'c1', value: '{"text":"hei"}' },
            { kind: 'pending-comment', key: 'c1', value: null },
          ],
        );
        storage = await reopen(storage);
        const stored = await load('board-one');
        expect(restore(stored).getText('t').toString()).toBe('durable');
        expect(await storage.linkGeneration('board-one', 'participant')).toBe(1);
        expect(stored.side).toEqual([{ kind: 'vote', key: 'p1', value: '{"dots":3}' }]);
      });
    }

    blobContract(() => storage, reopen);
    boardLifeContract(() => storage);
  });
}
