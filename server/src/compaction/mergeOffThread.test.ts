import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MERGE_FAN_IN, mergeInRounds } from './mergeInRounds.mjs';
import { mergeOffThread } from './mergeOffThread';

/** Updates of a document that grows by `count` entries of `size` characters each. */
function updatesOf(count: number, size: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getMap('m').set(`k${i}`, 'x'.repeat(size));
  return updates;
}

function contentOf(update: Uint8Array): unknown {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getMap('m').toJSON();
}

describe('mergeOffThread', () => {
  it('merges a large log in a worker to what Yjs merges in the thread', async () => {
    const parts = updatesOf(300, 1000); // ~300 kB: off the thread
    const merged = await mergeOffThread(parts);
    expect(contentOf(merged)).toEqual(contentOf(Y.mergeUpdates(parts)));
    // Concurrent merges each get their own answer.
    const [a, b] = await Promise.all([
      mergeOffThread(updatesOf(150, 1000)),
      mergeOffThread(updatesOf(100, 1000)),
    ]);
    expect(Object.keys(contentOf(a) as object)).toHaveLength(150);
    expect(Object.keys(contentOf(b) as object)).toHaveLength(100);
  });

  it('merges a small log in the thread', async () => {
    const parts = updatesOf(5, 10);
    expect(contentOf(await mergeOffThread(parts))).toEqual(contentOf(Y.mergeUpdates(parts)));
  });

  it('merges in rounds to the same update as one Y.mergeUpdates, deleted content kept', () => {
    // Many writers overwriting their own entries: each update holds structs that later ones
    // delete, from clients interleaved in every round.
    const docs = Array.from({ length: 7 }, () => new Y.Doc());
    const parts: Uint8Array[] = [];
    for (const doc of docs) doc.on('update', (update: Uint8Array) => parts.push(update));
    for (let i = 0; i < 1200; i++) {
      const doc = docs[i % docs.length] as Y.Doc;
      doc.transact(() => {
        doc.getMap('m').set(`k${doc.clientID}`, i);
        doc.getText('t').insert(0, String(i % 10));
        if (i % 3 === 0) doc.getText('t').delete(0, 1);
      });
    }
    expect(parts.length).toBeGreaterThan(MERGE_FAN_IN * MERGE_FAN_IN);
    // Compared as documents that keep deleted content: the same structs, deleted or not.
    const keeping = (update: Uint8Array) => {
      const doc = new Y.Doc({ gc: false });
      Y.applyUpdate(doc, update);
      return Y.encodeStateAsUpdate(doc);
    };
    const flat = Y.mergeUpdates(parts);
    const rounds = mergeInRounds(parts);
    expect(rounds.byteLength).toBe(flat.byteLength);
    expect(keeping(rounds)).toEqual(keeping(flat));
    expect(mergeInRounds(parts.slice(0, 3))).toEqual(Y.mergeUpdates(parts.slice(0, 3)));
    // A snapshot among the parts (merged last, on its own): still the same document.
    const snapshot = Y.mergeUpdates(parts.slice(0, 600));
    const withSnapshot = [...parts.slice(600, 700), snapshot, ...parts.slice(700)];
    expect(keeping(mergeInRounds(withSnapshot))).toEqual(keeping(flat));
  });
});
