import { NOTE_COLOR_NAMES, NOTE_COLORS, type Role } from '@paja/shared';
import { refusalKey } from '../../i18n/authority';
import { useI18n } from '../../i18n/I18nContext';
import { colorKey } from '../../i18n/messages';
import type { BoardController } from '../input/BoardController';
import {
  type CommandId,
  mayEdit,
  type Panel,
  type SelectionView,
  type Tool,
} from '../input/commands';
import { AddImageButton } from '../media/AddImageButton';
import type { HistoryState } from '../session/BoardSession';
import {
  DuplicateIcon,
  FitIcon,
  FocusIcon,
  HandIcon,
  LockIcon,
  SelectIcon,
  TrashIcon,
  UnlockIcon,
} from './icons';
import { PanelButtons } from './PanelButtons';

interface ToolbarProps {
  controller: BoardController;
  tool: Tool;
  panel: Panel | null;
  /** The selection and the history as of this render (the buttons depend on them). */
  selection: SelectionView;
  history: HistoryState;
  role: Role | null;
  scale: number;
  /** How many comments the board has (shown on the comments button). */
  commentCount: number;
  /** A vote is open: the vote button says so. */
  voting: boolean;
}

/**
 * The tools: buttons for commands of the command table (input/commands.ts), shown or enabled by
 * the same rules the keyboard follows. Editing tools are hidden from viewers and commenters (the
 * server refuses their edits anyway); locking is for facilitators. Every button has a name in
 * the viewer's language; the shortcut is in its tooltip.
 */
export function Toolbar(props: ToolbarProps) {
  const { t, formatNumber } = useI18n();
  const { controller, selection } = props;
  const on = (id: CommandId) => controller.enabled(id, selection);
  const run = (id: CommandId) => () => controller.runWith(id, undefined);
  // A button the board's rules stop now stays where it is, marked unavailable, and says why
  // (its tooltip, and a notice when pressed): shared's permission table via the command table.
  const why = (id: CommandId) => {
    const reason = controller.refusal(id, selection);
    return reason ? t(refusalKey(reason)) : null;
  };
  const stopped = (id: CommandId, label: string) => {
    const reason = why(id);
    return { 'aria-disabled': reason !== null, title: reason ?? label };
  };
  const readOnly = !mayEdit(props.role);
  const count = selection.notes.length;
  const first = selection.notes[0]?.color ?? null;
  const sharedColor = selection.notes.every((n) => n.color === first) ? first : null;
  const allLocked = count > 0 && selection.notes.every((n) => n.locked);
  const cluster = on('renameCluster') ? selection.cluster : null;
  const percent = formatNumber(Math.round(props.scale * 100));
  // mousedown must not move focus out of the note editor before the click lands, or the
  // editor would close and a recolour while typing would cost the caret.
  const keepFocus = (event: React.MouseEvent) => event.preventDefault();
  const editable = on('recolor');
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="tool-group">
        <button
          type="button"
          data-testid="tool-select"
          aria-pressed={props.tool === 'select'}
          aria-label={t('toolbar.selectTool')}
          title={t('toolbar.selectTool')}
          onClick={run('toolSelect')}
        >
          <SelectIcon />
        </button>
        <button
          type="button"
          data-testid="tool-pan"
          aria-pressed={props.tool === 'pan'}
          aria-label={t('toolbar.panTool')}
          title={t('toolbar.panTool')}
          onClick={run('toolPan')}
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
            {...stopped('addNote', t('toolbar.addNote'))}
            onClick={run('addNote')}
          >
            <span aria-hidden="true">+</span> {t('toolbar.addNote')}
          </button>
          {controller.session.token && (
            <AddImageButton
              refusal={why('addImages')}
              onFiles={(files) => controller.run('addImages', { files })}
            />
          )}
          <div className="tool-group">
            <button
              type="button"
              data-testid="undo"
              disabled={!on('undo')}
              aria-label={t('toolbar.undo')}
              title={t('toolbar.undo')}
              onMouseDown={keepFocus}
              onClick={run('undo')}
            >
              ↶
            </button>
            <button
              type="button"
              data-testid="redo"
              disabled={!on('redo')}
              aria-label={t('toolbar.redo')}
              title={t('toolbar.redo')}
              onMouseDown={keepFocus}
              onClick={run('redo')}
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
                  aria-pressed={color === sharedColor}
                  {...stopped('recolor', name)}
                  style={{ background: NOTE_COLORS[color] }}
                  onMouseDown={keepFocus}
                  onClick={() => controller.run('recolor', color)}
                />
              );
            })}
          </fieldset>
          <div className="tool-group">
            <button
              type="button"
              data-testid="duplicate"
              onMouseDown={keepFocus}
              onClick={run('duplicate')}
              aria-label={t('toolbar.duplicate')}
              {...stopped('duplicate', t('toolbar.duplicate'))}
            >
              <DuplicateIcon />
            </button>
            <button
              type="button"
              data-testid="make-cluster"
              onMouseDown={keepFocus}
              onClick={run('makeCluster')}
              {...stopped('makeCluster', t('toolbar.makeCluster'))}
            >
              {t('toolbar.makeClusterShort')}
            </button>
            <button
              type="button"
              data-testid="move-to"
              onMouseDown={keepFocus}
              onClick={run('openMoveTo')}
              {...stopped('openMoveTo', t('keys.moveTo'))}
            >
              {t('keys.moveTo')}
            </button>
            <button
              type="button"
              data-testid="delete-note"
              onMouseDown={keepFocus}
              onClick={run('deleteSelection')}
              aria-label={t('toolbar.deleteNote', { count: count })}
              {...stopped('deleteSelection', t('toolbar.deleteNote', { count: count }))}
            >
              <TrashIcon />
            </button>
          </div>
        </>
      )}
      {on('toggleLock') && (
        <button
          type="button"
          data-testid="lock"
          aria-pressed={allLocked}
          onMouseDown={keepFocus}
          onClick={run('toggleLock')}
          title={allLocked ? t('toolbar.unlock') : t('toolbar.lock')}
        >
          {allLocked ? <LockIcon /> : <UnlockIcon />}{' '}
          {allLocked ? t('toolbar.unlock') : t('toolbar.lock')}
        </button>
      )}
      {cluster && (
        <fieldset className="tool-group">
          <legend className="visually-hidden">{t('cluster.tools')}</legend>
          <button
            type="button"
            data-testid="cluster-rename"
            {...stopped('renameCluster', t('cluster.rename'))}
            onClick={run('renameCluster')}
          >
            {t('cluster.rename')}
          </button>
          <button
            type="button"
            data-testid="cluster-arrange"
            {...stopped('arrangeCluster', t('cluster.arrange'))}
            onClick={run('arrangeCluster')}
          >
            {t('cluster.arrange')}
          </button>
          <button
            type="button"
            data-testid="cluster-collapse"
            {...stopped('toggleCollapseCluster', t('cluster.collapse'))}
            onClick={run('toggleCollapseCluster')}
          >
            {cluster.collapsed ? t('cluster.expand') : t('cluster.collapse')}
          </button>
          <button
            type="button"
            data-testid="cluster-delete"
            {...stopped('deleteCluster', t('cluster.delete'))}
            onClick={run('deleteCluster')}
          >
            {t('cluster.delete')}
          </button>
          {on('toggleClusterLock') && (
            <button
              type="button"
              data-testid="cluster-lock"
              aria-pressed={cluster.locked}
              onClick={run('toggleClusterLock')}
              title={cluster.locked ? t('lock.unlockCluster') : t('lock.lockCluster')}
            >
              {cluster.locked ? <LockIcon /> : <UnlockIcon />}{' '}
              {cluster.locked ? t('lock.unlock') : t('lock.lock')}
            </button>
          )}
        </fieldset>
      )}
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
          disabled={!on('zoomSelection')}
          onClick={run('zoomSelection')}
        >
          <FocusIcon />
        </button>
      </div>
      <PanelButtons
        controller={controller}
        selection={selection}
        panel={props.panel}
        tool={props.tool}
        role={props.role}
        commentCount={props.commentCount}
        voting={props.voting}
      />
    </div>
  );
}
