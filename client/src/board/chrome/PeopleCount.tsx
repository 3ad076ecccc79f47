import { useI18n } from '../../i18n/I18nContext';
import type { CommentClient } from '../session/CommentClient';
import { useStore } from '../session/store';
import { PeopleIcon } from './icons';
import './comments.css';

/** How many people are on the board now (the server's count, never who). */
export function PeopleCount({ comments }: { comments: CommentClient }) {
  const { t, formatNumber } = useI18n();
  const { people } = useStore(comments.state);
  if (people === null) return null;
  const label = t('people.count', { count: formatNumber(people) });
  return (
    <span
      className="people-count"
      role="status"
      aria-label={label}
      title={label}
      data-testid="people-count"
      data-count={people}
    >
      <PeopleIcon />
      {t('people.countShort', { count: formatNumber(people) })}
    </span>
  );
}

/** The public page says what it is: a published draft, and whether comments are welcome. */
export function PublicBanner({ comments }: { comments: CommentClient }) {
  const { t } = useI18n();
  const { publication } = useStore(comments.state);
  return (
    <p className="public-banner" data-testid="public-banner">
      {publication?.comments ? t('public.banner') : t('public.bannerRead')}
    </p>
  );
}
