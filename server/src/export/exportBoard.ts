import {
  type BoardView,
  boardShownIn,
  type ContentLang,
  isLocale,
  type Locale,
  readBoard,
} from '@paja/shared';
import * as Y from 'yjs';
import type { StoredBlob } from '../storage/BlobStore';
import { renderBackup } from './backup';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { type DrawSvg, renderPng } from './png';
import { buildReport, type Report } from './report';
import { type ExportScope, scopeSuffix, scopeView, WHOLE_BOARD } from './scope';
import { type ExportImages, renderSvg, svgExtent } from './svg';
import { renderCsv } from './tabular';
import { exportTimeZone } from './timeZone';
import { renderXlsx } from './xlsx';

export const EXPORT_FORMATS = ['pdf', 'svg', 'png', 'md', 'csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const EXPORT_MIME: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  svg: 'image/svg+xml',
  png: 'image/png',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

export interface ExportFile {
  bytes: Buffer;
  mime: string;
  /** A file name made of the board's title and the format, safe in every file system. */
  filename: string;
}

/** A file name from a title: letters (åäö too), digits and dashes; "paja-board" if none. */
export function exportFilename(title: string, format: ExportFormat, suffix = ''): string {
  const base =
    title
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'paja-board';
  return `${base}${suffix}.${format}`;
}

/** The board as an export reads it: taken at one moment, so later edits do not mix in. */
export interface BoardCapture {
  view: BoardView;
  /**
   * The language to export the texts in (each translated text in it, else its original), and
   * the language of the file's own words; null: every text as written, labels in the board's
   * locale. The JSON backup always holds every language.
   */
  lang: ContentLang | null;
  /** The whole document (for the JSON backup). */
  state: Uint8Array;
  /** The part of the board an SVG or PNG shows (scope.ts); the reports are of the whole. */
  scope: ExportScope;
  /** The image items' files, read from storage before rendering (media.ts). */
  images: ExportImages;
  /** The files the JSON backup carries (backupFiles.ts): read before, like `images`. */
  files: readonly StoredBlob[];
  /** The IANA zone the reports' times are written in, validated (timeZone.ts). */
  timeZone: string;
  /**
   * The language of the file's own words (headings, labels) when the exporting person's
   * interface is in another than the texts': an English reader of a Finnish board gets English
   * headings over the Finnish notes. Null: as `lang`, else the board's locale.
   */
  headings: Locale | null;
}

export interface CaptureOptions {
  scope?: ExportScope;
  images?: ExportImages;
  files?: readonly StoredBlob[];
  lang?: ContentLang | null;
  /**
   * The exporting person's time zone, as their browser names it; anything Intl does not know
   * (or nothing) gives DEFAULT_TIME_ZONE.
   */
  timeZone?: unknown;
  /** The exporting person's interface language, for the file's own words; checked here. */
  headings?: unknown;
}

/** Reads the board now, synchronously; rendering may then take its time. */
export function captureBoard(doc: Y.Doc, options: CaptureOptions = {}): BoardCapture {
  return {
    view: readBoard(doc),
    lang: options.lang ?? null,
    state: Y.encodeStateAsUpdate(doc),
    scope: options.scope ?? WHOLE_BOARD,
    images: options.images ?? new Map(),
    files: options.files ?? [],
    timeZone: exportTimeZone(options.timeZone),
    headings: isLocale(options.headings) ? options.headings : null,
  };
}

/** The board as a reader of `lang` sees it, its labels in `headings`, else in `lang`. */
function viewIn(view: BoardView, lang: ContentLang | null, headings: Locale | null): BoardView {
  if (lang === null && headings === null) return view;
  const shown = lang === null ? view : boardShownIn(view, lang);
  return { ...shown, meta: { ...shown.meta, locale: headings ?? lang ?? view.meta.locale } };
}

/** Renders one export of a captured board, from the board model. */
export async function renderExport(
  capture: BoardCapture,
  format: ExportFormat,
  progress: (fraction: number) => void = () => {},
): Promise<ExportFile> {
  const pictured = format === 'svg' || format === 'png';
  const filename = exportFilename(
    capture.view.meta.title,
    format,
    pictured ? scopeSuffix(capture.scope) : '',
  );
  const file = (bytes: Buffer): ExportFile => ({ bytes, mime: EXPORT_MIME[format], filename });
  if (format === 'json') return file(renderBackup(capture.view, capture.state, capture.files));
  const view = viewIn(capture.view, capture.lang, capture.headings);
  const report = (): Report => buildReport(view, { timeZone: capture.timeZone });
  switch (format) {
    case 'svg':
      return file(
        Buffer.from(renderSvg(scopeView(view, capture.scope), capture.images).svg, 'utf8'),
      );
    case 'png': {
      const part = scopeView(view, capture.scope);
      const draw: DrawSvg = (frame) => renderSvg(part, capture.images, frame);
      progress(0.05);
      return file((await renderPng(draw, svgExtent(part), progress)).png);
    }
    case 'md':
      return file(renderMarkdown(report()));
    case 'csv':
      return file(renderCsv(report()));
    case 'xlsx':
      return file(await renderXlsx(report()));
    case 'pdf':
      return file(await renderPdf(report(), progress, picturesByNote(capture)));
  }
}

/** The stored picture of each image item, by note id (for the PDF). */
function picturesByNote(capture: BoardCapture): Map<string, Uint8Array> {
  const pictures = new Map<string, Uint8Array>();
  for (const note of capture.view.notes) {
    const file = note.media?.kind === 'image' ? capture.images.get(note.media.blob) : undefined;
    if (file) pictures.set(note.id, file.data);
  }
  return pictures;
}

/** Captures and renders in one call (the CLI, tests). */
export function exportBoard(
  doc: Y.Doc,
  format: ExportFormat,
  progress?: (fraction: number) => void,
  options: CaptureOptions = {},
): Promise<ExportFile> {
  return renderExport(captureBoard(doc, options), format, progress);
}
