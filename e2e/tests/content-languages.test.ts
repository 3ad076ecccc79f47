import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  noteTexts,
  type Person,
  screenshot,
  workshopSession,
} from './harness';

const CYCLING_FI = 'Pyöräteitä lisää';
const CYCLING_SV = 'Fler cykelvägar';
const POOL_FI = 'Uimahalli auki myöhään';
const TOPIC_FI = 'Vapaa-aika';

/** The texts of one DOM item and the language attribute of its text, mark included. */
async function itemLanguage(person: Person, testId: string, text: string) {
  const item = person.page.getByTestId(testId).filter({ hasText: text });
  const tagged = item.locator('[lang]');
  return {
    lang: (await tagged.count()) > 0 ? await tagged.first().getAttribute('lang') : null,
    mark: await item.getByTestId('untranslated-mark').count(),
  };
}

describe('content in Finnish and Swedish', () => {
  const session = workshopSession();

  it('a note written in Finnish and translated in the translator view reads in Swedish; an untranslated one is marked; the Swedish export holds the Swedish text', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const ville = await newPerson(session.browser, 'Ville', 'sv-SE');
    session.people.push(fanni, ville);

    // The facilitator (Finnish UI) writes two notes in Finnish.
    const link = await createBoard(fanni, session.paja.url);
    await addNote(fanni, CYCLING_FI);
    await addNote(fanni, POOL_FI);
    await expect.poll(() => noteTexts(fanni)).toEqual([CYCLING_FI, POOL_FI].sort());
    // The note just written is selected: she makes it a topic of its own.
    await fanni.page.getByTestId('make-cluster').click();
    await fanni.page.keyboard.type(TOPIC_FI);
    await fanni.page.keyboard.press('Enter');

    // She adds Swedish to the board's content languages in the settings.
    expect(await fanni.page.getByTestId('translate-button').count()).toBe(0);
    await fanni.page.getByTestId('settings-button').click();
    await fanni.page.getByTestId('content-lang-sv').check();
    await expect
      .poll(() => fanni.page.getByTestId('content-langs').textContent())
      .toContain('pääkieli');
    await fanni.page.getByTestId('settings-done').click();

    // The translator view lists both notes as lacking Swedish; she translates the cycling one
    // (skipping the other if it comes first) and presses Enter to save and go on.
    await fanni.page.getByTestId('translate-button').click();
    const translator = fanni.page.getByTestId('translator');
    await translator.waitFor();
    expect(await fanni.page.getByTestId('translate-into').inputValue()).toBe('sv');
    expect(await fanni.page.getByTestId('translate-progress').textContent()).toBe('0/3 käännetty');
    // The topic comes first, then the notes top to bottom.
    expect(await fanni.page.getByTestId('translate-original').textContent()).toBe(TOPIC_FI);
    while ((await fanni.page.getByTestId('translate-original').textContent()) !== CYCLING_FI) {
      await fanni.page.getByTestId('translate-skip').click();
    }
    expect(await fanni.page.getByTestId('translate-original').textContent()).toBe(CYCLING_FI);
    // The keyboard focus is already in the translation field.
    await fanni.page.keyboard.type(CYCLING_SV);
    await screenshot(fanni, 'translator-view-fi');
    await fanni.page.keyboard.press('Enter');
    await expect
      .poll(() => fanni.page.getByTestId('translate-progress').textContent())
      .toBe('1/3 käännetty');
    // On to one still untranslated (a skipped one comes round again).
    expect([TOPIC_FI, POOL_FI]).toContain(
      await fanni.page.getByTestId('translate-original').textContent(),
    );
    await screenshot(fanni, 'translator-view-after-save-fi');
    await fanni.page.getByTestId('translator-close').click();
    // On a phone the translator opens from the header's menu and fits the screen.
    await fanni.page.setViewportSize({ width: 375, height: 812 });
    await fanni.page.getByTestId('header-menu').click();
    await fanni.page.getByTestId('translate-button').click();
    await fanni.page.getByTestId('translate-text').waitFor();
    await screenshot(fanni, 'translator-view-fi-375');
    expect(
      await fanni.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await fanni.page.getByTestId('translator-close').click();
    await fanni.page.getByTestId('header-menu').click();
    await fanni.page.setViewportSize({ width: 1280, height: 800 });
    // Fanni reads Finnish: her board is unchanged.
    expect(await noteTexts(fanni)).toEqual([CYCLING_FI, POOL_FI].sort());

    // A participant with a Swedish browser reads the board in Swedish: the translation, and the
    // untranslated note in Finnish, marked, with lang="fi" for screen readers.
    await joinBoard(ville, await mintLink(session.paja.url, link, 'participant'));
    await expect
      .poll(() => noteTexts(ville))
      .toEqual([CYCLING_SV, `${POOL_FI}Inte översatt · finska`].sort());
    expect(await itemLanguage(ville, 'note-item', CYCLING_SV)).toEqual({ lang: null, mark: 0 });
    expect(await itemLanguage(ville, 'note-item', POOL_FI)).toEqual({ lang: 'fi', mark: 1 });
    expect(await ville.page.getByTestId('reading-lang').inputValue()).toBe('sv');
    await screenshot(ville, 'untranslated-note-canvas-sv');

    // The same in the outline.
    await ville.page.getByTestId('show-outline').click();
    await ville.page.getByTestId('outline-note').first().waitFor();
    expect(await itemLanguage(ville, 'outline-note', CYCLING_SV)).toEqual({ lang: null, mark: 0 });
    expect(await itemLanguage(ville, 'outline-note', POOL_FI)).toEqual({ lang: 'fi', mark: 1 });
    const topic = ville.page.getByTestId('outline-topic').locator('h4');
    expect(await topic.textContent()).toBe(`${TOPIC_FI}Inte översatt · finska`);
    expect(await topic.locator('[lang="fi"]').textContent()).toBe(TOPIC_FI);
    expect(await ville.page.getByTestId('outline-note').allTextContents()).not.toContain(
      expect.stringContaining(CYCLING_FI),
    );
    await screenshot(ville, 'untranslated-note-outline-sv');

    // Ville may read in Finnish instead: his choice, not the UI's.
    await ville.page.getByTestId('show-canvas').click();
    await ville.page.getByTestId('header-menu').click();
    await ville.page.getByTestId('reading-lang').selectOption('fi');
    await expect.poll(() => noteTexts(ville)).toEqual([CYCLING_FI, POOL_FI].sort());

    // The facilitator exports the report in Swedish.
    await moreTool(fanni.page, 'export-button');
    await fanni.page.getByTestId('export-dialog').waitFor();
    await fanni.page.getByTestId('export-lang').selectOption('sv');
    const [file] = await Promise.all([
      fanni.page.waitForEvent('download', { timeout: 60_000 }),
      fanni.page.getByTestId('export-md').click(),
    ]);
    const md = fs.readFileSync(await file.path()).toString('utf8');
    expect(md).toContain(CYCLING_SV);
    expect(md).not.toContain(CYCLING_FI);
    expect(md).toContain(POOL_FI);
    expect(ville.errors).toEqual([]);
    expect(fanni.errors).toEqual([]);
  });
});
