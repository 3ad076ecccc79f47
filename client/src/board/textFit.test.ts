import { describe, expect, it } from 'vitest';
import { fitFontSize, type MeasureWidth, wrapLines } from './textFit';

// A monospace stand-in: every character is 0.5 em wide.
const mono: MeasureWidth = (text, fontSize) => text.length * fontSize * 0.5;

describe('wrapLines', () => {
  it('wraps at word boundaries', () => {
    // 10 px font: 5 px per character, 50 px = 10 characters per line.
    expect(wrapLines('hello world again', 50, 10, mono)).toEqual(['hello', 'world', 'again']);
  });

  it('keeps explicit line breaks, including empty lines', () => {
    expect(wrapLines('a\n\nb', 50, 10, mono)).toEqual(['a', '', 'b']);
  });

  it('breaks a word that is wider than a line', () => {
    expect(wrapLines('abcdefghijkl', 25, 10, mono)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('does not split an emoji', () => {
    const lines = wrapLines('😀😀😀', 10, 10, mono);
    expect(lines.join('')).toBe('😀😀😀');
    for (const line of lines) expect(line.length % 2).toBe(0);
  });
});

describe('fitFontSize', () => {
  const options = { maxFontSize: 20, minFontSize: 10, lineHeight: 1 };

  it('uses the largest size for short text', () => {
    expect(fitFontSize('hi', 100, 100, mono, options)).toBe(20);
  });

  it('shrinks long text to the largest size that fits', () => {
    const text = 'word '.repeat(30).trim();
    const size = fitFontSize(text, 100, 100, mono, options);
    expect(size).toBeLessThan(20);
    expect(size).toBeGreaterThanOrEqual(10);
    const lines = (s: number) => wrapLines(text, 100, s, mono).length;
    expect(lines(size) * size).toBeLessThanOrEqual(100);
    expect(lines(size + 1) * (size + 1)).toBeGreaterThan(100);
  });

  it('stops at the minimum when nothing fits', () => {
    expect(fitFontSize('x'.repeat(5000), 100, 100, mono, options)).toBe(10);
    expect(fitFontSize('x', 0, 100, mono, options)).toBe(10);
  });
});
