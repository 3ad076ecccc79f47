import {
  type Axis,
  type AxisItemView,
  addAxisItem,
  createRoadmap,
  defaultPeriods,
  deleteAxisItem,
  moveAxisItem,
  type RoadmapView,
  renameAxisItem,
} from '@paja/shared';
import { useState } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';

interface RoadmapPanelProps {
  doc: Y.Doc;
  roadmap: RoadmapView;
  readOnly: boolean;
  /** Runs a change as one undo step (useUndo.act). */
  act(fn: () => void): void;
  onShow(): void;
  onClose(): void;
}

/**
 * The roadmap's lanes (themes) and periods as lists: add, rename, reorder, delete. Titles can
 * also be edited in place on the canvas (double-click); this panel is the keyboard- and screen-
 * reader-friendly way, and the only one for reordering.
 */
export function RoadmapPanel({ doc, roadmap, readOnly, act, onShow, onClose }: RoadmapPanelProps) {
  const { t } = useI18n();
  const empty = roadmap.lanes.length === 0 && roadmap.periods.length === 0;
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
              onClick={() => {
                act(() =>
                  createRoadmap(
                    doc,
                    [t('roadmap.defaultLane')],
                    defaultPeriods(new Date().getFullYear()),
                  ),
                );
                onShow();
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
            doc={doc}
            axis="lane"
            items={roadmap.lanes}
            readOnly={readOnly}
            act={act}
            heading="roadmap.lanes"
            addLabel="roadmap.addLane"
            itemLabel="roadmap.lane"
          />
          <AxisList
            doc={doc}
            axis="period"
            items={roadmap.periods}
            readOnly={readOnly}
            act={act}
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
  doc,
  axis,
  items,
  readOnly,
  act,
  heading,
  addLabel,
  itemLabel,
}: {
  doc: Y.Doc;
  axis: Axis;
  items: readonly AxisItemView[];
  readOnly: boolean;
  act(fn: () => void): void;
  heading: MessageKey;
  addLabel: MessageKey;
  itemLabel: MessageKey;
}) {
  const { t } = useI18n();
  return (
    <section className="axis-list">
      <h3>{t(heading)}</h3>
      <ol>
        {items.map((item, index) => (
          <li key={item.id}>
            <AxisTitle
              title={item.title}
              label={t(itemLabel, { index: index + 1 })}
              readOnly={readOnly}
              testId={`${axis}-title`}
              onCommit={(title) => act(() => renameAxisItem(doc, axis, item.id, title))}
            />
            {!readOnly && (
              <>
                <button
                  type="button"
                  className="icon"
                  disabled={index === 0}
                  aria-label={t('roadmap.moveUp')}
                  title={t('roadmap.moveUp')}
                  onClick={() => act(() => moveAxisItem(doc, axis, item.id, index - 1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  disabled={index === items.length - 1}
                  aria-label={t('roadmap.moveDown')}
                  title={t('roadmap.moveDown')}
                  onClick={() => act(() => moveAxisItem(doc, axis, item.id, index + 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label={t('roadmap.delete')}
                  title={t('roadmap.delete')}
                  onClick={() => act(() => deleteAxisItem(doc, axis, item.id))}
                >
                  ✕
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button
          type="button"
          data-testid={`add-${axis}`}
          onClick={() =>
            act(() =>
              addAxisItem(doc, axis, {
                title: axis === 'lane' ? t('roadmap.defaultLane') : nextPeriodTitle(items),
              }),
            )
          }
        >
          + {t(addLabel)}
        </button>
      )}
    </section>
  );
}

/** A new period after a year is the next year; otherwise it starts untitled-ish. */
function nextPeriodTitle(items: readonly AxisItemView[]): string {
  const last = Number(items.at(-1)?.title);
  return Number.isInteger(last) ? String(last + 1) : '';
}

function AxisTitle({
  title,
  label,
  readOnly,
  testId,
  onCommit,
}: {
  title: string;
  label: string;
  readOnly: boolean;
  testId: string;
  onCommit(title: string): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      aria-label={label}
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
