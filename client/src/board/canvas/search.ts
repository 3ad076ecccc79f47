import type { Locale } from '@paja/shared';

/**
 * Finds notes whose text contains the query, ignoring case (by the language's rules) and
 * Unicode composition, so "å" typed on one keyboard finds "å" typed on another. Letters with
 * diacritics stay distinct: in Finnish and Swedish "ä" is not "a". Matches come in reading
 * order (top to bottom, then left to right), the order "next" walks through them.
 */
export function normalizeForSearch(text: string, locale: Locale): string {
  return text.normalize('NFC').toLocaleLowerCase(locale);
}

export function findMatches(
  notes: ReadonlyArray<{ id: string; text: string; x: number; y: number }>,
  query: string,
  locale: Locale,
): string[] {
  const needle = normalizeForSearch(query.trim(), locale);
  if (needle === '') return [];
  return notes
    .filter((n) => normalizeForSearch(n.text, locale).includes(needle))
    .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
    .map((n) => n.id);
}

/** The next (or previous) index in a ring of `count` matches. */
export function stepMatch(index: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (index < 0) return direction === 1 ? 0 : count - 1;
  return (index + direction + count) % count;
}
