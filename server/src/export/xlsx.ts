import type { Report } from './report';
import { noteTable } from './tabular';
import { wallClock } from './timeZone';

/**
 * The report as a workbook: the notes (one row each, as in the CSV), the roadmap as a grid,
 * the vote results and the comments, each on its own sheet.
 *
 * Texts are written as they are, with no guard apostrophe: unlike a CSV field, an XLSX cell
 * says its type. exceljs writes a JavaScript string as a string cell (a shared string, never a
 * formula; a formula is only ever an object with `formula`), which spreadsheets show as text
 * and never run. The CSV's apostrophe would be shown here as part of the note.
 * exports.test.ts reads the file back and checks every cell is a string with the exact text.
 */
export async function renderXlsx(report: Report): Promise<Buffer> {
  // Loaded on first use, not at start-up: exceljs alone takes about half a second to load.
  const { default: ExcelJS } = await import('exceljs');
  const l = report.labels;
  const book = new ExcelJS.Workbook();
  book.creator = 'Paja';
  book.title = report.title;
  book.created = new Date(report.exportedAt);

  const notes = book.addWorksheet(l.notes);
  const table = noteTable(report);
  notes.addRow(table.header).font = { bold: true };
  for (const row of table.rows) notes.addRow(row);
  notes.columns.forEach((column, i) => {
    column.width = i === 2 ? 60 : 22;
  });
  notes.views = [{ state: 'frozen', ySplit: 1 }];

  const { lanes, periods, cells } = report.roadmap;
  const roadmap = book.addWorksheet(l.roadmap);
  roadmap.addRow([l.lane, ...periods]).font = { bold: true };
  lanes.forEach((lane, i) => {
    roadmap.addRow([lane, ...periods.map((_, j) => (cells[i]?.[j] ?? []).join('\n'))]);
  });
  roadmap.columns.forEach((column) => {
    column.width = 30;
    column.alignment = { wrapText: true, vertical: 'top' };
  });

  const votes = book.addWorksheet(l.voteResults);
  votes.addRow([l.voteResults, l.rank, l.text, l.votes, l.voters]).font = { bold: true };
  for (const vote of report.votes) {
    for (const r of vote.results) {
      votes.addRow([vote.title, r.rank, r.text, r.count, vote.voters]);
    }
  }

  // Thread by thread (report.ts), numbered, each reply naming the comment it answers: a
  // reader can sort or filter the sheet and still follow a thread. The time is a date cell in
  // the exporting person's zone, named in the heading (a cell has no zone of its own).
  const comments = book.addWorksheet(l.comments);
  comments.addRow([
    l.commentNumber,
    `${l.time} (${report.timeZone})`,
    l.on,
    l.author,
    l.text,
    l.replyTo,
  ]).font = { bold: true };
  for (const c of report.comments) {
    const time = wallClock(c.createdAt, report.timeZone);
    // A reply whose comment is not in the file (hidden, waiting, deleted) says so there.
    const answers = c.replyTo ?? (c.reply ? l.replyToUnshown : null);
    comments.addRow([c.number, time, c.on, c.author, c.text, answers]);
  }
  comments.columns.forEach((column, i) => {
    column.width = [8, 20, 30, 20, 60, 14][i] ?? 20;
  });
  comments.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
  comments.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  comments.views = [{ state: 'frozen', ySplit: 1 }];

  return Buffer.from(await book.xlsx.writeBuffer());
}
