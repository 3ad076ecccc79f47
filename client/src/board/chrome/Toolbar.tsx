import type { Role } from '@paja/shared';
import { refusalKey } from '../../i18n/authority';
import { useI18n } from '../../i18n/I18nContext';
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
import { HandIcon, SelectIcon } from './icons';
import { PanelButtons } from './PanelButtons';
import { ScrollRow } from './ScrollRow';
import { SelectionTools, type Stopped } from './SelectionTools';
import { useMediaQuery } from './useMediaQuery';
import { ZoomTools } from './ZoomTools';
import './toolbar.css';

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

/** Wide enough for the toolbar's two rows side by side with nothing scrolled out of sight. */
const TWO_ROWS = '(min-width: 1024px)';

/**
 * The tools: buttons for commands of the command table (input/commands.ts), shown or enabled by
 * the same rules the keyboard follows. Editing tools are hidden from viewers and commenters (the
 * server refuses their edits anyway); locking is for facilitators. Every button has a name in
 * the viewer's language; the shortcut is in its tooltip.
 *
 * Its shape: on a wide screen, people who edit get two rows that never grow: the board's tools
 * and panels, then the selection's tools beside the zoom (selecting fills the second row
 * instead of adding a third over the board); readers get one row. On a narrow screen
 * everything is one row that scrolls sideways, at most a fifth of a phone's screen. The DOM
 * order is the visual order in both, so Tab goes the way the eye does.
 */
export function Toolbar(props: ToolbarProps) {
  const { t } = useI18n();
  const twoRows = useMediaQuery(TWO_ROWS);
  const { controller, selection } = props;
  const on = (id: CommandId) => controller.enabled(id, selection);
  const run = (id: CommandId) => () => controller.runWith(id, undefined);
  // A button the board's rules stop now stays where it is, marked unavailable, and says why
  // (its tooltip, and a notice when pressed): shared's permission table via the command table.
  const why = (id: CommandId) => {
    const reason = controller.refusal(id, selection);
    return reason ? t(refusalKey(reason)) : null;
  };
  const stopped: Stopped = (id, label) => {
    const reason = why(id);
    return { 'aria-disabled': reason !== null, title: reason ?? label };
  };
  const editor = mayEdit(props.role);
  // mousedown must not move focus out of the note editor before the click lands, or the
  // editor would close and an undo while typing would cost the caret.
  const keepFocus = (event: React.MouseEvent) => event.preventDefault();

  const pointerTools = (
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
  );
  const createTools = editor && (
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
  );
  const selectionTools = editor && (
    <SelectionTools controller={controller} selection={selection} stopped={stopped} />
  );
  const zoom = <ZoomTools controller={controller} selection={selection} scale={props.scale} />;
  const panels = (
    <PanelButtons
      controller={controller}
      selection={selection}
      panel={props.panel}
      tool={props.tool}
      commentCount={props.commentCount}
      voting={props.voting}
    />
  );

  // A control reached by Tab in a row that scrolls sideways comes fully into sight: Chromium
  // scrolls only until a part of it shows, and the rest of its name may stay cut off.
  const reveal = (event: React.FocusEvent) => {
    if (event.target instanceof HTMLElement) {
      event.target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  };

  if (editor && twoRows) {
    return (
      <div
        className="toolbar for-editors two-rows"
        data-covers="bottom"
        role="toolbar"
        aria-label={t('toolbar.label')}
        onFocus={reveal}
      >
        <ScrollRow>
          {pointerTools}
          {createTools}
          {panels}
        </ScrollRow>
        {/* Always there for editors: selecting fills this row, it never adds one. */}
        <ScrollRow testId="toolbar-selection-row">
          {selectionTools}
          {zoom}
        </ScrollRow>
      </div>
    );
  }
  return (
    <div
      className={editor ? 'toolbar for-editors' : 'toolbar'}
      data-covers="bottom"
      role="toolbar"
      aria-label={t('toolbar.label')}
      onFocus={reveal}
    >
      {/* Readers' comments come before the zoom: on a phone they are what the public came
          for, and the end of the row is out of sight. */}
      <ScrollRow>
        {pointerTools}
        {createTools}
        {selectionTools}
        {editor ? zoom : panels}
        {editor ? panels : zoom}
      </ScrollRow>
    </div>
  );
}
