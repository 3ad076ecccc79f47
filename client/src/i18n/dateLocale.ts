/**
 * The locale to write dates and times in: the browser's own preferred locale when it is a
 * variant of the app's language (a British reader of the English app gets "07/12/2026, 18:07",
 * not the US "12/7/26, 6:07 PM"), else the app's language itself. Only the first preferred
 * locale of the app's language counts, as the browser orders them.
 */
export function dateLocale(
  app: string,
  preferred: readonly string[] = typeof navigator === 'undefined'
    ? []
    : (navigator.languages ?? [navigator.language]),
): string {
  for (const tag of preferred) {
    if (tag.toLowerCase().split('-')[0] !== app) continue;
    try {
      // A malformed tag (a browser setting typed by hand) must not break every date.
      return Intl.getCanonicalLocales(tag)[0] ?? app;
    } catch {
      return app;
    }
  }
  return app;
}
