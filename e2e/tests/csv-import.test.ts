import { describe, expect, it } from 'vitest';
import {
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  moreTools,
  newPerson,
  noteTexts,
  screenshot,
  workshopSession,
} from './harness';

const CSV =
  '\uFEFFAihe;Teksti;Väri;Kirjoittaja\r\nLiikenne;"Pyöräily; ympäri vuoden";blue;Åsa\r\nLiikenne;Yöbussit;;Bo\r\n;Kirjasto-auto;teal;\r\nLiikenne;;;\r\n';

describe('CSV import in the browser', () => {
  const session = workshopSession();
  const { people } = session;

  it('a facilitator maps the columns, checks the preview and imports; a participant sees the notes', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const pia = await newPerson(session.browser, 'Pia', 'sv-SE');
    people.push(fanni, pia);
    const link = await createBoard(fanni, session.paja.url);
    await joinBoard(pia, await mintLink(session.paja.url, link, 'participant'));
    expect(await moreTools(pia.page)).not.toContain('import-button');

    await moreTool(fanni.page, 'import-button');
    await fanni.page.getByTestId('import-dialog').waitFor();
    await fanni.page.getByTestId('import-file').setInputFiles({
      name: 'lappuja.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    const preview = fanni.page.getByTestId('import-preview');
    await preview.waitFor();
    // The columns were guessed from the Finnish header row.
    expect(await fanni.page.getByTestId('import-map-text').inputValue()).toBe('1');
    expect(await fanni.page.getByTestId('import-map-topic').inputValue()).toBe('0');
    expect(await preview.textContent()).toContain('Esikatselu: 3 lappua');
    expect(await preview.textContent()).toContain('Liikenne: Pyöräily; ympäri vuoden (Åsa)');
    expect(await preview.textContent()).toContain('1 riviä ilman tekstiä jätetään pois.');
    // The facilitator decides not to import the authors.
    await fanni.page.getByTestId('import-map-author').selectOption('');
    expect(await preview.textContent()).not.toContain('(Åsa)');
    await screenshot(fanni, 'csv-import-preview-fi');
    await fanni.page.getByTestId('import-run').click();
    await expect
      .poll(() => fanni.page.getByTestId('import-status').textContent())
      .toContain('3 lappua tuotu.');
    const expected = ['Kirjasto-auto', 'Pyöräily; ympäri vuoden', 'Yöbussit'];
    await expect.poll(async () => (await noteTexts(fanni)).sort()).toEqual(expected);
    await expect.poll(async () => (await noteTexts(pia)).sort()).toEqual(expected);
    await fanni.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(fanni, 'csv-import-done-fi-375');
  });
});
