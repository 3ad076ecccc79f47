import type { Locale } from '@paja/shared';

/**
 * The time zone an export's times are written in. The exporting person's browser names its
 * zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`, sent as `timeZone`); without one
 * (an older client, the command line) or with one this server's Intl does not know, the
 * export uses Europe/Helsinki: Paja's workshops are Finnish, and a server's own zone is
 * usually UTC, which the tester's readers took for a wrong time. Every written time names its
 * offset, so a reader elsewhere is never misled.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

/** IANA names are short; a longer value is not a zone, and Intl need not see it. */
const ZONE_MAX = 64;

/** The zone to write times in: `value` if Intl knows it (canonical spelling), else the default. */
export function exportTimeZone(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > ZONE_MAX) {
    return DEFAULT_TIME_ZONE;
  }
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** Finland's Swedish and British English: day before month, as the report's readers write. */
const INTL_LOCALE: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * A moment as the board's people read it, with its offset: "8.12.2026 klo 0.08 UTC+2",
 * "8.12.2026 00.08 UTC+2", "8 Dec 2026, 00:08 UTC+2". English spells the month, so that
 * nobody reads 08/12 the American way.
 */
export function localStamp(ms: number, locale: Locale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'shortOffset',
  }).formatToParts(ms);
  // One name for the offset in every language: Intl writes "UTC+2" in Finnish but "GMT+2" in
  // Swedish and English, and a reader comparing two exports would take them for two zones.
  return parts
    .map((part) =>
      part.type === 'timeZoneName' ? part.value.replace(/^GMT(?=$|[+-])/, 'UTC') : part.value,
    )
    .join('');
}

/**
 * The wall-clock time in `timeZone` as a Date whose UTC fields hold it: a spreadsheet's date
 * cell has no zone, and exceljs writes a Date's UTC fields, so this is how the cell shows the
 * local time.
 */
export function wallClock(ms: number, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return new Date(local + (ms % 1000));
}
