import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
});
