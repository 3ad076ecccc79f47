import { describe, expect, it } from 'vitest';
import { dateLocale } from './dateLocale';

describe('the locale of dates', () => {
  it("is the browser's variant of the app's language, else the app's language", () => {
    expect(dateLocale('en', ['en-GB', 'en-US', 'fi'])).toBe('en-GB');
    expect(dateLocale('en', ['fi-FI', 'en-AU'])).toBe('en-AU');
    expect(dateLocale('sv', ['fi-FI', 'sv-FI'])).toBe('sv-FI');
    expect(dateLocale('fi', ['en-GB'])).toBe('fi');
    expect(dateLocale('en', [])).toBe('en');
    expect(dateLocale('en', ['en-gb'])).toBe('en-GB');
    expect(dateLocale('en', ['en-!!'])).toBe('en');
  });

  it('writes a British date the British way', () => {
    const at = Date.UTC(2026, 6, 12, 15, 7);
    const format = (locale: string) =>
      new Intl.DateTimeFormat(dateLocale('en', [locale]), {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(at);
    expect(format('en-GB')).toBe('12/07/2026, 15:07');
    expect(format('en-US')).toBe('7/12/26, 3:07 PM');
  });
});
