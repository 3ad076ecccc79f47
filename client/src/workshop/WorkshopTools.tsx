import type { MetaView, NoteView, Role } from '@paja/shared';
import { useState } from 'react';
import type * as Y from 'yjs';
import { ContentLanguageSettings } from '../board/language/ContentLanguageSettings';
import { useReadingLang } from '../board/language/ReadingLang';
import { TranslatorDialog } from '../board/language/TranslatorDialog';
import { useI18n } from '../i18n/I18nContext';
import { GearIcon, LinkIcon, TranslateIcon } from './icons';
import { OrganisationPanel } from './OrganisationPanel';
import { OrganisationSettings } from './OrganisationSettings';
import { ShareDialog } from './ShareDialog';
import type { OrganisationFilter } from './useOrganisationFilter';

/**
 * The workshop buttons in the board header: who contributed what (everyone), and for
 * facilitators sharing and the board's settings. Other roles get no facilitator buttons: the
 * server would refuse them anyway, and a button that only fails is noise.
 */
export function WorkshopTools({
  boardId,
  token,
  role,
  doc,
  meta,
  notes,
  organisationFilter,
}: {
  boardId: string;
  token: string | null;
  role: Role | null;
  doc: Y.Doc | null;
  meta: MetaView | null;
  notes: NoteView[];
  organisationFilter: OrganisationFilter;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'share' | 'settings' | 'translate' | null>(null);
  const organisations = meta?.organisations ?? [];
  const facilitator = role === 'facilitator';
  const langs = meta?.contentLangs ?? [];
  const reading = useReadingLang();
  // Translate into the language being read, unless it is the main one: then the next one.
  const translateInto = reading !== langs[0] ? reading : (langs[1] ?? reading);
  return (
    <>
      <OrganisationPanel
        notes={notes}
        listed={organisations}
        filter={organisationFilter.filter}
        onFilter={organisationFilter.setFilter}
      />
      {facilitator && doc && (
        <button
          type="button"
          className="quiet"
          data-testid="settings-button"
          title={t('settings.button')}
          onClick={() => setOpen('settings')}
        >
          <GearIcon />
          <span className="header-label">{t('settings.button')}</span>
        </button>
      )}
      {facilitator && doc && langs.length > 1 && (
        <button
          type="button"
          className="quiet"
          data-testid="translate-button"
          title={t('lang.translate')}
          onClick={() => setOpen('translate')}
        >
          <TranslateIcon />
          <span className="header-label">{t('lang.translate')}</span>
        </button>
      )}
      {facilitator && token && (
        <button
          type="button"
          className="primary share-button"
          data-testid="share-button"
          onClick={() => setOpen('share')}
        >
          <LinkIcon />
          {t('share.button')}
        </button>
      )}
      {open === 'share' && token && (
        <ShareDialog boardId={boardId} token={token} doc={doc} onClose={() => setOpen(null)} />
      )}
      {open === 'settings' && doc && (
        <OrganisationSettings doc={doc} organisations={organisations} onClose={() => setOpen(null)}>
          <ContentLanguageSettings doc={doc} langs={langs} />
        </OrganisationSettings>
      )}
      {open === 'translate' && doc && (
        <TranslatorDialog
          doc={doc}
          langs={langs}
          initial={translateInto}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

/** Says that only one organisation's notes are shown, with the way back to all. */
export function OrganisationFilterBanner({ filter }: { filter: OrganisationFilter }) {
  const { t } = useI18n();
  if (filter.filter === null) return null;
  return (
    <p className="notice" role="status" data-testid="organisation-filter">
      {t('orgs.filtered', { name: filter.filter || t('orgs.none') })}{' '}
      <button type="button" className="inline-button" onClick={() => filter.setFilter(null)}>
        {t('orgs.showAll')}
      </button>
    </p>
  );
}
