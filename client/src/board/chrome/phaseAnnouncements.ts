import type { Role } from '@paja/shared';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import type { BoardController } from '../input/BoardController';
import type { BoardSession } from '../session/BoardSession';
import type { PrivateState } from '../session/PrivateBrainstorm';
import { useStore } from '../session/store';
import { runningStatus, type VoteState } from '../session/VoteClient';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** What of the workshop's phases is said when it changes: the vote and the private brainstorm. */
export interface Phases {
  /**
   * The running vote, once this person's status for it has come: it says whether they vote
   * (the document's session may come before it, or after).
   */
  vote: { id: string; title: string; dots: number; voter: boolean; open: boolean } | null;
  /** Votes whose results are revealed. */
  revealed: ReadonlySet<string>;
  /** The private brainstorm that runs, if any. */
  brainstorm: string | null;
  /** The private brainstorm the server last said was revealed. */
  brainstormRevealed: string | null;
}

export function phasesOf(votes: VoteState, brainstorm: PrivateState): Phases {
  const current = votes.current;
  const status = runningStatus(votes);
  return {
    vote:
      current && status
        ? {
            id: current.id,
            title: current.title,
            dots: current.dotsPerPerson,
            voter: status.voter,
            // The document closes a vote; the server's status closes a timed one at its end.
            open: current.open && status.open,
          }
        : null,
    revealed: new Set(votes.sessions.filter((s) => s.revealed).map((s) => s.id)),
    brainstorm: brainstorm.mode?.session ?? null,
    brainstormRevealed: brainstorm.last?.outcome === 'revealed' ? brainstorm.last.session : null,
  };
}

/**
 * What a person is told, once, when a phase changes between `before` and `now`: a vote
 * started (with its title, and their dots), closed, revealed; a private brainstorm started,
 * revealed. A discarded vote or brainstorm just ends: there is nothing to go and see.
 */
export function phaseChanges(before: Phases, now: Phases, role: Role | null, t: Translate) {
  const said: string[] = [];
  const was = before.vote;
  const is = now.vote;
  if (was && was.id !== is?.id && now.revealed.has(was.id) && !before.revealed.has(was.id)) {
    said.push(t('vote.announce.revealed', { title: was.title || t('vote.untitled') }));
  }
  if (is?.open && is.id !== was?.id) {
    said.push(
      is.title ? t('vote.announce.startedTitled', { title: is.title }) : t('vote.announce.started'),
    );
    if (is.voter) said.push(t('vote.announce.dots', { count: is.dots }));
  }
  if (is && was?.id === is.id && was.open && !is.open) {
    said.push(t(role === 'facilitator' ? 'vote.announce.closed' : 'vote.endedWait'));
  }
  if (now.brainstorm !== null && now.brainstorm !== before.brainstorm) {
    // The same words as the banner: what it means for this person's notes.
    said.push(
      t(role === 'facilitator' ? 'private.banner.facilitator' : 'private.announce.started'),
    );
  }
  if (
    before.brainstorm !== null &&
    now.brainstorm !== before.brainstorm &&
    now.brainstormRevealed === before.brainstorm
  ) {
    said.push(t('private.revealed'));
  }
  return said;
}

/**
 * Says the workshop's phase changes in the canvas's live region (Announcer.tsx), for everyone
 * whether or not a panel is open: someone who cannot see the banner appear or the dot buttons
 * come would otherwise not know a vote or a private brainstorm runs. Only changes seen on this
 * page: the board as it is when first synced (the server's statuses come before the sync's
 * answer) is where it starts, not news.
 */
export function usePhaseAnnouncements(
  session: BoardSession,
  controller: Pick<BoardController, 'announce'>,
  synced: boolean,
): void {
  const { t } = useI18n();
  const votes = useStore(session.votes.state);
  const brainstorm = useStore(session.brainstorm.state);
  const phases = useMemo(() => phasesOf(votes, brainstorm), [votes, brainstorm]);
  const before = useRef<Phases | null>(null);
  const role = session.role;
  useEffect(() => {
    if (!synced) return;
    const was = before.current;
    before.current = phases;
    if (!was) return;
    const said = phaseChanges(was, phases, role, t);
    if (said.length > 0) controller.announce(said.join(' '));
  }, [phases, synced, role, controller, t]);
}
