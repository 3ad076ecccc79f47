import type { Role } from '@paja/shared';
import { useI18n } from '../../i18n/I18nContext';
import { ModerationToggle } from '../../moderation/ModerationTools';
import { PrivateBrainstormTool } from '../../workshop/PrivateBrainstormUi';
import type { BoardController } from '../input/BoardController';
import type { CommandId, Panel, SelectionView, Tool } from '../input/commands';
import { CommentIcon } from './icons';

interface PanelButtonsProps {
  controller: BoardController;
  selection: SelectionView;
  panel: Panel | null;
  tool: Tool;
  role: Role | null;
  /** How many comments the board has (shown on the comments button). */
  commentCount: number;
  /** A vote is open: the vote button says so. */
  voting: boolean;
}

/**
 * The toolbar's end: the buttons that open the workshop's panels and dialogs (roadmap, votes,
 * comments, moderation, export, history, import, files, phase), each shown only to whom the
 * command table lets use it.
 */
export function PanelButtons(props: PanelButtonsProps) {
  const { t, formatNumber } = useI18n();
  const { controller, selection } = props;
  const on = (id: CommandId) => controller.enabled(id, selection);
  const run = (id: CommandId) => () => controller.runWith(id, undefined);
  return (
    <>
      {on('toggleRoadmap') && (
        <button
          type="button"
          data-testid="roadmap-toggle"
          aria-pressed={props.panel === 'roadmap'}
          onClick={run('toggleRoadmap')}
        >
          {t('roadmap.heading')}
        </button>
      )}
      {on('toggleVotes') && (
        <button
          type="button"
          data-testid="vote-toggle"
          aria-pressed={props.panel === 'votes'}
          className={props.voting ? 'vote-toggle running' : 'vote-toggle'}
          onClick={run('toggleVotes')}
        >
          {t('vote.toolbar')}
        </button>
      )}
      <div className="tool-group">
        {on('commentTool') && (
          <button
            type="button"
            data-testid="comment-tool"
            aria-pressed={props.tool === 'comment'}
            title={`${t('comments.toolHint')} (C)`}
            onClick={run('commentTool')}
          >
            <CommentIcon /> {t('comments.tool')}
          </button>
        )}
        <button
          type="button"
          data-testid="comments-toggle"
          aria-pressed={props.panel === 'comments'}
          onClick={run('comments')}
        >
          {t('comments.button')}{' '}
          <span className="count-badge" data-testid="comments-count">
            {formatNumber(props.commentCount)}
          </span>
        </button>
      </div>
      {props.role === 'facilitator' && (
        <PrivateBrainstormTool brainstorm={controller.session.brainstorm} />
      )}
      {on('toggleModeration') && (
        <ModerationToggle
          moderation={controller.session.moderation}
          pressed={props.panel === 'moderation'}
          onToggle={run('toggleModeration')}
        />
      )}
      {/* The facilitator's (and for export, the viewer's) dialogs, each shown only to whom may use it. */}
      {(
        [
          ['toggleExport', 'export', 'export.button'],
          ['toggleHistory', 'history', 'history.button'],
          ['toggleImport', 'import', 'import.button'],
          ['toggleFiles', 'files', 'toolbar.files'],
        ] as const
      ).map(([id, panel, label]) =>
        on(id) ? (
          <button
            key={id}
            type="button"
            data-testid={`${panel}-button`}
            aria-pressed={props.panel === panel}
            onClick={run(id)}
          >
            {t(label)}
          </button>
        ) : null,
      )}
      {on('togglePhase') && (
        <button
          type="button"
          data-testid="phase-toggle"
          aria-pressed={props.panel === 'phase'}
          onClick={run('togglePhase')}
        >
          {t('phase.button')}
        </button>
      )}
    </>
  );
}
