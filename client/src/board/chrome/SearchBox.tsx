import type { NoteView } from '@paja/shared';
import { forwardRef, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { findMatches, stepMatch } from '../canvas/search';

/** The arrows: to the previous and the next match. */
const ARROWS = [
  { step: -1, label: 'search.previous', testId: 'search-previous', arrow: '↑' },
  { step: 1, label: 'search.next', testId: 'search-next', arrow: '↓' },
] as const;

interface SearchBoxProps {
  notes: readonly NoteView[];
  onJump(id: string): void;
}

/**
 * Search of note text. Enter (or the arrows) jumps to the next match: the view centres on
 * it and selects it. Matches are listed in reading order.
 */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox(
  { notes, onJump },
  ref,
) {
  const { t, locale, formatNumber } = useI18n();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(-1);
  const matches = useMemo(() => findMatches(notes, query, locale), [notes, query, locale]);
  useEffect(() => {
    void query;
    setIndex(-1);
  }, [query]);

  const go = (direction: 1 | -1) => {
    const next = stepMatch(index, matches.length, direction);
    setIndex(next);
    const id = matches[next];
    if (id !== undefined) onJump(id);
  };

  const empty = query.trim() === '';
  const count = formatNumber(matches.length);
  // Seen short ("2 / 5"), heard in words ("Match 2 of 5"): bare numbers say nothing.
  const shown =
    empty || matches.length === 0
      ? ''
      : t('search.position', { index: index < 0 ? '–' : formatNumber(index + 1), count });
  const heard = empty
    ? ''
    : matches.length === 0
      ? t('search.none')
      : index < 0
        ? t('search.matches', { count })
        : t('search.match', { index: formatNumber(index + 1), count });

  return (
    <search className="search">
      <input
        ref={ref}
        type="search"
        data-testid="search-input"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            go(event.shiftKey ? -1 : 1);
          }
          // Escape empties the field and the focus stays in it (never dropped to the page).
          if (event.key === 'Escape') setQuery('');
        }}
      />
      <span className="search-status" data-testid="search-status" aria-live="polite">
        {shown ? (
          <>
            <span aria-hidden="true">{shown}</span>
            <span className="visually-hidden">{heard}</span>
          </>
        ) : (
          heard
        )}
      </span>
      {/* Only with a query: without one they do nothing, and on a phone the field needs the room. */}
      {query.trim() !== '' &&
        ARROWS.map(({ step, label, testId, arrow }) => (
          <button
            key={testId}
            type="button"
            data-testid={testId}
            aria-label={t(label)}
            title={t(label)}
            disabled={matches.length === 0}
            onClick={() => go(step)}
          >
            {arrow}
          </button>
        ))}
    </search>
  );
});
