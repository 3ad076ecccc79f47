import type { Report } from './report';
import { neutraliseFormula, noteTable } from './tabular';

/**
 * The report as a workbook: the notes (one row each, as in the CSV), the roadmap as a grid,
 * the vote results and the comments, each on its own sheet. Strings are written as strings
 * (exceljs never makes a formula of one), and escaped as in the CSV anyway, because the file
 * may be saved again as CSV.
 */
export async function renderXlsx(report: Report): Promise<Buffer> {
  // Loaded on first use, not at start-up: exceljs alone takes about half a second to load.
  const { default: ExcelJS } = await import('exceljs');
  const l = report.labels;
  const book = new ExcelJS.Workbook();
  book.creator = 'Paja';
  book.title = report.title;
  book.created = new Date(report.exportedAt);
  const text = (v: string | number) => (typeof v === 'string' ? neutraliseFormula(v) : v);

  const notes = book.addWorksheet(l.notes);
  const table = noteTable(report);
  notes.addRow(table.header).font = { bold: true };
  for (const row of table.rows) notes.addRow(row.map(text));
  notes.columns.forEach((column, i) => {
    column.width = i === 2 ? 60 : 22;
  });
  notes.views = [{ state: 'frozen', ySplit: 1 }];

  const { lanes, periods, cells } = report.roadmap;
  const roadmap = book.addWorksheet(l.roadmap);
  roadmap.addRow([l.lane, ...periods.map(text)]).font = { bold: true };
  lanes.forEach((lane, i) => {
    roadmap.addRow([text(lane), ...periods.map((_, j) => text((cells[i]?.[j] ?? []).join('\n')))]);
  });
  roadmap.columns.forEach((column) => {
    column.width = 30;
    column.alignment = { wrapText: true, vertical: 'top' };
  });

  const votes = book.addWorksheet(l.voteResults);
  votes.addRow([l.voteResults, l.rank, l.text, l.votes, l.voters]).font = { bold: true };
  for (const vote of report.votes) {
    for (const r of vote.results) {
      votes.addRow([text(vote.title), r.rank, text(r.text), r.count, vote.voters]);
    }
  }

  const comments = book.addWorksheet(l.comments);
  comments.addRow([l.on, l.author, l.text]).font = { bold: true };
  for (const c of report.comments) comments.addRow([text(c.on), text(c.author), text(c.text)]);

  return Buffer.from(await book.xlsx.writeBuffer());
}
