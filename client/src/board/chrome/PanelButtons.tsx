import { useI18n } from '../../i18n/I18nContext';
import type { BoardController } from '../input/BoardController';
import type { CommandId, Panel, SelectionView, Tool } from '../input/commands';
import { CommentIcon } from './icons';
import { MoreTools } from './MoreTools';

interface PanelButtonsProps {
  controller: BoardController;
  selection: SelectionView;
  panel: Panel | null;
  tool: Tool;
  /** How many comments the board has (shown on the comments button). */
  commentCount: number;
  /** A vote is open: the vote button says so. */
  voting: boolean;
}

/**
 * The toolbar's end: the buttons that open the workshop's panels (roadmap, votes, comments) and
 * the "More" menu with the less-used ones (MoreTools), each shown only to whom the command
 * table lets use it.
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
            <CommentIcon /> <span className="tool-label">{t('comments.tool')}</span>
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
      <MoreTools controller={controller} selection={selection} panel={props.panel} />
    </>
  );
}
