import {
  type ClusterView,
  DEFAULT_PHASE,
  type Decision,
  type MetaView,
  mayPerson,
  type NoteView,
  type ParticipantAction,
  type PermissionContext,
  type RefusalReason,
  type RoadmapCell,
  type RoadmapView,
  type Role,
} from '@paja/shared';
import type { BoardSession } from '../session/BoardSession';

/*
 * What this person may do on the board now, asked of shared's permission table (the same one
 * the server's edit guard asks), with the board's phase settings, locks and who wrote each
 * note. The client's one place that asks it: the command table, gestures and moves all ask
 * here. The commands ask it before they write, so a change the server would refuse is never
 * sent: the person gets the reason instead of being thrown off the board (4423). The client
 * only hides and explains; the server decides.
 */

export interface Authority {
  /** null until the server says (a server without Paja's welcome): then it decides alone. */
  role: Role | null;
  /** The id the server knows this person by: their own notes carry it. */
  me: string | null;
  phase: MetaView['phase'];
  locks: MetaView['locks'];
  roadmap: RoadmapView;
  clusters: readonly Pick<ClusterView, 'id' | 'locked'>[];
}

const NO_LOCKS: MetaView['locks'] = { roadmap: false, clusters: false };

export function authorityOf(session: BoardSession): Authority {
  const { meta, roadmap, clusters } = session.board.get();
  const welcome = session.status.get().welcome;
  return {
    role: welcome?.role ?? null,
    me: welcome?.participantId ?? null,
    phase: meta?.phase ?? DEFAULT_PHASE,
    locks: meta?.locks ?? NO_LOCKS,
    roadmap,
    clusters,
  };
}

const ALLOWED: Decision = { allowed: true };

/** One action with its subject; the phase comes from the authority. */
export function decide(
  a: Authority,
  action: ParticipantAction,
  subject: Omit<PermissionContext, 'phase'> = {},
): Decision {
  if (a.role === null) return ALLOWED;
  return mayPerson(a.role, action, { phase: a.phase, ...subject });
}

/**
 * Whether this person may do `action` now, for gestures and checks that only need a yes or a
 * no: the phase settings and role, and with `notes`, on each of them that is not locked (every
 * operation skips a locked note, for everyone), as its author or not. `role` as the caller
 * knows it (the session's). The same table and the same answers as `decide`.
 */
export function may(
  session: BoardSession,
  role: Role | null,
  action: ParticipantAction,
  notes?: readonly NoteView[],
): boolean {
  const a = { ...authorityOf(session), role };
  if (!notes) return decide(a, action).allowed;
  return notes
    .filter((n) => !n.locked)
    .every((n) => decide(a, action, { own: a.me !== null && n.authorId === a.me }).allowed);
}

/** The reason of the first refused decision, or null when all are allowed. */
export function firstRefusal(decisions: Iterable<Decision>): RefusalReason | null {
  for (const decision of decisions) if (!decision.allowed) return decision.reason;
  return null;
}

/** Moving, editing or deleting a note: ownership and its lock (and, leaving, its places). */
export function decideNote(
  a: Authority,
  action: 'moveNote' | 'editNote' | 'deleteNote',
  note: NoteView,
): Decision {
  const own = a.me !== null && note.authorId === a.me;
  const areaLocked = action === 'deleteNote' && placeLocked(a, note.cluster, note.cell);
  return decide(a, action, { own, locked: note.locked, areaLocked });
}

/** The same for every note; the first refusal wins. */
export function refusalForNotes(
  a: Authority,
  action: 'moveNote' | 'editNote' | 'deleteNote',
  notes: readonly NoteView[],
): RefusalReason | null {
  return firstRefusal(notes.map((note) => decideNote(a, action, note)));
}

/** Where a drop files notes: a cluster, a roadmap cell, or nowhere (out of both). */
export type DropTarget =
  | { kind: 'cluster'; id: string }
  | { kind: 'cell'; cell: RoadmapCell }
  | { kind: 'none' };

/**
 * Filing a note (into or out of a cluster or a cell): its ownership and lock, and the locks of
 * where it leaves and where it goes, as the server's guard reads them.
 */
export function decideFile(
  a: Authority,
  note: NoteView,
  from: { cluster: string | null; cell: RoadmapCell | null },
  to: DropTarget,
): Decision {
  const own = a.me !== null && note.authorId === a.me;
  const toCluster = to.kind === 'cluster' ? to.id : null;
  const toCell = to.kind === 'cell' ? to.cell : null;
  const areaLocked = placeLocked(a, from.cluster, from.cell) || placeLocked(a, toCluster, toCell);
  return decide(a, 'fileNote', { own, locked: note.locked, areaLocked });
}

function placeLocked(a: Authority, cluster: string | null, cell: RoadmapCell | null): boolean {
  const clusterLocked =
    cluster !== null && (a.locks.clusters || a.clusters.some((c) => c.id === cluster && c.locked));
  const cellLocked =
    cell !== null &&
    (a.locks.roadmap ||
      a.roadmap.lanes.some((l) => l.id === cell.lane && l.locked) ||
      a.roadmap.periods.some((p) => p.id === cell.period && p.locked));
  return clusterLocked || cellLocked;
}

/** Changing a cluster (rename, recolour, move, collapse, tidy, ungroup). */
export function decideCluster(a: Authority, cluster: Pick<ClusterView, 'locked'> | null): Decision {
  return decide(a, 'changeCluster', {
    locked: cluster?.locked ?? false,
    areaLocked: a.locks.clusters,
  });
}

/** Changing the roadmap: a lane or period (or adding one: no item). */
export function decideRoadmap(a: Authority, item: { locked: boolean } | null): Decision {
  return decide(a, 'changeRoadmap', {
    locked: item?.locked ?? false,
    areaLocked: a.locks.roadmap,
  });
}
