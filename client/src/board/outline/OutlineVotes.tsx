import type { NoteView, RankedResult } from '@paja/shared';
import { useI18n } from '../../i18n/I18nContext';
import { dotCount } from '../canvas/voteText';
import { useStore } from '../session/store';
import { runningStatus } from '../session/VoteClient';
import { useOutline } from './outlineContext';

/**
 * The votes of the board: while a vote is open and this person votes, how many dots they have
 * left (a polite live region, so every dot given or taken back is heard); the revealed results
 * ranked. The dots themselves are given under each note (NoteDots).
 */
export function VotesSection({ notes }: { notes: ReadonlyMap<string, NoteView> }) {
  const { t } = useI18n();
  const { outline, session, dots } = useOutline();
  const state = useStore(session.votes.state);
  const status = runningStatus(state);
  if (outline.votes.length === 0) return null;
  const line = (result: RankedResult) =>
    `${notes.get(result.note)?.text || t('outline.emptyNote')} – ${dotCount(t, result.count)}`;
  return (
    <section aria-labelledby="outline-votes">
      <h3 id="outline-votes">{t('outline.votes')}</h3>
      {outline.votes.map((vote) => (
        <section key={vote.id} data-testid="outline-vote">
          <h4>{vote.title || t('outline.untitledVote')}</h4>
          {vote.results !== null ? (
            <>
              {/* Numbered by rank, as the panel and the notes show it (ties share a number);
                  notes without dots follow, unnumbered. */}
              {vote.results.some((result) => result.count > 0) && (
                <ol>
                  {vote.results
                    .filter((result) => result.count > 0)
                    .map((result) => (
                      <li key={result.note} value={result.rank}>
                        {line(result)}
                      </li>
                    ))}
                </ol>
              )}
              {vote.results.some((result) => result.count === 0) && (
                <ul data-testid="outline-vote-undotted">
                  {vote.results
                    .filter((result) => result.count === 0)
                    .map((result) => (
                      <li key={result.note}>{line(result)}</li>
                    ))}
                </ul>
              )}
            </>
          ) : dots && status && state.current?.id === vote.id ? (
            <>
              <p>{t('outline.voteRunning')}</p>
              <p className="outline-dots-left" role="status" data-testid="outline-dots-left">
                {t('vote.left', { count: status.left, total: vote.dotsPerPerson })}
              </p>
            </>
          ) : (
            <p>{t('outline.voteOpen')}</p>
          )}
        </section>
      ))}
    </section>
  );
}

/**
 * Give and take back dots on one note while a vote is open. The buttons stay focusable when the
 * rules say no (aria-disabled): pressing one then brings the server's refusal, said in the
 * person's language, instead of dropping the focus to the page.
 */
export function NoteDots({ note }: { note: NoteView }) {
  const { t } = useI18n();
  const { dots } = useOutline();
  if (!dots?.candidates.has(note.id)) return null;
  const mine = dots.mine[note.id] ?? 0;
  const label = note.text || t('outline.emptyNote');
  return (
    <fieldset className="outline-dots" data-testid="outline-dots" data-mine={mine}>
      <legend className="visually-hidden">{t('outline.dotsOn', { note: label })}</legend>
      <span className="outline-dots-mine">
        <span aria-hidden="true">{'●'.repeat(Math.min(mine, 5))} </span>
        {t('outline.yourDots', { count: mine })}
      </span>
      <button
        type="button"
        data-testid="outline-dot-add"
        aria-disabled={!dots.canCast(note.id)}
        onClick={() => dots.cast(note.id)}
      >
        {t('outline.giveDot')}
        <span className="visually-hidden">: {label}</span>
      </button>
      <button
        type="button"
        data-testid="outline-dot-remove"
        aria-disabled={mine === 0}
        onClick={() => dots.retract(note.id)}
      >
        {t('outline.takeDot')}
        <span className="visually-hidden">: {label}</span>
      </button>
    </fieldset>
  );
}
