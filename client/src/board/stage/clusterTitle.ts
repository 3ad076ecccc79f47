import { CLUSTER_HEADER } from '@paja/shared';
import { boldMeasure, canvasMeasure } from './noteLayout';
import { fitFontSize, type MeasureWidth, visibleLines, wrapLines } from './textFit';

/** The title's left edge and top in a frame's band; the note count sits at the right. */
export const TITLE_X = 16;
export const TITLE_Y = 14;
export const COUNT_FONT = 15;
/** Room right of the count, and between the title and the count. */
const COUNT_MARGIN = 16;
const TITLE_GAP = 12;
const LINE_HEIGHT = 1.15;
/** Room between a two-line title and the first row of notes under it. */
const NOTES_GAP = 8;
const FIT = { maxFontSize: 24, minFontSize: 14, lineHeight: LINE_HEIGHT };
const TEXT_MEASURES = { title: boldMeasure, count: canvasMeasure };

export interface ClusterTitleLayout {
  /** The lines to draw (the last one ends in "…" when the title was cut). */
  text: string;
  fontSize: number;
  lineHeight: number;
  width: number;
}

/**
 * How a frame's title fits its band beside the note count: at 24 px when it fits on a line,
 * else smaller (down to 14 px) and on two lines, then cut with an ellipsis. Before, a narrow
 * frame showed "Gr…" of a title it had room to show. With `oneLine` (a "not translated" mark
 * takes the band's second line) it keeps to one line.
 */
export function clusterTitleLayout(
  title: string,
  frameWidth: number,
  count: string,
  oneLine: boolean,
  measure: { title: MeasureWidth; count: MeasureWidth } = TEXT_MEASURES,
): ClusterTitleLayout {
  if (measure !== TEXT_MEASURES) return layOut(title, frameWidth, count, oneLine, measure);
  // Drawn again at every change of the board's frames: the same titles measure the same.
  const key = `${frameWidth}|${oneLine ? 1 : 0}|${count}|${title}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const layout = layOut(title, frameWidth, count, oneLine, measure);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, layout);
  return layout;
}

const cache = new Map<string, ClusterTitleLayout>();
const CACHE_LIMIT = 2000;

function layOut(
  title: string,
  frameWidth: number,
  count: string,
  oneLine: boolean,
  measure: { title: MeasureWidth; count: MeasureWidth },
): ClusterTitleLayout {
  const countWidth = measure.count(count, COUNT_FONT) + COUNT_MARGIN + TITLE_GAP;
  const width = Math.max(10, frameWidth - TITLE_X - countWidth);
  // Two lines keep clear of the notes, which start CLUSTER_HEADER below the frame's top.
  const height = oneLine ? FIT.maxFontSize * LINE_HEIGHT : CLUSTER_HEADER - TITLE_Y - NOTES_GAP;
  const fontSize = fitFontSize(title, width, height, measure.title, FIT);
  const rows = Math.max(1, Math.floor(height / (fontSize * LINE_HEIGHT)));
  const lines = visibleLines(wrapLines(title, width, fontSize, measure.title), rows);
  return { text: lines.join('\n'), fontSize, lineHeight: LINE_HEIGHT, width };
}
