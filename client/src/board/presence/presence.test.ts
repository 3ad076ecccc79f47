import { describe, expect, it } from 'vitest';
import {
  CURSOR_COLORS,
  colorForParticipant,
  parsePresence,
  peerDrags,
  readPeers,
  textColorOn,
} from './presence';

const user = { id: 'p1', name: 'Aino', color: '#0072B2' };

describe('parsePresence', () => {
  it('accepts a well-formed state', () => {
    const state = {
      user,
      cursor: { x: 1, y: 2 },
      dragging: { noteId: 'n', x: 0, y: 0, w: 10, h: 10 },
    };
    expect(parsePresence(state)).toEqual(state);
  });

  it('rejects states without a usable user', () => {
    expect(parsePresence(null)).toBeNull();
    expect(parsePresence({ cursor: { x: 1, y: 1 } })).toBeNull();
    expect(parsePresence({ user: { id: '', name: 'x' } })).toBeNull();
    expect(parsePresence({ user: { id: 'a', name: 5 } })).toBeNull();
  });

  it('drops bad fields instead of trusting them', () => {
    const parsed = parsePresence({
      user: { id: 'a', name: 'x'.repeat(500), color: 'red; background: url(evil)' },
      cursor: { x: Number.NaN, y: 0 },
      dragging: { noteId: 'n', x: 0, y: 0, w: -1, h: 10 },
    });
    expect(parsed?.user.name.length).toBe(40);
    expect(parsed?.user.color).toBe(colorForParticipant('a'));
    expect(parsed?.cursor).toBeNull();
    expect(parsed?.dragging).toBeNull();
  });
});

describe('peers', () => {
  it('lists valid peers sorted by name and marks me', () => {
    const states = new Map<number, unknown>([
      [3, { user: { id: 'b', name: 'Bertta' }, cursor: null }],
      [1, { user: { id: 'a', name: 'Aino' }, cursor: null }],
      [2, { garbage: true }],
    ]);
    const peers = readPeers(states, 3);
    expect(peers.map((p) => [p.user.name, p.isLocal])).toEqual([
      ['Aino', false],
      ['Bertta', true],
    ]);
  });

  it('collects other people’s drags with a key that ignores cursor moves', () => {
    const drag = { noteId: 'n1', x: 5, y: 6, w: 100, h: 100 };
    const states = new Map<number, unknown>([
      [1, { user: { id: 'a', name: 'A' }, cursor: { x: 1, y: 1 }, dragging: drag }],
      [
        2,
        {
          user: { id: 'b', name: 'B' },
          cursor: { x: 9, y: 9 },
          dragging: { ...drag, noteId: 'mine' },
        },
      ],
    ]);
    const first = peerDrags(readPeers(states, 2));
    expect([...first.drags.keys()]).toEqual(['n1']);
    states.set(1, { user: { id: 'a', name: 'A' }, cursor: { x: 50, y: 50 }, dragging: drag });
    expect(peerDrags(readPeers(states, 2)).key).toBe(first.key);
  });

  it('gives each participant a stable palette colour', () => {
    expect(colorForParticipant('xyz')).toBe(colorForParticipant('xyz'));
    expect(CURSOR_COLORS).toContain(colorForParticipant('xyz'));
  });
});

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('participant colours', () => {
  it('every palette colour carries white initials at 4.5:1 or more (WCAG 1.4.3)', () => {
    for (const color of CURSOR_COLORS) {
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
      expect(textColorOn(color)).toBe('#ffffff');
    }
  });

  it('a light colour chosen by another browser gets dark initials', () => {
    for (const color of ['#ffff00', '#cccccc', '#7fffd4', '#ffffff']) {
      expect(contrast(color, textColorOn(color)), color).toBeGreaterThanOrEqual(4.5);
    }
  });
});
