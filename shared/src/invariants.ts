import type { BoardView } from './boardView';
import { compareZ } from './notes';
import type { CommentAnchor } from './records/comment';

/**
 * The invariants a board view must satisfy after any interleaving of concurrent actions.
 * Returns one sentence per violation (empty when all hold). Used by the property test; cheap
 * enough for a server to run on a loaded board as a health check.
 */
export function checkInvariants(view: BoardView): string[] {
  const problems: string[] = [];
  const notes = new Map(view.notes.map((n) => [n.id, n]));
  const clusters = new Map(view.clusters.map((c) => [c.id, c]));
  const lanes = new Set(view.roadmap.lanes.map((l) => l.id));
  const periods = new Set(view.roadmap.periods.map((p) => p.id));
  const unique = (kind: string, ids: string[]) => {
    if (new Set(ids).size !== ids.length) problems.push(`duplicate ${kind} ids`);
  };
  unique(
    'note',
    view.notes.map((n) => n.id),
  );
  unique(
    'cluster',
    view.clusters.map((c) => c.id),
  );
  unique(
    'lane',
    view.roadmap.lanes.map((l) => l.id),
  );
  unique(
    'period',
    view.roadmap.periods.map((p) => p.id),
  );
  unique(
    'comment',
    view.comments.map((c) => c.id),
  );
  unique(
    'vote session',
    view.voteSessions.map((s) => s.id),
  );

  for (let i = 1; i < view.notes.length; i++) {
    if (compareZ(view.notes[i - 1] as never, view.notes[i] as never) >= 0) {
      problems.push('notes are not in z-order');
      break;
    }
  }

  // A note is in at most one cluster, and membership seen from both sides agrees.
  const memberOf = new Map<string, string>();
  for (const cluster of view.clusters) {
    for (const id of cluster.members) {
      const other = memberOf.get(id);
      if (other !== undefined)
        problems.push(`note ${id} is in clusters ${other} and ${cluster.id}`);
      memberOf.set(id, cluster.id);
      if (!notes.has(id)) problems.push(`cluster ${cluster.id} lists missing note ${id}`);
    }
  }
  for (const note of view.notes) {
    if (note.cluster !== null && !clusters.has(note.cluster)) {
      problems.push(`note ${note.id} is in missing cluster ${note.cluster}`);
    }
    if ((note.cluster ?? undefined) !== memberOf.get(note.id)) {
      problems.push(`note ${note.id} says cluster ${note.cluster}, clusters disagree`);
    }
    if ((note.cluster === null) !== (note.clusterOrder === null)) {
      problems.push(`note ${note.id} has a cluster order without a cluster or vice versa`);
    }
    if (note.cell && !(lanes.has(note.cell.lane) && periods.has(note.cell.period))) {
      problems.push(`note ${note.id} is placed in a missing roadmap cell`);
    }
  }

  const comments = new Map(view.comments.map((c) => [c.id, c]));
  for (const comment of view.comments) {
    const parent = comment.parent === null ? null : comments.get(comment.parent);
    const missing =
      anchorMissing(comment.anchor, notes, clusters, lanes, periods) ||
      (comment.parent !== null && (!parent || parent.parent !== null));
    if (missing !== comment.orphaned) {
      problems.push(
        `comment ${comment.id} orphaned=${comment.orphaned} but target missing=${missing}`,
      );
    }
    if (comment.moderation !== 'visible' && comment.status !== comment.moderation) {
      problems.push(`comment ${comment.id} status ${comment.status} hides its moderation`);
    }
  }

  for (const session of view.voteSessions) {
    const candidates = new Set(session.candidates);
    for (const id of session.candidates) {
      if (!notes.has(id)) problems.push(`vote session ${session.id} has missing candidate ${id}`);
    }
    for (const result of session.results ?? []) {
      if (!candidates.has(result.note)) {
        problems.push(`vote session ${session.id} ranks non-candidate ${result.note}`);
      }
    }
    if (session.revealed && session.results === null) {
      problems.push(`vote session ${session.id} is revealed without results`);
    }
    if (session.maxPerItem > session.dotsPerPerson) {
      problems.push(`vote session ${session.id} allows more dots per note than per person`);
    }
  }

  const unserialisable = findUnserialisable(view, 'view');
  if (unserialisable) problems.push(`${unserialisable} is not plain JSON data`);
  return problems;
}

/** The path of the first value that would not survive JSON round-tripping, or null. */
function findUnserialisable(value: unknown, path: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnserialisable(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, child] of Object.entries(value)) {
      const bad = findUnserialisable(child, `${path}.${key}`);
      if (bad) return bad;
    }
    return null;
  }
  return path;
}

function anchorMissing(
  anchor: CommentAnchor,
  notes: ReadonlyMap<string, unknown>,
  clusters: ReadonlyMap<string, unknown>,
  lanes: ReadonlySet<string>,
  periods: ReadonlySet<string>,
): boolean {
  switch (anchor.kind) {
    case 'board':
    case 'point':
      return false;
    case 'note':
      return !notes.has(anchor.note);
    case 'cluster':
      return !clusters.has(anchor.cluster);
    case 'cell':
      return !(lanes.has(anchor.lane) && periods.has(anchor.period));
  }
}
