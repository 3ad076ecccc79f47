import { describe, expect, it } from 'vitest';
import { DuplicateFilter, KeyedRateLimiter, normalizeText, shingles, similarity } from './abuse';
import { csv, csvCell } from './exports';

describe('abuse controls', () => {
  it('normalises text so that punctuation, case and stretched letters do not make it new', () => {
    expect(normalizeText('  Lisää PYÖRÄTEITÄ!!!  keskustaan… ')).toBe(
      'lisää pyöräteitä keskustaan',
    );
    expect(normalizeText('niiiiice')).toBe('niice');
    expect(similarity(shingles('abc'), shingles('abc'))).toBe(1);
    expect(similarity(shingles('abc'), shingles('xyz'))).toBe(0);
  });

  it('finds a (near) copy only among what the same keys wrote lately', () => {
    const filter = new DuplicateFilter(60_000);
    const text = 'Keskustaan tarvitaan lisää pyöräteitä ja pyöräparkkeja';
    filter.remember(text, ['id:a'], 0);
    expect(filter.isDuplicate(text.toUpperCase(), ['id:a'], 1)).toBe(true);
    expect(filter.isDuplicate(`${text} nyt`, ['id:a'], 1)).toBe(true);
    expect(filter.isDuplicate(text, ['id:b'], 1)).toBe(false);
    expect(filter.isDuplicate('Jotain aivan muuta kuin pyöräteitä', ['id:a'], 1)).toBe(false);
    // After the window it may be written again.
    expect(filter.isDuplicate(text, ['id:a'], 60_001)).toBe(false);
  });

  it('does not take texts whose numbers differ for near copies', () => {
    const filter = new DuplicateFilter(60_000);
    const second = 'Kommentar nummer 2 om cykelvägarna i centrum';
    filter.remember(second, ['id:a'], 0);
    expect(filter.isDuplicate('Kommentar nummer 3 om cykelvägarna i centrum', ['id:a'], 1)).toBe(
      false,
    );
    // The same numbers with a word changed are still a near copy, and the same text a copy.
    expect(filter.isDuplicate('Kommentar nummer 2 om cykelvägarna i centrum!', ['id:a'], 1)).toBe(
      true,
    );
    expect(filter.isDuplicate('kommentar nummer 2 om cykelvagarna i centrum', ['id:a'], 1)).toBe(
      true,
    );
  });

  it('keeps a bucket per key, and takes from none when one is empty', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(60, 2, () => now);
    expect(limiter.take('id:a', 'ip:1')).toBe(true);
    expect(limiter.take('id:a', 'ip:1')).toBe(true);
    expect(limiter.take('id:a', 'ip:1')).toBe(false);
    expect(limiter.take('id:b', 'ip:1')).toBe(false); // the address is spent
    expect(limiter.take('id:b', 'ip:2')).toBe(true);
    now = 1000; // one a second refills
    expect(limiter.take('id:a', 'ip:1')).toBe(true);
    expect(limiter.take('id:a', 'ip:1')).toBe(false);
  });
});

describe('CSV export', () => {
  it('defuses spreadsheet formulas and quotes every cell', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe(`"'=SUM(A1:A9)"`);
    expect(csvCell('+358 40 123')).toBe(`"'+358 40 123"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('@cmd')).toBe(`"'@cmd"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('sanoi "hei", sitten')).toBe(`"sanoi ""hei"", sitten"`);
    expect(csvCell('rivi\nrivi')).toBe('"rivi\nrivi"');
    expect(csvCell(3)).toBe('"3"');
    expect(csv(['a', 'b'], [['=1', 'x']])).toBe('\uFEFF"a","b"\r\n"\'=1","x"\r\n');
  });
});
