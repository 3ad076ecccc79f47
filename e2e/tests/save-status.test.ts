import { describe, expect, it } from 'vitest';
import {
  boardLinkOf,
  enterName,
  newPerson,
  screenshot,
  startPaja,
  waitOnline,
  waitSaveState,
  workshopSession,
} from './harness';

describe('the save status tells the truth', () => {
  const session = workshopSession();

  it('says "not saved yet" while the server is gone, and "saved" only once it stored the edit', async () => {
    const person = await newPerson(session.browser, 'Aino', 'en-US');
    await person.page.goto(`${session.paja.url}/`);
    await person.page.getByTestId('create-board').click();
    const boardUrl = await boardLinkOf(person);
    await enterName(person);
    await waitOnline(person);
    await waitSaveState(person, 'saved');

    await person.page.getByTestId('add-note').click();
    await person.page.keyboard.type('Stored before the outage');
    await person.page.keyboard.press('Escape');
    await waitSaveState(person, 'saved');

    // The server goes away. An edit made now cannot be saved, and the page says so.
    const { dataDir, port } = session.paja;
    await session.paja.server.close();
    await person.page
      .locator('[data-testid="connection-status"][data-state="offline"]')
      .waitFor({ timeout: 15_000 });
    await person.page.getByTestId('add-note').click();
    await person.page.keyboard.type('Typed while offline');
    await person.page.keyboard.press('Escape');
    await waitSaveState(person, 'unsaved');
    await screenshot(person, 'save-status-offline');

    // The server comes back on the same port and data: the page reconnects, sends the edit,
    // and only then says it is saved.
    session.paja = await startPaja({ dataDir, port });
    await waitOnline(person);
    await waitSaveState(person, 'saved');
    await screenshot(person, 'save-status-saved-again');

    // Proof that "saved" was true: a fresh visitor sees both notes.
    const other = await newPerson(session.browser, 'Bertil', 'sv-SE');
    await other.page.goto(boardUrl);
    await enterName(other);
    await waitOnline(other);
    const texts = other.page.getByTestId('note-item');
    await expect
      .poll(() => texts.allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Stored before the outage', 'Typed while offline']));
  });
});
