import { describe, expect, it } from 'vitest';
import { BoardSideState, type SideSink, SideStateError, sideKind } from './BoardSideState';
import type { SaveRecipient } from './SavePipeline';
import type { SideWrite } from './storage/Storage';

interface Vote {
  dots: number;
}

const votes = sideKind<Vote>('vote', (value) => {
  const dots = (value as { dots?: unknown } | null)?.dots;
  if (typeof dots !== 'number' || !Number.isInteger(dots) || dots < 0) throw new Error('no dots');
  return { dots };
});
const notes = sideKind<string>('private-note', (value) => {
  if (typeof value !== 'string') throw new Error('not a string');
  return value;
});

function recordingSink(): SideSink & { writes: [SideWrite, SaveRecipient | null][] } {
  const writes: [SideWrite, SaveRecipient | null][] = [];
  return { writes, addSide: (write, from) => writes.push([write, from]) };
}

describe('BoardSideState', () => {
  it('reads what storage held, by kind and key', () => {
    const side = new BoardSideState(
      [
        { kind: 'vote', key: 'p1', value: '{"dots":2}' },
        { kind: 'private-note', key: 'p1', value: '"idea"' },
        { kind: 'from-a-newer-paja', key: 'x', value: '{}' },
      ],
      recordingSink(),
    );
    expect(side.get(votes, 'p1')).toEqual({ dots: 2 });
    expect(side.get(notes, 'p1')).toBe('idea');
    expect(side.get(votes, 'p2')).toBeUndefined();
    expect(side.count(votes)).toBe(1);
  });

  it('changes memory at once and hands every write, with its sender, to the save pipeline', () => {
    const sink = recordingSink();
    const side = new BoardSideState([], sink);
    const person: SaveRecipient = { pajaClient: true, send: () => {} };
    side.put(votes, 'p1', { dots: 1 }, person);
    side.put(votes, 'p2', { dots: 3 });
    side.put(votes, 'p1', { dots: 2 }, person);
    expect(side.entries(votes)).toEqual([
      ['p1', { dots: 2 }],
      ['p2', { dots: 3 }],
    ]);
    expect(side.delete(votes, 'nobody')).toBe(false);
    expect(side.deleteAll(votes)).toBe(2);
    expect(side.count(votes)).toBe(0);
    expect(sink.writes).toEqual([
      [{ kind: 'vote', key: 'p1', value: '{"dots":1}' }, person],
      [{ kind: 'vote', key: 'p2', value: '{"dots":3}' }, null],
      [{ kind: 'vote', key: 'p1', value: '{"dots":2}' }, person],
      [{ kind: 'vote', key: 'p1', value: null }, null],
      [{ kind: 'vote', key: 'p2', value: null }, null],
    ]);
  });

  it('refuses a value that would not read back, and writes nothing', () => {
    const sink = recordingSink();
    const side = new BoardSideState([], sink);
    expect(() => side.put(votes, 'p1', { dots: -1 })).toThrow(SideStateError);
    expect(() => side.put(votes, 'p1', { dots: Number.NaN })).toThrow(SideStateError);
    expect(() => side.put(notes, '', 'empty key')).toThrow(SideStateError);
    expect(() => side.put(notes, 'k'.repeat(201), 'long key')).toThrow(SideStateError);
    expect(sink.writes).toEqual([]);
    expect(side.has(votes, 'p1')).toBe(false);
  });

  it('names a stored record that no longer reads as its kind', () => {
    const side = new BoardSideState([{ kind: 'vote', key: 'p1', value: '"?"' }], recordingSink());
    expect(() => side.get(votes, 'p1')).toThrow(/vote\/p1/);
  });

  it('allows only short lowercase kind names', () => {
    expect(() => sideKind('Votes', String)).toThrow();
    expect(() => sideKind('a/b', String)).toThrow();
    expect(sideKind('audit-log', String).name).toBe('audit-log');
  });

  describe('writes stored by other instances', () => {
    const stored = (key: string, value: string | null, seq: number) => ({
      kind: 'vote',
      key,
      value,
      seq,
    });

    it('applies them and tells the listeners of their kind what changed', () => {
      const side = new BoardSideState(
        [{ kind: 'vote', key: 'p1', value: '{"dots":1}' }],
        recordingSink(),
      );
      const heard: unknown[] = [];
      side.onStored([votes], (changes) => heard.push(...changes));
      side.onStored([notes], () => heard.push('notes listener called'));
      side.applyStored([stored('p1', '{"dots":2}', 5), stored('p2', '{"dots":3}', 6)]);
      side.applyStored([stored('p1', null, 7)]);
      expect(side.get(votes, 'p1')).toBeUndefined();
      expect(side.get(votes, 'p2')).toEqual({ dots: 3 });
      expect(heard).toEqual([
        { kind: 'vote', key: 'p1', before: '{"dots":1}', after: '{"dots":2}' },
        { kind: 'vote', key: 'p2', before: undefined, after: '{"dots":3}' },
        { kind: 'vote', key: 'p1', before: '{"dots":2}', after: undefined },
      ]);
    });

    it('keeps our own committed write when an older stored one arrives late', () => {
      const side = new BoardSideState([], recordingSink());
      side.put(votes, 'p1', { dots: 1 });
      side.committed(9, [{ kind: 'vote', key: 'p1', value: '{"dots":1}' }]);
      side.applyStored([stored('p1', '{"dots":5}', 8)]);
      expect(side.get(votes, 'p1')).toEqual({ dots: 1 });
      side.applyStored([stored('p1', '{"dots":6}', 10)]);
      expect(side.get(votes, 'p1')).toEqual({ dots: 6 });
    });

    it('holds a stored write while ours is uncommitted, then keeps whichever storage numbered later', () => {
      const side = new BoardSideState([], recordingSink());
      side.put(votes, 'p1', { dots: 1 });
      side.put(votes, 'p2', { dots: 1 });
      side.applyStored([stored('p1', '{"dots":7}', 4), stored('p2', '{"dots":7}', 7)]);
      // Ours are pending: what we wrote is what we read until storage numbers them.
      expect(side.get(votes, 'p1')).toEqual({ dots: 1 });
      side.committed(5, [
        { kind: 'vote', key: 'p1', value: '{"dots":1}' },
        { kind: 'vote', key: 'p2', value: '{"dots":1}' },
      ]);
      expect(side.get(votes, 'p1')).toEqual({ dots: 1 }); // ours is 5, theirs 4
      expect(side.get(votes, 'p2')).toEqual({ dots: 7 }); // ours is 6, theirs 7
    });

    it('on a reset drops what storage no longer holds, but not what came after it', () => {
      const side = new BoardSideState(
        [
          { kind: 'vote', key: 'gone', value: '{"dots":1}' },
          { kind: 'vote', key: 'kept', value: '{"dots":1}' },
        ],
        recordingSink(),
      );
      side.applyStored([stored('newer', '{"dots":2}', 12)]);
      side.applyStored([stored('kept', '{"dots":3}', 3)], true, 10);
      expect(
        side
          .entries(votes)
          .map(([key]) => key)
          .sort(),
      ).toEqual(['kept', 'newer']);
    });
  });
});
