import type { ClusterView, NoteView } from '@paja/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { BoardController } from '../input/BoardController';
import type { SelectionView } from '../input/commandTypes';
import type { BoardSession } from '../session/BoardSession';
import { runningStatus } from '../session/VoteClient';
import { useDotControls } from './useDotControls';
import type { CandidateSources } from './VoteSetupForm';

/**
 * What the board shows of votes, derived in one place for the panel and the overlay: the dot
 * controls while this person votes, which revealed results the notes show (the newest, until
 * someone picks another or hides them), where a new vote's candidates come from, and a notice
 * in the person's language for every refusal the server answers.
 */
export function useVoteView(
  session: BoardSession,
  controller: Pick<BoardController, 'notify'>,
  name: string,
  notes: readonly NoteView[],
  clusters: readonly ClusterView[],
  selection: SelectionView,
) {
  const report = useCallback(
    (text: string) => controller.notify({ text, tone: 'error' }),
    [controller],
  );
  const { state, controls } = useDotControls(session, name, report);
  useLatecomerNotices(session, controller, state.current?.id ?? null, runningStatus(state));

  // The newest revealed session shows on the notes, unless the person chose otherwise since.
  const revealed = state.sessions.filter((s) => s.revealed);
  const newest = revealed.at(-1)?.id ?? null;
  const [choice, setChoice] = useState<{ after: string | null; shown: string | null } | null>(null);
  const shownId = choice && choice.after === newest ? choice.shown : newest;
  const shownResults = revealed.find((s) => s.id === shownId)?.results ?? null;

  const sources = useMemo(
    (): CandidateSources => ({
      selection: selection.notes.map((n) => n.id),
      clusters: clusters
        .filter((c) => c.members.length > 0)
        .map((c) => ({ id: c.id, title: c.title, members: c.members })),
      roadmap: notes.filter((n) => n.cell !== null).map((n) => n.id),
      all: notes.map((n) => n.id),
    }),
    [selection, clusters, notes],
  );

  return {
    state,
    controls,
    shownId,
    shownResults,
    sources,
    showOnNotes: (id: string | null) => setChoice({ after: newest, shown: id }),
  };
}

/**
 * A participant who joined while a vote runs is not on its roll (server/src/BoardVotes.ts):
 * told so on the board at once, not only in the vote panel, and told again when a facilitator
 * lets them vote, when the dot buttons appear on the notes. Once per session and change.
 */
function useLatecomerNotices(
  session: BoardSession,
  controller: Pick<BoardController, 'notify'>,
  current: string | null,
  status: ReturnType<typeof runningStatus>,
) {
  const { t } = useI18n();
  const waiting =
    session.role === 'participant' && current !== null && status?.open === true && !status.voter;
  const voting = current !== null && status?.open === true && status.voter;
  const waited = useRef<string | null>(null);
  useEffect(() => {
    if (waiting && waited.current !== current) {
      waited.current = current;
      controller.notify({ tone: 'info', text: t('vote.notOnRoll') });
    } else if (voting && waited.current === current) {
      waited.current = null;
      controller.notify({ tone: 'info', text: t('vote.admitted') });
    }
  }, [waiting, voting, current, controller, t]);
}
