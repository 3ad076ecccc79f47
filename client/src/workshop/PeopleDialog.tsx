import { useCallback, useEffect, useState } from 'react';
import { ConfirmDialog } from '../board/chrome/ConfirmDialog';
import { dateLocale } from '../i18n/dateLocale';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/messages';
import { type BoardDialogProps, DialogHead } from './DialogHead';
import type { HistoryProblem } from './historyApi';
import { type AuditEntry, forgetPerson, listPeople, type PersonInfo, readAudit } from './peopleApi';
import { useModal } from './useModal';
import './workshop.css';
import './export.css';

type Mode = 'remove' | 'pseudonymise';

/**
 * People and their data, for facilitators: everyone who wrote a note, commented or voted by
 * name (on the board now or in one of its snapshots), with what they contributed; one person's
 * contributions removed, or kept under a pseudonym, everywhere at once, after a confirmation.
 * Each such action is in the board's audit log, shown below.
 */
export function PeopleDialog({ boardId, token, userName, onClose }: BoardDialogProps) {
  const { t, locale } = useI18n();
  const modal = useModal(onClose);
  const [people, setPeople] = useState<PersonInfo[] | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [problem, setProblem] = useState<HistoryProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ person: PersonInfo; mode: Mode } | null>(null);

  const refresh = useCallback(async () => {
    const [list, log] = await Promise.all([listPeople(boardId, token), readAudit(boardId, token)]);
    if (list.ok) setPeople(list.value);
    else setProblem(list.problem);
    if (log.ok) setAudit(log.value);
  }, [boardId, token]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const name = (p: PersonInfo) => p.names.join(', ') || t('people.nameless');
  const when = (at: number) =>
    new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(
      at,
    );

  const forget = async (person: PersonInfo, mode: Mode) => {
    setProblem(null);
    setDone(null);
    const pseudonym = t('people.pseudonym');
    const answer = await forgetPerson(boardId, token, {
      key: person.key,
      mode,
      pseudonym,
      by: userName,
    });
    if (!answer.ok) return setProblem(answer.problem);
    setDone(
      t(mode === 'remove' ? 'people.removed' : 'people.pseudonymised', { name: name(person) }),
    );
    await refresh();
  };

  return (
    <dialog
      {...modal}
      className="share-dialog export-dialog people-dialog"
      data-testid="people-dialog"
      aria-labelledby="people-title"
    >
      <DialogHead id="people-title" title={t('people.title')} name="people" onClose={onClose} />
      <p className="share-intro">{t('people.intro')}</p>
      <div className="export-status" role="status" aria-live="polite" data-testid="people-status">
        {problem && <p className="export-error">{t(`history.error.${problem}`)}</p>}
        {!problem && done && <p>{done}</p>}
      </div>
      {people?.length === 0 && <p>{t('people.empty')}</p>}
      <ul className="export-formats" data-testid="people-list">
        {people?.map((p) => (
          <li key={p.key} className="export-format history-item" data-testid="people-item">
            <div>
              <strong>{name(p)}</strong>
              <span>
                {t('people.counts', {
                  notes: p.notes,
                  comments: p.comments,
                  votes: p.votes,
                  snapshots: p.snapshots,
                })}
              </span>
            </div>
            <div className="history-actions">
              <button
                type="button"
                data-testid="people-pseudonymise"
                onClick={() => setConfirming({ person: p, mode: 'pseudonymise' })}
              >
                {t('people.pseudonymise')}
              </button>
              <button
                type="button"
                className="danger"
                data-testid="people-remove"
                onClick={() => setConfirming({ person: p, mode: 'remove' })}
              >
                {t('people.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {audit.length > 0 && (
        <details className="history-detail" data-testid="people-audit">
          <summary>{t('people.audit')}</summary>
          <ul>
            {audit.map((entry) => (
              <li key={`${entry.at}-${entry.action}-${entry.detail}`}>
                {when(entry.at)} · {t(`people.action.${entry.action}` as MessageKey)}
                {entry.by ? ` · ${entry.by}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      {confirming && (
        <ConfirmDialog
          message={t(
            confirming.mode === 'remove' ? 'people.confirmRemove' : 'people.confirmPseudonymise',
            { name: name(confirming.person) },
          )}
          confirmLabel={t(confirming.mode === 'remove' ? 'people.remove' : 'people.pseudonymise')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const { person, mode } = confirming;
            setConfirming(null);
            void forget(person, mode);
          }}
        />
      )}
    </dialog>
  );
}
