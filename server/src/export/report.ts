import type { BoardView, CommentView, Locale } from '@paja/shared';
import { type ExportLabels, exportLabels } from './labels';

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
  /** null for the notes outside every cluster. */
  id: string | null;
  title: string;
  notes: ReportNote[];
}

export interface ReportComment {
  on: string;
  author: string;
  text: string;
  createdAt: number;
  reply: boolean;
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
  /** In board order (z-order back to front). */
  notes: ReportNote[];
  topics: ReportTopic[];
  roadmap: {
    lanes: string[];
    periods: string[];
    /** cells[lane][period]: the texts of the notes in that cell. */
    cells: string[][][];
  };
  votes: ReportVote[];
  comments: ReportComment[];
}

/** Shown comments: visible ones and resolved threads; never pending or hidden ones. */
export function shownComments(comments: readonly CommentView[]): CommentView[] {
  return comments.filter((c) => c.status === 'visible' || c.status === 'resolved');
}

export function buildReport(view: BoardView, now = Date.now()): Report {
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
  const topics: ReportTopic[] = view.clusters.map((c) => ({
    id: c.id,
    title: clusterTitle.get(c.id) ?? '',
    notes: c.members.flatMap((id) => byId.get(id) ?? []),
  }));
  const loose = view.notes.filter((n) => !n.cluster).flatMap((n) => byId.get(n.id) ?? []);
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
    exportedAt: now,
    notes,
    topics,
    roadmap: {
      lanes: view.roadmap.lanes.map((l) => l.title),
      periods: view.roadmap.periods.map((p) => p.title),
      cells,
    },
    votes: reportVotes,
    comments: shown.map((c) => ({
      on: anchorLabel(c),
      author: c.authorName,
      text: c.text,
      createdAt: c.createdAt,
      reply: c.parent !== null,
    })),
  };
}

/** The export time as the board's people read it: a date and a time, UTC, ISO-like. */
export function stamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
