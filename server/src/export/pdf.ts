import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { type Report, type ReportNote, stamp, topResults } from './report';

/**
 * The workshop report as a tagged PDF (PDF/UA-style structure: Document, H1/H2, P, Table),
 * drawn with PDFKit: an overview page, one page per topic with its notes, the roadmap as a
 * table, the vote results and the comments. Text is vector text in embedded DejaVu Sans (a
 * subset), so å, ä, ö and Sámi letters survive, can be searched and are read aloud.
 *
 * `progress` is called with 0..1 as pages are written; the work yields to the event loop now
 * and then, so a big board's PDF does not stall the server's other boards.
 */
type Progress = (fraction: number) => void;

const TEXT = '#1F2328';
const MUTED = '#57606a';
const ACCENT = '#1A56DB';
const YIELD_EVERY = 200;
/** How many of the first vote's results the overview shows (and every note tied with the last). */
const OVERVIEW_RESULTS = 5;
/** How far a reply is indented under the comment it answers, in points. */
const REPLY_INDENT = 18;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `pictures`: the picture of each image item, by note id (PNG or JPEG, as the server stored
 * it), drawn under its description as a tagged Figure whose alternative text is that
 * description.
 */
export async function renderPdf(
  report: Report,
  progress: Progress = () => {},
  pictures: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<Buffer> {
  // Loaded here, not at start-up: PDFKit takes a good part of a second to load, and only an
  // export needs it (start time, see docs/ARCHITECTURE.md "Start-up").
  const { default: PDFDocument } = await import('pdfkit');
  const l = report.labels;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    autoFirstPage: false,
    tagged: true,
    pdfVersion: '1.7',
    lang: report.locale,
    displayTitle: true,
    info: { Title: report.title || l.untitled, Creator: 'Paja', Producer: 'Paja (PDFKit)' },
  });
  doc.registerFont('body', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);

  const heading = (level: 'H1' | 'H2' | 'H3', text: string) => {
    const size = level === 'H1' ? 24 : level === 'H2' ? 18 : 14;
    root.add(
      doc.struct(level, {}, () => {
        doc.font('bold').fontSize(size).fillColor(TEXT).text(text);
      }),
    );
    doc.moveDown(0.4);
  };
  const paragraph = (
    text: string,
    options: { color?: string; size?: number; indent?: number } = {},
  ) => {
    root.add(
      doc.struct('P', {}, () => {
        const x = doc.page.margins.left + (options.indent ?? 0);
        doc
          .font('body')
          .fontSize(options.size ?? 11)
          .fillColor(options.color ?? TEXT)
          .text(text, x, doc.y, { width: doc.page.width - doc.page.margins.right - x });
      }),
    );
  };
  const notePara = (n: ReportNote) => {
    const picture = pictures.get(n.id);
    if (picture) {
      root.add(
        doc.struct('Figure', { alt: n.text || l.notes }, () => {
          doc.image(Buffer.from(picture), { fit: [240, 180] });
        }),
      );
      doc.moveDown(0.3);
    }
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font('body')
          .fontSize(11)
          .fillColor(TEXT)
          .text(n.text || '…');
        const extras = [
          [n.author, n.organisation].filter(Boolean).join(', '),
          n.cell ? `${l.roadmap}: ${n.cell}` : '',
          n.votes > 0 ? `${l.votes}: ${n.votes}` : '',
          n.comments > 0 ? `${l.commentCount}: ${n.comments}` : '',
        ].filter(Boolean);
        if (extras.length > 0) doc.fontSize(9).fillColor(MUTED).text(extras.join(' · '));
      }),
    );
    doc.moveDown(0.5);
  };

  // Overview. Empty topics are named here together and get no page: a page each, nearly
  // blank, made a template's report mostly empty pages.
  const filled = report.topics.filter((t) => t.notes.length > 0);
  const empty = report.topics.filter((t) => t.notes.length === 0);
  doc.addPage();
  heading('H1', report.title || l.untitled);
  paragraph(`${l.report} · ${l.exported} ${stamp(report)}`, { color: MUTED, size: 10 });
  doc.moveDown();
  heading('H2', l.overview);
  const topicCount = report.topics.filter((t) => t.id !== null).length;
  paragraph(
    `${l.notes}: ${report.notes.length} · ${l.topics}: ${topicCount} · ${l.comments}: ${report.comments.length}`,
  );
  doc.moveDown(0.5);
  for (const topic of filled) paragraph(`• ${topic.title} (${topic.notes.length})`);
  if (empty.length > 0) {
    doc.moveDown(0.5);
    paragraph(`${l.emptyTopics}: ${empty.map((t) => t.title).join(', ')}`, { color: MUTED });
  }
  const top = report.votes[0];
  if (top && top.results.length > 0) {
    doc.moveDown();
    heading('H3', `${l.voteResults}: ${top.title}`);
    for (const r of topResults(top.results, OVERVIEW_RESULTS)) {
      paragraph(`${r.rank}. ${r.text} — ${r.count}`, { color: ACCENT });
    }
  }

  // One page per topic with notes, in the board's reading order (report.ts).
  const total = Math.max(1, report.notes.length);
  let written = 0;
  for (const topic of filled) {
    doc.addPage();
    heading('H2', `${topic.title} (${topic.notes.length})`);
    for (const note of topic.notes) {
      notePara(note);
      written += 1;
      if (written % YIELD_EVERY === 0) {
        progress(0.8 * (written / total));
        await yieldTurn();
      }
    }
  }

  // The roadmap as a table, on a landscape page.
  const { lanes, periods, cells } = report.roadmap;
  if (lanes.length > 0 && periods.length > 0) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 40 });
    heading('H2', l.roadmap);
    doc.font('body').fontSize(10).fillColor(TEXT);
    const data = [
      [l.lane, ...periods],
      ...lanes.map((lane, i) => [
        lane,
        ...periods.map((_, j) => (cells[i]?.[j] ?? []).map((t) => `• ${t}`).join('\n')),
      ]),
    ];
    root.add(
      doc.struct('Table', {}, () => {
        doc.table({
          data,
          defaultStyle: { padding: 6 },
          rowStyles: (i: number) => (i === 0 ? { backgroundColor: '#e8eef8' } : {}),
          columnStyles: (i: number) =>
            i === 0 ? { width: 120, backgroundColor: '#eef3ea' } : { width: '*' },
        });
      }),
    );
  }
  progress(0.9);

  // Vote results and comments.
  doc.addPage();
  heading('H2', l.voteResults);
  if (report.votes.length === 0) paragraph(l.none);
  for (const vote of report.votes) {
    heading('H3', `${vote.title} (${l.voters}: ${vote.voters})`);
    for (const r of vote.results) paragraph(`${r.rank}. ${r.text} — ${r.count}`);
    doc.moveDown(0.5);
  }
  doc.moveDown();
  heading('H2', l.comments);
  if (report.comments.length === 0) paragraph(l.none);
  // A reply sits indented under the comment it answers (report.ts keeps threads together),
  // so it need not repeat what the thread is about.
  for (const c of report.comments) {
    if (c.replyTo !== null) paragraph(`↳ ${c.author}: ${c.text}`, { indent: REPLY_INDENT });
    else if (c.reply) paragraph(`${c.author} (${l.on}: ${c.on}, ${l.replyToUnshown}): ${c.text}`);
    else paragraph(`${c.author} (${l.on}: ${c.on}): ${c.text}`);
    doc.moveDown(0.3);
  }
  root.end();
  doc.end();
  await done;
  progress(1);
  return Buffer.concat(chunks);
}
