import { useI18n } from '../../i18n/I18nContext';
import type { BoardController } from '../input/BoardController';
import { nameOf } from '../input/useFollow';
import { useParticipants } from '../presence/usePresence';
import { useStore } from '../session/store';

/**
 * A small bar over the canvas while following: whom this screen follows and "stop following";
 * after moving away from a leader, "follow again"; for the leader herself, that everyone
 * follows her and "stop". Nothing otherwise.
 */
export function FollowNotice({ controller }: { controller: BoardController }) {
  const { t } = useI18n();
  const { session } = controller;
  const follow = useStore(controller.follow);
  const leader = useStore(session.attention.leader);
  useParticipants(session.awareness); // re-render when names change
  const name = (id: string) => nameOf(session.awareness, id) ?? t('attention.someone');

  let text: string;
  let action: { label: string; run(): void; testId: string };
  if (follow.following !== null) {
    text = t('attention.following', { name: name(follow.following) });
    action = {
      label: t('attention.stopFollowing'),
      run: () => controller.run('stopFollowing'),
      testId: 'stop-following',
    };
  } else if (follow.leader !== null) {
    text = t('attention.leaderLeads', { name: name(follow.leader) });
    action = {
      label: t('attention.followAgain'),
      run: () => controller.run('followLeader'),
      testId: 'follow-again',
    };
  } else if (leader !== null && leader === controller.author.id) {
    text = t('attention.leading');
    action = {
      label: t('attention.leadStop'),
      run: () => controller.run('toggleLead'),
      testId: 'stop-leading',
    };
  } else {
    return null;
  }
  return (
    <div className="follow-notice" role="status" data-testid="follow-notice">
      <span className="follow-dot" aria-hidden="true" />
      <span>{text}</span>
      <button type="button" onClick={action.run} data-testid={action.testId}>
        {action.label}
      </button>
    </div>
  );
}
