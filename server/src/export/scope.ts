import { type BoardView, layoutRoadmap } from '@paja/shared';

/**
 * What part of the board an SVG or PNG export shows: the whole board, the notes someone has
 * selected, one cluster (a topic with its notes), or the roadmap (its grid with the notes in
 * its cells). The reports (PDF, Markdown, CSV, XLSX, JSON) are always of the whole board.
 */
export type ExportScope =
  | { kind: 'board' }
  | { kind: 'selection'; notes: string[] }
  | { kind: 'cluster'; cluster: string }
  | { kind: 'roadmap' };

export const WHOLE_BOARD: ExportScope = { kind: 'board' };

/** Most notes a selection may name (a request is untrusted: its size is bounded). */
export const MAX_SCOPE_NOTES = 10_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The scope a request or a command line asks for, or null if it is not one. */
export function parseScope(value: unknown): ExportScope | null {
  if (value === undefined || value === null) return WHOLE_BOARD;
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case 'board':
      return WHOLE_BOARD;
    case 'roadmap':
      return { kind: 'roadmap' };
    case 'cluster':
      return typeof v.cluster === 'string' && ID.test(v.cluster)
        ? { kind: 'cluster', cluster: v.cluster }
        : null;
    case 'selection': {
      const notes = v.notes;
      if (!Array.isArray(notes) || notes.length === 0 || notes.length > MAX_SCOPE_NOTES)
        return null;
      if (!notes.every((id) => typeof id === 'string' && ID.test(id))) return null;
      return { kind: 'selection', notes: [...new Set(notes as string[])] };
    }
    default:
      return null;
  }
}

/** A name for the scope in file names: "-roadmap", "-topic", "-selection" or nothing. */
export function scopeSuffix(scope: ExportScope): string {
  return scope.kind === 'board' ? '' : scope.kind === 'cluster' ? '-topic' : `-${scope.kind}`;
}

export class EmptyScopeError extends Error {
  override name = 'EmptyScopeError';
}

/**
 * The board narrowed to a scope, as a BoardView the SVG renderer draws as it is. Notes filed
 * in a roadmap cell are drawn where the roadmap puts them; outside the roadmap scope the grid
 * itself is left out, so they are moved to those places first.
 */
export function scopeView(view: BoardView, scope: ExportScope): BoardView {
  if (scope.kind === 'board') return view;
  if (scope.kind === 'roadmap') {
    const notes = view.notes.filter((n) => n.cell !== null);
    if (view.roadmap.lanes.length === 0 && view.roadmap.periods.length === 0) {
      throw new EmptyScopeError('this board has no roadmap');
    }
    return { ...view, notes, clusters: [] };
  }
  const placed = layoutRoadmap(view.roadmap, view.notes).placed;
  const atPlace = view.notes.map((n) => {
    const at = placed.get(n.id);
    return at ? { ...n, x: at.x, y: at.y } : n;
  });
  const noRoadmap = { ...view.roadmap, lanes: [], periods: [] };
  if (scope.kind === 'cluster') {
    const cluster = view.clusters.find((c) => c.id === scope.cluster);
    if (!cluster) throw new EmptyScopeError('there is no such cluster on this board');
    // Drawn open, with every member: an export of a topic is to be read.
    return {
      ...view,
      clusters: [{ ...cluster, collapsed: false }],
      notes: atPlace.filter((n) => n.cluster === cluster.id),
      roadmap: noRoadmap,
    };
  }
  const chosen = new Set(scope.notes);
  const notes = atPlace.filter((n) => chosen.has(n.id));
  if (notes.length === 0) throw new EmptyScopeError('none of the selected notes is on the board');
  return { ...view, clusters: [], notes, roadmap: noRoadmap };
}
