import { DEFAULT_FIT, fitFontSize, type MeasureWidth, visibleLines, wrapLines } from './textFit';

/** Shared by the Konva note and the HTML editor over it, so text does not jump when editing. */
export const NOTE_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const NOTE_PADDING = 12;
export const NOTE_LINE_HEIGHT = DEFAULT_FIT.lineHeight;
export const NOTE_CORNER_RADIUS = 10;
/** Room kept at the bottom for the author's name, on notes tall enough to spare it. */
export const AUTHOR_LINE = 16;
export const AUTHOR_MIN_NOTE_HEIGHT = 90;

export interface NoteLayout {
  fontSize: number;
  textWidth: number;
  textHeight: number;
  showAuthor: boolean;
  /** The text wrapped at fontSize, cut to the lines that fit (the last one ends in "…"). */
  lines: string[];
}

let context: CanvasRenderingContext2D | null = null;

/** Width of `text` in the notes' font at this weight, measured on a canvas. */
function measureWith(weight: 'normal' | 'bold'): MeasureWidth {
  return (text, fontSize) => {
    if (!context) context = document.createElement('canvas').getContext('2d');
    if (!context) return text.length * fontSize * (weight === 'bold' ? 0.6 : 0.55);
    context.font = `${weight} ${fontSize}px ${NOTE_FONT_FAMILY}`;
    return context.measureText(text).width;
  };
}

export const canvasMeasure = measureWith('normal');
/** Bold, as cluster titles are drawn. */
export const boldMeasure = measureWith('bold');

// Layout depends only on text and size; a bounded cache keeps panning and re-renders from
// measuring the same text again. Cleared whole when full: simpler than LRU, and rare.
const cache = new Map<string, NoteLayout>();
const CACHE_LIMIT = 5000;

export function noteLayout(text: string, w: number, h: number): NoteLayout {
  const key = `${w}x${h}:${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const showAuthor = h >= AUTHOR_MIN_NOTE_HEIGHT;
  const textWidth = Math.max(1, w - 2 * NOTE_PADDING);
  const textHeight = Math.max(1, h - 2 * NOTE_PADDING - (showAuthor ? AUTHOR_LINE : 0));
  const fontSize = fitFontSize(text, textWidth, textHeight, canvasMeasure);
  const lines = visibleLines(
    wrapLines(text, textWidth, fontSize, canvasMeasure),
    Math.max(1, Math.floor(textHeight / (fontSize * NOTE_LINE_HEIGHT))),
  );
  const layout = { fontSize, textWidth, textHeight, showAuthor, lines };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, layout);
  return layout;
}
