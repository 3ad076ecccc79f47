import { describe, expect, it } from 'vitest';
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
  it('thins with the number of people, never past half a second', () => {
    expect(presenceBatchMs(2)).toBe(0);
    expect(presenceBatchMs(20)).toBe(0);
    expect(presenceBatchMs(100)).toBe(50);
    expect(presenceBatchMs(500)).toBe(250);
    expect(presenceBatchMs(100_000)).toBe(500);
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
    const batch = new PresenceBatch(host([a], () => 100).host); // 50 ms
    batch.add([1], 'x', true);
    await sleep(10);
    batch.add([2], 'y', true); // a join: in the same batch, never dropped
    batch.add([1], 'x', true);
    expect(a.got).toEqual([]);
    await sleep(80);
    expect(a.got).toEqual(['1,2']);
    batch.close();
    batch.add([3], 'x', true);
    await sleep(80);
    expect(a.got).toEqual(['1,2']);
  });
});
