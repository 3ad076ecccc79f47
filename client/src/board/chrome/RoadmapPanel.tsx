import type { Axis, AxisItemView, RoadmapView } from '@paja/shared';
import { useState } from 'react';
import { refusalKey } from '../../i18n/authority';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import type { BoardController } from '../input/BoardController';
import type { RoadmapChange } from '../input/roadmapChanges';
import { LockIcon, UnlockIcon } from './icons';

interface RoadmapPanelProps {
  controller: BoardController;
  roadmap: RoadmapView;
  readOnly: boolean;
  /** Facilitators lock and unlock themes and periods here. */
  canLock: boolean;
  onShow(): void;
  onClose(): void;
}

/**
 * The roadmap's lanes (themes) and periods as lists: add, rename, reorder, delete (asked
 * first), lock. Titles can also be edited in place on the canvas (double-click); this panel is
 * the keyboard- and screen-reader-friendly way, and the only one for reordering. Every change
 * is the `changeRoadmap` command, so the permission table decides here as everywhere: a
 * participant without "change clusters and the roadmap" sees the buttons say why.
 */
export function RoadmapPanel({
  controller,
  roadmap,
  readOnly,
  canLock,
  onShow,
  onClose,
}: RoadmapPanelProps) {
  const { t } = useI18n();
  const empty = roadmap.lanes.length === 0 && roadmap.periods.length === 0;
  const change = (c: RoadmapChange) => controller.run('changeRoadmap', c);
  const why = (c: RoadmapChange) => {
    const reason = controller.refusal('changeRoadmap', undefined, c);
    return reason ? t(refusalKey(reason)) : null;
  };
  const lists = { controller, readOnly, canLock, change, why };
  return (
    <aside className="side-panel" aria-label={t('roadmap.heading')} data-testid="roadmap-panel">
      <div className="side-panel-head">
        <h2>{t('roadmap.heading')}</h2>
        <button type="button" className="quiet" onClick={onClose} aria-label={t('panel.close')}>
          ✕
        </button>
      </div>
      {empty ? (
        <>
          <p className="muted">{t('roadmap.empty')}</p>
          {!readOnly && (
            <button
              type="button"
              className="primary"
              data-testid="roadmap-create"
              aria-disabled={why({ kind: 'create' }) !== null}
              title={why({ kind: 'create' }) ?? undefined}
              onClick={() => {
                if (change({ kind: 'create' })) onShow();
              }}
            >
              {t('roadmap.create')}
            </button>
          )}
        </>
      ) : (
        <>
          <button type="button" onClick={onShow}>
            {t('roadmap.show')}
          </button>
          <AxisList
            {...lists}
            axis="lane"
            items={roadmap.lanes}
            heading="roadmap.lanes"
            addLabel="roadmap.addLane"
            itemLabel="roadmap.lane"
          />
          <AxisList
            {...lists}
            axis="period"
            items={roadmap.periods}
            heading="roadmap.periods"
            addLabel="roadmap.addPeriod"
            itemLabel="roadmap.period"
          />
        </>
      )}
    </aside>
  );
}

function AxisList({
  controller,
  axis,
  items,
  readOnly,
  canLock,
  change,
  why,
  heading,
  addLabel,
  itemLabel,
}: {
  controller: BoardController;
  axis: Axis;
  items: readonly AxisItemView[];
  readOnly: boolean;
  canLock: boolean;
  change(c: RoadmapChange): boolean;
  why(c: RoadmapChange): string | null;
  heading: MessageKey;
  addLabel: MessageKey;
  itemLabel: MessageKey;
}) {
  const { t } = useI18n();
  const addWhy = why({ kind: 'add', axis });
  return (
    <section className="axis-list">
      <h3>{t(heading)}</h3>
      <ol>
        {items.map((item, index) => {
          const refused = why({ kind: 'delete', axis, id: item.id });
          const title = item.title || t('cluster.untitled');
          return (
            <li key={item.id} data-testid={`${axis}-row`}>
              <AxisTitle
                title={item.title}
                label={t(itemLabel, { index: index + 1 })}
                readOnly={readOnly || refused !== null}
                hint={refused}
                testId={`${axis}-title`}
                onCommit={(next) => change({ kind: 'rename', axis, id: item.id, title: next })}
              />
              {item.locked && !canLock && (
                <span className="lock-badge" title={t('lock.locked')}>
                  <LockIcon />
                  <span className="visually-hidden">{t('lock.locked')}</span>
                </span>
              )}
              {canLock && (
                <button
                  type="button"
                  className="icon"
                  data-testid={`${axis}-lock`}
                  aria-pressed={item.locked}
                  aria-label={t(item.locked ? 'lock.unlockItem' : 'lock.lockItem', { title })}
                  title={t(item.locked ? 'lock.unlockItem' : 'lock.lockItem', { title })}
                  onClick={() =>
                    controller.run('setAxisLock', { axis, id: item.id, locked: !item.locked })
                  }
                >
                  {item.locked ? <LockIcon /> : <UnlockIcon />}
                </button>
              )}
              {!readOnly && (
                <>
                  <button
                    type="button"
                    className="icon"
                    disabled={index === 0}
                    aria-disabled={refused !== null}
                    aria-label={t('roadmap.moveUp')}
                    title={refused ?? t('roadmap.moveUp')}
                    onClick={() => change({ kind: 'move', axis, id: item.id, to: index - 1 })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon"
                    disabled={index === items.length - 1}
                    aria-disabled={refused !== null}
                    aria-label={t('roadmap.moveDown')}
                    title={refused ?? t('roadmap.moveDown')}
                    onClick={() => change({ kind: 'move', axis, id: item.id, to: index + 1 })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon"
                    data-testid={`${axis}-delete`}
                    aria-disabled={refused !== null}
                    aria-label={t('roadmap.delete')}
                    title={refused ?? t('roadmap.delete')}
                    onClick={() => change({ kind: 'delete', axis, id: item.id })}
                  >
                    ✕
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <button
          type="button"
          data-testid={`add-${axis}`}
          aria-disabled={addWhy !== null}
          title={addWhy ?? undefined}
          onClick={() => change({ kind: 'add', axis })}
        >
          + {t(addLabel)}
        </button>
      )}
    </section>
  );
}

function AxisTitle({
  title,
  label,
  readOnly,
  hint,
  testId,
  onCommit,
}: {
  title: string;
  label: string;
  readOnly: boolean;
  /** Why it cannot be renamed now. */
  hint: string | null;
  testId: string;
  onCommit(title: string): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      aria-label={label}
      title={hint ?? undefined}
      data-testid={testId}
      value={draft ?? title}
      readOnly={readOnly}
      maxLength={200}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
        if (event.key === 'Escape') setDraft(null);
      }}
      onBlur={() => {
        if (draft !== null && draft.trim() !== title) onCommit(draft);
        setDraft(null);
      }}
    />
  );
}
