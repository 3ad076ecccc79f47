import { createRequire } from 'node:module';
import {
  type BoardView,
  boundsOf,
  CLUSTER_HEADER,
  LANE_HEADER_W,
  layoutRoadmap,
  NOTE_COLORS,
  type NoteView,
  PERIOD_HEADER_H,
} from '@paja/shared';
import { FONT_REGULAR } from './fonts';
import { buildReport } from './report';

/**
 * The whole board as SVG, drawn from the board model (not a screenshot): clusters, the roadmap
 * grid with its notes in their cells (the same layout as the canvas, shared/roadmapLayout.ts),
 * every note with its text, author and revealed votes. Text is real text (searchable,
 * selectable, read by screen readers), in DejaVu Sans, which has å, ä, ö and the Sámi letters;
 * a viewer without it falls back to its sans-serif.
 */

export const SVG_FONT_FAMILY = 'DejaVu Sans';
const FONT = `'${SVG_FONT_FAMILY}', 'Noto Sans', Arial, sans-serif`;
const TEXT = '#1F2328';
const MUTED = '#57606a';
const MARGIN = 40;
const PAD = 12;
const LINE_HEIGHT = 1.25;
const AUTHOR_LINE = 16;

/**
 * Text is measured with DejaVu Sans's own advance widths (read once per character through
 * PDFKit's font reader), the font the PNG is drawn with, so lines break where they fit.
 * Kerning is ignored: a few hundredths of an em, covered by the note's padding.
 */
let measurer: PDFKit.PDFDocument | null = null;
// PDFKit is required on the first measurement, not imported at start-up (it takes a good part of
// a second to load and only exports use it). It is CommonJS, so this is the module import() gives.
const require = createRequire(import.meta.url);
const advance = new Map<string, number>();
function charWidth(char: string): number {
  const hit = advance.get(char);
  if (hit !== undefined) return hit;
  if (!measurer) {
    const PDFDocument = require('pdfkit') as typeof import('pdfkit');
    measurer = new PDFDocument({ autoFirstPage: false });
    measurer.registerFont('r', FONT_REGULAR);
  }
  const width = measurer.font('r').fontSize(1).widthOfString(char);
  if (advance.size < 10_000) advance.set(char, width);
  return width;
}
function measure(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width * fontSize;
}

const MAX_FONT = 22;
const MIN_FONT = 11;

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids (control characters) are dropped rather than escaped.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Word-wraps `text` to `width`; `broke` says whether a word had to be split. */
function wrap(text: string, width: number, fontSize: number): { lines: string[]; broke: boolean } {
  const lines: string[] = [];
  let broke = false;
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      if (word === '') continue;
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate, fontSize) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      for (const char of Array.from(word)) {
        if (line !== '' && measure(line + char, fontSize) > width) {
          lines.push(line);
          line = '';
          broke = true;
        }
        line += char;
      }
    }
    lines.push(line);
  }
  return { lines, broke };
}

/** The biggest font from 22 down to 11 at which the text fits; at 11 the rest is cut with "…". */
export function fitText(
  text: string,
  width: number,
  height: number,
): { fontSize: number; lines: string[] } {
  // A size that splits a word is taken only when nothing bigger fits whole words.
  for (let size = MAX_FONT; size >= MIN_FONT; size -= 1) {
    const { lines, broke } = wrap(text, width, size);
    if (!broke && lines.length * size * LINE_HEIGHT <= height) return { fontSize: size, lines };
  }
  for (let size = MAX_FONT; size > MIN_FONT; size -= 1) {
    const { lines } = wrap(text, width, size);
    if (lines.length * size * LINE_HEIGHT <= height) return { fontSize: size, lines };
  }
  const { lines } = wrap(text, width, MIN_FONT);
  const fit = Math.max(1, Math.floor(height / (MIN_FONT * LINE_HEIGHT)));
  if (lines.length <= fit) return { fontSize: MIN_FONT, lines };
  const kept = lines.slice(0, fit);
  kept[fit - 1] = `${(kept[fit - 1] ?? '').replace(/.?$/, '')}…`;
  return { fontSize: MIN_FONT, lines: kept };
}

function textBlock(x: number, y: number, fontSize: number, lines: readonly string[], attrs = '') {
  const step = fontSize * LINE_HEIGHT;
  const spans = lines
    .map(
      (line, i) =>
        `<tspan x="${x}" y="${round(y + fontSize + i * step)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  return `<text font-size="${fontSize}" ${attrs}>${spans}</text>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Image files of the board by id (the stored, re-encoded images), for image items. */
export type ExportImages = ReadonlyMap<string, { mime: string; data: Uint8Array }>;

const NO_IMAGES: ExportImages = new Map();

/**
 * An image item: the stored picture embedded (a data: URI, so the SVG is one file), fitted in
 * the item's box, its description as the image's title (what a screen reader reads). A file
 * that is not there (deleted) leaves a grey box with the description.
 */
function imageSvg(note: NoteView, blob: string, images: ExportImages): string {
  const { x, y, w, h } = note;
  const file = images.get(blob);
  const title = note.text ? `<title>${escapeXml(note.text)}</title>` : '';
  if (!file) {
    const fit = fitText(note.text, w - 2 * PAD, h - 2 * PAD);
    return `<g transform="translate(${round(x)} ${round(y)})"><rect width="${w}" height="${h}" fill="#e6e9ed"/>${textBlock(PAD, PAD, fit.fontSize, fit.lines, `fill="${MUTED}"`)}</g>`;
  }
  const uri = `data:${file.mime};base64,${Buffer.from(file.data).toString('base64')}`;
  return `<g id="note-${escapeXml(note.id)}" role="img">${title}<rect x="${round(x)}" y="${round(y)}" width="${w}" height="${h}" fill="#ffffff"/><image x="${round(x)}" y="${round(y)}" width="${w}" height="${h}" preserveAspectRatio="xMidYMid meet" href="${uri}"/></g>`;
}

/** A link item: a card with the address's host, the title and the address. */
function linkSvg(note: NoteView, url: string): string {
  const { x, y, w, h } = note;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const fit = fitText(note.text || url, w - 2 * PAD, h - 2 * PAD - 44);
  return [
    `<g id="note-${escapeXml(note.id)}" transform="translate(${round(x)} ${round(y)})">`,
    `<rect width="${w}" height="${h}" rx="10" fill="${NOTE_COLORS[note.color]}"/>`,
    `<text x="${PAD}" y="20" font-size="12" fill="${MUTED}">${escapeXml(host)}</text>`,
    textBlock(PAD, 28, fit.fontSize, fit.lines, `fill="${TEXT}"`),
    `<text x="${PAD}" y="${h - PAD}" font-size="11" fill="#0B57D0">${escapeXml(fitText(url, w - 2 * PAD, 16).lines[0] ?? '')}</text>`,
    '</g>',
  ].join('');
}

function noteSvg(note: NoteView, votes: number, images: ExportImages): string {
  if (note.media?.kind === 'image') return imageSvg(note, note.media.blob, images);
  if (note.media?.kind === 'link') return linkSvg(note, note.media.url);
  const { x, y, w, h } = note;
  const showAuthor = h >= 90 && (note.authorName !== '' || note.organisation);
  const textH = h - 2 * PAD - (showAuthor ? AUTHOR_LINE : 0);
  const fit = fitText(note.text, w - 2 * PAD, textH);
  const parts = [
    `<g id="note-${escapeXml(note.id)}" transform="translate(${round(x)} ${round(y)})">`,
    `<rect x="0" y="3" width="${w}" height="${h}" rx="10" fill="rgba(0,0,0,0.12)"/>`,
    `<rect width="${w}" height="${h}" rx="10" fill="${NOTE_COLORS[note.color]}"/>`,
    textBlock(PAD, PAD, fit.fontSize, fit.lines, `fill="${TEXT}"`),
  ];
  if (showAuthor) {
    const byline = [note.authorName, note.organisation].filter(Boolean).join(' · ');
    const cut = fitText(byline, w - 2 * PAD, AUTHOR_LINE).lines[0] ?? '';
    parts.push(
      `<text x="${PAD}" y="${h - PAD}" font-size="11" fill="${MUTED}">${escapeXml(cut)}</text>`,
    );
  }
  if (votes > 0) {
    parts.push(
      `<circle cx="${w - 4}" cy="4" r="15" fill="#1A56DB"/>`,
      `<text x="${w - 4}" y="9" font-size="14" font-weight="bold" text-anchor="middle" fill="#ffffff">${votes}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function overlaps(
  a: { x: number; y: number; w: number; h: number },
  b: { x: number; y: number; w: number; h: number },
): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The area to draw: everything on the board, with a margin. */
function extent(boxes: ReadonlyArray<{ x: number; y: number; w: number; h: number }>) {
  const b = boundsOf(boxes) ?? { x: MARGIN, y: MARGIN, w: 800 - 2 * MARGIN, h: 600 - 2 * MARGIN };
  return {
    x: Math.floor(b.x - MARGIN),
    y: Math.floor(b.y - MARGIN),
    w: Math.ceil(b.w + 2 * MARGIN),
    h: Math.ceil(b.h + 2 * MARGIN),
  };
}

export interface SvgResult {
  svg: string;
  width: number;
  height: number;
}

/** Where everything is drawn: notes in their roadmap cells, collapsed clusters as cards. */
function arrange(view: BoardView) {
  const layout = layoutRoadmap(view.roadmap, view.notes);
  const hidden = new Set<string>();
  for (const c of view.clusters) if (c.collapsed) for (const id of c.members) hidden.add(id);
  const notes = view.notes
    .filter((n) => !hidden.has(n.id))
    .map((n) => {
      const at = layout.placed.get(n.id);
      return at ? { ...n, x: at.x, y: at.y } : n;
    });
  const clusterBoxes = view.clusters.map((c) =>
    c.collapsed ? { ...c, w: Math.min(c.w, 260), h: 100 } : c,
  );
  const all = extent([...notes, ...clusterBoxes, ...(layout.geometry ? [layout.geometry] : [])]);
  return { notes, clusterBoxes, layout, all };
}

/** The rectangle of the board an SVG of `view` shows (board units, with a margin). */
export function svgExtent(view: BoardView) {
  return arrange(view).all;
}

/**
 * The board (or the part of it a scope left in `view`) as SVG. With `frame`, only that
 * rectangle of the board, and only what overlaps it: a tiled PNG renders strip by strip
 * without handing every strip the whole board (png.ts).
 */
export function renderSvg(
  view: BoardView,
  images: ExportImages = NO_IMAGES,
  frame?: { x: number; y: number; w: number; h: number },
): SvgResult {
  const report = buildReport(view);
  const votes = new Map(report.notes.map((n) => [n.id, n.votes]));
  const { notes, clusterBoxes, layout, all } = arrange(view);
  const box = frame ?? all;
  // Shadows, vote badges and titles reach a little past an item's box.
  const near = (b: { x: number; y: number; w: number; h: number }) =>
    !frame || overlaps(b, { x: box.x - 24, y: box.y - 24, w: box.w + 48, h: box.h + 48 });
  const geometry = layout.geometry && near(layout.geometry) ? layout.geometry : null;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${box.w}" height="${box.h}" viewBox="${box.x} ${box.y} ${box.w} ${box.h}" font-family="${FONT}" role="img" aria-labelledby="paja-title">`,
    `<title id="paja-title">${escapeXml(view.meta.title || report.labels.untitled)}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" fill="#f6f8fa"/>`,
  ];
  if (geometry) {
    const { x, y, w, h } = geometry;
    out.push(
      `<g class="roadmap"><rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#ffffff" stroke="#8c959f" stroke-width="2"/>`,
      `<rect x="${x}" y="${y}" width="${w}" height="${PERIOD_HEADER_H}" fill="#e8eef8"/>`,
      `<rect x="${x}" y="${y}" width="${LANE_HEADER_W}" height="${h}" fill="#eef3ea"/>`,
    );
    for (const p of geometry.periods) {
      out.push(
        `<line x1="${p.x}" y1="${y}" x2="${p.x}" y2="${y + h}" stroke="#8c959f"/>`,
        `<text x="${p.x + 16}" y="${y + 36}" font-size="22" font-weight="bold" fill="${TEXT}">${escapeXml(p.title)}</text>`,
      );
    }
    for (const l of geometry.lanes) {
      const fit = fitText(l.title, LANE_HEADER_W - 32, l.h - 32);
      out.push(
        `<line x1="${x}" y1="${l.y}" x2="${x + w}" y2="${l.y}" stroke="#8c959f"/>`,
        textBlock(
          x + 16,
          l.y + 16,
          Math.min(fit.fontSize, 20),
          fit.lines,
          `font-weight="bold" fill="${TEXT}"`,
        ),
      );
    }
    out.push('</g>');
  }
  for (const c of clusterBoxes.filter(near)) {
    const color = NOTE_COLORS[c.color];
    const title = escapeXml(c.title || report.labels.topic);
    if (c.collapsed) {
      out.push(
        `<g class="cluster"><rect x="${c.x}" y="${c.y}" width="${c.w}" height="${c.h}" rx="12" fill="${color}" stroke="#57606a"/>`,
        `<text x="${c.x + 16}" y="${c.y + 40}" font-size="20" font-weight="bold" fill="${TEXT}">${title}</text>`,
        `<text x="${c.x + 16}" y="${c.y + 72}" font-size="15" fill="${MUTED}">${c.members.length}</text></g>`,
      );
      continue;
    }
    out.push(
      `<g class="cluster"><rect x="${c.x}" y="${c.y}" width="${c.w}" height="${c.h}" rx="14" fill="${color}" fill-opacity="0.35" stroke="#6e7781" stroke-width="2" stroke-dasharray="10 6"/>`,
      `<text x="${c.x + 16}" y="${c.y + Math.min(CLUSTER_HEADER, c.h) / 2 + 8}" font-size="24" font-weight="bold" fill="${TEXT}">${title}</text>`,
      `<text x="${c.x + c.w - 16}" y="${c.y + 36}" font-size="15" text-anchor="end" fill="${MUTED}">${c.members.length}</text></g>`,
    );
  }
  for (const note of notes.filter(near)) out.push(noteSvg(note, votes.get(note.id) ?? 0, images));
  out.push('</svg>');
  return { svg: `${out.join('\n')}\n`, width: box.w, height: box.h };
}
