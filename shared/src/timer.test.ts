import { describe, expect, it } from 'vitest';
import {
  applyTimerControl,
  MAX_TIMER_MS,
  readTimerState,
  STOPPED,
  type TimerState,
  timerEnded,
  timerRemaining,
} from './timer';

const MIN = 60_000;

describe('timer rules', () => {
  it('starts, pauses, resumes and stops on the server clock', () => {
    const started = applyTimerControl(STOPPED, { action: 'start', durationMs: 5 * MIN }, 1000);
    expect(started).toEqual({ kind: 'running', endsAt: 1000 + 5 * MIN, durationMs: 5 * MIN });
    expect(timerRemaining(started, 1000 + MIN)).toBe(4 * MIN);

    const paused = applyTimerControl(started, { action: 'pause' }, 1000 + 2 * MIN);
    expect(paused).toEqual({ kind: 'paused', remainingMs: 3 * MIN, durationMs: 5 * MIN });
    // Paused time does not pass.
    expect(timerRemaining(paused, 1000 + 60 * MIN)).toBe(3 * MIN);

    const resumed = applyTimerControl(paused, { action: 'resume' }, 10 * MIN);
    expect(resumed).toEqual({ kind: 'running', endsAt: 13 * MIN, durationMs: 5 * MIN });
    expect(applyTimerControl(resumed, { action: 'stop' }, 11 * MIN)).toEqual(STOPPED);
  });

  it('extends a running, paused or finished timer, never a stopped one', () => {
    const running: TimerState = { kind: 'running', endsAt: 10 * MIN, durationMs: 5 * MIN };
    expect(applyTimerControl(running, { action: 'extend', ms: MIN }, 8 * MIN)).toEqual({
      kind: 'running',
      endsAt: 11 * MIN,
      durationMs: 6 * MIN,
    });
    const paused: TimerState = { kind: 'paused', remainingMs: MIN, durationMs: 5 * MIN };
    expect(applyTimerControl(paused, { action: 'extend', ms: 5 * MIN }, 0)).toEqual({
      kind: 'paused',
      remainingMs: 6 * MIN,
      durationMs: 10 * MIN,
    });
    // Time is up: an extension counts again from now, not from the end that passed.
    expect(timerEnded(running, 12 * MIN)).toBe(true);
    expect(applyTimerControl(running, { action: 'extend', ms: MIN }, 12 * MIN)).toEqual({
      kind: 'running',
      endsAt: 13 * MIN,
      durationMs: 6 * MIN,
    });
    expect(applyTimerControl(STOPPED, { action: 'extend', ms: MIN }, 0)).toBe(STOPPED);
  });

  it('caps every length at the maximum', () => {
    const long: TimerState = {
      kind: 'paused',
      remainingMs: MAX_TIMER_MS - 1,
      durationMs: MAX_TIMER_MS,
    };
    const extended = applyTimerControl(long, { action: 'extend', ms: 5 * MIN }, 0);
    expect(extended).toEqual({
      kind: 'paused',
      remainingMs: MAX_TIMER_MS,
      durationMs: MAX_TIMER_MS,
    });
  });

  it('returns the same state for a control that means nothing now', () => {
    const running: TimerState = { kind: 'running', endsAt: 10 * MIN, durationMs: 5 * MIN };
    const paused: TimerState = { kind: 'paused', remainingMs: MIN, durationMs: 5 * MIN };
    expect(applyTimerControl(running, { action: 'resume' }, 0)).toBe(running);
    expect(applyTimerControl(paused, { action: 'pause' }, 0)).toBe(paused);
    expect(applyTimerControl(running, { action: 'pause' }, 10 * MIN)).toBe(running);
    expect(applyTimerControl(STOPPED, { action: 'stop' }, 0)).toBe(STOPPED);
    expect(applyTimerControl(STOPPED, { action: 'pause' }, 0)).toBe(STOPPED);
  });

  it('reads only well-formed states', () => {
    const good: TimerState[] = [
      STOPPED,
      { kind: 'running', endsAt: 123, durationMs: MIN },
      { kind: 'paused', remainingMs: 0, durationMs: MIN },
    ];
    for (const state of good)
      expect(readTimerState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    for (const bad of [
      null,
      [],
      { kind: 'stopped', endsAt: 1 },
      { kind: 'running', endsAt: -1, durationMs: MIN },
      { kind: 'running', endsAt: 1.5, durationMs: MIN },
      { kind: 'running', endsAt: 1, durationMs: 0 },
      { kind: 'running', endsAt: 1, durationMs: MIN, extra: 1 },
      { kind: 'paused', remainingMs: MAX_TIMER_MS + 1, durationMs: MIN },
      { kind: 'paused', remainingMs: 2 * MIN, durationMs: MIN },
      { kind: 'paused', durationMs: MIN },
      { kind: 'ringing' },
    ]) {
      expect(typeof readTimerState(bad)).toBe('string');
    }
  });
});
