import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  moreTools,
  newPerson,
  noteTexts,
  type Person,
  screenshot,
  workshopSession,
} from './harness';

/** Clicks a format's download button in the open export dialog; returns the file's bytes. */
async function download(person: Person, format: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    person.page.waitForEvent('download', { timeout: 60_000 }),
    person.page.getByTestId(`export-${format}`).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(path) };
}

describe('exports from the board menu', () => {
  const session = workshopSession();
  const { people } = session;

  it('a facilitator and a viewer download the report, the notes and the board image; a participant has no export menu', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const ville = await newPerson(session.browser, 'Ville', 'sv-SE');
    const pia = await newPerson(session.browser, 'Pia', 'en-US');
    people.push(fanni, ville, pia);
    const link = await createBoard(fanni, session.paja.url);
    await addNote(fanni, 'Pyöräilyä ympäri vuoden – väylät kuntoon');
    await addNote(fanni, '=SUM(1+1) ei kaava');
    await expect.poll(() => noteTexts(fanni)).toHaveLength(2);

    // The facilitator opens the export menu (in Finnish) and downloads the notes as CSV.
    await moreTool(fanni.page, 'export-button');
    const dialog = fanni.page.getByTestId('export-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Vie taulu tiedostoon');
    await screenshot(fanni, 'export-dialog-fi');
    const csv = await download(fanni, 'csv');
    expect(csv.name).toMatch(/\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Pyöräilyä ympäri vuoden – väylät kuntoon,Fanni');
    expect(text).toContain("'=SUM(1+1) ei kaava");
    await expect
      .poll(() => fanni.page.getByTestId('export-status').textContent())
      .toContain('on valmis');
    await screenshot(fanni, 'export-done-fi');

    // The PDF report and the PNG of the board come from the same menu.
    const pdf = await download(fanni, 'pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const png = await download(fanni, 'png');
    expect([...png.bytes.subarray(0, 4)]).toEqual([137, 80, 78, 71]);
    await fanni.page.getByTestId('export-close').click();

    // A viewer (in Swedish, on a phone) downloads the Markdown report.
    const viewerLink = await mintLink(session.paja.url, link, 'viewer');
    await joinBoard(ville, viewerLink);
    await ville.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(ville, 'export-button-sv-375');
    await moreTool(ville.page, 'export-button');
    await ville.page.getByTestId('export-dialog').waitFor();
    expect(await ville.page.getByTestId('export-dialog').textContent()).toContain(
      'Exportera tavlan',
    );
    await screenshot(ville, 'export-dialog-sv-375');
    const md = await download(ville, 'md');
    expect(md.bytes.toString('utf8')).toContain('- Pyöräilyä ympäri vuoden – väylät kuntoon');
    // The Finnish board's report in his language: Swedish headings over the Finnish notes.
    expect(md.bytes.toString('utf8')).toContain('## Ämnen');
    await screenshot(ville, 'export-done-sv-375');

    // A participant gets no export button, and the server refuses her anyway.
    const participantLink = await mintLink(session.paja.url, link, 'participant');
    await joinBoard(pia, participantLink);
    expect(await moreTools(pia.page)).not.toContain('export-button');
    const boardId = /\/b\/([^#]+)#t=(.+)$/.exec(participantLink);
    const refused = await fetch(`${session.paja.url}/api/boards/${boardId?.[1]}/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${boardId?.[2]}` },
      body: JSON.stringify({ format: 'csv' }),
    });
    expect(refused.status).toBe(403);

    // Every export is in the board's log: who, what, when.
    const facilitator = /\/b\/([^#]+)#t=(.+)$/.exec(link);
    const log = await fetch(`${session.paja.url}/api/boards/${facilitator?.[1]}/exports`, {
      headers: { authorization: `Bearer ${facilitator?.[2]}` },
    });
    const { exports } = (await log.json()) as { exports: Array<{ format: string; name: string }> };
    expect(exports.map((e) => `${e.format}:${e.name}`)).toEqual([
      'csv:Fanni',
      'pdf:Fanni',
      'png:Fanni',
      'md:Ville',
    ]);
  });
});
