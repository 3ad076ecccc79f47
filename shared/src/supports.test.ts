import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parsePublication, readPublication, setPublication } from './publication';
import { readSupportEntry, supportKey } from './records/support';
import type { InvalidEntry } from './schema';
import {
  giveSupport,
  hasSupported,
  readSupports,
  supportCount,
  supportsMap,
  withdrawSupport,
} from './supports';

describe('supports', () => {
  const note = { kind: 'note', id: 'n1' } as const;

  it('one per person per item, on every replica, whatever the interleaving', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(giveSupport(a, note, 'alice', 1)).toBe(true);
    expect(giveSupport(a, note, 'alice', 2)).toBe(false);
    // Alice's other device supports at the same time: the same key, still one support.
    giveSupport(b, note, 'alice', 3);
    giveSupport(b, note, 'bob', 3);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      const tally = readSupports(doc);
      expect(supportCount(tally, note)).toBe(2);
      expect(hasSupported(tally, note, 'alice')).toBe(true);
      expect(tally.get('note:n1')).toEqual(['alice', 'bob']);
    }
    expect(withdrawSupport(a, note, 'alice')).toBe(true);
    expect(withdrawSupport(a, note, 'alice')).toBe(false);
    expect(supportCount(readSupports(a), note)).toBe(1);
    expect(supportCount(readSupports(a), { kind: 'comment', id: 'n1' })).toBe(0);
  });

  it('reports entries it cannot read instead of counting them', () => {
    const doc = new Y.Doc();
    supportsMap(doc).set('note:n1', 1);
    supportsMap(doc).set('shape:n1:alice', 1);
    supportsMap(doc).set(supportKey(note, 'alice'), 'yesterday' as unknown as number);
    const invalid: InvalidEntry[] = [];
    expect(readSupports(doc, invalid).size).toBe(0);
    expect(invalid.map((entry) => entry.kind)).toEqual(['support', 'support', 'support']);
    expect(readSupportEntry('comment:c:bob', 5)).toEqual({
      kind: 'comment',
      id: 'c',
      participant: 'bob',
      at: 5,
    });
  });
});

describe('publication', () => {
  it('is one value: published with its comment setting, or absent', () => {
    const doc = new Y.Doc();
    expect(readPublication(doc)).toBeNull();
    setPublication(doc, { comments: true, publishedAt: 7 });
    expect(readPublication(doc)).toEqual({ comments: true, publishedAt: 7 });
    setPublication(doc, null);
    expect(readPublication(doc)).toBeNull();
    expect(parsePublication({ comments: 'yes', publishedAt: 1 })).toBeNull();
    expect(parsePublication([true, 1])).toBeNull();
  });
});
