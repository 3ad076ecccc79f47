import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colourAt, giveFiles, mediaItems } from './files';
import {
  addNote,
  boardLinkOf,
  createBoard,
  enterName,
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  noteRect,
  noteTexts,
  type Person,
  screenshot,
  waitOnline,
  workshopSession,
} from './harness';

/** Opens a board link; the name is asked again only if this browser does not remember it. */
async function open(person: Person, url: string): Promise<void> {
  await person.page.goto(url);
  const name = person.page.getByTestId('name-input');
  const online = person.page.locator('[data-testid="connection-status"][data-state="online"]');
  await name.or(online).first().waitFor({ timeout: 15_000 });
  if (await name.isVisible()) await enterName(person);
  await waitOnline(person);
}

/** A new board made from the landing page by someone who has made one before. */
async function anotherBoard(person: Person, baseUrl: string): Promise<string> {
  await person.page.goto(`${baseUrl}/`);
  await person.page.getByTestId('create-board').click();
  const link = await boardLinkOf(person);
  await open(person, link);
  return link;
}

/**
 * Whether the person's canvas draws the board's one image item from its file (the picture's
 * blue beside its white circle), not the grey box with its description shown without it; and
 * the page fetched that file successfully with its link.
 */
async function imageDrawn(person: Person): Promise<boolean> {
  const [item] = await mediaItems(person);
  const blob = item?.media?.blob;
  if (!item || !blob) return false;
  const fetched = await person.page.evaluate(
    (id) =>
      performance
        .getEntriesByType('resource')
        .some(
          (e) =>
            e.name.includes(`/media/${id}`) &&
            (e as PerformanceResourceTiming & { responseStatus: number }).responseStatus === 200,
        ),
    blob,
  );
  const box = await noteRect(person, item.id);
  const [r = 0, g = 0, b = 0] = await colourAt(person, box.x + box.w * 0.12, box.y + box.h / 2);
  return fetched && b > 150 && r < 90 && g < 130;
}

/** Downloads the board's JSON backup from the export dialog, as a person would. */
async function downloadBackup(person: Person): Promise<Buffer> {
  await moreTool(person.page, 'export-button');
  await person.page.getByTestId('export-dialog').waitFor();
  const [file] = await Promise.all([
    person.page.waitForEvent('download', { timeout: 60_000 }),
    person.page.getByTestId('export-json').click(),
  ]);
  const bytes = fs.readFileSync(await file.path());
  await person.page.getByTestId('export-close').click();
  return bytes;
}

describe('a JSON backup imported in the page', () => {
  const session = workshopSession();
  const { people } = session;

  it('export then import onto an empty board gives the same board; bad files are refused in the person’s language', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const pia = await newPerson(session.browser, 'Pia', 'sv-SE');
    people.push(fanni, pia);
    const { page } = fanni;
    await createBoard(fanni, session.paja.url);
    await addNote(fanni, 'Pyöräily ympäri vuoden');
    await addNote(fanni, 'Åbo ja Öja');
    await expect.poll(() => noteTexts(fanni)).toHaveLength(2);
    // A picture on the board: its file travels in the backup too.
    await giveFiles(fanni, 'picker', [{ name: 'kartta.png', draw: [480, 300, '#1a56db'] }]);
    await expect.poll(() => imageDrawn(fanni), { timeout: 15_000 }).toBe(true);
    const backup = await downloadBackup(fanni);
    const files = (JSON.parse(backup.toString('utf8')) as { files: Array<{ kind: string }> }).files;
    expect(files.map((f) => f.kind)).toEqual(['image', 'thumb']);

    // A new, empty board; a participant is there to see the import arrive.
    const second = await anotherBoard(fanni, session.paja.url);
    await joinBoard(pia, await mintLink(session.paja.url, second, 'participant'));
    await moreTool(page, 'import-button');
    await page.getByTestId('import-dialog').waitFor();

    // Not a backup: refused with the reason, nothing changes.
    await page.getByTestId('backup-file').setInputFiles({
      name: 'muistiinpanot.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"notes": []}'),
    });
    await page.getByTestId('backup-onto').click();
    await expect
      .poll(() => page.getByTestId('backup-status').textContent())
      .toBe(
        'Tiedosto ei ole Pajan taulun varmuuskopio. Valitse tiedosto, joka on tehty toiminnolla Vie → JSON.',
      );
    await page.getByTestId('backup-file').setInputFiles({
      name: 'rikki.json',
      mimeType: 'application/json',
      buffer: Buffer.from('ei json'),
    });
    await page.getByTestId('backup-onto').click();
    await expect
      .poll(() => page.getByTestId('backup-status').textContent())
      .toBe('Tiedosto ei ole JSONia. Valitse tiedosto, joka on tehty toiminnolla Vie → JSON.');
    expect(await noteTexts(pia)).toEqual([]);

    // The real backup onto the empty board: everyone sees it.
    await page.getByTestId('backup-file').setInputFiles({
      name: 'taulu.json',
      mimeType: 'application/json',
      buffer: backup,
    });
    await page.getByTestId('backup-onto').click();
    await expect
      .poll(() => page.getByTestId('backup-status').textContent())
      .toBe('Varmuuskopio on nyt tällä taululla.');
    await screenshot(fanni, 'backup-import-fi');
    // The image item has no description yet: its text is empty.
    const expected = ['', 'Pyöräily ympäri vuoden', 'Åbo ja Öja'];
    await expect.poll(() => noteTexts(fanni)).toEqual(expected);
    await expect.poll(() => noteTexts(pia)).toEqual(expected);
    await page.getByTestId('import-close').click();
    // The picture is drawn from the imported file, for Fanni and for Pia, not as a grey box.
    await expect.poll(() => imageDrawn(fanni), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => imageDrawn(pia), { timeout: 15_000 }).toBe(true);
    await screenshot(pia, 'backup-import-image-sv');

    // The round trip: the board exported again is the same board.
    const again = await downloadBackup(fanni);
    const board = (bytes: Buffer) =>
      (JSON.parse(bytes.toString('utf8')) as { board: unknown }).board;
    expect(board(again)).toEqual(board(backup));

    // Now the board has content: only a new board can be made from the backup.
    await page.setViewportSize({ width: 375, height: 740 });
    await moreTool(page, 'import-button');
    await page.getByTestId('backup-file').setInputFiles({
      name: 'taulu.json',
      mimeType: 'application/json',
      buffer: backup,
    });
    expect(await page.getByTestId('backup-onto').isDisabled()).toBe(true);
    await page.getByTestId('backup-new').click();
    const link = page.getByTestId('backup-new-link');
    await link.waitFor();
    await screenshot(fanni, 'backup-import-new-fi-375');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/b\/[0-9A-Za-z_-]+#t=/);
    await open(fanni, href);
    await expect.poll(() => noteTexts(fanni)).toEqual(expected);
    await expect.poll(() => imageDrawn(fanni), { timeout: 15_000 }).toBe(true);

    // A backup whose picture is not a picture: refused in Fanni's language, nothing made.
    const tampered = JSON.parse(backup.toString('utf8')) as { files: Array<{ data: string }> };
    const html = Buffer.from('<svg onload="alert(1)"></svg>'.padEnd(64, ' '));
    Object.assign(tampered.files[0] ?? {}, { data: html.toString('base64'), bytes: html.length });
    await moreTool(page, 'import-button');
    await page.getByTestId('backup-file').setInputFiles({
      name: 'taulu.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tampered)),
    });
    await page.getByTestId('backup-new').click();
    await expect
      .poll(() => page.getByTestId('backup-status').textContent())
      .toBe(
        'Varmuuskopiossa on kuva tai tiedosto, joka ei ole sitä, mitä sen tyyppi sanoo, joten mitään ei tuotu. Vie taulu uudelleen.',
      );
    expect(await page.getByTestId('backup-new-link').count()).toBe(0);
    await screenshot(fanni, 'backup-import-file-refused-fi');

    // A backup made before files were included still imports; its picture is then missing
    // and the item shows its grey box (which imageDrawn tells apart from the picture).
    const { files: _files, ...older } = JSON.parse(backup.toString('utf8')) as {
      files: unknown;
    };
    await page.getByTestId('backup-file').setInputFiles({
      name: 'vanha.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(older)),
    });
    await page.getByTestId('backup-new').click();
    const olderLink = page.getByTestId('backup-new-link');
    await olderLink.waitFor();
    await open(fanni, (await olderLink.getAttribute('href')) ?? '');
    await expect.poll(() => noteTexts(fanni)).toEqual(expected);
    await noteRect(fanni, (await mediaItems(fanni))[0]?.id ?? '');
    await page.waitForTimeout(1_000);
    expect(await imageDrawn(fanni)).toBe(false);
    await screenshot(fanni, 'backup-import-older-fi');
  });
});
