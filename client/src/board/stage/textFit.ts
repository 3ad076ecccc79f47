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

/** Whether every word of `text` fits on a line of `width` at this font size. */
export function wordsFit(text: string, width: number, fontSize: number, measure: MeasureWidth) {
  for (const word of text.split(/\s+/)) {
    if (word !== '' && measure(word, fontSize) > width) return false;
  }
  return true;
}

/**
 * The largest whole font size in [min, max] at which the text fits, else the minimum. Sizes
 * that would break a word in the middle ("Talvikunnoss-apito") are avoided while a smaller
 * size keeps every word whole.
 */
export function fitFontSize(
  text: string,
  width: number,
  height: number,
  measure: MeasureWidth,
  options: FitOptions = DEFAULT_FIT,
): number {
  const { minFontSize, lineHeight } = options;
  let { maxFontSize } = options;
  if (width <= 0 || height <= 0) return minFontSize;
  if (!wordsFit(text, width, maxFontSize, measure)) {
    // Word width grows with the font size, so the whole-word sizes are the ones below a limit.
    let lo = minFontSize;
    let hi = maxFontSize;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (wordsFit(text, width, mid, measure)) lo = mid;
      else hi = mid;
    }
    maxFontSize = lo;
  }
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

/**
 * The first `max` lines; when text was cut, the last shown line ends in an ellipsis (the note
 * editor scrolls to show the rest).
 */
export function visibleLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  const shown = lines.slice(0, max);
  const last = shown[max - 1] ?? '';
  const chars = Array.from(last);
  shown[max - 1] = `${chars
    .slice(0, Math.max(0, chars.length - 1))
    .join('')
    .trimEnd()}…`;
  return shown;
}
