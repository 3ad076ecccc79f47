import { readBoard, readNotes, setContentLangs, setTextIn } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { readBackup } from './backup';
import { exportBoard } from './exportBoard';
import { LIMITS, SAMPLE, sampleBoard } from './testBoard';

/** The sample board (Finnish) with its first topic and one note translated into Swedish. */
function bilingualBoard() {
  const doc = sampleBoard('fi');
  setContentLangs(doc, ['fi', 'sv']);
  const a = readNotes(doc).find((n) => n.text === SAMPLE.noteA);
  if (!a?.cluster) throw new Error('sample board changed');
  setTextIn(doc, 'note', a.id, 'sv', 'Cykling året runt – leder i skick');
  setTextIn(doc, 'cluster', a.cluster, 'sv', 'Mobilitet');
  return doc;
}

describe('exports in a chosen language', () => {
  it('Markdown in Swedish: the Swedish texts and headings, untranslated ones in Finnish', async () => {
    const md = (
      await exportBoard(bilingualBoard(), 'md', undefined, { lang: 'sv' })
    ).bytes.toString();
    expect(md).toContain('Cykling året runt – leder i skick');
    expect(md).toContain('### Mobilitet (2)');
    expect(md).not.toContain(SAMPLE.noteA);
    // Not translated: shown as written.
    expect(md).toContain(SAMPLE.noteB);
    expect(md).toContain('## Ämnen');
  });

  it('without a language: every text as written, headings in the board locale', async () => {
    const md = (await exportBoard(bilingualBoard(), 'md')).bytes.toString();
    expect(md).toContain(SAMPLE.noteA);
    expect(md).not.toContain('Cykling året runt');
  });

  it('CSV in Swedish holds the Swedish text and topic', async () => {
    const csv = (
      await exportBoard(bilingualBoard(), 'csv', undefined, { lang: 'sv' })
    ).bytes.toString();
    expect(csv).toContain('Cykling året runt – leder i skick');
    expect(csv).toContain('Mobilitet');
  });

  it('the JSON backup keeps every language whatever is asked', async () => {
    const doc = bilingualBoard();
    const file = await exportBoard(doc, 'json', undefined, { lang: 'sv' });
    expect(readBoard(readBackup(file.bytes, LIMITS).doc)).toEqual(readBoard(doc));
    const note = readNotes(readBackup(file.bytes, LIMITS).doc).find((n) => n.text === SAMPLE.noteA);
    expect(note?.translations.sv).toBe('Cykling året runt – leder i skick');
  });

  it('headings in the exporting person’s interface language, the texts as written', async () => {
    // An English reader of a Finnish board: English headings over the Finnish notes.
    const md = (
      await exportBoard(sampleBoard('fi'), 'md', undefined, { headings: 'en' })
    ).bytes.toString();
    expect(md).toContain('## Topics');
    expect(md).not.toContain('## Aiheet');
    expect(md).toContain(SAMPLE.noteA);
    // With a language of the texts too: the texts in it, the headings still the person's.
    const both = (
      await exportBoard(bilingualBoard(), 'md', undefined, { lang: 'sv', headings: 'en' })
    ).bytes.toString();
    expect(both).toContain('Cykling året runt – leder i skick');
    expect(both).toContain('## Topics');
    // Something that is no language of Paja's changes nothing.
    const odd = (
      await exportBoard(sampleBoard('fi'), 'md', undefined, { headings: 'de' })
    ).bytes.toString();
    expect(odd).toContain('## Aiheet');
  });
});
