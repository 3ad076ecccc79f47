import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FanOut } from './FanOut';

async function until(predicate: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > 5000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * What every fan-out adapter must do. `open` gives two handles that behave like two server
 * instances (for Redis: two connections), sharing one relay.
 */
export function fanOutContract(name: string, open: () => Promise<[FanOut, FanOut]>): void {
  describe(`fan-out contract: ${name}`, () => {
    let one: FanOut;
    let two: FanOut;
    beforeEach(async () => {
      [one, two] = await open();
    });
    afterEach(async () => {
      await one.close();
      await two.close();
    });

    const bytes = (...values: number[]) => new Uint8Array(values);

    it('delivers to the other members of a board, in order, and not back to the sender', async () => {
      const atOne: number[][] = [];
      const atTwo: number[][] = [];
      const a = await one.join('board-a', (m) => atOne.push([...m]));
      await two.join('board-a', (m) => atTwo.push([...m]));
      for (let i = 0; i < 20; i++) a.publish(bytes(i, 255 - i));
      await until(() => atTwo.length === 20, 'all twenty messages');
      expect(atTwo).toEqual(Array.from({ length: 20 }, (_, i) => [i, 255 - i]));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(atOne).toEqual([]);
    });

    it('keeps boards apart', async () => {
      const atTwo: number[][] = [];
      const a = await one.join('board-a', () => {});
      await two.join('board-b', (m) => atTwo.push([...m]));
      a.publish(bytes(1));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(atTwo).toEqual([]);
    });

    it('stops delivering after leave, and leave is idempotent', async () => {
      const atTwo: number[][] = [];
      const a = await one.join('board-a', () => {});
      const b = await two.join('board-a', (m) => atTwo.push([...m]));
      a.publish(bytes(1));
      await until(() => atTwo.length === 1, 'the first message');
      await b.leave();
      await b.leave();
      a.publish(bytes(2));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(atTwo).toEqual([[1]]);
    });

    it('carries large binary messages unchanged', async () => {
      let received: Uint8Array | null = null;
      const a = await one.join('board-a', () => {});
      await two.join('board-a', (m) => {
        received = m;
      });
      const big = new Uint8Array(256 * 1024).map((_, i) => (i * 7) % 256);
      a.publish(big);
      await until(() => received !== null, 'the large message');
      expect(Buffer.from(received ?? new Uint8Array()).equals(Buffer.from(big))).toBe(true);
    });
  });
}
