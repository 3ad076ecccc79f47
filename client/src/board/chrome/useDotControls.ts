import { judgeDot, voteRulesOf } from '@paja/shared';
import { useEffect, useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { BoardSession } from '../session/BoardSession';
import { useStore } from '../session/store';
import { runningStatus } from '../session/VoteClient';
import type { DotControls } from '../stage/VoteOverlay';

/**
 * The dot controls of the running vote while this person votes (null otherwise), for the canvas
 * and the outline alike, and every refusal the server answers said through `report` in the
 * person's language. The rules only disable: the server judges every dot.
 */
export function useDotControls(
  session: BoardSession,
  name: string,
  report: (text: string) => void,
) {
  const { t } = useI18n();
  const state = useStore(session.votes.state);
  const status = runningStatus(state);

  const refusal = state.refusal;
  useEffect(() => {
    if (refusal) report(t(`vote.refused.${refusal.problem}`));
  }, [refusal, report, t]);

  const controls = useMemo((): DotControls | null => {
    const current = state.current;
    if (!current || !status?.voter || !status.open) return null;
    const rules = voteRulesOf(current);
    return {
      candidates: rules.candidates,
      mine: status.mine,
      canCast: (note) => judgeDot('cast', rules, status.mine, note, 0) === null,
      cast: (note) => session.votes.cast(note, name),
      retract: (note) => session.votes.retract(note),
    };
  }, [state.current, status, session, name]);

  return { state, status, controls };
}
