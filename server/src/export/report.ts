import {
  type BoardView,
  type ClusterView,
  type CommentView,
  isAnonymousName,
  type Locale,
} from '@paja/shared';
import { type ExportLabels, exportLabels } from './labels';
import { DEFAULT_TIME_ZONE, localStamp } from './timeZone';

/**
 * The workshop report as plain data: what every export writes, read once from the board.
 * Only what everyone on the board may see goes in: revealed vote results (secret dots are
 * server side state and never in the document), comments that are visible or resolved
 * (pending and hidden ones are left out).
 */
export interface ReportNote {
  id: string;
  text: string;
  author: string;
  organisation: string;
  /** The note's topic (cluster title), or '' outside every cluster. */
  topic: string;
  /** "Theme / Period" of the note's roadmap cell, or ''. */
  cell: string;
  /** Dots in every revealed vote, added up. */
  votes: number;
  comments: number;
}

export interface ReportTopic {
  /** null for the notes outside every cluster and every roadmap cell. */
  id: string | null;
  title: string;
  notes: ReportNote[];
}

export interface ReportComment {
  /** 1, 2, ... in report order, so a spreadsheet's "reply to" column can name a comment. */
  number: number;
  on: string;
  author: string;
  text: string;
  createdAt: number;
  reply: boolean;
  /**
   * The number of the comment a reply answers (its thread's first comment); null for a first
   * comment, and for a reply whose first comment is not shown (pending, hidden or deleted).
   */
  replyTo: number | null;
}

export interface ReportVote {
  title: string;
  voters: number;
  results: Array<{ rank: number; count: number; text: string }>;
}

export interface Report {
  title: string;
  locale: Locale;
  labels: ExportLabels;
  exportedAt: number;
  /** The IANA zone every time is written in (timeZone.ts). */
  timeZone: string;
  /** In board order (z-order back to front). */
  notes: ReportNote[];
  /**
   * The clusters as the board reads them (readingOrder), empty ones too, then the notes in
   * no topic and no roadmap cell (those in a cell are in the roadmap table).
   */
  topics: ReportTopic[];
  roadmap: {
    lanes: string[];
    periods: string[];
    /** cells[lane][period]: the texts of the notes in that cell. */
    cells: string[][][];
  };
  votes: ReportVote[];
  /** Thread by thread: each first comment followed by its replies (commentThreads). */
  comments: ReportComment[];
}

/** Shown comments: visible ones and resolved threads; never pending or hidden ones. */
export function shownComments(comments: readonly CommentView[]): CommentView[] {
  return comments.filter((c) => c.status === 'visible' || c.status === 'resolved');
}

export interface ReportOptions {
  /** The export time (tests pass their clock). */
  now?: number;
  /** A zone exportTimeZone validated. */
  timeZone?: string;
}

export function buildReport(view: BoardView, options: ReportOptions = {}): Report {
  const labels = exportLabels(view.meta.locale);
  const clusterTitle = new Map(view.clusters.map((c) => [c.id, c.title || labels.topic]));
  const laneTitle = new Map(view.roadmap.lanes.map((l) => [l.id, l.title]));
  const periodTitle = new Map(view.roadmap.periods.map((p) => [p.id, p.title]));
  const noteText = new Map(view.notes.map((n) => [n.id, n.text]));
  const votes = new Map<string, number>();
  const reportVotes: ReportVote[] = [];
  for (const session of view.voteSessions) {
    if (!session.revealed || !session.results) continue;
    for (const r of session.results) votes.set(r.note, (votes.get(r.note) ?? 0) + r.count);
    reportVotes.push({
      title: session.title,
      voters: session.voters,
      results: session.results
        .filter((r) => r.count > 0)
        .map((r) => ({ rank: r.rank, count: r.count, text: noteText.get(r.note) ?? '' })),
    });
  }
  const shown = shownComments(view.comments);
  const commentCount = new Map<string, number>();
  for (const c of shown) {
    if (c.anchor.kind === 'note') {
      commentCount.set(c.anchor.note, (commentCount.get(c.anchor.note) ?? 0) + 1);
    }
  }
  const cellLabel = (lane: string, period: string) =>
    `${laneTitle.get(lane) ?? ''} / ${periodTitle.get(period) ?? ''}`;
  const notes: ReportNote[] = view.notes.map((n) => ({
    id: n.id,
    text: n.text,
    author: n.authorName,
    organisation: n.organisation ?? '',
    topic: n.cluster ? (clusterTitle.get(n.cluster) ?? '') : '',
    cell: n.cell ? cellLabel(n.cell.lane, n.cell.period) : '',
    votes: votes.get(n.id) ?? 0,
    comments: commentCount.get(n.id) ?? 0,
  }));
  const byId = new Map(notes.map((n) => [n.id, n]));
  const topics: ReportTopic[] = readingOrder(view.clusters, view.meta.locale).map((c) => ({
    id: c.id,
    title: clusterTitle.get(c.id) ?? '',
    notes: c.members.flatMap((id) => byId.get(id) ?? []),
  }));
  // A note in a roadmap cell is filed there: listing it again under "no topic" doubled it.
  const loose = view.notes
    .filter((n) => !n.cluster && !n.cell)
    .flatMap((n) => byId.get(n.id) ?? []);
  if (loose.length > 0) topics.push({ id: null, title: labels.noTopic, notes: loose });
  const cells = view.roadmap.lanes.map((lane) =>
    view.roadmap.periods.map((period) =>
      view.notes
        .filter((n) => n.cell?.lane === lane.id && n.cell.period === period.id)
        .map((n) => n.text),
    ),
  );
  const anchorLabel = (c: CommentView): string => {
    const a = c.anchor;
    switch (a.kind) {
      case 'note':
        return noteText.get(a.note) ?? '';
      case 'cluster':
        return clusterTitle.get(a.cluster) ?? '';
      case 'cell':
        return cellLabel(a.lane, a.period);
      case 'board':
      case 'point':
        return labels.board;
    }
  };
  return {
    title: view.meta.title,
    locale: view.meta.locale,
    labels,
    exportedAt: options.now ?? Date.now(),
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    notes,
    topics,
    roadmap: {
      lanes: view.roadmap.lanes.map((l) => l.title),
      periods: view.roadmap.periods.map((p) => p.title),
      cells,
    },
    votes: reportVotes,
    comments: commentThreads(shown, anchorLabel, labels.anonymous),
  };
}

/**
 * The topics as a reader reads the board: rows top to bottom, each row left to right. Frames
 * placed by hand in one row have tops a little apart, so a frame whose top is above the
 * middle of its row's first frame belongs to that row. (The document lists clusters by id,
 * which is random.) Ties by title, then id, so every replica writes the same order.
 */
export function readingOrder(clusters: readonly ClusterView[], locale: Locale): ClusterView[] {
  const collator = new Intl.Collator(locale);
  const byTop = [...clusters].sort(
    (a, b) => a.y - b.y || a.x - b.x || collator.compare(a.title, b.title) || byId(a, b),
  );
  const rows: ClusterView[][] = [];
  for (const cluster of byTop) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && cluster.y < first.y + first.h / 2) row.push(cluster);
    else rows.push([cluster]);
  }
  return rows.flatMap((row) =>
    row.sort((a, b) => a.x - b.x || collator.compare(a.title, b.title) || byId(a, b)),
  );
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Comments thread by thread: each first comment, then its replies, in the order they were
 * written. A reply names its thread's first comment by id (`parent`); the old flat list in
 * creation order put every reply under whichever comment came just before it. A reply whose
 * first comment is not shown stands alone, in time order.
 */
export function commentThreads(
  shown: readonly CommentView[],
  anchorLabel: (c: CommentView) => string,
  anonymous: string,
): ReportComment[] {
  // Threads are one level deep: a parent that is itself a reply (a damaged document) does
  // not make a thread, or its reply would be filed under nothing and left out.
  const firsts = new Set(shown.filter((c) => c.parent === null).map((c) => c.id));
  const inThread = (c: CommentView) => c.parent !== null && firsts.has(c.parent);
  const replies = new Map<string, CommentView[]>();
  for (const c of shown) {
    if (!inThread(c)) continue;
    const thread = replies.get(c.parent as string) ?? [];
    thread.push(c);
    replies.set(c.parent as string, thread);
  }
  const out: ReportComment[] = [];
  const add = (c: CommentView, replyTo: number | null) => {
    out.push({
      number: out.length + 1,
      on: anchorLabel(c),
      // An anonymous comment's name is stored empty (older boards: a word for it in the
      // writer's language): the board's own word here; a blank author would read as a mistake.
      author: isAnonymousName(c.authorName) ? anonymous : c.authorName.trim(),
      text: c.text,
      createdAt: c.createdAt,
      reply: c.parent !== null,
      replyTo,
    });
    return out.length;
  };
  // `shown` is in creation order (readComments sorts it), and so is each thread's replies.
  for (const c of shown) {
    if (inThread(c)) continue;
    const number = add(c, null);
    for (const reply of replies.get(c.id) ?? []) add(reply, number);
  }
  return out;
}

/**
 * The best `count` results of a vote and every result tied with the last of them: cutting a
 * tie would rank two of four equal notes above the others.
 */
export function topResults<T extends { count: number }>(results: readonly T[], count: number): T[] {
  const last = results[count - 1];
  return last ? results.filter((r, i) => i < count || r.count === last.count) : [...results];
}

/** The export time as the board's people read it, in their zone, with its offset. */
export function stamp(report: Pick<Report, 'exportedAt' | 'locale' | 'timeZone'>): string {
  return localStamp(report.exportedAt, report.locale, report.timeZone);
}
