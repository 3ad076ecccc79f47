import { type ClusterView, judgeDot, type NoteView, voteRulesOf } from '@paja/shared';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { BoardController } from '../input/BoardController';
import type { SelectionView } from '../input/commandTypes';
import type { BoardSession } from '../session/BoardSession';
import { useStore } from '../session/store';
import { runningStatus } from '../session/VoteClient';
import type { DotControls } from '../stage/VoteOverlay';
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
  const { t } = useI18n();
  const state = useStore(session.votes.state);
  const status = runningStatus(state);

  const refusal = state.refusal;
  useEffect(() => {
    if (refusal) controller.notify({ text: t(`vote.refused.${refusal.problem}`), tone: 'error' });
  }, [refusal, controller, t]);

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
