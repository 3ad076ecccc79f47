import { ORGANISATIONS_MAX, OrganisationListError, setOrganisations } from '@paja/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../i18n/I18nContext';
import { CloseIcon } from './icons';
import { cleanOrganisation, ORGANISATION_NAME_MAX } from './organisations';
import { useModal } from './useModal';

/**
 * The facilitator's board settings: the organisations offered when people join (for example
 * the municipalities present). Each change is written at once; the list is board meta, which
 * only facilitators may change (the server refuses anyone else's write).
 */
export function OrganisationSettings({
  doc,
  organisations,
  onClose,
  children,
}: {
  doc: Y.Doc;
  organisations: readonly string[];
  onClose(): void;
  /** Further settings of the board, below the organisations (the content languages). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const modal = useModal(onClose);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const write = (next: readonly string[]) => {
    try {
      setOrganisations(doc, next);
      setProblem(null);
      return true;
    } catch (error) {
      if (error instanceof OrganisationListError) {
        // Names are capped by the input; what is left to refuse is the length of the list.
        setProblem(t('settings.tooMany', { max: ORGANISATIONS_MAX }));
        return false;
      }
      throw error;
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const name = cleanOrganisation(draft);
    if (name === '') return;
    if (write([...organisations, name])) setDraft('');
  };

  return (
    <dialog
      {...modal}
      className="name-dialog settings-dialog"
      data-testid="settings-dialog"
      aria-labelledby="settings-title"
    >
      <h2 id="settings-title">{t('settings.title')}</h2>
      <h3>{t('settings.organisations')}</h3>
      <p>{t('settings.organisationsHelp')}</p>
      {organisations.length === 0 ? (
        <p className="muted">{t('settings.noOrganisations')}</p>
      ) : (
        <ul className="organisation-list" data-testid="organisation-list">
          {organisations.map((name) => (
            <li key={name}>
              <span>{name}</span>
              <button
                type="button"
                className="quiet"
                aria-label={t('settings.removeOrganisation', { name })}
                title={t('settings.removeOrganisation', { name })}
                onClick={() => write(organisations.filter((o) => o !== name))}
              >
                <CloseIcon size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="organisation-add" onSubmit={add}>
        <label className="visually-hidden" htmlFor="new-organisation">
          {t('settings.newOrganisation')}
        </label>
        <input
          id="new-organisation"
          data-testid="new-organisation"
          value={draft}
          maxLength={ORGANISATION_NAME_MAX}
          placeholder={t('settings.newOrganisation')}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="submit"
          data-testid="add-organisation"
          disabled={cleanOrganisation(draft) === ''}
        >
          {t('settings.addOrganisation')}
        </button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {children}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} data-testid="settings-done">
          {t('settings.done')}
        </button>
      </div>
    </dialog>
  );
}
