import { describe, expect, it } from 'vitest';
import { readBoard } from './board';
import { guessMapping, importNotes, parseCsv, planImport } from './csvImport';
import { newDoc } from './testkit';

const CSV =
  '\uFEFFAihe;Teksti;Väri;Kirjoittaja\r\nLiikenne;"Pyöräily; ympäri ""vuoden"""; blue;Åsa\r\nLiikenne;Bussit;pinkki;\r\n;Kirjasto;;Bo\r\n;;;\r\n';

describe('CSV import', () => {
  it('parses quotes, semicolons, a BOM and CRLF, and guesses the columns', () => {
    const rows = parseCsv(CSV);
    expect(rows[1]).toEqual(['Liikenne', 'Pyöräily; ympäri "vuoden"', ' blue', 'Åsa']);
    expect(rows).toHaveLength(4);
    expect(guessMapping(rows[0] ?? [])).toEqual({
      text: 1,
      color: 2,
      topic: 0,
      author: 3,
      organisation: null,
    });
  });

  it('plans notes with what was skipped or unknown, then writes them in one update', () => {
    const rows = parseCsv(CSV);
    const plan = planImport(rows, guessMapping(rows[0] ?? []), true);
    expect(plan.notes.map((n) => [n.text, n.color, n.topic, n.author])).toEqual([
      ['Pyöräily; ympäri "vuoden"', 'blue', 'Liikenne', 'Åsa'],
      ['Bussit', null, 'Liikenne', ''],
      ['Kirjasto', null, '', 'Bo'],
    ]);
    expect(plan.unknownColors).toBe(1);
    const doc = newDoc();
    let updates = 0;
    doc.on('update', () => {
      updates += 1;
    });
    importNotes(doc, plan.notes, { x: 0, y: 0 }, { id: 'f1', name: 'Fanni' });
    expect(updates).toBe(1);
    const board = readBoard(doc);
    expect(board.notes.map((n) => n.authorName).sort()).toEqual(['Bo', 'Fanni', 'Åsa']);
    expect(board.clusters.map((c) => [c.title, c.members.length])).toEqual([['Liikenne', 2]]);
  });
});
