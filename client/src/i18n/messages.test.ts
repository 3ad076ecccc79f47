import { LOCALES, NOTE_COLOR_NAMES } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, colorKey, formatMessage, pickLocale, translate } from './messages';

describe('catalogues', () => {
  const keys = Object.keys(CATALOGUES.en).sort();

  it.each(LOCALES)('%s has exactly the English key set, with no empty message', (locale) => {
    const catalogue = CATALOGUES[locale];
    expect(Object.keys(catalogue).sort()).toEqual(keys);
    for (const value of Object.values(catalogue)) expect(value.trim()).not.toBe('');
  });

  it('names a group of notes a topic in every language, never a cluster or a roadmap theme', () => {
    // One word per language for the same thing on the board: the toolbar, the drop notices, the
    // outline and the keyboard's Move to… all say it. Swedish "tema" is the roadmap's row.
    const word = {
      en: /\bclusters?\b/i,
      fi: /\bryhm(ä|än|ät|ien|iä|ään|ästä|ästään)\b/i,
      sv: /\bgrupp(en|er|erna)?\b/i,
    };
    const aboutPeople = new Set([
      'share.intro',
      'name.organisationHelp',
      'share.revokeConfirm',
      'private.count',
      'private.count.one',
    ]);
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(CATALOGUES[locale])) {
        if (aboutPeople.has(key)) continue;
        expect(value, `${locale} ${key}`).not.toMatch(word[locale]);
      }
    }
    for (const [key, value] of Object.entries(CATALOGUES.sv)) {
      if (key.startsWith('outline.') && !key.startsWith('outline.roadmap')) {
        expect(value, key).not.toMatch(/\btema/i);
      }
    }
  });

  it.each(LOCALES)('%s uses the same placeholders as English', (locale) => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of keys) {
      const k = key as keyof typeof CATALOGUES.en;
      expect(placeholders(CATALOGUES[locale][k]), `${locale} ${key}`).toEqual(
        placeholders(CATALOGUES.en[k]),
      );
    }
  });

  it('names every note colour in every language', () => {
    for (const locale of LOCALES) {
      for (const color of NOTE_COLOR_NAMES) {
        expect(translate(locale, colorKey(color))).not.toBe('');
      }
    }
  });
});

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translate('fi', 'participants.count', { count: 3 })).toBe('Osallistujia: 3');
  });

  it('formats numbers for the language', () => {
    expect(translate('en', 'participants.count', { count: 1200 })).toBe('Participants: 1,200');
    expect(translate('fi', 'participants.count', { count: 1200 })).toBe('Osallistujia: 1\u00a0200');
    expect(translate('sv', 'participants.count', { count: 1200 })).toBe('Deltagare: 1\u00a0200');
  });
});

describe('plural forms', () => {
  it("takes a message's singular form where the language says one, in every language", () => {
    expect(translate('en', 'cluster.count', { count: 1 })).toBe('1 note');
    expect(translate('en', 'cluster.count', { count: 2 })).toBe('2 notes');
    expect(translate('en', 'cluster.count', { count: 0 })).toBe('0 notes');
    expect(translate('fi', 'cluster.count', { count: 1 })).toBe('1 lappu');
    expect(translate('fi', 'cluster.count', { count: 5 })).toBe('5 lappua');
    expect(translate('en', 'vote.voters', { count: 1 })).toBe('1 person voted');
    expect(translate('sv', 'vote.voters', { count: 3 })).toBe('3 personer röstade');
    expect(translate('sv', 'drop.toCluster', { count: 1, title: 'Trafik' })).toBe(
      '1 lapp flyttades till ämnet ”Trafik”.',
    );
  });

  it('has a plural form beside every singular one', () => {
    const keys = Object.keys(CATALOGUES.en);
    for (const key of keys.filter((k) => k.endsWith('.one'))) {
      expect(keys, key).toContain(key.slice(0, -'.one'.length));
    }
  });
});

describe('pickLocale', () => {
  it('prefers a stored choice', () => {
    expect(pickLocale('sv', ['en-GB'], 'fi')).toBe('sv');
  });

  it('ignores a stored value that is not a locale', () => {
    expect(pickLocale('de', ['en-GB'], 'fi')).toBe('en');
  });

  it('takes the first supported browser language by its primary subtag', () => {
    expect(pickLocale(null, ['de-DE', 'sv-FI', 'fi'], 'en')).toBe('sv');
    expect(pickLocale(null, ['FI-fi'], 'en')).toBe('fi');
  });

  it('does not take Filipino for Finnish', () => {
    expect(pickLocale(null, ['fil-PH'], 'en')).toBe('en');
  });

  it('falls back when nothing matches', () => {
    expect(pickLocale(null, [], 'fi')).toBe('fi');
  });
});
