import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { Destination } from '../input/moveTo';
import './keys.css';
import { useReturnFocus } from './useReturnFocus';

export interface Place {
  to: Destination;
  title: string;
  period?: string;
}

interface MoveToDialogProps {
  count: number;
  places: readonly Place[];
  onChoose(to: Destination): void;
  onClose(): void;
}

/**
 * "Move to…": the topics and the roadmap's cells as a list of buttons, for the keyboard
 * (Shift+M on a note), a screen reader and a touch screen (the toolbar), instead of dragging
 * notes across the board. A modal dialog: the focus stays inside, Escape closes it and gives
 * the focus back.
 */
export function MoveToDialog({ count, places, onChoose, onClose }: MoveToDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const heading = useId();
  useReturnFocus();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const untitled = t('cluster.untitled');
  const topics = places.filter((p) => p.to.kind === 'cluster' || p.to.kind === 'noCluster');
  const cells = places.filter((p) => p.to.kind === 'cell' || p.to.kind === 'noCell');
  const name = (p: Place) => {
    switch (p.to.kind) {
      case 'cluster':
        return t('keys.optionTopic', { title: p.title || untitled });
      case 'cell':
        return t('keys.optionCell', { lane: p.title || untitled, period: p.period || untitled });
      case 'noCluster':
        return t('keys.optionOutOfTopic');
      case 'noCell':
        return t('keys.optionOffRoadmap');
    }
  };
  const list = (items: readonly Place[]) => (
    <ul className="move-to-list">
      {items.map((p) => (
        <li key={JSON.stringify(p.to)}>
          <button type="button" data-testid="move-to-place" onClick={() => onChoose(p.to)}>
            {name(p)}
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <dialog
      ref={ref}
      className="keys-dialog"
      data-testid="move-to-dialog"
      aria-labelledby={heading}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={heading}>{t('keys.moveToTitle', { count })}</h2>
      <p>{t('keys.moveToIntro', { count })}</p>
      {places.length === 0 && <p>{t('keys.noPlaces')}</p>}
      {topics.length > 0 && (
        <section aria-label={t('keys.topics')}>
          <h3>{t('keys.topics')}</h3>
          {list(topics)}
        </section>
      )}
      {cells.length > 0 && (
        <section aria-label={t('keys.roadmap')}>
          <h3>{t('keys.roadmap')}</h3>
          {list(cells)}
        </section>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-testid="move-to-cancel">
          {t('name.cancel')}
        </button>
      </div>
    </dialog>
  );
}
