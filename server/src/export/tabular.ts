import type { Report } from './report';

/** The one-row-per-note table that CSV and XLSX write: header row and rows. */
export function noteTable(report: Report): {
  header: string[];
  rows: Array<Array<string | number>>;
} {
  const l = report.labels;
  return {
    header: [l.topic, l.roadmapCell, l.text, l.author, l.organisation, l.votes, l.commentCount],
    rows: report.notes.map((n) => [
      n.topic,
      n.cell,
      n.text,
      n.author,
      n.organisation,
      n.votes,
      n.comments,
    ]),
  };
}

/**
 * A spreadsheet reads a cell starting with = + - @ (or a tab or carriage return, which some
 * spreadsheets strip before looking) as a formula: a note "=HYPERLINK(...)" written by a
 * participant would run in the facilitator's spreadsheet. Such a cell is written with a
 * leading apostrophe, which spreadsheets show as text (OWASP's advice for CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * CSV (RFC 4180, comma separated, CRLF) with a UTF-8 byte order mark, without which Excel
 * reads å, ä and ö as two characters each.
 */
export function renderCsv(report: Report): Buffer {
  const { header, rows } = noteTable(report);
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
