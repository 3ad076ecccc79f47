import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropSchemas, testDatabaseUrl, uniqueSchema } from '../../test/services';
import { silentLogger } from '../log';
import { type PostgresOptions, PostgresStorage } from './PostgresStorage';
import { LeaseLostError } from './Storage';
import { storageContract } from './storageContract';

const url = testDatabaseUrl();
const schemas: string[] = [];

function openIn(schema: string, options: PostgresOptions = {}) {
  if (!url) throw new Error('no database');
  return PostgresStorage.open(url, silentLogger, { schema, ...options });
}

async function fresh(options: PostgresOptions = {}) {
  const schema = uniqueSchema();
  schemas.push(schema);
  return { schema, storage: await openIn(schema, options) };
}

afterAll(async () => {
  if (url) await dropSchemas(url, schemas);
});

describe.skipIf(!url)('PostgreSQL storage', () => {
  storageContract(
    'postgresql',
    async () => (await fresh()).storage,
    async (previous) => {
      await previous.close();
      const schema = schemas.at(-1);
      if (!schema) throw new Error('reopen before open');
      return openIn(schema);
    },
  );

  it('migrates once when several instances start together, and again finds nothing to do', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const three = await Promise.all([openIn(schema), openIn(schema), openIn(schema)]);
    await three[0]?.createBoard('b', new Uint8Array([0, 0]));
    expect(await three[2]?.boardExists('b')).toBe(true);
    await Promise.all(three.map((s) => s.close()));
  });

  it('numbers each board without gaps when appends of many boards arrive at once', async () => {
    const { storage } = await fresh();
    const boards = ['a', 'b', 'c'];
    for (const id of boards) await storage.createBoard(id, new Uint8Array([0, 0]));
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    // Issued in one turn, running side by side: each resolves to its own last number.
    const seqs = await Promise.all(
      Array.from(
        { length: 60 },
        async (_, i) => (await storage.appendUpdates(boards[i % 3] ?? 'a', [update])).lastSeq,
      ),
    );
    for (const [b, id] of boards.entries()) {
      const mine = seqs.filter((_, i) => i % 3 === b);
      expect(mine).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await storage.loadBoard(id))?.lastSeq).toBe(20);
    }
    await storage.close();
  });

  it('two instances compacting one board at once: the lease lets one through', async () => {
    const { schema, storage: one } = await fresh();
    const two = await openIn(schema);
    const doc = new Y.Doc();
    await one.createBoard('board', Y.encodeStateAsUpdate(doc));
    for (let i = 0; i < 20; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(0, `${i % 10}`);
      await (i % 2 ? one : two).appendUpdates('board', [Y.encodeStateAsUpdate(doc, before)]);
    }
    let ran = 0;
    let inside!: () => void;
    const bothTried = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const compactOn = (storage: PostgresStorage) =>
      storage.withCompactionLease('board', async (compact) => {
        ran++;
        await bothTried; // hold the lease until the other instance has tried
        const stored = await storage.loadBoard('board');
        if (!stored) throw new Error('gone');
        const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
        await compact(Y.mergeUpdates(parts), stored.lastSeq);
        return 'compacted';
      });
    const first = compactOn(one);
    const second = compactOn(two);
    // Whichever lost the race has answered null by now; let the winner finish.
    const loser = await Promise.race([first, second]);
    expect(loser).toBeNull();
    inside();
    expect((await Promise.all([first, second])).sort()).toEqual(['compacted', null].sort());
    expect(ran).toBe(1);
    const stored = await two.loadBoard('board');
    expect(stored?.updates).toHaveLength(0);
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    expect(restored.getText('t').toString()).toBe(doc.getText('t').toString());
    await Promise.all([one.close(), two.close()]);
  });

  it('a compaction that outlives its lease writes nothing, and the board stays whole', async () => {
    // The slow instance never renews (its renewal period is longer than the lease).
    const { schema, storage: slow } = await fresh({ leaseMs: 300, leaseRenewMs: 60_000 });
    const fast = await openIn(schema);
    const doc = new Y.Doc();
    await slow.createBoard('board', Y.encodeStateAsUpdate(doc));
    const append = async (text: string) => {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(doc.getText('t').length, text);
      return (await slow.appendUpdates('board', [Y.encodeStateAsUpdate(doc, before)])).lastSeq;
    };
    await append('a');
    const staleSnapshot = Y.encodeStateAsUpdate(doc); // holds only "a"
    const staleSeq = await append('b');
    const late = slow.withCompactionLease('board', async (compact) => {
      // Stalls past its lease; meanwhile the other instance takes the lease and compacts.
      let theirs: string | null = null;
      while (theirs === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        theirs = await fast.withCompactionLease('board', async (compactFast) => {
          await append('c');
          const stored = await fast.loadBoard('board');
          if (!stored?.snapshot) throw new Error('no snapshot');
          await compactFast(Y.mergeUpdates([stored.snapshot, ...stored.updates]), stored.lastSeq);
          return 'theirs';
        });
      }
      // Now the late one tries to write a snapshot missing "b" and "c".
      await compact(staleSnapshot, staleSeq);
    });
    await expect(late).rejects.toBeInstanceOf(LeaseLostError);
    const stored = await fast.loadBoard('board');
    const restored = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(restored, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(restored.getText('t').toString()).toBe('abc');
    await Promise.all([slow.close(), fast.close()]);
  });
});
