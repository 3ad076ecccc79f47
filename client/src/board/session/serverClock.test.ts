import { describe, expect, it } from 'vitest';
import { ServerClock } from './serverClock';

describe('ServerClock', () => {
  it('keeps the least delayed estimate of the offset', () => {
    const clock = new ServerClock();
    expect(clock.now(1000)).toBe(1000);
    // The server is 5 s ahead; the first message took 300 ms, the second 20 ms.
    clock.observe(10_000, 5_300);
    expect(clock.now(6_000)).toBe(10_700);
    clock.observe(20_000, 15_020);
    expect(clock.now(16_000)).toBe(20_980);
    // A slower message later does not make the estimate worse.
    clock.observe(30_000, 25_500);
    expect(clock.now(16_000)).toBe(20_980);
  });

  it('starts afresh after a reset', () => {
    const clock = new ServerClock();
    clock.observe(10_000, 0);
    clock.reset();
    clock.observe(10_000, 9_000);
    expect(clock.now(9_000)).toBe(10_000);
  });
});
