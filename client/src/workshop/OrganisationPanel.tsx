import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { BuildingIcon } from './icons';
import { countByOrganisation } from './organisations';

/**
 * Who contributed what: a header button that opens a small panel with the notes and people per
 * organisation; choosing one shows only that organisation's notes (the others are dimmed on the
 * canvas), choosing it again or "Show all notes" ends the filter.
 */
export function OrganisationPanel({
  notes,
  listed,
  filter,
  onFilter,
}: {
  notes: ReadonlyArray<{ organisation: string | null; authorId: string }>;
  listed: readonly string[];
  /** The organisation shown alone, '' for "no organisation", or null when not filtering. */
  filter: string | null;
  onFilter(organisation: string | null): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const counts = countByOrganisation(notes, listed);
  if (counts.length === 0 || (counts.length === 1 && counts[0]?.name === null)) return null;
  return (
    <div className="organisations">
      <button
        type="button"
        className={filter === null ? 'quiet' : 'quiet filtering'}
        aria-expanded={open}
        data-testid="organisations-button"
        title={t('orgs.button')}
        onClick={() => setOpen((was) => !was)}
      >
        <BuildingIcon />
        <span className="header-label">{t('orgs.button')}</span>
        {filter !== null && <span className="filter-dot" aria-hidden="true" />}
      </button>
      {open && (
        <section className="organisations-panel" aria-label={t('orgs.heading')}>
          <h2>{t('orgs.heading')}</h2>
          <ul data-testid="organisation-counts">
            {counts.map(({ name, notes: count, people }) => {
              const key = name ?? '';
              const label = name ?? t('orgs.none');
              return (
                <li key={key}>
                  <button
                    type="button"
                    aria-pressed={filter === key}
                    data-testid="organisation-count"
                    data-organisation={key}
                    onClick={() => onFilter(filter === key ? null : key)}
                  >
                    <span className="org-name">{label}</span>
                    <span className="org-count">{t('orgs.tally', { notes: count, people })}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {filter !== null && (
            <button type="button" onClick={() => onFilter(null)} data-testid="organisation-all">
              {t('orgs.showAll')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
