import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { MemoryStorage } from '../storage/MemoryStorage';
import { COMPACTION_DUTY, LIVE_SNAPSHOT_MAX_BYTES, LogCompaction } from './LogCompaction';

/** Memory storage whose compactions wait for `release()` before they write, while held. */
class HeldStorage extends MemoryStorage {
  compactions = 0;
  #held: (() => void) | null = null;
  holding = false;

  override async compact(boardId: string, snapshot: Uint8Array, throughSeq: number) {
    this.compactions++;
    if (this.holding) await new Promise<void>((resolve) => (this.#held = resolve));
    return super.compact(boardId, snapshot, throughSeq);
  }

  release(): void {
    this.holding = false;
    this.#held?.();
  }
}

async function setUp(options: { live?: boolean; snapshotBytes?: number } = {}) {
  const storage = new HeldStorage();
  await storage.createBoard('b', Y.encodeStateAsUpdate(new Y.Doc()));
  let clock = 0;
  const doc = new Y.Doc();
  const encoded = { live: 0 };
  const compaction = new LogCompaction(
    storage,
    'b',
    { lastSeq: 0, sinceSnapshot: 0, storedBytes: options.snapshotBytes ?? 0, logBytes: 0 },
    2,
    silentLogger,
    {
      now: () => clock,
      ...(options.live
        ? {
            liveState: () => {
              encoded.live++;
              return Y.encodeStateAsUpdate(doc);
            },
          }
        : {}),
    },
  );
  /** Appends one update to storage and tells the compaction, as a commit does. */
  const commit = async (text: string) => {
    let update: Uint8Array = new Uint8Array();
    doc.once('update', (u: Uint8Array) => (update = u));
    doc.getText('t').insert(0, text);
    const { lastSeq } = await storage.appendUpdates('b', [update]);
    compaction.appended(lastSeq, [update]);
  };
  return { storage, compaction, commit, doc, encoded, setClock: (ms: number) => (clock = ms) };
}

/** The board as storage would load it: snapshot, then the log. */
async function loaded(storage: MemoryStorage): Promise<Y.Doc> {
  const stored = await storage.loadBoard('b');
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

describe('LogCompaction', () => {
  it('starts a due compaction by itself only after its last one had its share of time', async () => {
    const { storage, compaction, commit, setClock } = await setUp();
    await commit('a');
    await commit('b');
    storage.holding = true;
    compaction.startIfDue();
    expect(compaction.running).toBe(true);
    while (storage.compactions === 0) await new Promise((resolve) => setImmediate(resolve));
    setClock(100); // the compaction took 100 ms
    storage.release();
    await compaction.settled();
    expect(storage.compactions).toBe(1);
    await commit('c');
    await commit('d');
    expect(compaction.due).toBe(true);
    // 100 ms of compaction is COMPACTION_DUTY of the time until the next may start.
    const nextStart = 100 / COMPACTION_DUTY;
    setClock(nextStart - 1);
    compaction.startIfDue();
    expect(compaction.running).toBe(false);
    setClock(nextStart);
    compaction.startIfDue();
    expect(compaction.running).toBe(true);
    await compaction.settled();
    expect(storage.compactions).toBe(2);
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(0);
  });

  it('runs a compaction asked for at once, whatever the last one took', async () => {
    const { storage, compaction, commit, setClock } = await setUp();
    await commit('a');
    await commit('b');
    compaction.startIfDue();
    setClock(1000);
    await compaction.settled();
    await commit('c');
    await compaction.run();
    expect(storage.compactions).toBe(2);
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(0);
    expect((await loaded(storage)).getText('t').toString()).toBe('cba');
  });

  it('folds a small board into a snapshot of its live document when this instance wrote the log', async () => {
    const { storage, compaction, commit, doc, encoded } = await setUp({ live: true });
    await commit('a');
    await commit('b');
    // An edit applied here whose commit has not happened yet is in the snapshot too.
    doc.getText('t').insert(0, 'c');
    await compaction.run();
    expect(encoded.live).toBe(1);
    const stored = await storage.loadBoard('b');
    expect(stored?.updates).toHaveLength(0);
    expect(stored?.snapshot).toEqual(Y.encodeStateAsUpdate(doc));
    // Its commit comes after: applied again on load, it changes nothing.
    await commit('d');
    expect((await loaded(storage)).getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it("merges what storage holds once another instance's update is in the log", async () => {
    const { storage, compaction, commit, doc, encoded } = await setUp({ live: true });
    await commit('a');
    // Another instance appends an update this document never had (a lossy fan-out).
    const other = new Y.Doc();
    let otherUpdate: Uint8Array = new Uint8Array();
    other.once('update', (u: Uint8Array) => (otherUpdate = u));
    other.getText('elsewhere').insert(0, 'x');
    await storage.appendUpdates('b', [otherUpdate]);
    await commit('b');
    await compaction.run();
    expect(encoded.live).toBe(0);
    expect((await storage.loadBoard('b'))?.updates).toHaveLength(0);
    const restored = await loaded(storage);
    expect(restored.getText('elsewhere').toString()).toBe('x');
    expect(restored.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('folds from the live document by the size of the board, not of its log', async () => {
    // A long log of a small board (70 KB typed, 64 KiB is where a compaction is due by bytes).
    const small = await setUp({ live: true });
    await small.commit('x'.repeat(70_000));
    await small.compaction.run();
    expect(small.encoded.live).toBe(1);
    // A board whose snapshot is past LIVE_SNAPSHOT_MAX_BYTES merges in the worker, as before.
    const large = await setUp({ live: true, snapshotBytes: LIVE_SNAPSHOT_MAX_BYTES + 1 });
    await large.commit('y');
    await large.compaction.run();
    expect(large.encoded.live).toBe(0);
    expect((await loaded(large.storage)).getText('t').toString()).toBe('y');
  });
});
