import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  createBoard,
  joinBoard,
  mintLink,
  newPerson,
  noteRect,
  type Person,
  screenshot,
  selectionOf,
  workshopSession,
} from './harness';
import { accessibleName, canvasSaid, focused, focusedLabel, keyToNote, tabTo } from './keyboard';

/*
 * The board by keyboard and screen reader, around its dialogs and popovers: the keys of the
 * board wait while a modal dialog is open, a vote by keys says what it did, the timer's button
 * tells the time, the header's menu and the search keep the focus where a person expects it.
 * The person under test uses page.keyboard only (a facilitator may set up with the mouse).
 */

const session = workshopSession();
const { people } = session;

async function person(name: string, locale = 'en-US'): Promise<Person> {
  const made = await newPerson(session.browser, name, locale);
  people.push(made);
  return made;
}

/** Adds notes with N, typing each; the keyboard ends on the last one. */
async function notesByKeys(page: Page, texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    await page.keyboard.press('n');
    await page.getByTestId('note-editor').waitFor();
    await page.keyboard.type(text);
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedLabel(page)).toContain(`Note: ${text}`);
  }
}

/** Tabs through a dialog's buttons to the one whose text is `label`, and presses it. */
async function choose(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    if ((await page.evaluate(() => document.activeElement?.textContent)) === label) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`no button ${label}`);
}

const noteCount = (page: Page) => page.getByTestId('note-item').count();
const focusedNote = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-note-id') ?? null);

describe('the board by keyboard, around dialogs', () => {
  it('board keys wait while a modal dialog is open; its Escape closes only the dialog', async () => {
    const aino = await person('Aino');
    await createBoard(aino, session.paja.url);
    const { page } = aino;
    await notesByKeys(page, ['Cycle paths']);
    const note = await focusedNote(page);

    // Shift+M opens Move to…; N there must not add a note (and open its editor) behind it.
    await page.keyboard.press('Shift+M');
    await page.getByTestId('move-to-dialog').waitFor();
    await page.keyboard.press('n');
    await page.keyboard.press('Delete');
    expect(await page.getByTestId('note-editor').count()).toBe(0);
    expect(await page.getByTestId('confirm-dialog').count()).toBe(0);
    expect(await noteCount(page)).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('move-to-dialog').count()).toBe(0);
    expect(await focusedNote(page)).toBe(note);

    // The note is selected (written just now); the toolbar's Move to… opens the dialog; its
    // Escape closes it, the selection stays (so does the toolbar row) and the focus goes back
    // to the button.
    expect(await selectionOf(aino)).toEqual([note]);
    await tabTo(page, '[data-testid="move-to"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('move-to-dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('move-to-dialog').count()).toBe(0);
    expect(await selectionOf(aino)).toEqual([note]);
    await expect.poll(() => focused(page)).toBe('move-to');
    expect(aino.errors).toEqual([]);
    await aino.context.close();
  });

  it('P gives the dot to the note the keys are on and says so; refusals are said; the panel keeps the focus at the limit', async () => {
    const fanni = await person('Fanni');
    await createBoard(fanni, session.paja.url);
    const { page } = fanni;
    await notesByKeys(page, ['Bike lanes', 'Night buses', 'Parks']);
    // A vote on all three: 2 dots each, at most 1 on a note (set up with the mouse).
    await page.getByTestId('vote-toggle').click();
    await page.getByTestId('vote-setup').waitFor();
    await page.getByTestId('vote-dots').fill('2');
    await page.getByTestId('vote-max').fill('1');
    await page.getByLabel('All notes (3)').check();
    await page.getByTestId('vote-start').click();
    await page.getByTestId('vote-running').waitFor();
    await page.getByTestId('vote-toggle').click(); // the panel closes; the board has the room
    const mine = (text: string) =>
      page.evaluate((wanted) => {
        const item = [...document.querySelectorAll('[data-testid="note-item"]')].find((n) =>
          n.getAttribute('aria-label')?.includes(wanted),
        );
        const id = item?.getAttribute('data-note-id');
        const control = document.querySelector(`[data-testid="dot-control"][data-note="${id}"]`);
        return Number(control?.getAttribute('data-mine') ?? -1);
      }, text);

    // Bike lanes selected, the keys on Night buses: P gives Night buses the dot, and says so.
    await tabTo(page, '[data-testid="note-item"]');
    await page.keyboard.press('Escape'); // Parks, written last, is no longer selected
    await keyToNote(page, 'Bike lanes');
    await page.keyboard.press(' ');
    await expect.poll(() => canvasSaid(page)).toBe('Selected. Notes selected: 1.');
    await keyToNote(page, 'Night buses');
    await page.keyboard.press('p');
    await expect.poll(() => mine('Night buses')).toBe(1);
    expect(await mine('Bike lanes')).toBe(0);
    await expect
      .poll(() => canvasSaid(page))
      .toBe('Dot given to “Night buses”. Your dots on it: 1. Dots left: 1.');
    // Again: one note may get only one of my dots. Refused, and said.
    await page.keyboard.press('p');
    await expect
      .poll(() => canvasSaid(page))
      .toBe('This note already has as many of your dots as one note may get.');
    await keyToNote(page, 'Parks');
    await page.keyboard.press('p');
    await expect.poll(() => mine('Parks')).toBe(1);
    await keyToNote(page, 'Bike lanes');
    await page.keyboard.press('p');
    await expect
      .poll(() => canvasSaid(page))
      .toBe('You have used all your dots. Take one back to place it elsewhere.');
    await page.keyboard.press('Shift+P');
    await keyToNote(page, 'Parks');
    await page.keyboard.press('Shift+P');
    await expect
      .poll(() => canvasSaid(page))
      .toBe('Dot taken back from “Parks”. Your dots on it: 0. Dots left: 1.');
    await screenshot(fanni, 'keyboard-vote-said');

    // The panel's +: the last dot placed with it leaves the focus on it (aria-disabled, not
    // disabled), and a press the rules refuse does nothing.
    await tabTo(page, '[data-testid="vote-toggle"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('vote-running').waitFor();
    const add = '.vote-candidates [aria-label="Add a dot to “Parks”"]';
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('vote-left').textContent()).toBe('0 of 2 dots left');
    await expect.poll(() => page.locator(add).getAttribute('aria-disabled')).toBe('true');
    expect(await focusedLabel(page)).toBe('Add a dot to “Parks”');
    await page.keyboard.press('Enter');
    expect(await mine('Parks')).toBe(1);
    expect(await focusedLabel(page)).toBe('Add a dot to “Parks”');
    await screenshot(fanni, 'keyboard-vote-panel-limit');
    expect(fanni.errors).toEqual([]);
    await fanni.context.close();
  });

  it('the timer button tells the time left; a participant’s timer dialog shows it too', async () => {
    const aino = await person('Aino');
    const link = await createBoard(aino, session.paja.url);
    await tabTo(aino.page, '[data-testid="timer"]');
    await aino.page.keyboard.press('Enter');
    await tabTo(aino.page, '[data-testid="timer-preset-5"]', undefined, { back: false });
    await aino.page.keyboard.press('Enter');
    const bertil = await person('Bertil', 'sv-SE');
    await joinBoard(bertil, await mintLink(session.paja.url, link, 'participant'));
    const { page } = bertil;
    await page.locator('[data-testid="timer"][data-state="running"]').waitFor();
    expect(await accessibleName(page, '[data-testid="timer"]')).toBe('Timer: mindre än 5 min kvar');
    await tabTo(page, '[data-testid="timer"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('timer-panel').waitFor();
    expect(await page.getByTestId('timer-left').textContent()).toMatch(/^[45]:\d\d kvar$/);
    await screenshot(bertil, 'keyboard-timer-participant-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('timer');
    expect(bertil.errors).toEqual([]);
    await aino.context.close();
    await bertil.context.close();
  });

  it('after the keyboard’s note is deleted the view follows the keys to the next note', async () => {
    const aino = await person('Aino');
    await createBoard(aino, session.paja.url);
    const { page } = aino;
    await notesByKeys(page, ['Near', 'Far away']);
    // Far away moves far to the right (the view goes with it), then the keys go back to Near.
    await page.keyboard.press('m');
    for (let i = 0; i < 50; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Enter');
    await keyToNote(page, 'Near');
    const far = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid="note-item"]')]
          .find((n) => n.getAttribute('aria-label')?.includes('Far away'))
          ?.getAttribute('data-note-id') ?? '',
    );
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const onScreen = async () => {
      const rect = await noteRect(aino, far);
      return rect.x >= canvas.x && rect.x + rect.w <= canvas.x + canvas.width;
    };
    expect(await onScreen()).toBe(false);
    await page.keyboard.press('Delete');
    await page.getByTestId('confirm-dialog').waitFor();
    await choose(page, 'Delete');
    await expect.poll(() => noteCount(page)).toBe(1);
    await expect.poll(() => focusedNote(page)).toBe(far);
    await expect.poll(onScreen).toBe(true);
    await screenshot(aino, 'keyboard-delete-view-follows');
    expect(aino.errors).toEqual([]);
    await aino.context.close();
  });

  it('the header menu: what it opens follows its button, Escape returns to it, Tab out closes the sheet', async () => {
    const aino = await person('Aino');
    await createBoard(aino, session.paja.url);
    const { page } = aino;
    await notesByKeys(page, ['Behind the menu']);
    const inMenu = () => page.evaluate(() => !!document.activeElement?.closest('.header-menu'));

    // Wide: the language picker and the accessibility statement come after "Menu".
    await tabTo(page, '[data-testid="header-menu"]');
    await page.keyboard.press('Enter');
    const reached: string[] = [];
    for (let i = 0; i < 30 && (await inMenu()); i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const a = document.activeElement;
          return a?.closest('.header-person')
            ? a.tagName === 'SELECT'
              ? 'language'
              : a.tagName
            : '';
        }),
      );
    }
    expect(reached).toContain('language');
    expect(reached).toContain('A');
    // Escape closes it and the focus is on its button.
    await tabTo(page, '[data-testid="header-menu"]', undefined, { back: true });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByTestId('header-menu').getAttribute('aria-expanded'))
      .toBe('false');
    expect(await focused(page)).toBe('header-menu');

    // 200 % zoom: the menu is a sheet over the board. Tab goes from the button into it, and
    // never to a note hidden behind it: leaving its end closes it.
    await page.setViewportSize({ width: 640, height: 400 });
    await page.getByTestId('header-menu').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.header-end'))).toBe(true);
    await screenshot(aino, 'keyboard-header-menu-640');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const open = (await page.getByTestId('header-menu').getAttribute('aria-expanded')) === 'true';
      if (open) expect(await focusedNote(page)).toBeNull();
      else break;
    }
    expect(await page.getByTestId('header-menu').getAttribute('aria-expanded')).toBe('false');
    expect(aino.errors).toEqual([]);
    await aino.context.close();
  });

  it('search: the count is said in words; Escape empties the field and keeps the focus in it', async () => {
    const aino = await person('Aino');
    await createBoard(aino, session.paja.url);
    const { page } = aino;
    await notesByKeys(page, ['Bus one', 'Bus two', 'Tram']);
    await tabTo(page, '[data-testid="search-input"]', undefined, { back: true });
    await page.keyboard.type('bus');
    const said = () => page.getByTestId('search-status').locator('.visually-hidden').textContent();
    await expect.poll(said).toBe('Matches: 2');
    await page.keyboard.press('Enter');
    await expect.poll(said).toBe('Match 1 of 2');
    expect(await page.getByTestId('search-status').locator('[aria-hidden]').textContent()).toBe(
      '1 / 2',
    );
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('search-input').inputValue()).toBe('');
    expect(await focused(page)).toBe('search-input');
    expect(aino.errors).toEqual([]);
    await aino.context.close();
  });
});
