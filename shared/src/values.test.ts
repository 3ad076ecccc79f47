import { generateKeyBetween } from 'fractional-indexing';
import { describe, expect, it } from 'vitest';
import { isOrderKey, keyAfter, keysForInsert } from './values';

describe('isOrderKey', () => {
  it('accepts keys the library generates', () => {
    let key: string | null = null;
    for (let i = 0; i < 200; i++) {
      key = generateKeyBetween(key, null);
      expect(isOrderKey(key)).toBe(true);
    }
    expect(isOrderKey(generateKeyBetween('a0', 'a1'))).toBe(true);
  });

  it.each(['', 'a', 'a00', 'a0 ', '!a0', 'a0é', `A${'0'.repeat(26)}`, 5, null])(
    'rejects %j',
    (key) => {
      expect(isOrderKey(key)).toBe(false);
    },
  );
});

describe('keysForInsert', () => {
  it('generates keys only for the moving items when there is room', () => {
    const keys = keysForInsert(
      [
        { id: 'a', key: 'a0' },
        { id: 'b', key: 'a1' },
      ],
      1,
      ['x', 'y'],
    );
    expect([...keys.keys()]).toEqual(['x', 'y']);
    const [x, y] = [keys.get('x') as string, keys.get('y') as string];
    expect('a0' < x && x < y && y < 'a1').toBe(true);
  });

  it('re-keys the whole list around tied or malformed neighbours', () => {
    const keys = keysForInsert(
      [
        { id: 'a', key: 'a0' },
        { id: 'b', key: 'a0' },
      ],
      1,
      ['x'],
    );
    const order = [...keys.entries()].sort((p, q) => (p[1] < q[1] ? -1 : 1)).map(([id]) => id);
    expect(order).toEqual(['a', 'x', 'b']);
    expect(keysForInsert([{ id: 'a', key: '' }], 0, ['x']).size).toBe(2);
  });

  it('finds a key after all valid keys', () => {
    expect(keyAfter(['a0', 'junk', 'a5', 7]) > 'a5').toBe(true);
    expect(keyAfter([])).toBe('a0');
  });
});
