import { describe, expect, it } from 'vitest';
import { MAX_ROUND_GAP_MS, RoundPacing, roundGapMs } from './RoundPacing';

describe('roundGapMs', () => {
  it('does not space the rounds of a quiet server', () => {
    expect(roundGapMs(0)).toBe(0);
    expect(roundGapMs(20)).toBe(0);
    expect(roundGapMs(1499)).toBe(0);
  });

  it('spaces rounds more as more is asked, up to a bound', () => {
    expect(roundGapMs(1500)).toBe(1);
    expect(roundGapMs(3000)).toBe(2);
    expect(roundGapMs(12_000)).toBe(MAX_ROUND_GAP_MS);
    expect(roundGapMs(1_000_000)).toBe(MAX_ROUND_GAP_MS);
  });
});

describe('RoundPacing', () => {
  /** `perSecond` requests a second for `ms`, from `from`; returns the time it ends at. */
  const ask = (pacing: RoundPacing, from: number, ms: number, perSecond: number) => {
    const step = 1000 / perSecond;
    let now = from;
    for (; now < from + ms; now += step) pacing.requested(now);
    return now;
  };

  it('lets every round leave when its turn ends while little is asked', () => {
    const pacing = new RoundPacing(0);
    const now = ask(pacing, 0, 1000, 100);
    pacing.posted(now);
    expect(pacing.waitMs(now + 0.01)).toBe(0);
  });

  it('holds the next round after a busy stretch until the gap has passed', () => {
    const pacing = new RoundPacing(0);
    const now = ask(pacing, 0, 1000, 3000);
    pacing.posted(now);
    expect(pacing.waitMs(now + 0.5)).toBeCloseTo(1.5);
    expect(pacing.waitMs(now + 2)).toBe(0);
  });

  it('stops spacing rounds once the server has gone quiet', () => {
    const pacing = new RoundPacing(0);
    const now = ask(pacing, 0, 1000, 12_000);
    pacing.posted(now);
    expect(pacing.waitMs(now + 1)).toBeCloseTo(MAX_ROUND_GAP_MS - 1);
    // Nothing asked for a while: the rate measured then no longer holds.
    pacing.posted(now + 1000);
    pacing.requested(now + 1000);
    expect(pacing.waitMs(now + 1000)).toBe(0);
  });
});
