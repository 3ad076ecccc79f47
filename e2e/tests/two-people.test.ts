import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enterName,
  launchBrowser,
  newPerson,
  type Person,
  screenshot,
  startPaja,
  waitOnline,
} from './harness';

describe('two people edit one board', () => {
  let paja: Awaited<ReturnType<typeof startPaja>>;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    paja = await startPaja();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const person of people) {
      if (person.errors.length > 0) console.log(`${person.name} page errors:`, person.errors);
    }
    await browser?.close();
    await paja?.server.close();
  });

  it('a note created and typed by one person appears with its text at the other', async () => {
    const aino = await newPerson(browser, 'Aino', 'fi-FI');
    const bertil = await newPerson(browser, 'Bertil', 'sv-SE');
    people.push(aino, bertil);

    await aino.page.goto(`${paja.url}/`);
    await aino.page.getByTestId('create-board').click();
    await aino.page.waitForURL(/\/b\/[0-9A-Za-z_-]+#t=/);
    const boardUrl = aino.page.url();
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
