import {
  type Axis,
  arrangeCluster,
  createCluster,
  deleteCluster,
  type LockArea,
  type PhaseSettings,
  setAreaLocked,
  setAxisLocked,
  setClusterCollapsed,
  setClustersLocked,
  setPhase,
} from '@paja/shared';
import {
  authorityOf,
  decideCluster,
  decideFile,
  decideRoadmap,
  firstRefusal,
  refusalForNotes,
} from './authority';
import {
  boardNotes,
  clusterMay,
  clusterTool,
  editable,
  facilitator,
  mayEdit,
} from './commandRules';
import type { Command } from './commandTypes';
import { changeRoadmapAxis, type RoadmapChange } from './roadmapChanges';

/** Commands on the board's structure: topics (clusters), the roadmap, phase settings and locks (part of the table in commands.ts). */

export const BOARD_COMMANDS = {
  makeCluster: {
    label: 'toolbar.makeCluster',
    enabled: editable,
    refusal(session, s) {
      const authority = authorityOf(session);
      const into = { kind: 'cluster', id: '' } as const;
      return firstRefusal([
        decideCluster(authority, null),
        ...s.notes.filter((n) => !n.locked).map((n) => decideFile(authority, n, n, into)),
      ]);
    },
    run(ctx) {
      const noteIds = boardNotes(ctx)
        .filter((n) => !n.locked)
        .map((n) => n.id);
      if (noteIds.length === 0) return;
      let id = '';
      ctx.session.act(() => {
        const { doc, board } = ctx.session;
        const lang = board.get().lang;
        id = createCluster(doc, { noteIds, authorId: ctx.author.id, title: '', lang });
      });
      ctx.selectCluster(id);
      ctx.editTitle({ kind: 'cluster', id });
    },
  } satisfies Command,
  renameCluster: {
    label: 'cluster.rename',
    enabled: clusterTool,
    refusal: clusterMay,
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (cluster) ctx.editTitle({ kind: 'cluster', id: cluster.id });
    },
  } satisfies Command,
  arrangeCluster: {
    label: 'cluster.arrange',
    enabled: clusterTool,
    /** Tidying moves the members: also others' notes. */
    refusal(session, s) {
      const members = new Set(s.cluster?.members ?? []);
      const notes = session.board.get().notes.filter((n) => members.has(n.id));
      return clusterMay(session, s) ?? refusalForNotes(authorityOf(session), 'moveNote', notes);
    },
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (cluster) ctx.session.act(() => arrangeCluster(ctx.session.doc, cluster.id));
    },
  } satisfies Command,
  toggleCollapseCluster: {
    label: 'cluster.collapse',
    enabled: clusterTool,
    refusal: clusterMay,
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (!cluster) return;
      ctx.session.act(() => setClusterCollapsed(ctx.session.doc, cluster.id, !cluster.collapsed));
    },
  } satisfies Command,
  deleteCluster: {
    label: 'cluster.delete',
    enabled: clusterTool,
    refusal: clusterMay,
    /** Ungrouping undoes someone's sorting for everyone: asked first. */
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (!cluster) return;
      const title = cluster.title || ctx.t('cluster.untitled');
      ctx.confirm(
        ctx.t('confirm.ungroup', { title }),
        () => ctx.session.act(() => deleteCluster(ctx.session.doc, cluster.id)),
        'cluster.delete',
      );
    },
  } satisfies Command,
  togglePhase: {
    label: 'phase.button',
    enabled: (_session, _selection, role) => mayEdit(role),
    run: (ctx) => ctx.togglePanel('phase'),
  } satisfies Command,
  /** A phase setting: one meta key each, so two facilitators' changes both take effect. */
  setPhase: {
    label: 'phase.heading',
    enabled: facilitator,
    run: (ctx, settings: Partial<PhaseSettings>) =>
      ctx.session.act(() => setPhase(ctx.session.doc, settings)),
  } satisfies Command<Partial<PhaseSettings>>,
  setAreaLock: {
    label: 'phase.locks',
    enabled: facilitator,
    run: (ctx, { area, locked }: { area: LockArea; locked: boolean }) =>
      ctx.session.act(() => setAreaLocked(ctx.session.doc, area, locked)),
  } satisfies Command<{ area: LockArea; locked: boolean }>,
  toggleClusterLock: {
    label: 'lock.lockCluster',
    enabled: (_session, s, role) => role === 'facilitator' && s.cluster !== null,
    run(ctx) {
      const cluster = ctx.selection().cluster;
      if (!cluster) return;
      ctx.session.act(() => setClustersLocked(ctx.session.doc, [cluster.id], !cluster.locked));
    },
  } satisfies Command,
  setAxisLock: {
    label: 'lock.lock',
    enabled: facilitator,
    run: (ctx, { axis, id, locked }: { axis: Axis; id: string; locked: boolean }) =>
      ctx.session.act(() => setAxisLocked(ctx.session.doc, axis, [id], locked)),
  } satisfies Command<{ axis: Axis; id: string; locked: boolean }>,
  /** Lanes and periods: add, rename, reorder, delete (asked first), from the Roadmap panel. */
  changeRoadmap: {
    label: 'roadmap.heading',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal(session, _selection, arg) {
      const authority = authorityOf(session);
      if (!arg || arg.kind === 'create' || arg.kind === 'add') {
        return firstRefusal([decideRoadmap(authority, null)]);
      }
      const { roadmap } = session.board.get();
      const items = arg.axis === 'lane' ? roadmap.lanes : roadmap.periods;
      return firstRefusal([decideRoadmap(authority, items.find((i) => i.id === arg.id) ?? null)]);
    },
    run: (ctx, change: RoadmapChange) => changeRoadmapAxis(ctx, change),
  } satisfies Command<RoadmapChange>,
} as const;
