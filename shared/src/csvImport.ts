import * as Y from 'yjs';
import { readBoard } from './board';
import { type Author, type BoardPoint, linesGrid } from './boardOps';
import { arrangeCluster, createCluster } from './clusters';
import { createNote } from './notes';
import { transact } from './roots';
import {
  isNoteColor,
  NOTE_DEFAULT_SIZE,
  NOTE_MAX_TEXT,
  type NoteColor,
  ORGANISATION_MAX,
} from './schema';

/**
 * Importing notes from a CSV file (a spreadsheet's export): parse, map columns, check limits,
 * then write the notes (and one cluster per topic) in ONE transaction, so an import is one
 * update and one undo step. Parsing and planning are pure, so the page can show a preview of
 * exactly what will be written.
 */
export const IMPORT_MAX_ROWS = 2000;
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_FIELDS = ['text', 'color', 'topic', 'author', 'organisation'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Column index per field (null: not imported). `text` is required. */
export type ColumnMapping = Record<ImportField, number | null>;

/** Splits CSV text (RFC 4180: quotes, doubled quotes, line breaks in quotes). */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** Comma, semicolon (Excel in Finnish and Swedish) or tab: whichever the first line has most of. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/** The names of each field's column that the import recognises in a header row, in fi, sv and en. */
const HEADER_WORDS: Record<ImportField, RegExp> = {
  text: /^(text|teksti|note|lappu|idea|kommentti)$/i,
  color: /^(colou?r|väri|färg)$/i,
  topic: /^(topic|aihe|ämne|cluster|ryhmä|grupp)$/i,
  author: /^(author|kirjoittaja|författare|name|nimi|namn)$/i,
  organisation: /^(organi[sz]ation|organisaatio|kunta|kommun)$/i,
};

/** Whether a row names at least one column the import knows (so it is a header, not a note). */
export function isHeaderRow(row: readonly string[]): boolean {
  return row.some((cell) => IMPORT_FIELDS.some((field) => HEADER_WORDS[field].test(cell.trim())));
}

/** A guess of the mapping from a header row, in fi, sv and en. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const mapping = {
    text: null,
    color: null,
    topic: null,
    author: null,
    organisation: null,
  } as ColumnMapping;
  for (const field of IMPORT_FIELDS) {
    const i = header.findIndex((h) => HEADER_WORDS[field].test(h.trim()));
    mapping[field] = i >= 0 ? i : null;
  }
  if (mapping.text === null && header.length > 0) mapping.text = 0;
  return mapping;
}

export interface PlannedNote {
  text: string;
  color: NoteColor | null;
  topic: string;
  author: string;
  organisation: string;
}

/** Why some rows were left out or changed; the page says each in the person's language. */
export interface ImportReport {
  notes: PlannedNote[];
  emptySkipped: number;
  tooLongCut: number;
  unknownColors: number;
  tooManyRows: number;
}

export function planImport(
  rows: readonly string[][],
  mapping: ColumnMapping,
  hasHeader: boolean,
): ImportReport {
  const cell = (row: readonly string[], field: ImportField) => {
    const i = mapping[field];
    return i === null ? '' : (row[i] ?? '').trim();
  };
  const body = hasHeader ? rows.slice(1) : rows;
  const report: ImportReport = {
    notes: [],
    emptySkipped: 0,
    tooLongCut: 0,
    unknownColors: 0,
    tooManyRows: Math.max(0, body.length - IMPORT_MAX_ROWS),
  };
  for (const row of body.slice(0, IMPORT_MAX_ROWS)) {
    let text = cell(row, 'text');
    if (text === '') {
      report.emptySkipped += 1;
      continue;
    }
    if (text.length > NOTE_MAX_TEXT) {
      text = text.slice(0, NOTE_MAX_TEXT);
      report.tooLongCut += 1;
    }
    const colorCell = cell(row, 'color').toLowerCase();
    const color = isNoteColor(colorCell) ? colorCell : null;
    if (colorCell !== '' && !color) report.unknownColors += 1;
    report.notes.push({
      text,
      color,
      topic: cell(row, 'topic').slice(0, 200),
      author: cell(row, 'author').slice(0, 80),
      organisation: cell(row, 'organisation').slice(0, ORGANISATION_MAX),
    });
  }
  return report;
}

/**
 * Writes planned notes: one cluster per topic (in first-seen order, side by side, arranged),
 * the notes without a topic in a grid below. One transaction. Returns the new note ids.
 */
export function importNotes(
  doc: Y.Doc,
  notes: readonly PlannedNote[],
  at: BoardPoint,
  importer: Author,
): string[] {
  const ids: string[] = [];
  transact(doc, () => {
    const byTopic = new Map<string, PlannedNote[]>();
    for (const note of notes) {
      const list = byTopic.get(note.topic);
      if (list) list.push(note);
      else byTopic.set(note.topic, [note]);
    }
    let x = at.x;
    const gap = 80;
    const columns = 4;
    const write = (note: PlannedNote, p: BoardPoint) => {
      const id = createNote(doc, {
        ...p,
        text: note.text,
        ...(note.color ? { color: note.color } : {}),
        authorId: importer.id,
        authorName: note.author || importer.name,
        ...(note.organisation ? { organisation: note.organisation } : {}),
      });
      ids.push(id);
      return id;
    };
    let loose: PlannedNote[] = [];
    for (const [topic, list] of byTopic) {
      if (topic === '') {
        loose = list;
        continue;
      }
      const positions = linesGrid(list.length, { x, y: at.y });
      const members = list.map((note, i) => write(note, positions[i] ?? at));
      const cluster = createCluster(doc, { noteIds: members, title: topic, authorId: importer.id });
      arrangeCluster(doc, cluster, { columns });
      x += columns * (NOTE_DEFAULT_SIZE + 20) + gap;
    }
    const positions = linesGrid(loose.length, {
      x: at.x,
      y: at.y - 200 - Math.ceil(loose.length / 8) * 180,
    });
    loose.forEach((note, i) => {
      write(note, positions[i] ?? at);
    });
  });
  return ids;
}

/**
 * The area `importNotes(…, at, …)` covers: its notes and its topics' frames. The layout moves
 * with `at`, so a caller finds free room for a block of this size and imports where the block
 * lands there (the client's placement.ts), rather than over what the board already holds.
 * Worked out by importing into a scratch document: the layout is the operations' own.
 */
export function importBounds(
  notes: readonly PlannedNote[],
  at: BoardPoint,
): { x: number; y: number; w: number; h: number } | null {
  if (notes.length === 0) return null;
  const scratch = new Y.Doc();
  importNotes(scratch, notes, at, { id: 'scratch', name: '' });
  const { notes: written, clusters } = readBoard(scratch);
  scratch.destroy();
  const boxes = [...written, ...clusters];
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: left, y: top, w: right - left, h: bottom - top };
}
