import { describe, expect, it } from 'vitest';
import { translate } from './messages';

describe('comment marker labels', () => {
  it('say one comment in the singular, in every language', () => {
    const label = (locale: 'en' | 'fi' | 'sv', count: number) =>
      translate(locale, 'comments.markerLabel', { count, what: 'X' });
    expect(label('en', 1)).toBe('1 comment on X');
    expect(label('en', 2)).toBe('2 comments on X');
    expect(label('fi', 1)).toBe('1 kommentti: X');
    expect(label('fi', 3)).toBe('3 kommenttia: X');
    expect(label('sv', 1)).toBe('1 kommentar om X');
    expect(label('sv', 1200)).toBe(`${new Intl.NumberFormat('sv').format(1200)} kommentarer om X`);
  });
});
