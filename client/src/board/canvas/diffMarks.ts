import type { BoardDiff, BoardView, ClusterView, NoteView } from '@paja/shared';

/**
 * What the canvas marks when it shows a comparison: the later board is drawn, with the notes
 * and topics that were removed since put back where they were (so a person sees what went),
 * and each changed item marked. A note both edited and moved is marked as edited and moved.
 */
export type DiffMark = 'added' | 'removed' | 'edited' | 'moved' | 'renamed';

export interface DiffScene {
  /** The notes to draw: the later board's, then the removed ones from the earlier board. */
  notes: NoteView[];
  clusters: ClusterView[];
  noteMarks: ReadonlyMap<string, readonly DiffMark[]>;
  clusterMarks: ReadonlyMap<string, readonly DiffMark[]>;
}

function add(map: Map<string, DiffMark[]>, id: string, mark: DiffMark): void {
  const list = map.get(id);
  if (!list) map.set(id, [mark]);
  else if (!list.includes(mark)) list.push(mark);
}

export function diffScene(diff: BoardDiff, before: BoardView, after: BoardView): DiffScene {
  const noteMarks = new Map<string, DiffMark[]>();
  const clusterMarks = new Map<string, DiffMark[]>();
  for (const n of diff.notesAdded) add(noteMarks, n.id, 'added');
  for (const n of diff.notesRemoved) add(noteMarks, n.id, 'removed');
  for (const n of diff.notesEdited) add(noteMarks, n.id, 'edited');
  for (const n of diff.notesMoved) add(noteMarks, n.id, 'moved');
  for (const c of diff.clustersAdded) add(clusterMarks, c.id, 'added');
  for (const c of diff.clustersRemoved) add(clusterMarks, c.id, 'removed');
  for (const c of diff.clustersRenamed) add(clusterMarks, c.id, 'renamed');
  const removedNotes = new Set(diff.notesRemoved.map((n) => n.id));
  const removedClusters = new Set(diff.clustersRemoved.map((c) => c.id));
  return {
    notes: [
      ...after.notes,
      // Back where they were, outside any topic or cell of the later board.
      ...before.notes
        .filter((n) => removedNotes.has(n.id))
        .map((n) => ({ ...n, cluster: null, cell: null })),
    ],
    clusters: [
      ...after.clusters,
      ...before.clusters
        .filter((c) => removedClusters.has(c.id))
        .map((c) => ({ ...c, members: [] })),
    ],
    noteMarks,
    clusterMarks,
  };
}
