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
  screenshot,
  workshopSession,
} from './harness';

describe('history: snapshots, compare, restore', () => {
  const session = workshopSession();
  const { people } = session;

  it('a facilitator takes a snapshot, sees what a participant changed since, and restores it for everyone', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const pia = await newPerson(session.browser, 'Pia', 'en-US');
    people.push(fanni, pia);
    const link = await createBoard(fanni, session.paja.url);
    await addNote(fanni, 'Pyöräilyä ympäri vuoden');
    await expect.poll(() => noteTexts(fanni)).toHaveLength(1);

    // A named snapshot, in Finnish.
    await moreTool(fanni.page, 'history-button');
    await fanni.page.getByTestId('history-dialog').waitFor();
    await fanni.page.getByTestId('history-name').fill('Työpajan 1 loppu');
    await fanni.page.getByTestId('history-take').click();
    await expect
      .poll(() => fanni.page.getByTestId('history-status').textContent())
      .toContain('Tilannekuva ”Työpajan 1 loppu” otettu.');
    await expect.poll(() => fanni.page.getByTestId('history-item').count()).toBe(1);
    // A long name too: the comparison's choices stay inside the dialog (they ran past its edge).
    await fanni.page
      .getByTestId('history-name')
      .fill('Työpajan 1 loppu – ennen julkista kommentointia ja kuntien lausuntoja');
    await fanni.page.getByTestId('history-take').click();
    await expect.poll(() => fanni.page.getByTestId('history-item').count()).toBe(2);
    const inside = () =>
      fanni.page.evaluate(() => {
        const dialog = document.querySelector('[data-testid="history-dialog"]');
        const form = document.querySelector('[data-testid="history-compare-form"]');
        if (!dialog || !form) return false;
        const edge = dialog.getBoundingClientRect().right;
        const boxes = [form, ...form.querySelectorAll('select, button')];
        return boxes.every((box) => box.getBoundingClientRect().right <= edge + 0.5);
      });
    await expect.poll(inside).toBe(true);
    await screenshot(fanni, 'history-compare-long-name');
    // Deleted again, after a confirmation: the rest of the story is about the first one.
    await fanni.page.getByTestId('history-item').first().getByTestId('history-delete').click();
    await fanni.page.getByTestId('confirm-ok').click();
    await expect.poll(() => fanni.page.getByTestId('history-item').count()).toBe(1);
    await fanni.page.getByTestId('history-close').click();

    // A participant adds a note afterwards.
    await joinBoard(pia, await mintLink(session.paja.url, link, 'participant'));
    expect(await moreTools(pia.page)).not.toContain('history-button');
    await addNote(pia, 'Uimahalli');
    await expect
      .poll(async () => (await noteTexts(fanni)).sort())
      .toEqual(['Pyöräilyä ympäri vuoden', 'Uimahalli']);

    // Compare with now: exactly the added note.
    await moreTool(fanni.page, 'history-button');
    await fanni.page.getByTestId('history-compare').click();
    const diff = fanni.page.getByTestId('history-diff');
    await diff.waitFor();
    expect(await fanni.page.getByTestId('diff-notesAdded').textContent()).toBe(
      'Lisätyt laput (1)Uimahalli',
    );
    expect(await diff.locator('[data-testid^="diff-"]').count()).toBe(1);
    await screenshot(fanni, 'history-diff-fi');

    // Open it read-only: the board as it was.
    await fanni.page.getByTestId('history-open').click();
    const view = fanni.page.getByTestId('history-view');
    await view.waitFor();
    expect(await view.textContent()).toContain('Pyöräilyä ympäri vuoden');
    expect(await view.textContent()).not.toContain('Uimahalli');

    // Restore as a new board: a facilitator link to it.
    await fanni.page.getByTestId('history-restore-new').click();
    const newLink = fanni.page.getByTestId('history-new-link');
    await newLink.waitFor();
    expect(await newLink.getAttribute('href')).toMatch(/\/b\/[0-9A-Za-z_-]+#t=/);

    // Restore onto the board, after a confirmation: the participant's page follows.
    await fanni.page.getByTestId('history-restore-onto').click();
    await fanni.page.getByTestId('confirm-ok').click();
    await expect
      .poll(() => fanni.page.getByTestId('history-status').textContent())
      .toContain(
        'Laput, aiheet ja tiekartta ovat taas sellaisina kuin tilannekuvassa ”Työpajan 1 loppu”',
      );
    await expect.poll(() => noteTexts(pia)).toEqual(['Pyöräilyä ympäri vuoden']);
    // The board as it was just before the restore is kept, listed by its cause: the restore
    // can be taken back.
    await expect
      .poll(() => fanni.page.getByTestId('history-list').textContent())
      .toContain('Automaattinen: ennen palautusta');
    await fanni.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(fanni, 'history-restored-fi-375');
  });
});
