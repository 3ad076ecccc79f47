/**
 * Note text layout: which font size lets a note's text fit inside it. Long notes shrink
 * their font down to a readable minimum, then Konva cuts the rest with an ellipsis.
 * Width measurement is injected so that tests can use a fixed-width font.
 */
export type MeasureWidth = (text: string, fontSize: number) => number;

export interface FitOptions {
  maxFontSize: number;
  minFontSize: number;
  lineHeight: number;
}

export const DEFAULT_FIT: FitOptions = { maxFontSize: 22, minFontSize: 11, lineHeight: 1.25 };

/** Word-wraps `text` to `maxWidth`; a word wider than a line is broken between characters. */
export function wrapLines(
  text: string,
  maxWidth: number,
  fontSize: number,
  measure: MeasureWidth,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(\s+)/)) {
      if (word === '') continue;
      const candidate = line + word;
      if (measure(candidate, fontSize) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (/^\s+$/.test(word)) {
        // Spaces at a line break are not drawn.
        if (line !== '') lines.push(line);
        line = '';
        continue;
      }
      if (line !== '') lines.push(line.trimEnd());
      line = '';
      for (const char of Array.from(word)) {
        if (line !== '' && measure(line + char, fontSize) > maxWidth) {
          lines.push(line);
          line = '';
        }
        line += char;
      }
    }
    lines.push(line);
  }
  return lines;
}

export function fitsIn(
  text: string,
  width: number,
  height: number,
  fontSize: number,
  measure: MeasureWidth,
  lineHeight: number,
): boolean {
  const lines = wrapLines(text, width, fontSize, measure);
  return lines.length * fontSize * lineHeight <= height;
}

/** The largest whole font size in [min, max] at which the text fits, else the minimum. */
export function fitFontSize(
  text: string,
  width: number,
  height: number,
  measure: MeasureWidth,
  options: FitOptions = DEFAULT_FIT,
): number {
  const { maxFontSize, minFontSize, lineHeight } = options;
  if (width <= 0 || height <= 0) return minFontSize;
  if (fitsIn(text, width, height, maxFontSize, measure, lineHeight)) return maxFontSize;
  // Fitting is monotonic in the font size (smaller letters never need more lines), so
  // a binary search needs ~4 layouts instead of one per size.
  let lo = minFontSize;
  let hi = maxFontSize;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsIn(text, width, height, mid, measure, lineHeight)) lo = mid;
    else hi = mid;
  }
  return lo;
}
