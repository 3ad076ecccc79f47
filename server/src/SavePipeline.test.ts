import { MessageType } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from './log';
import { Metrics } from './Metrics';
import { SavePipeline, type SaveRecipient } from './SavePipeline';
import { MemoryStorage } from './storage/MemoryStorage';
import type { Committed, SideWrite } from './storage/Storage';

/** Memory storage that records each commit, and can fail or hold its commits. */
class TestStorage extends MemoryStorage {
  failing = false;
  commits: { updates: number; side: SideWrite[] }[] = [];
  #held: (() => void)[] = [];
  holding = false;

  override async appendUpdates(
    boardId: string,
    updates: readonly Uint8Array[],
    side: readonly SideWrite[] = [],
  ): Promise<Committed> {
    if (this.holding) await new Promise<void>((resolve) => this.#held.push(resolve));
    if (this.failing) throw new Error('disk full');
    this.commits.push({ updates: updates.length, side: [...side] });
    return super.appendUpdates(boardId, updates, side);
  }

  release(): void {
    this.holding = false;
    for (const resolve of this.#held.splice(0)) resolve();
  }

  /** Compactions wait here before they write their snapshot while this is set. */
  holdingCompactions = false;
  #heldCompactions: (() => void)[] = [];
  /** Compactions that reached their write (held or not). */
  compactionsReached = 0;

  override async compact(boardId: string, snapshot: Uint8Array, throughSeq: number) {
    this.compactionsReached++;
    if (this.holdingCompactions) {
      await new Promise<void>((resolve) => this.#heldCompactions.push(resolve));
    }
    return super.compact(boardId, snapshot, throughSeq);
  }

  releaseCompactions(): void {
    this.holdingCompactions = false;
    for (const resolve of this.#heldCompactions.splice(0)) resolve();
  }
}

/** `promise`, or a failure saying `what` if it has not settled within 2 s. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), 2000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A connection stand-in that decodes the `saved` messages it is sent. */
function recipient(): SaveRecipient & { saved: { marker: number; clocks: Map<number, number> }[] } {
  const saved: { marker: number; clocks: Map<number, number> }[] = [];
  return {
    pajaClient: true,
    saved,
    send(message) {
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.saved);
      const marker = decoding.readVarUint(decoder);
      const clocks = new Map<number, number>();
      for (let n = decoding.readVarUint(decoder); n > 0; n--) {
        clocks.set(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
      }
      saved.push({ marker, clocks });
    },
  };
}

async function setUp(compactEvery = 100) {
  const storage = new TestStorage();
  await storage.createBoard('b', Y.encodeStateAsUpdate(new Y.Doc()));
  const pipeline = new SavePipeline(
    'b',
    storage,
    { stateVector: new Map(), lastSeq: 0, sinceSnapshot: 0, storedBytes: 0, logBytes: 0 },
    { compactEvery, metrics: new Metrics(), log: silentLogger },
  );
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const type = (text: string) => {
    doc.getText('t').insert(doc.getText('t').length, text);
    return updates.at(-1) as Uint8Array;
  };
  return { storage, pipeline, doc, type };
}

describe('SavePipeline', () => {
  it('says saved only after the commit, with the durable clock of what the sender sent', async () => {
    const { storage, pipeline, doc, type } = await setUp();
    const person = recipient();
    storage.holding = true;
    pipeline.addUpdate(type('abc'), person);
    pipeline.expectSaved(person);
    const flushed = pipeline.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(person.saved).toEqual([]);
    expect(pipeline.unsavedBytes).toBeGreaterThan(0);
    storage.release();
    await flushed;
    expect(person.saved).toHaveLength(1);
    expect(person.saved[0]?.clocks.get(doc.clientID)).toBe(3);
    expect(pipeline.unsavedBytes).toBe(0);
    expect(pipeline.hasUnsaved).toBe(false);
  });

  it('commits the updates and side writes queued in one turn in one transaction', async () => {
    const { storage, pipeline, type } = await setUp();
    const person = recipient();
    pipeline.addUpdate(type('a'), null);
    pipeline.addSide({ kind: 'vote', key: 'p1', value: '1' }, person);
    pipeline.addUpdate(type('b'), null);
    pipeline.addSide({ kind: 'vote', key: 'p1', value: null }, null);
    await pipeline.flush();
    expect(storage.commits).toEqual([
      {
        updates: 2,
        side: [
          { kind: 'vote', key: 'p1', value: '1' },
          { kind: 'vote', key: 'p1', value: null },
        ],
      },
    ]);
    // The side write's sender hears `saved` after that commit (its marker, no clocks).
    expect(person.saved).toEqual([{ marker: 0, clocks: new Map() }]);
  });

  it('keeps a failed batch in order ahead of newer writes, and stores all of it later', async () => {
    const { storage, pipeline, type } = await setUp();
    const person = recipient();
    storage.failing = true;
    pipeline.addUpdate(type('one '), person);
    pipeline.addSide({ kind: 'note', key: 'n', value: '"first"' }, null);
    pipeline.requestSaved(person, 4);
    await pipeline.flush();
    expect(pipeline.lastError).toBe('disk full');
    expect(pipeline.hasUnsaved).toBe(true);
    expect(person.saved).toEqual([]);
    pipeline.addUpdate(type('two'), null);
    pipeline.addSide({ kind: 'note', key: 'n', value: '"second"' }, null);
    storage.failing = false;
    await pipeline.flush();
    expect(pipeline.lastError).toBeNull();
    expect(pipeline.unsavedBytes).toBe(0);
    expect(person.saved.map((s) => s.marker)).toEqual([4]);
    const stored = await storage.loadBoard('b');
    const restored = new Y.Doc();
    for (const update of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(restored.getText('t').toString()).toBe('one two');
    expect(stored?.side).toEqual([{ kind: 'note', key: 'n', value: '"second"' }]);
  });

  it('resolves committed() after the commit that holds everything queued before it', async () => {
    const { storage, pipeline, type } = await setUp();
    await expect(pipeline.committed()).resolves.toBeUndefined();
    storage.failing = true;
    pipeline.addSide({ kind: 'vote', key: 'p', value: '1' }, null);
    let done = false;
    const committed = pipeline.committed().then(() => {
      done = true;
    });
    await pipeline.flush();
    expect(done).toBe(false);
    pipeline.addUpdate(type('x'), null);
    storage.failing = false;
    await pipeline.flush();
    await committed;
    expect(done).toBe(true);
  });

  it('rejects committed() when the board unloads with writes storage never took', async () => {
    const { storage, pipeline } = await setUp();
    storage.failing = true;
    pipeline.addSide({ kind: 'vote', key: 'p', value: '1' }, null);
    const committed = pipeline.committed();
    await pipeline.finish();
    await expect(committed).rejects.toThrow(/unloaded/);
    await expect(pipeline.committed()).rejects.toThrow(/unloaded/);
  });

  it('compacts the log after enough updates, and once more when it finishes', async () => {
    const { storage, pipeline, type } = await setUp(3);
    for (const letter of 'abc') pipeline.addUpdate(type(letter), null);
    await pipeline.flush();
    await pipeline.compactionSettled();
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(0);
    pipeline.addUpdate(type('d'), null);
    await pipeline.flush();
    await pipeline.compactionSettled();
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(1);
    await pipeline.finish();
    const stored = await storage.loadBoard('b');
    expect(stored?.updates).toHaveLength(0);
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    expect(restored.getText('t').toString()).toBe('abcd');
    expect(pipeline.storedBytes).toBe(stored?.snapshot?.byteLength);
  });

  it('compacts by bytes before the count: a log of a quarter of the snapshot (64 KiB at least)', async () => {
    const { storage, pipeline, type } = await setUp(1_000_000);
    pipeline.addUpdate(type('x'.repeat(40_000)), null);
    await pipeline.flush();
    expect(pipeline.compactionDue).toBe(false);
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(1);
    pipeline.addUpdate(type('y'.repeat(40_000)), null); // 80 kB logged, over 64 KiB
    await pipeline.flush();
    await pipeline.compactionSettled();
    const stored = await storage.loadBoard('b');
    expect(stored?.updates).toHaveLength(0);
    expect(pipeline.storedBytes).toBe(stored?.snapshot?.byteLength);
    // Now the snapshot is about 80 kB: 64 KiB more is due again, less is not.
    pipeline.addUpdate(type('z'.repeat(30_000)), null);
    await pipeline.flush();
    await pipeline.compactionSettled();
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(1);
  });

  it('goes on committing and saying saved while a compaction is in progress', async () => {
    const { storage, pipeline, type } = await setUp(3);
    storage.holdingCompactions = true;
    for (const letter of 'abc') pipeline.addUpdate(type(letter), null);
    // The third update makes a compaction due; its round must end without waiting for it.
    await within(pipeline.flush(), 'the commit round waited for the compaction');
    expect(storage.compactionsReached).toBe(1);
    expect(pipeline.compacting).toBe(true);
    // Meanwhile a writer keeps writing and asking for saved: each round commits and says so.
    const writer = recipient();
    for (const [i, letter] of [...'defg'].entries()) {
      const update = type(letter);
      pipeline.addUpdate(update, writer);
      pipeline.requestSaved(writer, i + 1);
      await within(pipeline.flush(), 'a commit round waited for the compaction');
      expect(writer.saved.at(-1)?.marker).toBe(i + 1);
    }
    expect(storage.commits.map((c) => c.updates)).toEqual([3, 1, 1, 1, 1]);
    expect(pipeline.compacting).toBe(true);
    // One compaction at a time, however long it takes: the log grew past due again.
    expect(pipeline.compactionDue).toBe(true);
    expect(storage.compactionsReached).toBe(1);
    storage.releaseCompactions();
    await pipeline.compactionSettled();
    // It folded what it read (a..c); what was committed meanwhile is still in the log.
    const stored = await storage.loadBoard('b');
    expect(stored?.updates).toHaveLength(4);
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(restored.getText('t').toString()).toBe('abcdefg');
    expect(pipeline.storedBytes).toBe(
      (stored?.snapshot?.byteLength ?? 0) +
        (stored?.updates ?? []).reduce((sum, u) => sum + u.byteLength, 0),
    );
    // The next round starts the compaction that is due, and the board ends folded.
    await pipeline.finish();
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(0);
  });
});
