import { NOTE_COLOR_NAMES, NOTE_COLORS, type NoteColor } from '@paja/shared';
import { useI18n } from '../i18n/I18nContext';
import { colorKey } from '../i18n/messages';
import { DuplicateIcon, FitIcon, FocusIcon, HandIcon, SelectIcon, TrashIcon } from './icons';

export interface SelectionSummary {
  count: number;
  /** The colour all selected notes share, or null when they differ. */
  color: NoteColor | null;
  allLocked: boolean;
}

export interface ClusterSummary {
  id: string;
  collapsed: boolean;
}

interface ToolbarProps {
  readOnly: boolean;
  facilitator: boolean;
  tool: 'select' | 'pan';
  selection: SelectionSummary;
  cluster: ClusterSummary | null;
  scale: number;
  canUndo: boolean;
  canRedo: boolean;
  roadmapOpen: boolean;
  onTool(tool: 'select' | 'pan'): void;
  onAddNote(): void;
  onDelete(): void;
  onRecolor(color: NoteColor): void;
  onDuplicate(): void;
  onMakeCluster(): void;
  onLock(locked: boolean): void;
  onRenameCluster(): void;
  onArrangeCluster(): void;
  onCollapseCluster(collapsed: boolean): void;
  onDeleteCluster(): void;
  onUndo(): void;
  onRedo(): void;
  onZoom(direction: 1 | -1): void;
  onResetZoom(): void;
  onZoomToFit(): void;
  onZoomToSelection(): void;
  onRoadmap(): void;
}

/**
 * The tools. Editing tools are hidden from viewers and commenters (the server refuses their
 * edits anyway); locking is for facilitators. Every button has a name in the viewer's
 * language; the shortcut is in its tooltip.
 */
export function Toolbar(props: ToolbarProps) {
  const { t, formatNumber } = useI18n();
  const { readOnly, selection, cluster } = props;
  const percent = formatNumber(Math.round(props.scale * 100));
  // mousedown must not move focus out of the note editor before the click lands, or the
  // editor would close and a recolour while typing would cost the caret.
  const keepFocus = (event: React.MouseEvent) => event.preventDefault();
  const editable = !readOnly && selection.count > 0 && !selection.allLocked;
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="tool-group">
        <button
          type="button"
          data-testid="tool-select"
          aria-pressed={props.tool === 'select'}
          aria-label={t('toolbar.selectTool')}
          title={t('toolbar.selectTool')}
          onClick={() => props.onTool('select')}
        >
          <SelectIcon />
        </button>
        <button
          type="button"
          data-testid="tool-pan"
          aria-pressed={props.tool === 'pan'}
          aria-label={t('toolbar.panTool')}
          title={t('toolbar.panTool')}
          onClick={() => props.onTool('pan')}
        >
          <HandIcon />
        </button>
      </div>
      {!readOnly && (
        <>
          <button
            type="button"
            className="primary"
            data-testid="add-note"
            onClick={props.onAddNote}
          >
            <span aria-hidden="true">+</span> {t('toolbar.addNote')}
          </button>
          <div className="tool-group">
            <button
              type="button"
              data-testid="undo"
              disabled={!props.canUndo}
              aria-label={t('toolbar.undo')}
              title={t('toolbar.undo')}
              onMouseDown={keepFocus}
              onClick={props.onUndo}
            >
              ↶
            </button>
            <button
              type="button"
              data-testid="redo"
              disabled={!props.canRedo}
              aria-label={t('toolbar.redo')}
              title={t('toolbar.redo')}
              onMouseDown={keepFocus}
              onClick={props.onRedo}
            >
              ↷
            </button>
          </div>
        </>
      )}
      {editable && (
        <>
          <fieldset className="palette">
            <legend className="visually-hidden">{t('toolbar.colors')}</legend>
            {NOTE_COLOR_NAMES.map((color) => {
              const name = t(colorKey(color));
              return (
                <button
                  key={color}
                  type="button"
                  className="swatch"
                  data-testid={`color-${color}`}
                  aria-label={t('toolbar.color', { color: name })}
                  aria-pressed={color === selection.color}
                  title={name}
                  style={{ background: NOTE_COLORS[color] }}
                  onMouseDown={keepFocus}
                  onClick={() => props.onRecolor(color)}
                />
              );
            })}
          </fieldset>
          <div className="tool-group">
            <button
              type="button"
              data-testid="duplicate"
              onMouseDown={keepFocus}
              onClick={props.onDuplicate}
              aria-label={t('toolbar.duplicate')}
              title={t('toolbar.duplicate')}
            >
              <DuplicateIcon />
            </button>
            <button
              type="button"
              data-testid="make-cluster"
              onMouseDown={keepFocus}
              onClick={props.onMakeCluster}
              title={t('toolbar.makeCluster')}
            >
              {t('toolbar.makeClusterShort')}
            </button>
            <button
              type="button"
              data-testid="delete-note"
              onMouseDown={keepFocus}
              onClick={props.onDelete}
              aria-label={t('toolbar.deleteNote', { count: selection.count })}
              title={t('toolbar.deleteNote', { count: selection.count })}
            >
              <TrashIcon />
            </button>
          </div>
        </>
      )}
      {!readOnly && props.facilitator && selection.count > 0 && (
        <button
          type="button"
          data-testid="lock"
          aria-pressed={selection.allLocked}
          onMouseDown={keepFocus}
          onClick={() => props.onLock(!selection.allLocked)}
          title={selection.allLocked ? t('toolbar.unlock') : t('toolbar.lock')}
        >
          {selection.allLocked ? t('toolbar.unlock') : t('toolbar.lock')}
        </button>
      )}
      {!readOnly && cluster && (
        <fieldset className="tool-group">
          <legend className="visually-hidden">{t('cluster.tools')}</legend>
          <button type="button" data-testid="cluster-rename" onClick={props.onRenameCluster}>
            {t('cluster.rename')}
          </button>
          <button type="button" data-testid="cluster-arrange" onClick={props.onArrangeCluster}>
            {t('cluster.arrange')}
          </button>
          <button
            type="button"
            data-testid="cluster-collapse"
            onClick={() => props.onCollapseCluster(!cluster.collapsed)}
          >
            {cluster.collapsed ? t('cluster.expand') : t('cluster.collapse')}
          </button>
          <button type="button" data-testid="cluster-delete" onClick={props.onDeleteCluster}>
            {t('cluster.delete')}
          </button>
        </fieldset>
      )}
      <div className="zoom">
        <button
          type="button"
          data-testid="zoom-out"
          aria-label={t('toolbar.zoomOut')}
          title={t('toolbar.zoomOut')}
          onClick={() => props.onZoom(-1)}
        >
          −
        </button>
        <button
          type="button"
          data-testid="zoom-reset"
          className="zoom-level"
          aria-label={t('toolbar.zoomReset', { percent })}
          title={t('toolbar.zoomReset', { percent })}
          onClick={props.onResetZoom}
        >
          {percent} %
        </button>
        <button
          type="button"
          data-testid="zoom-in"
          aria-label={t('toolbar.zoomIn')}
          title={t('toolbar.zoomIn')}
          onClick={() => props.onZoom(1)}
        >
          +
        </button>
        <button
          type="button"
          data-testid="zoom-fit"
          aria-label={t('toolbar.zoomFit')}
          title={t('toolbar.zoomFit')}
          onClick={props.onZoomToFit}
        >
          <FitIcon />
        </button>
        <button
          type="button"
          data-testid="zoom-selection"
          aria-label={t('toolbar.zoomSelection')}
          title={t('toolbar.zoomSelection')}
          disabled={selection.count === 0}
          onClick={props.onZoomToSelection}
        >
          <FocusIcon />
        </button>
      </div>
      <button
        type="button"
        data-testid="roadmap-toggle"
        aria-pressed={props.roadmapOpen}
        onClick={props.onRoadmap}
      >
        {t('roadmap.heading')}
      </button>
    </div>
  );
}
