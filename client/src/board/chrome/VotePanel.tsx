import {
  dotsLeft,
  judgeDot,
  type NoteView,
  type Role,
  type VoteSessionView,
  type VoteStatus,
  voteRulesOf,
} from '@paja/shared';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { dotCount, noteLabel } from '../canvas/voteText';
import { runningStatus, type VoteClient, type VoteState } from '../session/VoteClient';
import { type CandidateSources, VoteSetupForm } from './VoteSetupForm';
import './votes.css';

interface VotePanelProps {
  votes: VoteClient;
  state: VoteState;
  role: Role | null;
  notes: ReadonlyMap<string, NoteView>;
  sources: CandidateSources;
  /** The voter's name, kept with their dots for named results. */
  name: string;
  /** The session whose results the notes show, if any. */
  shownOnNotes: string | null;
  onShowOnNotes(session: string | null): void;
  /** A facilitator shows results migrated from an older board (a document write). */
  onRevealOld(session: string): void;
  confirm(message: string, run: () => void): void;
  onClose(): void;
}

/**
 * Dot voting, as a panel: a facilitator starts a vote here, everyone follows the running one
 * (their own dots, dots left, time left), places and takes back dots from the list (the
 * keyboard- and screen-reader-friendly way; notes on the canvas have a dot button too), and
 * reads the results of past votes. A facilitator also sees the progress and runs the vote
 * (let latecomers in, counts, end, reveal, discard). Every step is a request the server judges.
 */
export function VotePanel(props: VotePanelProps) {
  const { t } = useI18n();
  const { state, role } = props;
  const facilitator = role === 'facilitator';
  const status = runningStatus(state);
  const finished = state.sessions.filter((s) => s.results !== null).reverse();
  const setup = <VoteSetupForm votes={props.votes} sources={props.sources} />;
  // "Reveal results" goes with the running vote it reveals: the focus goes on to the results
  // (before the page's focus guard would take it to the board; layout effects run first).
  const revealing = useRef(false);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const setupBox = useRef<HTMLDivElement>(null);
  const newest = finished[0]?.id;
  useLayoutEffect(() => {
    if (!revealing.current || newest === undefined) return;
    revealing.current = false;
    resultsHeading.current?.focus();
  }, [newest]);
  const reveal = () => {
    revealing.current = true;
    props.votes.step('reveal');
  };
  return (
    <aside
      className="side-panel vote-panel"
      aria-label={t('vote.heading')}
      data-testid="vote-panel"
    >
      <div className="side-panel-head">
        <h2>{t('vote.heading')}</h2>
        <button
          type="button"
          className="quiet"
          onClick={props.onClose}
          aria-label={t('panel.close')}
        >
          ✕
        </button>
      </div>
      {state.current && (
        <Running {...props} session={state.current} status={status} reveal={reveal} />
      )}
      {/* Results just revealed come first, above the form for the next vote: the panel must
          not open on an empty form with the results out of sight below it. */}
      {!state.current && facilitator && finished.length === 0 && setup}
      {/* With results above it, the form may be out of sight below them: a way to it. */}
      {!state.current && facilitator && finished.length > 0 && (
        <button
          type="button"
          className="vote-new"
          data-testid="vote-new"
          onClick={() => {
            const title = setupBox.current?.querySelector<HTMLInputElement>(
              '[data-testid="vote-title"]',
            );
            setupBox.current?.scrollIntoView({ block: 'nearest' });
            title?.focus();
          }}
        >
          {t('vote.setupHeading')}
        </button>
      )}
      <section className="vote-results" aria-label={t('vote.results')}>
        <h3 ref={resultsHeading} tabIndex={-1} data-testid="vote-results-heading">
          {t('vote.results')}
        </h3>
        {finished.length === 0 && <p className="muted">{t('vote.noResults')}</p>}
        {finished.map((session) => (
          <Results
            key={session.id}
            session={session}
            notes={props.notes}
            facilitator={facilitator}
            shown={props.shownOnNotes === session.id}
            onShow={() =>
              props.onShowOnNotes(props.shownOnNotes === session.id ? null : session.id)
            }
            onReveal={() => props.onRevealOld(session.id)}
          />
        ))}
      </section>
      {!state.current && facilitator && finished.length > 0 && <div ref={setupBox}>{setup}</div>}
    </aside>
  );
}

function Running(
  props: VotePanelProps & {
    session: VoteSessionView;
    status: VoteStatus | null;
    /** Reveals the results, and moves the focus to them once they are there. */
    reveal(): void;
  },
) {
  const { t } = useI18n();
  const { session, status, votes, role, notes } = props;
  const facilitator = role === 'facilitator';
  const rules = voteRulesOf(session);
  const mine = status?.mine ?? {};
  const open = status ? status.open : session.open;
  const remaining = useRemaining(props.state.deadline, open);
  const voter = status?.voter ?? false;
  const counts = status?.counts;
  return (
    <section className="vote-running" data-testid="vote-running">
      <h3>{t('vote.running', { title: session.title || t('vote.untitled') })}</h3>
      {open ? (
        <p className="vote-line">
          {voter && (
            // Said as it changes (a dot placed or taken back here); the clock beside it is
            // not, or it would be read every second. The vote's start and end are said on
            // the board (phaseAnnouncements.ts), panel open or not.
            <strong data-testid="vote-left" aria-live="polite">
              {t('vote.left', { count: status?.left ?? 0, total: session.dotsPerPerson })}
            </strong>
          )}
          {remaining !== null && (
            <span className="vote-clock" data-testid="vote-clock">
              {t('vote.timeLeft', { time: clock(remaining) })}
            </span>
          )}
        </p>
      ) : (
        <p className="muted" data-testid="vote-ended">
          {t('vote.endedWait')}
        </p>
      )}
      {open && status && !voter && (
        <p className="muted">{t(role === 'participant' ? 'vote.notOnRoll' : 'vote.cannotVote')}</p>
      )}
      {open && voter && <p className="muted vote-help">{t('vote.howTo')}</p>}
      <ol className="vote-candidates">
        {inReadingOrder(session.candidates, notes).map((id) => {
          const label = noteLabel(notes.get(id));
          const own = mine[id] ?? 0;
          const canAdd = voter && open && judgeDot('cast', rules, mine, id, 0) === null;
          const canRemove = voter && open && own > 0;
          return (
            <li key={id} data-testid="vote-candidate" data-note={id}>
              <span className="vote-candidate-text">{label}</span>
              {counts && (
                <span className="vote-count" data-testid="vote-count">
                  {dotCount(t, counts[id] ?? 0)}
                </span>
              )}
              {voter && (
                <span
                  className="vote-own"
                  role="img"
                  aria-label={t('vote.mine', { note: label, count: own })}
                >
                  {'●'.repeat(own)}
                </span>
              )}
              {voter && open && (
                // aria-disabled, not disabled: a button disabled under the focus (the last dot
                // placed with it) would drop the keyboard's focus to the page. A press at a
                // note's limit is ignored (the count beside it says why).
                <span className="vote-buttons">
                  <button
                    type="button"
                    className="icon"
                    aria-disabled={!canRemove}
                    aria-label={t('vote.remove', { note: label })}
                    onClick={() => canRemove && votes.retract(id)}
                  >
                    −
                  </button>
                  <button
                    type="button"
                    className="icon"
                    aria-disabled={!canAdd}
                    aria-label={t('vote.add', { note: label })}
                    // Out of dots, a press still asks the server, whose answer says why.
                    onClick={() =>
                      (canAdd || dotsLeft(rules, mine) === 0) && votes.cast(id, props.name)
                    }
                  >
                    +
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {facilitator && <Controls {...props} open={open} />}
    </section>
  );
}

function Controls(
  props: VotePanelProps & { status: VoteStatus | null; open: boolean; reveal(): void },
) {
  const { t } = useI18n();
  const { votes, status, open } = props;
  const progress = status?.progress;
  const countsId = useId();
  return (
    <div className="vote-controls" data-testid="vote-controls">
      {progress && (
        <p data-testid="vote-progress">
          {t('vote.progress', { voted: progress.voted, roll: progress.roll })}
        </p>
      )}
      {progress && progress.latecomers > 0 && (
        <p className="vote-latecomers">
          {t('vote.latecomers', { count: progress.latecomers })}{' '}
          <button type="button" onClick={() => votes.step('admit')}>
            {t('vote.admit')}
          </button>
        </p>
      )}
      <label className="vote-check" htmlFor={countsId}>
        <input
          id={countsId}
          type="checkbox"
          checked={status?.counts !== undefined}
          onChange={(event) => votes.watch(event.target.checked)}
        />
        {t('vote.showCounts')}
      </label>
      <div className="vote-actions">
        {open && (
          <button type="button" onClick={() => votes.step('end')}>
            {t('vote.endNow')}
          </button>
        )}
        <button type="button" className="primary" data-testid="vote-reveal" onClick={props.reveal}>
          {t('vote.reveal')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => props.confirm(t('vote.discardConfirm'), () => votes.step('discard'))}
        >
          {t('vote.discard')}
        </button>
      </div>
    </div>
  );
}

function Results(props: {
  session: VoteSessionView;
  notes: ReadonlyMap<string, NoteView>;
  facilitator: boolean;
  shown: boolean;
  onShow(): void;
  onReveal(): void;
}) {
  const { t } = useI18n();
  const { session, notes } = props;
  const title = session.title || t('vote.untitled');
  if (!session.revealed) {
    return (
      <article className="vote-result">
        <h4>{title}</h4>
        <p className="muted">{t('vote.waitingReveal')}</p>
        {props.facilitator && (
          <button type="button" onClick={props.onReveal}>
            {t('vote.revealOld')}
          </button>
        )}
      </article>
    );
  }
  return (
    <article className="vote-result" data-testid="vote-result" data-session={session.id}>
      <h4>{title}</h4>
      <p className="muted">{t('vote.voters', { count: session.voters })}</p>
      <ol className="vote-ranking" data-testid="vote-ranking">
        {(session.results ?? []).map((r) => (
          <li
            key={r.note}
            data-note={r.note}
            data-count={r.count}
            className={r.rank === 1 && r.count > 0 ? 'top' : undefined}
          >
            {/* A note nobody gave a dot has no place in the ranking: not "2." beside the winner. */}
            <span className="vote-rank" data-testid="vote-rank">
              {r.count > 0 ? `${r.rank}.` : <span aria-hidden="true">–</span>}
            </span>
            <span className="vote-candidate-text">{noteLabel(notes.get(r.note))}</span>
            <span className="vote-count">{dotCount(t, r.count)}</span>
          </li>
        ))}
      </ol>
      {session.ballots.length > 0 && (
        <details>
          <summary>{t('vote.byPerson')}</summary>
          <ul className="vote-ballots">
            {session.ballots.map((b) => (
              <li key={b.participant}>
                <strong>{b.name || t('vote.anonymousName')}</strong>:{' '}
                {Object.entries(b.dots)
                  .map(([note, count]) => `${noteLabel(notes.get(note))} × ${count}`)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" aria-pressed={props.shown} onClick={props.onShow}>
        {props.shown ? t('vote.shownOnNotes') : t('vote.showOnNotes')}
      </button>
    </article>
  );
}

/** Milliseconds left until `deadline` (performance.now()), ticking each second; null if none. */
function useRemaining(deadline: number | null, running: boolean): number | null {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (deadline === null || !running) return;
    const timer = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(timer);
  }, [deadline, running]);
  return deadline === null ? null : Math.max(0, deadline - now);
}

function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

/** Candidates as they stand on the board: top to bottom, then left to right. */
function inReadingOrder(ids: readonly string[], notes: ReadonlyMap<string, NoteView>): string[] {
  const at = (id: string) => notes.get(id) ?? { x: 0, y: 0 };
  return [...ids].sort((a, b) => at(a).y - at(b).y || at(a).x - at(b).x);
}
