import {
  type Axis,
  type AxisItemView,
  addAxisItem,
  createRoadmap,
  defaultPeriods,
  deleteAxisItem,
  moveAxisItem,
  setTextIn,
} from '@paja/shared';
import type { CommandContext } from './commandTypes';

/** One change of the roadmap's structure, as the Roadmap panel asks for it. */
export type RoadmapChange =
  | { kind: 'create' }
  | { kind: 'add'; axis: Axis }
  | { kind: 'rename'; axis: Axis; id: string; title: string }
  | { kind: 'move'; axis: Axis; id: string; to: number }
  | { kind: 'delete'; axis: Axis; id: string };

/**
 * The `changeRoadmap` command. Deleting a theme or a period takes every note in it off the
 * roadmap for everyone, so it is asked first, naming what goes.
 */
export function changeRoadmapAxis(ctx: CommandContext, change: RoadmapChange): void {
  const { session, t } = ctx;
  const { doc } = session;
  const { roadmap } = session.board.get();
  switch (change.kind) {
    case 'create':
      session.act(() =>
        createRoadmap(doc, [t('roadmap.defaultLane')], defaultPeriods(new Date().getFullYear())),
      );
      return;
    case 'add': {
      const items = change.axis === 'lane' ? roadmap.lanes : roadmap.periods;
      const title = change.axis === 'lane' ? t('roadmap.defaultLane') : nextPeriodTitle(items);
      session.act(() => addAxisItem(doc, change.axis, { title, lang: session.board.get().lang }));
      return;
    }
    case 'rename':
      session.act(() =>
        setTextIn(doc, change.axis, change.id, session.board.get().lang, change.title),
      );
      return;
    case 'move':
      session.act(() => moveAxisItem(doc, change.axis, change.id, change.to));
      return;
    case 'delete': {
      const items = change.axis === 'lane' ? roadmap.lanes : roadmap.periods;
      const title = items.find((i) => i.id === change.id)?.title || t('cluster.untitled');
      const question = change.axis === 'lane' ? 'confirm.deleteLane' : 'confirm.deletePeriod';
      ctx.confirm(
        t(question, { title }),
        () => session.act(() => deleteAxisItem(doc, change.axis, change.id)),
        'confirm.delete',
      );
      return;
    }
  }
}

/** A new period after a year is the next year; otherwise it starts untitled. */
function nextPeriodTitle(items: readonly AxisItemView[]): string {
  const last = Number(items.at(-1)?.title);
  return Number.isInteger(last) ? String(last + 1) : '';
}
