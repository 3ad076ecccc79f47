import type { BoardView } from './boardView';
import type { CommentAnchor } from './records/comment';
import type { NoteView } from './records/note';

/**
 * What changed between two readings of a board (a snapshot and another, or a snapshot and
 * now): notes added, removed, edited (text) and moved between clusters or roadmap cells;
 * clusters, themes (lanes) and periods added, removed or renamed; vote results revealed; comments
 * added (those everyone may read). Ids and texts are listed so
 * that a person can read the list; every list is sorted by id, so two servers give the same.
 */
export interface NoteMove {
  id: string;
  text: string;
  /** Cluster titles ('' for none) or "theme / period" ('' for none). */
  from: string;
  to: string;
  kind: 'cluster' | 'cell';
}

export interface Renamed {
  id: string;
  from: string;
  to: string;
}

export interface Titled {
  id: string;
  title: string;
}

export interface RevealedVote {
  id: string;
  title: string;
  /** Notes with dots, most first (as ranked at the reveal). */
  results: Array<{ id: string; text: string; dots: number }>;
}

export interface AddedComment {
  id: string;
  text: string;
  /** What it is about: a note's text, a cluster's title, "theme / period", or '' (the board). */
  on: string;
}

export interface BoardDiff {
  notesAdded: Titled[];
  notesRemoved: Titled[];
  notesEdited: Array<{ id: string; from: string; to: string }>;
  notesMoved: NoteMove[];
  clustersAdded: Titled[];
  clustersRemoved: Titled[];
  clustersRenamed: Renamed[];
  lanesAdded: Titled[];
  lanesRemoved: Titled[];
  lanesRenamed: Renamed[];
  periodsAdded: Titled[];
  periodsRemoved: Titled[];
  periodsRenamed: Renamed[];
  votesRevealed: RevealedVote[];
  commentsAdded: AddedComment[];
}

/** The sections of a diff, in the order a person reads them. */
export const DIFF_SECTIONS = [
  'notesAdded',
  'notesRemoved',
  'notesEdited',
  'notesMoved',
  'clustersAdded',
  'clustersRemoved',
  'clustersRenamed',
  'lanesAdded',
  'lanesRemoved',
  'lanesRenamed',
  'periodsAdded',
  'periodsRemoved',
  'periodsRenamed',
  'votesRevealed',
  'commentsAdded',
] as const satisfies ReadonlyArray<keyof BoardDiff>;

export function isEmptyDiff(diff: BoardDiff): boolean {
  return DIFF_SECTIONS.every((key) => diff[key].length === 0);
}

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
const sortById = <T extends { id: string }>(list: T[]) =>
  list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function titled<T extends { id: string; title: string }>(
  before: readonly T[],
  after: readonly T[],
) {
  const old = byId(before);
  const now = byId(after);
  return {
    added: sortById(after.filter((x) => !old.has(x.id)).map(({ id, title }) => ({ id, title }))),
    removed: sortById(before.filter((x) => !now.has(x.id)).map(({ id, title }) => ({ id, title }))),
    renamed: sortById(
      after.flatMap((x) => {
        const was = old.get(x.id);
        return was && was.title !== x.title ? [{ id: x.id, from: was.title, to: x.title }] : [];
      }),
    ),
  };
}

export function diffBoards(before: BoardView, after: BoardView): BoardDiff {
  const clusters = titled(before.clusters, after.clusters);
  const lanes = titled(before.roadmap.lanes, after.roadmap.lanes);
  const periods = titled(before.roadmap.periods, after.roadmap.periods);
  const clusterName = (id: string | null) =>
    id === null
      ? ''
      : (after.clusters.find((c) => c.id === id)?.title ??
        before.clusters.find((c) => c.id === id)?.title ??
        '');
  const axisName = (list: 'lanes' | 'periods', id: string) =>
    after.roadmap[list].find((x) => x.id === id)?.title ??
    before.roadmap[list].find((x) => x.id === id)?.title ??
    '';
  const cellName = (n: NoteView) =>
    n.cell ? `${axisName('lanes', n.cell.lane)} / ${axisName('periods', n.cell.period)}` : '';
  const oldNotes = byId(before.notes);
  const newNotes = byId(after.notes);
  const notesEdited: BoardDiff['notesEdited'] = [];
  const notesMoved: NoteMove[] = [];
  for (const note of after.notes) {
    const was = oldNotes.get(note.id);
    if (!was) continue;
    if (was.text !== note.text) notesEdited.push({ id: note.id, from: was.text, to: note.text });
    if (was.cluster !== note.cluster) {
      notesMoved.push({
        id: note.id,
        text: note.text,
        from: clusterName(was.cluster),
        to: clusterName(note.cluster),
        kind: 'cluster',
      });
    }
    if (cellName(was) !== cellName(note)) {
      notesMoved.push({
        id: note.id,
        text: note.text,
        from: cellName(was),
        to: cellName(note),
        kind: 'cell',
      });
    }
  }
  return {
    notesAdded: sortById(
      after.notes.filter((n) => !oldNotes.has(n.id)).map((n) => ({ id: n.id, title: n.text })),
    ),
    notesRemoved: sortById(
      before.notes.filter((n) => !newNotes.has(n.id)).map((n) => ({ id: n.id, title: n.text })),
    ),
    notesEdited: sortById(notesEdited),
    notesMoved: notesMoved.sort((a, b) =>
      a.id === b.id ? (a.kind < b.kind ? -1 : 1) : a.id < b.id ? -1 : 1,
    ),
    clustersAdded: clusters.added,
    clustersRemoved: clusters.removed,
    clustersRenamed: clusters.renamed,
    lanesAdded: lanes.added,
    lanesRemoved: lanes.removed,
    lanesRenamed: lanes.renamed,
    periodsAdded: periods.added,
    periodsRemoved: periods.removed,
    periodsRenamed: periods.renamed,
    votesRevealed: revealedVotes(before, after),
    commentsAdded: addedComments(before, after, clusterName, axisName),
  };
}

function revealedVotes(before: BoardView, after: BoardView): RevealedVote[] {
  const shownBefore = new Set(before.voteSessions.filter((s) => s.revealed).map((s) => s.id));
  const text = (id: string) =>
    after.notes.find((n) => n.id === id)?.text ?? before.notes.find((n) => n.id === id)?.text ?? '';
  return sortById(
    after.voteSessions
      .filter((s) => s.revealed && s.results && !shownBefore.has(s.id))
      .map((s) => ({
        id: s.id,
        title: s.title,
        results: (s.results ?? [])
          .filter((r) => r.count > 0)
          .map((r) => ({ id: r.note, text: text(r.note), dots: r.count })),
      })),
  );
}

function addedComments(
  before: BoardView,
  after: BoardView,
  clusterName: (id: string | null) => string,
  axisName: (list: 'lanes' | 'periods', id: string) => string,
): AddedComment[] {
  const old = new Set(before.comments.map((c) => c.id));
  const on = (anchor: CommentAnchor): string => {
    switch (anchor.kind) {
      case 'note':
        return after.notes.find((n) => n.id === anchor.note)?.text ?? '';
      case 'cluster':
        return clusterName(anchor.cluster);
      case 'cell':
        return `${axisName('lanes', anchor.lane)} / ${axisName('periods', anchor.period)}`;
      default:
        return '';
    }
  };
  // Only what everyone on the board may read: a hidden comment's text is not in the document.
  return sortById(
    after.comments
      .filter((c) => !old.has(c.id) && (c.status === 'visible' || c.status === 'resolved'))
      .map((c) => ({ id: c.id, text: c.text, on: on(c.anchor) })),
  );
}
