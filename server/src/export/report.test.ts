import {
  addComment,
  type CommentView,
  hideInDocument,
  readBoard,
  replyToComment,
} from '@paja/shared';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportJobs } from './ExportJobs';
import { exportBoard, renderExport } from './exportBoard';
import { renderMarkdown } from './markdown';
import { buildReport, commentThreads, stamp, topResults } from './report';
import { ROADMAP, roadmapBoard } from './testBoard';
import { DEFAULT_TIME_ZONE, exportTimeZone, wallClock } from './timeZone';

// The defects a tester found in the exports of a Finnish roadmap board (testBoard.ts,
// roadmapBoard), each read back from the file by a reader that is not ours.

async function pdfPages(doc = roadmapBoard()): Promise<string[]> {
  const file = await exportBoard(doc, 'pdf');
  const parser = new PDFParse({ data: new Uint8Array(file.bytes) });
  const { pages } = await parser.getText();
  await parser.destroy();
  return pages.map((p) => p.text.replace(/\s+/g, ' '));
}

async function markdown(options: Parameters<typeof exportBoard>[3] = {}): Promise<string> {
  return (await exportBoard(roadmapBoard(), 'md', undefined, options)).bytes.toString('utf8');
}

async function sheet(name: string): Promise<unknown[][]> {
  const file = await exportBoard(roadmapBoard(), 'xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.getWorksheet(name)?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

/** Where each string first occurs in `text`; -1 where it does not. */
const positions = (text: string, parts: readonly string[]) => parts.map((p) => text.indexOf(p));
const ascending = (xs: number[]) => xs.every((x, i) => x >= 0 && (i === 0 || x > (xs[i - 1] ?? 0)));

describe('comment threads in the reports', () => {
  it('Markdown: each reply is nested under its own comment, not the one before it', async () => {
    const lines = (await markdown()).split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines[at(ROADMAP.erikOnA)]).toMatch(/^- \*\*Erik\*\* \(Kohde: Kaavoitus/);
    expect(lines[at(ROADMAP.erikOnA) + 1]).toBe(`  - **Anna**: ${ROADMAP.annaToErik}`);
    expect(lines[at(ROADMAP.johnOnB)]).toMatch(/^- \*\*John\*\* \(Kohde: Kirjastot/);
    expect(lines[at(ROADMAP.johnOnB) + 1]).toBe(`  - **Erik**: ${ROADMAP.erikToJohn}`);
  });

  it('PDF: each reply follows its own comment', async () => {
    const text = (await pdfPages()).join(' ');
    const order = [ROADMAP.erikOnA, ROADMAP.annaToErik, ROADMAP.johnOnB, ROADMAP.erikToJohn];
    expect(ascending(positions(text, order))).toBe(true);
  });

  it('XLSX: numbered comments with their time and the number of the comment a reply answers', async () => {
    const rows = await sheet('Kommentit');
    expect(rows[0]).toEqual([
      'Nro',
      'Aika (Europe/Helsinki)',
      'Kohde',
      'Kirjoittaja',
      'Teksti',
      'Vastaus kommenttiin nro',
    ]);
    const comments = readBoard(roadmapBoard()).comments;
    const created = (text: string) => comments.find((c) => c.text === text)?.createdAt ?? -1;
    const row = (n: number, text: string, author: string, on: string, replyTo?: number) => [
      n,
      wallClock(created(text), DEFAULT_TIME_ZONE),
      on,
      author,
      text,
      ...(replyTo === undefined ? [] : [replyTo]),
    ];
    expect(rows.slice(1)).toEqual([
      row(1, ROADMAP.erikOnA, 'Erik', ROADMAP.noteA),
      row(2, ROADMAP.annaToErik, 'Anna', ROADMAP.noteA, 1),
      row(3, ROADMAP.johnOnB, 'John', ROADMAP.noteB),
      row(4, ROADMAP.erikToJohn, 'Erik', ROADMAP.noteB, 3),
    ]);
  });
});

describe('comment threads', () => {
  const comment = (id: string, parent: string | null, authorName = 'Erik'): CommentView => ({
    id,
    anchor: { kind: 'board' },
    parent,
    text: id,
    authorId: '',
    authorName,
    createdAt: 0,
    moderation: 'visible',
    resolved: false,
    status: 'visible',
    orphaned: false,
  });
  const threads = (shown: CommentView[]) =>
    commentThreads(shown, () => 'Taulu', 'Nimetön').map((c) => [c.text, c.replyTo]);

  it('a reply whose first comment is not shown stands alone, never under another thread', () => {
    // r1's first comment is pending or hidden; r2 answers a reply (a damaged document).
    const shown = [comment('a', null), comment('r1', 'gone'), comment('b', null)];
    shown.push(comment('r2', 'r1'), comment('rb', 'b'), comment('ra', 'a'));
    expect(threads(shown)).toEqual([
      ['a', null],
      ['ra', 1],
      ['r1', null],
      ['b', null],
      ['rb', 4],
      ['r2', null],
    ]);
  });

  it('says of a reply whose comment a moderator hid that it answers a comment not shown', async () => {
    const doc = roadmapBoard();
    const hidden = addComment(doc, {
      anchor: { kind: 'board' },
      text: 'Poistettava kommentti',
      authorName: 'anonymous',
    });
    replyToComment(doc, hidden, { text: 'Vastaus piilotettuun', authorName: 'Ed' });
    hideInDocument(doc, hidden);
    const md = (await exportBoard(doc, 'md')).bytes.toString('utf8');
    const line = md.split('\n').find((l) => l.includes('Vastaus piilotettuun')) ?? '';
    expect(line).toContain('vastaus kommenttiin, joka ei ole näkyvissä');
    expect(md).not.toContain('Poistettava kommentti');
    const file = await exportBoard(doc, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.getWorksheet('Kommentit')?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    const reply = rows.find((row) => row.includes('Vastaus piilotettuun'));
    expect(reply?.at(-1)).toBe('vastaus kommenttiin, joka ei ole näkyvissä');
  });

  it('names an anonymous author (stored without a name) in the board language', () => {
    const [c] = commentThreads([comment('a', null, '')], () => '', 'Nimetön');
    expect(c?.author).toBe('Nimetön');
  });
});

describe('topics in the reports', () => {
  it('PDF: no page for an empty topic; they are named together in the overview', async () => {
    const pages = await pdfPages();
    const [overview = '', ...rest] = pages;
    expect(overview).toContain(`Aiheet ilman lappuja: ${ROADMAP.emptyTopics.join(', ')}`);
    for (const title of ROADMAP.emptyTopics) {
      expect(rest.some((p) => p.includes(`${title} (0)`))).toBe(false);
    }
    // Overview, five topics, the notes in no topic, the roadmap, votes and comments.
    expect(pages).toHaveLength(9);
  });

  it('PDF and Markdown: topics in the order the board reads, row by row, left to right', async () => {
    const filled = ROADMAP.topicsInOrder.filter(
      (t) => !(ROADMAP.emptyTopics as readonly string[]).includes(t),
    );
    const heads = (await pdfPages()).slice(1, 1 + filled.length).map((p) => p.split(' (')[0]);
    expect(heads).toEqual(filled);
    const md = await markdown();
    expect(ascending(positions(md, [...filled.map((t) => `### ${t} (`), '### Ei aihetta']))).toBe(
      true,
    );
    expect(md).toContain(`Aiheet ilman lappuja: ${ROADMAP.emptyTopics.join(', ')}`);
    expect(md).not.toContain('(0)');
  });

  it('a note in a roadmap cell and in no topic is listed only in the roadmap table', async () => {
    const md = await markdown();
    const loose = md.slice(md.indexOf('### Ei aihetta'), md.indexOf('## Tiekartta'));
    expect(loose).toContain('### Ei aihetta (1)');
    expect(loose).toContain(ROADMAP.loose);
    const table = md.slice(md.indexOf('## Tiekartta'), md.indexOf('## Äänestysten'));
    for (const text of ROADMAP.cellOnly) {
      expect(loose).not.toContain(text);
      expect(table).toContain(text);
      expect(md.split(text)).toHaveLength(2); // once, in the table
    }
    const pages = await pdfPages();
    const noTopic = pages.find((p) => p.startsWith('Ei aihetta (1)')) ?? '';
    expect(noTopic).toContain(ROADMAP.loose);
    for (const text of ROADMAP.cellOnly) expect(noTopic).not.toContain(text);
    // A note in a topic and a cell stays under its topic, with its cell.
    expect(pages.find((p) => p.startsWith('Liikenne'))).toContain('Junayhteys Aino · Tiekartta');
  });

  it("the overview's top five keeps every note tied with the fifth", async () => {
    const [overview = ''] = await pdfPages();
    for (const text of ROADMAP.tiedFourth) expect(overview).toContain(`4. ${text} — 3`);
    expect(overview).not.toContain('Lukio-opinnot verkossa');
    const r = (count: number) => ({ count });
    expect(topResults([r(5), r(4), r(3)], 5)).toHaveLength(3);
    expect(topResults([r(9), r(7), r(3), r(3), r(3), r(3), r(1)], 3)).toHaveLength(6);
  });
});

describe('the export time in the reader’s time zone', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // 2026-12-07 22:08 UTC: already the 8th in Finland.
  const at = Date.UTC(2026, 11, 7, 22, 8);

  it('is written in the board language with the zone’s offset', () => {
    const view = readBoard(roadmapBoard());
    const report = buildReport(view, { now: at, timeZone: 'Europe/Helsinki' });
    expect(stamp(report)).toBe('8.12.2026 klo 0.08 UTC+2');
    expect(stamp({ ...report, locale: 'sv' })).toBe('8.12.2026 00.08 UTC+2');
    expect(stamp({ ...report, locale: 'en' })).toBe('8 Dec 2026, 00:08 UTC+2');
    expect(stamp({ ...report, timeZone: 'Asia/Tokyo' })).toBe('8.12.2026 klo 7.08 UTC+9');
    const md = renderMarkdown(report).toString('utf8');
    expect(md).toContain('Viety 8.12.2026 klo 0.08 UTC+2');
    expect(md).not.toContain('UTC ·');
  });

  it('takes the zone the request names, and Europe/Helsinki when it names none or no real one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    expect(await markdown({ timeZone: 'America/New_York' })).toContain('7.12.2026 klo 17.08 UTC-5');
    expect(await markdown()).toContain('8.12.2026 klo 0.08 UTC+2');
    expect(await markdown({ timeZone: 'Mars/Olympus_Mons' })).toContain('8.12.2026 klo 0.08 UTC+2');
    // An export job carries the zone to the worker that renders it.
    const jobs = new ExportJobs({ render: renderExport });
    const job = jobs.start('b1', roadmapBoard(), 'md', { timeZone: 'Asia/Tokyo' });
    await jobs.idle();
    expect(jobs.get('b1', job.id)?.file?.bytes.toString('utf8')).toContain('klo 7.08 UTC+9');
    expect(exportTimeZone('europe/stockholm')).toBe('Europe/Stockholm');
    for (const bad of [undefined, null, '', 42, 'x'.repeat(100), 'Not/A_Zone']) {
      expect(exportTimeZone(bad)).toBe(DEFAULT_TIME_ZONE);
    }
  });
});
