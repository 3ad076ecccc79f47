import { type Report, stamp } from './report';

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

/** The workshop report as Markdown: topics with their notes, the roadmap, votes, comments. */
export function renderMarkdown(report: Report): Buffer {
  const l = report.labels;
  const out: string[] = [
    `# ${inline(report.title) || l.untitled}`,
    '',
    `${l.report} · ${l.exported} ${stamp(report.exportedAt)} · ${l.notes}: ${report.notes.length}`,
    '',
    `## ${l.topics}`,
    '',
  ];
  if (report.topics.length === 0) out.push(l.none, '');
  for (const topic of report.topics) {
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
  for (const c of report.comments) {
    const indent = c.reply ? '  ' : '';
    out.push(`${indent}- **${inline(c.author)}** (${l.on}: ${inline(c.on)}): ${inline(c.text)}`);
  }
  return Buffer.from(`${out.join('\n').trimEnd()}\n`, 'utf8');
}
