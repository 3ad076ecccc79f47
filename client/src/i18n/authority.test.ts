import { LOCALES, REFUSAL_MESSAGES, type RefusalReason } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { refusalKeyOfMessage } from './authority';
import { translate } from './messages';

describe('refusals in the person’s language', () => {
  it('maps every reason the server sends, with or without detail, to its sentence', () => {
    // Two reasons share one English sentence ("frozen"): they also share the translation.
    for (const [reason, message] of Object.entries(REFUSAL_MESSAGES)) {
      const expected = `refusal.${reason as RefusalReason}` as const;
      for (const locale of LOCALES) {
        expect(translate(locale, refusalKeyOfMessage(message))).toBe(translate(locale, expected));
        expect(translate(locale, refusalKeyOfMessage(`${message}: note`))).toBe(
          translate(locale, expected),
        );
      }
    }
  });

  it('reads a reason it does not know as "not now", in every language', () => {
    const key = refusalKeyOfMessage('something new the server says');
    expect(key).toBe('refusal.unknown');
    for (const locale of LOCALES) expect(translate(locale, key)).not.toBe('');
  });

  it('says the same reason differently in fi, sv and en', () => {
    const key = refusalKeyOfMessage(REFUSAL_MESSAGES.locked);
    const texts = LOCALES.map((locale) => translate(locale, key));
    expect(new Set(texts).size).toBe(3);
  });
});
