import { describe, expect, it } from 'vitest';
import { fitFontSize, type MeasureWidth, visibleLines, wrapLines } from './textFit';

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

describe('fitFontSize keeps words whole', () => {
  it('shrinks until the longest word fits on a line, even when broken text would fit', () => {
    // "Talvikunnossapito" is 17 characters: whole at 100 px only below 12 px (17 * 6 = 102).
    const size = fitFontSize('Talvikunnossapito', 100, 1000, mono, {
      maxFontSize: 22,
      minFontSize: 8,
      lineHeight: 1.25,
    });
    expect(size).toBe(11);
  });
  it('breaks the word at the smallest size when nothing else helps', () => {
    const size = fitFontSize('x'.repeat(100), 100, 1000, mono, {
      maxFontSize: 22,
      minFontSize: 11,
      lineHeight: 1.25,
    });
    expect(size).toBe(11);
  });
});

describe('visibleLines', () => {
  it('keeps what fits and marks the cut with an ellipsis', () => {
    expect(visibleLines(['a', 'b'], 3)).toEqual(['a', 'b']);
    expect(visibleLines(['one', 'two', 'three'], 2)).toEqual(['one', 'tw…']);
    expect(visibleLines(['x 😀', 'y'], 1)).toEqual(['x…']);
  });
});
