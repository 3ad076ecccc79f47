import { useI18n } from '../../i18n/I18nContext';
import type { BoardController } from '../input/BoardController';
import type { CommandId, SelectionView } from '../input/commands';
import { FitIcon, FocusIcon } from './icons';

/** Zoom out, the zoom level (pressing it resets), zoom in, fit the board, zoom to the selection. */
export function ZoomTools({
  controller,
  selection,
  scale,
}: {
  controller: BoardController;
  selection: SelectionView;
  scale: number;
}) {
  const { t, formatNumber } = useI18n();
  const run = (id: CommandId) => () => controller.runWith(id, undefined);
  const percent = formatNumber(Math.round(scale * 100));
  return (
    <div className="zoom">
      <button
        type="button"
        data-testid="zoom-out"
        aria-label={t('toolbar.zoomOut')}
        title={t('toolbar.zoomOut')}
        onClick={run('zoomOut')}
      >
        −
      </button>
      <button
        type="button"
        data-testid="zoom-reset"
        className="zoom-level"
        title={t('toolbar.zoomReset', { percent })}
        onClick={run('zoomReset')}
      >
        {/* The name holds the visible text (WCAG 2.5.3): "Reset zoom, now 76 %". */}
        <span className="visually-hidden">{t('toolbar.zoomResetLabel')} </span>
        {percent} %
      </button>
      <button
        type="button"
        data-testid="zoom-in"
        aria-label={t('toolbar.zoomIn')}
        title={t('toolbar.zoomIn')}
        onClick={run('zoomIn')}
      >
        +
      </button>
      <button
        type="button"
        data-testid="zoom-fit"
        aria-label={t('toolbar.zoomFit')}
        title={t('toolbar.zoomFit')}
        onClick={run('zoomFit')}
      >
        <FitIcon />
      </button>
      <button
        type="button"
        data-testid="zoom-selection"
        aria-label={t('toolbar.zoomSelection')}
        title={t('toolbar.zoomSelection')}
        disabled={!controller.enabled('zoomSelection', selection)}
        onClick={run('zoomSelection')}
      >
        <FocusIcon />
      </button>
    </div>
  );
}
