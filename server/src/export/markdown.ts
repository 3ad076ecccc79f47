import { type Report, type ReportComment, stamp } from './report';

/** Text as one Markdown line: no line breaks, and nothing read as markup. */
function inline(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>#|])/g, '\\$1')
    .trim();
}

function byline(author: string, organisation: string): string {
  const who = [author, organisation].filter((s) => s !== '').map(inline);
  return who.length > 0 ? ` (${who.join(', ')})` : '';
}

/**
 * A first comment names what it is about; a reply is a nested item under its own first
 * comment (report.ts puts it right after its thread), which says that already.
 */
function commentLine(c: ReportComment, on: string, unshown: string): string {
  const who = `**${inline(c.author)}**`;
  if (c.replyTo !== null) return `  - ${who}: ${inline(c.text)}`;
  // A reply whose comment is not in the report (hidden, waiting, deleted) says so: it did
  // not start the conversation.
  const reply = c.reply ? `, ${unshown}` : '';
  return `- ${who} (${on}: ${inline(c.on)}${reply}): ${inline(c.text)}`;
}

/** The workshop report as Markdown: topics with their notes, the roadmap, votes, comments. */
export function renderMarkdown(report: Report): Buffer {
  const l = report.labels;
  const out: string[] = [
    `# ${inline(report.title) || l.untitled}`,
    '',
    `${l.report} · ${l.exported} ${stamp(report)} · ${l.notes}: ${report.notes.length}`,
    '',
    `## ${l.topics}`,
    '',
  ];
  if (report.topics.length === 0) out.push(l.none, '');
  const filled = report.topics.filter((t) => t.notes.length > 0);
  const empty = report.topics.filter((t) => t.notes.length === 0);
  // One line for them all, before the topics' own headings (after the last one it would read
  // as part of it): a heading over nothing, once per empty topic, buried the others.
  if (empty.length > 0) {
    out.push(`${l.emptyTopics}: ${empty.map((t) => inline(t.title)).join(', ')}`, '');
  }
  for (const topic of filled) {
    out.push(`### ${inline(topic.title)} (${topic.notes.length})`, '');
    for (const n of topic.notes) {
      const extras = [
        n.votes > 0 ? `${l.votes}: ${n.votes}` : '',
        n.comments > 0 ? `${l.commentCount}: ${n.comments}` : '',
      ].filter((s) => s !== '');
      const tail = extras.length > 0 ? ` — ${extras.join(', ')}` : '';
      out.push(`- ${inline(n.text) || '…'}${byline(n.author, n.organisation)}${tail}`);
    }
    out.push('');
  }
  const { lanes, periods, cells } = report.roadmap;
  if (lanes.length > 0 || periods.length > 0) {
    out.push(`## ${l.roadmap}`, '');
    out.push(`| ${l.lane} | ${periods.map(inline).join(' | ')} |`);
    out.push(`|${' --- |'.repeat(periods.length + 1)}`);
    lanes.forEach((lane, i) => {
      const row = periods.map((_, j) => (cells[i]?.[j] ?? []).map(inline).join('<br>'));
      out.push(`| ${inline(lane)} | ${row.join(' | ')} |`);
    });
    out.push('');
  }
  out.push(`## ${l.voteResults}`, '');
  if (report.votes.length === 0) out.push(l.none, '');
  for (const vote of report.votes) {
    out.push(`### ${inline(vote.title)} (${l.voters}: ${vote.voters})`, '');
    for (const r of vote.results) out.push(`${r.rank}. ${inline(r.text) || '…'} — ${r.count}`);
    out.push('');
  }
  out.push(`## ${l.comments}`, '');
  if (report.comments.length === 0) out.push(l.none, '');
  for (const c of report.comments) out.push(commentLine(c, l.on, l.replyToUnshown));
  return Buffer.from(`${out.join('\n').trimEnd()}\n`, 'utf8');
}
