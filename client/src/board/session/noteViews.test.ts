import type { NoteView } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { reuseUnchanged } from './noteViews';

const note = (id: string, over: Partial<NoteView> = {}): NoteView => ({
  id,
  x: 0,
  y: 0,
  w: 160,
  h: 160,
  color: 'yellow',
  text: '',
  z: 'a0',
  authorId: 'p',
  authorName: 'P',
  organisation: null,
  createdAt: 1,
  editedAt: 1,
  locked: false,
  cluster: null,
  clusterOrder: null,
  cell: null,
  lang: null,
  translations: {},
  media: null,
  ...over,
});

describe('reuseUnchanged', () => {
  it('keeps the old object for an unchanged note and takes the new one otherwise', () => {
    const a = note('a');
    const b = note('b');
    const previous = new Map([
      ['a', a],
      ['b', b],
    ]);
    const next = reuseUnchanged(previous, [note('a'), note('b', { text: 'changed' }), note('c')]);
    expect(next[0]).toBe(a);
    expect(next[1]).not.toBe(b);
    expect(next[1]?.text).toBe('changed');
    expect(next[2]?.id).toBe('c');
  });

  it('compares object fields by value', () => {
    const a = note('a', { cell: { lane: 'l', period: 'p' } });
    const same = reuseUnchanged(new Map([['a', a]]), [
      note('a', { cell: { lane: 'l', period: 'p' } }),
    ]);
    expect(same[0]).toBe(a);
    const moved = reuseUnchanged(new Map([['a', a]]), [
      note('a', { cell: { lane: 'l', period: 'q' } }),
    ]);
    expect(moved[0]).not.toBe(a);
  });
});
