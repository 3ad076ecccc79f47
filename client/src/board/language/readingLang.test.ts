import type { MetaView } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { note } from '../canvas/testNotes';
import { ContentReading } from './ContentReading';
import { isUntranslated, resolveReadingLang } from './readingLang';

const meta = (contentLangs: MetaView['contentLangs']) => ({ contentLangs }) as MetaView;

describe('the language a person reads a board in', () => {
  it('is the preferred one when the board has it, else the main language', () => {
    expect(resolveReadingLang('sv', ['fi', 'sv'])).toBe('sv');
    expect(resolveReadingLang('en', ['fi', 'sv'])).toBe('fi');
    expect(resolveReadingLang(null, ['sv'])).toBe('sv');
  });

  it('follows the board and the person, saying when what is shown changes', () => {
    const reading = new ContentReading();
    expect(reading.prefer('sv')).toBe(false); // the board has only Finnish (so far)
    expect(reading.lang).toBe('fi');
    expect(reading.follow(meta(['fi', 'sv']))).toBe(true);
    expect(reading.lang).toBe('sv');
    expect(reading.follow(meta(['fi', 'sv']))).toBe(false);
    const [translated, untranslated] = reading.notes([
      note('a', { text: 'Kirjasto', lang: 'fi', translations: { sv: 'Bibliotek' } }),
      note('b', { text: 'Uimahalli', lang: null }),
    ]);
    expect(translated).toMatchObject({ text: 'Bibliotek', lang: 'sv' });
    expect(untranslated).toMatchObject({ text: 'Uimahalli', lang: 'fi' });
    expect(isUntranslated(translated?.text ?? '', translated?.lang ?? null, 'sv')).toBe(false);
    expect(isUntranslated(untranslated?.text ?? '', untranslated?.lang ?? null, 'sv')).toBe(true);
    expect(isUntranslated('  ', 'fi', 'sv')).toBe(false);
  });
});
