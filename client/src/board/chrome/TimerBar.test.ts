import { describe, expect, it } from 'vitest';
import { spokenTime } from './TimerBar';

const t = (key: string, params?: Record<string, unknown>) => `${key} ${JSON.stringify(params)}`;

describe('the timer button’s name', () => {
  it('says whole minutes while it runs, so it changes once a minute, not every second', () => {
    expect(spokenTime(t, false, 299_000)).toBe('timer.minutesLeft {"count":5}');
    expect(spokenTime(t, false, 240_001)).toBe('timer.minutesLeft {"count":5}');
    expect(spokenTime(t, false, 240_000)).toBe('timer.minutesLeft {"count":4}');
    expect(spokenTime(t, false, 1_000)).toBe('timer.minutesLeft {"count":1}');
  });

  it('says the exact time when paused (it does not change)', () => {
    expect(spokenTime(t, true, 252_000)).toBe('timer.remaining {"time":"4:12"}');
  });
});
