import type {
  ClusterView,
  NoteView,
  RoadmapCell,
  RoadmapView,
  VoteSessionView,
} from '@paja/shared';
import { anchorKey, type Thread } from '../canvas/commentAnchors';

/**
 * The board read as a document (the outline view): topics with their notes, the notes in no
 * topic, the roadmap as lanes x periods, the votes with results, comments per item. Pure, so
 * the order a screen reader hears is tested without a browser.
 */
export interface Outline {
  topics: Array<{ cluster: Pick<ClusterView, 'id' | 'title' | 'lang'>; notes: NoteView[] }>;
  loose: NoteView[];
  roadmap: RoadmapView;
  /** Notes by cell, keyed `lane/period`. */
  cells: Map<string, NoteView[]>;
  votes: VoteSessionView[];
  /**
   * The threads this person may read, by what they are on (commentAnchors' `anchorKey`); those
   * on the board or a spot of it are under `board`.
   */
  comments: Map<string, Thread[]>;
}

export const cellKey = (cell: RoadmapCell) => `${cell.lane}/${cell.period}`;

/** Reading order on the canvas: top to bottom in rows of a note's height, then left to right. */
export function readingOrder<T extends { x: number; y: number; id: string }>(items: T[]): T[] {
  const row = (item: T) => Math.round(item.y / 120);
  return [...items].sort((a, b) => row(a) - row(b) || a.x - b.x || a.id.localeCompare(b.id));
}

export function buildOutline(input: {
  notes: NoteView[];
  clusters: Array<Omit<ClusterView, 'members'>>;
  roadmap: RoadmapView;
  votes: VoteSessionView[];
  threads: readonly Thread[];
}): Outline {
  const byCluster = new Map<string, NoteView[]>();
  const loose: NoteView[] = [];
  const cells = new Map<string, NoteView[]>();
  for (const note of input.notes) {
    if (note.cell) {
      const key = cellKey(note.cell);
      cells.set(key, [...(cells.get(key) ?? []), note]);
    }
    if (note.cluster) byCluster.set(note.cluster, [...(byCluster.get(note.cluster) ?? []), note]);
    else if (!note.cell) loose.push(note);
  }
  const topics = readingOrder(input.clusters).map((cluster) => ({
    cluster: { id: cluster.id, title: cluster.title, lang: cluster.lang },
    notes: (byCluster.get(cluster.id) ?? []).sort((a, b) =>
      (a.clusterOrder ?? '') < (b.clusterOrder ?? '') ? -1 : 1,
    ),
  }));
  for (const [key, list] of cells) cells.set(key, readingOrder(list));
  const comments = new Map<string, Thread[]>();
  for (const thread of input.threads) {
    const { anchor } = thread.root;
    const key = anchor.kind === 'point' ? 'board' : anchorKey(anchor);
    comments.set(key, [...(comments.get(key) ?? []), thread]);
  }
  return {
    topics,
    loose: readingOrder(loose),
    roadmap: input.roadmap,
    cells,
    votes: input.votes.filter((vote) => vote.results !== null || vote.open),
    comments,
  };
}

/**
 * Counts of what changed between two readings of the notes (id -> a signature of what a reader
 * hears: text, topic, cell), leaving out `own` ids: the outline announces others' changes.
 */
export function noteChanges(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  own: ReadonlySet<string> = new Set(),
): { added: number; removed: number; edited: number } {
  let added = 0;
  let edited = 0;
  for (const [id, text] of after) {
    if (own.has(id)) continue;
    const old = before.get(id);
    if (old === undefined) added++;
    else if (old !== text) edited++;
  }
  let removed = 0;
  for (const id of before.keys()) if (!after.has(id) && !own.has(id)) removed++;
  return { added, removed, edited };
}
