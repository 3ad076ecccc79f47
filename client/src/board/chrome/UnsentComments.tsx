import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { unsentDrafts } from './commentDrafts';

/**
 * On the page that says the board closed for good (a revoked or expired link): the comments
 * this tab was writing and had not sent, each to copy before the page is left.
 */
export function UnsentComments() {
  const { t } = useI18n();
  const [drafts] = useState(unsentDrafts);
  const [copied, setCopied] = useState<number | null>(null);
  if (drafts.length === 0) return null;
  return (
    <section className="unsent-comments" data-testid="unsent-comments">
      <h2>{t('comments.unsentTitle')}</h2>
      <p>{t('comments.unsentHelp')}</p>
      {drafts.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is read once and never changes
        <div key={i} className="unsent-comment">
          <textarea readOnly value={text} rows={4} aria-label={t('comments.unsentTitle')} />
          <button
            type="button"
            data-testid="unsent-copy"
            onClick={() => {
              void navigator.clipboard?.writeText(text).then(() => setCopied(i));
            }}
          >
            {copied === i ? t('comments.unsentCopied') : t('comments.unsentCopy')}
          </button>
        </div>
      ))}
    </section>
  );
}
