import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  enterName,
  launchBrowser,
  newPerson,
  noteIds,
  noteTexts,
  type Person,
  pasteText,
  readNoteIn,
  screenshot,
  startPaja,
  waitOnline,
  workshopSession,
} from './harness';

/** Everything a page holds that a person could see or copy: its address and its whole HTML. */
async function visibleText(person: Person): Promise<string> {
  const html = await person.page.content();
  return `${person.page.url()}\n${html}`;
}

function tokenOf(link: string): string {
  const token = new URL(link).hash.replace('#t=', '');
  if (token.length < 20) throw new Error(`no token in ${link}`);
  return token;
}

describe('sharing a board and joining it', () => {
  const session = workshopSession();
  const { people } = session;

  it('a facilitator shares a participant link through the dialog; her own token never shows', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    const pekka = await newPerson(session.browser, 'Pekka', 'fi-FI');
    people.push(fanni, pekka);
    await fanni.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: session.paja.url,
    });
    const facilitatorLink = await createBoard(fanni, session.paja.url);
    const facilitatorToken = tokenOf(facilitatorLink);

    // The token left the address bar, and a reload still opens the board as its facilitator.
    expect(fanni.page.url()).not.toContain('#t=');
    expect(await visibleText(fanni)).not.toContain(facilitatorToken);
    await fanni.page.reload();
    await waitOnline(fanni);
    expect(fanni.page.url()).not.toContain(facilitatorToken);

    await fanni.page.getByTestId('share-button').click();
    const dialog = fanni.page.getByTestId('share-dialog');
    await dialog.waitFor();
    const linkInput = fanni.page.getByTestId('share-link-participant');
    await expect.poll(() => linkInput.inputValue()).toMatch(/\/b\/[0-9A-Za-z_-]+#t=/);
    await fanni.page.getByTestId('qr-code').first().waitFor();
    expect(await fanni.page.getByTestId('qr-code').count()).toBe(4);
    await fanni.page.getByTestId('share-copy-participant').click();
    await expect
      .poll(() => fanni.page.getByTestId('share-copy-participant').textContent())
      .toBe('Copied');
    const copied = await fanni.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await linkInput.inputValue());
    expect(copied).not.toContain(facilitatorToken);
    // The dialog names each link in plain words.
    expect(await dialog.textContent()).toContain('Participants can add, write and move notes');
    // The four links side by side on a desktop, their codes level whatever the help's length.
    const roles = ['participant', 'moderator', 'commenter', 'viewer'];
    const topOf = async (testId: string) =>
      Math.round((await fanni.page.getByTestId(testId).boundingBox())?.y ?? -1);
    const cardTops = await Promise.all(roles.map((role) => topOf(`share-${role}`)));
    const codeTops = await Promise.all(roles.map((role) => topOf(`share-qr-${role}`)));
    expect(new Set(cardTops).size).toBe(1);
    expect(new Set(codeTops).size).toBe(1);
    expect(await visibleText(fanni)).not.toContain(facilitatorToken);
    await screenshot(fanni, 'share-dialog');

    await fanni.page.getByTestId('share-qr-participant').click();
    await fanni.page.getByTestId('qr-large-participant').waitFor();
    await screenshot(fanni, 'share-qr-large');
    await fanni.page.keyboard.press('Escape');
    await fanni.page.getByTestId('share-close').click();

    // The facilitator lists the organisations present in the board's settings.
    await fanni.page.getByTestId('settings-button').click();
    for (const name of ['Espoo', 'Vantaa', 'Helsinki']) {
      await fanni.page.getByTestId('new-organisation').fill(name);
      await fanni.page.getByTestId('add-organisation').click();
    }
    await expect
      .poll(() => fanni.page.getByTestId('organisation-list').locator('li').count())
      .toBe(3);
    await screenshot(fanni, 'settings-organisations');
    await fanni.page.getByTestId('settings-done').click();

    // The participant opens the copied link in another browser and joins with a name and an
    // organisation chosen from the board's list.
    await pekka.page.goto(copied);
    await pekka.page.getByTestId('name-input').fill(pekka.name);
    await pekka.page.getByTestId('organisation-choice').filter({ hasText: 'Vantaa' }).click();
    await screenshot(pekka, 'join-with-organisation');
    await pekka.page.getByTestId('name-submit').click();
    await waitOnline(pekka);
    expect(pekka.page.url()).not.toContain('#t=');
    await addNote(pekka, 'Pyöräteitä lisää');
    await expect.poll(() => noteTexts(fanni)).toEqual(['Pyöräteitä lisää']);
    // The note carries her organisation, and everyone sees it on the note.
    const [noteId] = await noteIds(fanni);
    expect((await readNoteIn(fanni, noteId ?? ''))?.organisation).toBe('Vantaa');
    await fanni.page.locator('[data-testid="note-item"][data-organisation="Vantaa"]').waitFor({
      state: 'attached',
    });
    await screenshot(pekka, 'note-with-organisation');

    // Who contributed what: the count per organisation, and a filter.
    await fanni.page.getByTestId('organisations-button').click();
    const vantaa = fanni.page.locator(
      '[data-testid="organisation-count"][data-organisation="Vantaa"]',
    );
    expect(await vantaa.textContent()).toContain('Notes: 1 · people: 1');
    await screenshot(fanni, 'organisation-counts');
    await fanni.page
      .locator('[data-testid="organisation-count"][data-organisation="Espoo"]')
      .click();
    await fanni.page.getByTestId('organisation-filter').waitFor();
    await expect.poll(() => noteTexts(fanni)).toEqual([]);
    await vantaa.click();
    await expect.poll(() => noteTexts(fanni)).toEqual(['Pyöräteitä lisää']);
    await fanni.page.getByTestId('organisation-all').click();
    await fanni.page.getByTestId('organisations-button').click();
    expect(await visibleText(pekka)).not.toContain(facilitatorToken);
    // Nothing the participant's browser keeps holds it either.
    const stored = await pekka.page.evaluate(() =>
      JSON.stringify([{ ...window.localStorage }, { ...window.sessionStorage }]),
    );
    expect(stored).not.toContain(facilitatorToken);
    // The facilitator renames the board in the header; the participant sees the new title.
    await fanni.page.getByTestId('board-title').click();
    await fanni.page.getByTestId('board-title-input').fill('Tiekartta 2030');
    await fanni.page.keyboard.press('Enter');
    await expect
      .poll(() => pekka.page.locator('h1.board-title').textContent())
      .toBe('Tiekartta 2030');
    await expect.poll(() => pekka.page.title()).toBe('Tiekartta 2030 · Paja');
    // A participant is offered no share button and cannot rename the board.
    expect(await pekka.page.getByTestId('share-button').count()).toBe(0);
    expect(await pekka.page.getByTestId('board-title-input').count()).toBe(0);
    expect(await visibleText(fanni)).not.toContain(facilitatorToken);
    expect(fanni.page.url()).not.toContain(facilitatorToken);
  });

  it('revoking the participant links, after a confirmation, disconnects who used one', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'sv-SE');
    const pekka = await newPerson(session.browser, 'Pekka', 'en-US');
    people.push(fanni, pekka);
    await createBoard(fanni, session.paja.url);
    await fanni.page.getByTestId('share-button').click();
    const linkInput = fanni.page.getByTestId('share-link-participant');
    await expect.poll(() => linkInput.inputValue()).toContain('#t=');
    const oldLink = await linkInput.inputValue();
    await pekka.page.goto(oldLink);
    await enterName(pekka);
    await waitOnline(pekka);

    await fanni.page.getByTestId('share-revoke-participant').click();
    await fanni.page.getByTestId('confirm-dialog').waitFor();
    await screenshot(fanni, 'share-revoke-confirm');
    await fanni.page.getByTestId('confirm-ok').click();
    await fanni.page.getByTestId('share-revoked').waitFor();
    await expect.poll(() => linkInput.inputValue()).not.toBe(oldLink);
    await pekka.page.getByTestId('board-error').waitFor({ timeout: 15_000 });
    // He is told what happened and what to do, not that his link "has no access key".
    expect(await pekka.page.getByTestId('board-error').textContent()).toContain(
      'The facilitator has withdrawn this link',
    );
    await screenshot(pekka, 'share-revoked-participant');

    // A link with one character of its board's address mistyped: its key is for another board.
    const typo = fanni.page
      .url()
      .replace(/\/b\/([0-9A-Za-z_-])/, (_, c: string) => `/b/${c === 'x' ? 'y' : 'x'}`);
    const ville = await newPerson(session.browser, 'Ville', 'en-US');
    people.push(ville);
    await ville.page.goto(`${typo.split('#')[0]}#t=${oldLink.split('#t=')[1] ?? ''}`);
    await ville.page.getByTestId('board-error').waitFor({ timeout: 15_000 });
    expect(await ville.page.getByTestId('board-error').textContent()).toContain(
      'its board and its key do not match',
    );
  });

  it('the share dialog fits a phone', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    people.push(fanni);
    await fanni.page.setViewportSize({ width: 375, height: 740 });
    await createBoard(fanni, session.paja.url);
    await screenshot(fanni, 'board-header-375');
    // On a phone the header's tools are in its menu.
    await fanni.page.getByTestId('header-menu').click();
    await fanni.page.getByTestId('share-button').click();
    await expect
      .poll(() => fanni.page.getByTestId('share-link-participant').inputValue())
      .toContain('#t=');
    await screenshot(fanni, 'share-dialog-375');
    const width = await fanni.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    // Each code sits beside its role's help, not in a row of its own above the link.
    const box = async (testId: string) => {
      const rect = await fanni.page.getByTestId(testId).boundingBox();
      if (!rect) throw new Error(`no ${testId}`);
      return rect;
    };
    const code = await box('share-qr-participant');
    const link = await box('share-link-participant');
    expect(code.y + code.height).toBeLessThanOrEqual(link.y);
    expect(code.x).toBeGreaterThan(link.x + link.width / 2);
  });

  it('a dialog opened from the header stays open and on screen when the header folds its tools away', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-GB');
    people.push(fanni);
    await createBoard(fanni, session.paja.url);
    await fanni.page.getByTestId('share-button').click();
    const dialog = fanni.page.getByTestId('share-dialog');
    await dialog.waitFor();
    // A tablet turned upright, or a window made narrower: the header's tools fold away.
    await fanni.page.setViewportSize({ width: 800, height: 1000 });
    await expect.poll(() => fanni.page.getByTestId('header-menu').isVisible()).toBe(true);
    expect(await dialog.isVisible()).toBe(true);
    const close = fanni.page.getByTestId('share-close');
    const box = await close.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 800).toBe(true);
    await screenshot(fanni, 'share-dialog-narrowed');
    await close.click();
    await expect.poll(() => dialog.count()).toBe(0);
    // The folded tools stay out of sight and out of reach until the menu opens.
    expect(await fanni.page.getByTestId('share-button').isVisible()).toBe(false);
    await fanni.page.getByTestId('header-menu').click();
    expect(await fanni.page.getByTestId('share-button').isVisible()).toBe(true);
  });
});

describe('a full board', () => {
  it('a change past the board’s size limit is refused with what that means, not as “not allowed”', async () => {
    const paja = await startPaja({ env: { PAJA_MAX_BOARD_BYTES: '16384' } });
    const browser = await launchBrowser();
    try {
      const fanni = await newPerson(browser, 'Fanni', 'fi-FI');
      await createBoard(fanni, paja.url);
      // Thirty notes of 800 characters: past 16 KiB at once.
      const line = 'Pyöräteitä kouluille ja kirjastoille. '.repeat(21).slice(0, 800);
      await pasteText(fanni, Array.from({ length: 30 }, (_, i) => `${i} ${line}`).join('\n'));
      const stayed = fanni.page.getByTestId('refused-stayed');
      await stayed.waitFor({ timeout: 15_000 });
      expect(await stayed.textContent()).toContain('taululla on jo niin paljon sisältöä');
      await screenshot(fanni, 'board-size-limit-fi');
      await waitOnline(fanni);
      expect(await noteIds(fanni)).toEqual([]);
    } finally {
      await browser.close();
      await paja.server.close();
    }
  });

  it('says so in the person’s language and gets them in when there is room', async () => {
    // One facilitator per board: Fanni fills it, and Pekka opens her (facilitator's) link.
    const paja = await startPaja({ env: { PAJA_MAX_FACILITATORS_PER_BOARD: '1' } });
    const browser = await launchBrowser();
    try {
      const fanni = await newPerson(browser, 'Fanni', 'en-US');
      const pekka = await newPerson(browser, 'Pekka', 'fi-FI');
      const link = await createBoard(fanni, paja.url);
      await pekka.page.goto(link);
      await enterName(pekka);
      const full = pekka.page.getByTestId('board-full');
      await full.waitFor({ timeout: 15_000 });
      expect(await full.textContent()).toContain('Taulu on täynnä');
      expect(await pekka.page.getByTestId('connection-status').count()).toBe(0);
      await screenshot(pekka, 'board-full');
      await pekka.page.setViewportSize({ width: 375, height: 740 });
      await screenshot(pekka, 'board-full-375');

      // Room frees up: the page gets in (here at once, by "Try now").
      await fanni.page.close();
      await pekka.page.getByRole('button', { name: 'Yritä nyt' }).click();
      await waitOnline(pekka);
      expect(await pekka.page.getByTestId('board-full').count()).toBe(0);
    } finally {
      await browser.close();
      await paja.server.close();
    }
  });
});
