import { describe, expect, it, vi } from 'vitest';
import { MAX_SHARED_IDS, parseActivity } from './presence';
import { createBoardPresence } from './publisher';

function fakeAwareness() {
  const sent: unknown[] = [];
  return { sent, awareness: { setLocalState: (state: unknown) => sent.push(state) } };
}
const user = { id: 'p1', name: 'Aino', color: '#0072B2' };

describe('createBoardPresence', () => {
  it('sends the latest state at most once per interval, and the last one always', () => {
    vi.useFakeTimers();
    const { sent, awareness } = fakeAwareness();
    const presence = createBoardPresence(awareness as never, user, 50);
    expect(sent).toHaveLength(1);
    presence.setCursor({ x: 1, y: 1 });
    presence.setMoving({ ids: ['a'], dx: 5, dy: 5 });
    presence.setMoving(null);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(60);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ cursor: { x: 1, y: 1 }, moving: null });
    presence.destroy();
    vi.useRealTimers();
  });

  it('caps shared id lists so the state stays under the server limit', () => {
    vi.useFakeTimers();
    const { sent, awareness } = fakeAwareness();
    const presence = createBoardPresence(awareness as never, user, 0);
    const ids = Array.from({ length: 1000 }, (_, i) => `note${String(i).padStart(12, '0')}`);
    presence.setSelection(ids);
    presence.setMoving({ ids, dx: 1, dy: 2 });
    vi.runAllTimers();
    const last = sent.at(-1) as { selection: string[]; moving: { ids: string[] } };
    expect(last.selection).toHaveLength(MAX_SHARED_IDS);
    expect(last.moving.ids).toHaveLength(MAX_SHARED_IDS);
    expect(JSON.stringify(last).length).toBeLessThan(8192);
    presence.destroy();
    vi.useRealTimers();
  });
});

describe('parseActivity (untrusted)', () => {
  it('reads a group move and a selection', () => {
    expect(parseActivity({ moving: { ids: ['a', 'b'], dx: 3, dy: -4 }, selection: ['a'] })).toEqual(
      { moving: { ids: ['a', 'b'], dx: 3, dy: -4 }, selection: ['a'] },
    );
  });
  it('drops what is malformed or absurd', () => {
    expect(parseActivity(null)).toEqual({ moving: null, selection: [] });
    expect(parseActivity({ moving: { ids: ['a'], dx: Number.NaN, dy: 0 } }).moving).toBeNull();
    expect(parseActivity({ moving: { ids: ['a'], dx: 1e12, dy: 0 } }).moving).toBeNull();
    expect(parseActivity({ selection: ['ok', 42, '<script>', 'x'.repeat(65)] }).selection).toEqual([
      'ok',
    ]);
    const many = Array.from({ length: 500 }, (_, i) => `n${i}`);
    expect(parseActivity({ selection: many }).selection).toHaveLength(MAX_SHARED_IDS);
  });
});
