import fs from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './a11y';
import { giveFiles, mediaItems } from './files';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  noteRect,
  type Person,
  pasteText,
  screenshot,
  selectionOf,
  workshopSession,
} from './harness';

const notice = (person: Person) => person.page.locator('.board-notice').last();

describe('images and links on the board', () => {
  const session = workshopSession();
  const { people } = session;

  it('an image pasted or picked by a participant appears for the facilitator; refusals are explained', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const pia = await newPerson(session.browser, 'Pia', 'en-US');
    people.push(fanni, pia);
    const link = await createBoard(fanni, session.paja.url);
    await joinBoard(pia, await mintLink(session.paja.url, link, 'participant'));

    // Pia picks a picture with the toolbar's "Add image" (the way on a phone or by keyboard).
    await pia.page.getByTestId('add-image').waitFor();
    await giveFiles(pia, 'picker', [{ name: 'kartta.png', draw: [640, 400, '#1a56db'] }]);
    await expect.poll(async () => (await mediaItems(fanni)).length, { timeout: 15_000 }).toBe(1);
    const [picked] = await mediaItems(fanni);
    expect(picked?.media?.kind).toBe('image');
    // Fanni's canvas has drawn it: the image file was fetched with her link and decoded.
    await expect
      .poll(() =>
        fanni.page.evaluate(
          () =>
            performance.getEntriesByType('resource').filter((e) => e.name.includes('/media/'))
              .length,
        ),
      )
      .toBeGreaterThan(0);

    // Pia pastes a second picture (a copied screenshot).
    await giveFiles(pia, 'paste', [{ name: 'image.png', draw: [300, 300, '#0a7d5a'] }]);
    await expect.poll(async () => (await mediaItems(fanni)).length, { timeout: 15_000 }).toBe(2);

    // Pia describes her picture: a double-click opens a strip below the image for its words.
    const first = picked?.id ?? '';
    const box = await noteRect(pia, first);
    await pia.page.mouse.dblclick(box.x + box.w / 2, box.y + box.h / 2);
    const editor = pia.page.getByTestId('note-editor');
    await editor.waitFor();
    expect(await editor.getAttribute('placeholder')).toMatch(/Describe the image/);
    await pia.page.keyboard.type('Kartta pyöräteistä');
    await screenshot(pia, 'image-describe-en');
    await pia.page.keyboard.press('Escape');
    await expect
      .poll(async () => (await mediaItems(fanni)).find((i) => i.id === first)?.text)
      .toBe('Kartta pyöräteistä');
    await screenshot(fanni, 'images-on-board-fi');
    // In Fanni's outline the picture is listed with its description.
    await fanni.page.getByTestId('show-outline').click();
    await expect
      .poll(() => fanni.page.getByTestId('outline-image').allTextContents())
      .toContain('Kuva: Kartta pyöräteistä');
    expect(await fanni.page.getByTestId('outline-image').allTextContents()).toContain(
      'Kuva ilman kuvausta',
    );
    await fanni.page.locator('img.outline-image').first().waitFor();
    await screenshot(fanni, 'images-outline-fi');
    expect(await axeViolations(fanni.page)).toEqual([]);
    await fanni.page.getByTestId('show-canvas').click();

    // Refusals, each in the person's language, and the board unchanged.
    await giveFiles(pia, 'picker', [{ name: 'notes.txt', text: 'just words, no picture' }]);
    await expect
      .poll(() => notice(pia).textContent())
      .toContain('notes.txt was not added: it is not a PNG, JPEG');
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    await giveFiles(pia, 'paste', [{ name: 'evil.svg', text: svg }]);
    await expect.poll(() => notice(pia).textContent()).toContain('evil.svg was not added');
    await giveFiles(fanni, 'picker', [{ name: 'valtava.png', zeros: 11 * 1024 * 1024 }]);
    await expect
      .poll(() => notice(fanni).textContent())
      .toContain('valtava.png ei lisätty: se on yli 10 Mt, eikä taulu ota suurempia');
    await screenshot(fanni, 'images-too-big-fi');
    expect(await mediaItems(fanni)).toHaveLength(2);
  });

  it('links: a lone pasted address becomes a link item; addresses in notes are safe links', async () => {
    const ville = await newPerson(session.browser, 'Ville', 'sv-SE');
    people.push(ville);
    await createBoard(ville, session.paja.url);
    await pasteText(ville, 'https://www.hel.fi/fi/kaupunkiymparisto-ja-liikenne');
    await expect.poll(async () => (await mediaItems(ville)).length).toBe(1);
    const [item] = await mediaItems(ville);
    expect(item?.media).toEqual({
      kind: 'link',
      url: 'https://www.hel.fi/fi/kaupunkiymparisto-ja-liikenne',
    });
    // The new item is selected: its link is a real HTML link under it.
    const links = ville.page.getByTestId('note-links').locator('a');
    await expect.poll(() => links.count()).toBe(1);
    expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(await links.first().getAttribute('target')).toBe('_blank');
    await screenshot(ville, 'link-item-sv');
    expect(await axeViolations(ville.page)).toEqual([]);

    // A note with a javascript: address and a real one: only the real one is a link.
    await pasteText(ville, 'Kolla javascript:alert(document.cookie) och https://example.org/plan.');
    await expect.poll(() => selectionOf(ville)).toHaveLength(1);
    await expect.poll(() => links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toBe('https://example.org/plan');
    expect(await ville.page.locator('a[href^="javascript:"]').count()).toBe(0);
  });

  it('a facilitator downloads one topic as SVG: the export dialog asks which part of the board', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    people.push(aino);
    await createBoard(aino, session.paja.url);
    await pasteText(aino, 'Pyöräily talvella\nRaitiotie Hervantaan');
    await expect.poll(() => selectionOf(aino)).toHaveLength(2);
    await aino.page.getByTestId('make-cluster').click();
    await aino.page.getByTestId('title-editor').waitFor();
    await aino.page.keyboard.type('Liikenne');
    await aino.page.keyboard.press('Enter');
    await addNote(aino, 'Kirjasto auki iltaisin');

    await moreTool(aino.page, 'export-button');
    const scope = aino.page.getByTestId('export-scope');
    await scope.waitFor();
    await scope.selectOption({ label: 'Aihe: Liikenne' });
    await screenshot(aino, 'export-scope-fi');
    const [file] = await Promise.all([
      aino.page.waitForEvent('download', { timeout: 60_000 }),
      aino.page.getByTestId('export-svg').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/-topic\.svg$/);
    const xml = fs.readFileSync(await file.path(), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('Liikenne');
    expect(xml).toContain('Pyöräily');
    expect(xml).not.toContain('Kirjasto');
  });

  it('files: a facilitator attaches a PDF, a participant on a phone downloads it, only the facilitator deletes', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    const pia = await newPerson(session.browser, 'Pia', 'en-US');
    people.push(aino, pia);
    const link = await createBoard(aino, session.paja.url);
    await moreTool(aino.page, 'files-button');
    await aino.page.getByTestId('files-dialog').waitFor();
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    await aino.page.getByTestId('files-input').setInputFiles({
      name: 'Esityslista.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    });
    await expect
      .poll(() => aino.page.getByTestId('files-list').textContent())
      .toContain('Esityslista.pdf');
    // A web page is not a document to hand round: refused, said in Finnish.
    await aino.page.getByTestId('files-input').setInputFiles({
      name: 'sivu.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await expect
      .poll(() => aino.page.getByTestId('files-status').textContent())
      .toContain('sivu.html');
    await screenshot(aino, 'files-dialog-fi');

    await joinBoard(pia, await mintLink(session.paja.url, link, 'participant'));
    await pia.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(pia, 'toolbar-images-files-en-375');
    await moreTool(pia.page, 'files-button');
    const list = pia.page.getByTestId('files-list');
    await expect.poll(() => list.textContent()).toContain('Esityslista.pdf');
    expect(await list.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    const [download] = await Promise.all([
      pia.page.waitForEvent('download'),
      list.getByRole('button', { name: 'Esityslista.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Esityslista.pdf');
    expect(fs.readFileSync(await download.path(), 'latin1')).toBe(pdf);
    await screenshot(pia, 'files-dialog-en-375');
    expect(await axeViolations(pia.page)).toEqual([]);

    await aino.page
      .getByTestId('files-list')
      .getByRole('button', { name: /Poista Esityslista/ })
      .click();
    await aino.page.getByTestId('confirm-ok').click();
    await expect
      .poll(() => aino.page.getByTestId('files-list').textContent())
      .not.toContain('Esityslista');
  });
});
