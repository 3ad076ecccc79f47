import { describe, expect, it, vi } from 'vitest';
import { PresenceBatch, presenceBatchMs } from './PresenceBatch';
import type { WireFrame } from './WireFrame';

class Receiver {
  readonly got: string[] = [];
  sendFrame(frame: WireFrame): void {
    this.got.push(new TextDecoder().decode(frame.payload));
  }
}

/** A host whose "encoding" lists the ids, so a test can read what each batch held. */
function host(members: Receiver[], people: () => number) {
  const published: string[] = [];
  return {
    published,
    host: {
      members: () => members,
      people,
      encode: (ids: readonly number[]) => new TextEncoder().encode([...ids].sort().join(',')),
      publish: (message: Uint8Array) => published.push(new TextDecoder().decode(message)),
    },
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PresenceBatch', () => {
  it('thins with the number of people and their moves, never past half a second', () => {
    expect(presenceBatchMs(2, 100_000)).toBe(0);
    expect(presenceBatchMs(20, 100_000)).toBe(0);
    // Few enough changes for every receiver: batches only bound the messages.
    expect(presenceBatchMs(100, 1000)).toBe(5);
    expect(presenceBatchMs(500, 1000)).toBe(25);
    // More than a receiver should get: thinned to about MAX_STATES_PER_RECEIVER a second.
    expect(presenceBatchMs(100, 3000)).toBe(50);
    expect(presenceBatchMs(500, 5000)).toBe(250);
    expect(presenceBatchMs(100_000, 1_000_000)).toBe(500);
  });

  it('sends the changes of one turn as one message, sparing a single sender its own', async () => {
    const [a, b] = [new Receiver(), new Receiver()];
    const { host: h, published } = host([a, b], () => 2);
    const batch = new PresenceBatch(h);
    batch.add([1], a, true);
    batch.add([1], a, true);
    await nextTurn();
    expect(a.got).toEqual([]);
    expect(b.got).toEqual(['1']);
    batch.add([1], a, true);
    batch.add([2], b, true);
    batch.add([9], 'relayed', false);
    await nextTurn();
    expect(a.got).toEqual(['1,2,9']);
    expect(b.got).toEqual(['1', '1,2,9']);
    // Only this instance's changes go to the others, and each once per batch.
    expect(published).toEqual(['1', '1,2']);
  });

  it('gathers a large board over a longer tick, keeping every id that changed', async () => {
    const [a] = [new Receiver()];
    const batch = new PresenceBatch(host([a], () => 2000).host); // 100 ms
    batch.add([1], 'x', true);
    await nextTurn(); // the first batch of a quiet board: at once
    expect(a.got).toEqual(['1']);
    a.got.length = 0;
    batch.add([1], 'x', true);
    await sleep(10);
    batch.add([2], 'y', true); // a join: in the same batch, never dropped
    batch.add([1], 'x', true);
    expect(a.got).toEqual([]);
    await sleep(150);
    expect(a.got).toEqual(['1,2']);
    batch.close();
    batch.add([3], 'x', true);
    await sleep(80);
    expect(a.got).toEqual(['1,2']);
  });

  it('thins a board only while its people move more than a receiver should get', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const [a] = [new Receiver()];
      const batch = new PresenceBatch(host([a], () => 100).host);
      /** One second of `perSecond` changes of 100 people, spread evenly; the batches sent. */
      const second = (perSecond: number) => {
        const before = a.got.length;
        for (let i = 0; i < perSecond; i++) {
          batch.add([i % 100], 'x', true);
          vi.advanceTimersByTime(1000 / perSecond);
        }
        vi.advanceTimersByTime(100);
        return a.got.length - before;
      };
      // 1,000 changes a second: at most one batch per 5 ms (100 people / 20), no thinning.
      second(1000);
      const unthinned = second(1000);
      expect(unthinned).toBeGreaterThan(150);
      expect(unthinned).toBeLessThanOrEqual(201);
      // 4,000 a second: one batch per 50 ms (100 / 2), each with every cursor that moved.
      second(4000);
      const thinned = second(4000);
      expect(thinned).toBeGreaterThan(15);
      expect(thinned).toBeLessThanOrEqual(23);
      expect(a.got.at(-2)?.split(',')).toHaveLength(100);
      batch.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
