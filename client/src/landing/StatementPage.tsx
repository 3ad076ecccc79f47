import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { LanguageSelect } from '../i18n/LanguageSelect';

interface Operator {
  operator: string | null;
  contact: string | null;
  date: string | null;
}

const NONE: Operator = { operator: null, contact: null, date: null };

/** A contact is an address to write to or a page to open; anything else is shown as text. */
function ContactLink({ contact }: { contact: string }) {
  if (/^https?:\/\//.test(contact)) return <a href={contact}>{contact}</a>;
  if (/^[^@\s]+@[^@\s]+$/.test(contact)) return <a href={`mailto:${contact}`}>{contact}</a>;
  return <>{contact}</>;
}

/**
 * The accessibility statement that Finnish law (306/2019, after the EU web accessibility
 * directive) asks of a public digital service: how well it conforms, what is known not to
 * work and what to use instead, how to give feedback, and the supervising authority. The
 * operator's own parts (who runs it, where feedback goes, the date) come from the server's
 * configuration (PAJA_OPERATOR_NAME, PAJA_ACCESSIBILITY_CONTACT, PAJA_ACCESSIBILITY_DATE).
 */
export function StatementPage() {
  const { t } = useI18n();
  const [operator, setOperator] = useState<Operator>(NONE);
  useEffect(() => {
    document.title = `${t('statement.title')} · Paja`;
    let cancelled = false;
    fetch('/api/accessibility')
      .then((response) => (response.ok ? (response.json() as Promise<Operator>) : NONE))
      .then((value) => {
        if (!cancelled) setOperator(value);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [t]);
  const who = operator.operator ?? t('statement.operatorUnknown');
  return (
    <div className="landing statement-page">
      <a className="skip-link" href="#statement-main">
        {t('a11y.skipContent')}
      </a>
      <header className="landing-header">
        <a className="brand" href="/">
          {t('app.name')}
        </a>
        <LanguageSelect />
      </header>
      <main className="landing-main statement" id="statement-main" tabIndex={-1}>
        <h1>{t('statement.title')}</h1>
        <p>{t('statement.intro', { operator: who })}</p>

        <h2>{t('statement.statusHeading')}</h2>
        <p data-testid="statement-conformance">{t('statement.status')}</p>

        <h2>{t('statement.limitsHeading')}</h2>
        <ul>
          <li>{t('statement.limitCanvas')}</li>
          <li>{t('statement.limitKeyboard')}</li>
          <li>{t('statement.limitVotes')}</li>
          <li>{t('statement.limitLanguage')}</li>
        </ul>

        <h2>{t('statement.feedbackHeading')}</h2>
        <p data-testid="statement-feedback">
          {t('statement.feedback', { operator: who })}{' '}
          {operator.contact ? (
            <ContactLink contact={operator.contact} />
          ) : (
            t('statement.contactUnknown')
          )}
        </p>

        <h2>{t('statement.authorityHeading')}</h2>
        <p>{t('statement.authority')}</p>
        <address>
          {t('statement.authorityName')}
          <br />
          <a href="https://www.saavutettavuusvaatimukset.fi">www.saavutettavuusvaatimukset.fi</a>
          <br />
          <a href="mailto:saavutettavuus@traficom.fi">saavutettavuus@traficom.fi</a>
          <br />
          {t('statement.authorityPhone')}
        </address>

        {operator.date && (
          <p className="muted" data-testid="statement-date">
            {t('statement.date', { date: operator.date })}
          </p>
        )}
      </main>
    </div>
  );
}

/** The link to the statement, on every page. */
export function StatementLink({ className }: { className?: string }) {
  const { t } = useI18n();
  return (
    <a className={className} href="/accessibility" data-testid="statement-link">
      {t('statement.title')}
    </a>
  );
}
