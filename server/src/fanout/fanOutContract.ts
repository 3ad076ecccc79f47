import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelListener, FanOut } from './FanOut';

async function until(predicate: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > 5000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A listener that writes down what it hears. */
function recorder() {
  const heard = { messages: [] as number[][], presence: [] as number[][], gaps: 0 };
  const listener: ChannelListener = {
    message: (m) => heard.messages.push([...m]),
    presence: (m) => heard.presence.push([...m]),
    gap: () => heard.gaps++,
  };
  return { heard, listener };
}

const quiet: ChannelListener = { message: () => {}, presence: () => {}, gap: () => {} };

/**
 * What every fan-out adapter must do. `open` gives two handles that behave like two server
 * instances (for Redis: two connections each), sharing one relay. `interrupt`, for adapters
 * that can lose their relay, cuts a handle's connection to it (it reconnects by itself).
 */
export function fanOutContract(
  name: string,
  open: () => Promise<[FanOut, FanOut]>,
  interrupt?: (fanOut: FanOut) => Promise<void>,
): void {
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
      const atOne = recorder();
      const atTwo = recorder();
      const a = await one.join('board-a', atOne.listener);
      await two.join('board-a', atTwo.listener);
      for (let i = 0; i < 20; i++) a.publish(bytes(i, 255 - i));
      await until(() => atTwo.heard.messages.length === 20, 'all twenty messages');
      expect(atTwo.heard.messages).toEqual(Array.from({ length: 20 }, (_, i) => [i, 255 - i]));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(atOne.heard.messages).toEqual([]);
    });

    it('says others may hear while another member is on the board, never after leave', async () => {
      const a = await one.join('board-hear', quiet);
      await two.join('board-hear', quiet);
      expect(a.othersMayHear()).toBe(true);
      await a.leave();
      expect(a.othersMayHear()).toBe(false);
    });

    it('keeps boards apart', async () => {
      const atTwo = recorder();
      const a = await one.join('board-a', quiet);
      await two.join('board-b', atTwo.listener);
      a.publish(bytes(1));
      a.publishPresence(bytes(2));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(atTwo.heard).toEqual({ messages: [], presence: [], gaps: 0 });
    });

    it('carries presence on its own lane, to the others only', async () => {
      const atOne = recorder();
      const atTwo = recorder();
      const a = await one.join('board-a', atOne.listener);
      await two.join('board-a', atTwo.listener);
      for (let i = 0; i < 5; i++) {
        a.publishPresence(bytes(100 + i));
        a.publish(bytes(i));
      }
      await until(() => atTwo.heard.presence.length === 5, 'five presence messages');
      await until(() => atTwo.heard.messages.length === 5, 'five messages');
      expect(atTwo.heard.presence).toEqual([[100], [101], [102], [103], [104]]);
      expect(atTwo.heard.messages).toEqual([[0], [1], [2], [3], [4]]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(atOne.heard.presence).toEqual([]);
    });

    it('stops delivering after leave, and leave is idempotent', async () => {
      const atTwo = recorder();
      const a = await one.join('board-a', quiet);
      const b = await two.join('board-a', atTwo.listener);
      a.publish(bytes(1));
      await until(() => atTwo.heard.messages.length === 1, 'the first message');
      await b.leave();
      await b.leave();
      a.publish(bytes(2));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(atTwo.heard.messages).toEqual([[1]]);
    });

    it('carries large binary messages unchanged', async () => {
      let received: Uint8Array | null = null;
      const a = await one.join('board-a', quiet);
      await two.join('board-a', {
        ...quiet,
        message: (m) => {
          received = m;
        },
      });
      const big = new Uint8Array(256 * 1024).map((_, i) => (i * 7) % 256);
      a.publish(big);
      await until(() => received !== null, 'the large message');
      expect(Buffer.from(received ?? new Uint8Array()).equals(Buffer.from(big))).toBe(true);
    });

    if (interrupt) {
      it('reports a gap when it loses the relay, and delivers again afterwards', async () => {
        const atTwo = recorder();
        const a = await one.join('board-a', quiet);
        await two.join('board-a', atTwo.listener);
        await interrupt(two);
        await until(() => atTwo.heard.gaps >= 1, 'a gap');
        // Delivery resumes once the member is back (publish until one arrives).
        const ticker = setInterval(() => a.publish(bytes(7)), 20);
        try {
          await until(() => atTwo.heard.messages.length > 0, 'a message after the gap');
        } finally {
          clearInterval(ticker);
        }
        expect(atTwo.heard.messages[0]).toEqual([7]);
      });
    }
  });
}
