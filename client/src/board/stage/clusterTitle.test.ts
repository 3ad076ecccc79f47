import { describe, expect, it } from 'vitest';
import { clusterTitleLayout } from './clusterTitle';

// A fixed-width font: every character is 0.6 of the font size wide.
const fixed = (text: string, fontSize: number) => text.length * fontSize * 0.6;
const measure = { title: fixed, count: fixed };

describe('clusterTitleLayout', () => {
  it('keeps a title that fits at full size on one line', () => {
    const layout = clusterTitleLayout('Parks', 600, '2 notes', false, measure);
    expect(layout).toMatchObject({ text: 'Parks', fontSize: 24 });
  });

  it('shows a narrow frame\'s title smaller and on two lines, instead of "Gr…"', () => {
    // 240 px wide: 240 - 16 - (7 × 9 + 28) = 133 px for the title.
    const layout = clusterTitleLayout('Green city and parks', 240, '2 notes', false, measure);
    expect(layout.width).toBe(133);
    expect(layout.fontSize).toBeLessThan(24);
    expect(layout.fontSize).toBeGreaterThanOrEqual(14);
    expect(layout.text.split('\n')).toHaveLength(2);
    expect(layout.text.replace('\n', ' ')).toBe('Green city and parks');
    // Two lines end clear of the first row of notes, 60 px below the frame's top, also where
    // the width would allow a larger font.
    for (const [title, width] of [
      ['Green city and parks', 240],
      ['Green city and parks for all', 300],
    ] as const) {
      const two = clusterTitleLayout(title, width, '2 notes', false, measure);
      expect(two.text.split('\n')).toHaveLength(2);
      expect(14 + 2 * two.fontSize * two.lineHeight).toBeLessThanOrEqual(60 - 8);
    }
  });

  it('cuts what two lines at the smallest size cannot hold, and keeps one line under a mark', () => {
    const long = 'Liikenne ja liikkuminen kaupungin keskustassa vuoteen 2030';
    const layout = clusterTitleLayout(long, 240, '12 notes', false, measure);
    expect(layout.fontSize).toBe(14);
    expect(layout.text.split('\n')).toHaveLength(2);
    expect(layout.text.endsWith('…')).toBe(true);
    const marked = clusterTitleLayout(long, 240, '12 notes', true, measure);
    expect(marked.text.split('\n')).toHaveLength(1);
    expect(marked.text.endsWith('…')).toBe(true);
  });
});
