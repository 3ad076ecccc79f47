import { CLUSTER_GAP, type DropPlan, dropNotes, moveCluster } from '@paja/shared';
import {
  authorityOf,
  type DropTarget,
  decideCluster,
  decideFile,
  firstRefusal,
  refusalForNotes,
} from './authority';
import type { CommandContext } from './commandTypes';
import { filedBy, planDrop, settleInFrame } from './drop';
import { type LocalMove, moveTarget } from './moves';
import { framesMovedDown, topicRights } from './moveTo';

/** Up to this many dragged notes come to the front; a large group keeps its stacking order. */
const TO_FRONT_MAX = 20;

/**
 * Writes a finished move: a cluster with its notes, or a drop of notes, which also decides
 * their cluster membership and roadmap placement (drop.ts: by where the pointer is released)
 * and brings them to the front. One transaction (shared's dropNotes), so one update for the
 * others and one undo step: every overwrite of a position stays in the document as a struct
 * (bench/RESULTS.md, "Board size and load time"), so a move is written once, at its end,
 * never per frame. A move the board does not allow this person now (a lock or a phase set
 * meanwhile, a locked cluster or cell as the target) writes nothing and says why.
 */
export function writeMove(ctx: CommandContext, done: LocalMove, dx: number, dy: number): void {
  const rx = Math.round(dx);
  const ry = Math.round(dy);
  if (rx === 0 && ry === 0) return;
  const { session } = ctx;
  const { doc, brainstorm } = session;
  const scene = ctx.scene();
  // Private notes (the brainstorm's overlay) only change place: no cluster, cell or stacking.
  const privateMoves = [...done.ids]
    .filter((id) => brainstorm.isPrivate(id))
    .flatMap((id) => scene.byId.get(id) ?? [])
    .map((n) => ({ id: n.id, x: n.x + rx, y: n.y + ry }));
  if (privateMoves.length > 0) brainstorm.ops.move(privateMoves);
  const moved = [...done.ids]
    .filter((id) => !brainstorm.isPrivate(id))
    .flatMap((id) => scene.byId.get(id) ?? []);
  if (moved.length === 0 && done.cluster === null) return;
  const authority = authorityOf(session);
  if (done.cluster !== null) {
    const cluster = scene.clusters.find((c) => c.id === done.cluster);
    if (!cluster) return;
    const refusal =
      firstRefusal([decideCluster(authority, cluster)]) ??
      refusalForNotes(authority, 'moveNote', moved);
    if (refusal) {
      ctx.explain(refusal);
      return;
    }
    session.act(() => moveCluster(doc, cluster.id, cluster.x + rx, cluster.y + ry));
    return;
  }
  const target = moveTarget(scene, done, dx, dy);
  const dropped = moved.map((n) => ({ ...n, x: n.x + rx, y: n.y + ry }));
  const plan = planDrop(dropped, target);
  // Notes filed into a topic settle where they cover none of its notes (drop.ts); a full
  // frame grows for them, and the frames under it move down, where this person may (as with
  // Move to…).
  const joining = new Set(plan.join.flatMap((j) => j.ids));
  const frame = target?.kind === 'cluster' ? scene.clusters.find((c) => c.id === target.id) : null;
  if (frame && joining.size > 0) {
    const rights = topicRights(authority);
    const members = scene.placed.filter((n) => n.cluster === frame.id && !done.ids.has(n.id));
    const filed = dropped.filter((n) => joining.has(n.id));
    const settled = settleInFrame(filed, frame, members, rights.grow(frame));
    const at = new Map(settled.map((m) => [m.id, m]));
    plan.moves = plan.moves.map((m) => at.get(m.id) ?? m);
    const bottom = Math.max(...filed.map((n) => (at.get(n.id)?.y ?? n.y) + n.h + CLUSTER_GAP));
    if (bottom > frame.y + frame.h && rights.grow(frame)) {
      plan.grow = [{ cluster: frame.id, h: bottom - frame.y }];
      const shift = framesMovedDown(scene, frame, bottom, rights);
      if (shift.length > 0) plan.shift = shift;
    }
  }
  const filed = new Set([...plan.leave, ...plan.unplace, ...plan.place.flatMap((p) => p.ids)]);
  for (const join of plan.join) for (const id of join.ids) filed.add(id);
  const refusal =
    refusalForNotes(authority, 'moveNote', moved) ??
    firstRefusal(
      moved
        .filter((n) => filed.has(n.id))
        .map((n) => decideFile(authority, n, n, target ?? { kind: 'none' })),
    );
  if (refusal) {
    ctx.explain(refusal);
    return;
  }
  const toFront = moved.length <= TO_FRONT_MAX ? moved.map((n) => n.id) : [];
  session.act(() => dropNotes(doc, { ...plan, toFront }));
  if (target && filedBy(plan) > 0)
    ctx.notify({ tone: 'info', text: whereTheyWent(ctx, plan, target) });
}

/** "3 notes went into the topic “Mobility”", said after a drop that changed membership. */
function whereTheyWent(ctx: CommandContext, plan: DropPlan, target: DropTarget): string {
  const { t } = ctx;
  const scene = ctx.scene();
  const count = filedBy(plan);
  switch (target.kind) {
    case 'cluster': {
      const cluster = scene.clusters.find((c) => c.id === target.id);
      return t('drop.toCluster', { count, title: cluster?.title || t('cluster.untitled') });
    }
    case 'cell': {
      const geometry = scene.roadmapLayout.geometry;
      const lane = geometry?.lanes.find((l) => l.id === target.cell.lane)?.title;
      const period = geometry?.periods.find((p) => p.id === target.cell.period)?.title;
      const untitled = t('cluster.untitled');
      return t('drop.toCell', { count, lane: lane || untitled, period: period || untitled });
    }
    case 'none':
      return plan.leave.length > 0
        ? t('drop.outOfCluster', { count })
        : t('drop.outOfRoadmap', { count });
  }
}
