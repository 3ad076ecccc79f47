import { describe, expect, it } from 'vitest';
import { formatClock, parseMinutes } from './timerText';

describe('timer text', () => {
  it('shows whole seconds rounded up', () => {
    expect(formatClock(300_000)).toBe('5:00');
    expect(formatClock(299_001)).toBe('5:00');
    expect(formatClock(299_000)).toBe('4:59');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-5)).toBe('0:00');
    expect(formatClock(3_600_000 + 65_000)).toBe('1:01:05');
  });

  it('reads 1 to 480 whole minutes', () => {
    expect(parseMinutes(' 7 ')).toBe(7);
    expect(parseMinutes('480')).toBe(480);
    for (const bad of ['0', '481', '2.5', '', 'ten', '-3', '1e2'])
      expect(parseMinutes(bad)).toBeNull();
  });
});
