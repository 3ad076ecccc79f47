import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  type Person,
  screenshot,
  workshopSession,
} from './harness';
import { canvasSaid } from './keyboard';

/** How many live regions of the page hold `text`: what a screen reader would say, and how often. */
async function liveRegionsSaying(page: Page, text: string): Promise<number> {
  return page.evaluate((wanted) => {
    const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]';
    return [...document.querySelectorAll(live)].filter(
      (region) =>
        region.textContent?.includes(wanted) &&
        // The outermost region says it: one inside another is the same announcement.
        !region.parentElement?.closest(live),
    ).length;
  }, text);
}

/** The name a screen reader gives the note with `text` in the canvas's note list. */
async function noteName(person: Person, text: string): Promise<string> {
  const item = person.page.getByTestId('note-item').filter({ hasText: text }).first();
  return (await item.getAttribute('aria-label')) ?? '';
}

describe('workshop phases said to a screen reader', () => {
  const session = workshopSession();
  const { people } = session;

  it('a vote’s start, end and reveal are said once to everyone; own dots are in a note’s name; the facilitator sees the results first', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    people.push(fanni, aino);
    const link = await createBoard(fanni, session.paja.url);
    for (const text of ['Bike lanes', 'Night buses']) await addNote(fanni, text);
    await joinBoard(aino, await mintLink(session.paja.url, link, 'participant'));
    await aino.page.getByTestId('note-item').filter({ hasText: 'Night buses' }).waitFor();
    expect(await noteName(aino, 'Bike lanes')).not.toContain('pist');

    // Fanni starts a vote in her panel; Aino's panel is closed.
    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('vote-title').fill('What first?');
    await fanni.page.getByTestId('vote-dots').fill('2');
    await fanni.page.getByLabel('All notes (2)').check();
    await fanni.page.getByTestId('vote-start').click();
    await fanni.page.getByTestId('vote-running').waitFor();
    expect(await aino.page.getByTestId('vote-panel').count()).toBe(0);
    await expect
      .poll(() => canvasSaid(aino.page))
      .toBe('Pisteäänestys on alkanut: ”What first?”. Sinulla on 2 pistettä annettavana.');
    await expect
      .poll(() => canvasSaid(fanni.page))
      .toBe('A dot vote has started: “What first?”. You have 2 dots to place.');

    // Her own dots are in a note's name while she votes.
    await expect.poll(() => noteName(aino, 'Bike lanes')).toContain('omia pisteitäsi: 0');
    await aino.page.locator('[data-testid="dot-control"] .dot-add').first().click();
    await expect
      .poll(async () => `${await noteName(aino, 'Bike lanes')} | ${await noteName(aino, 'Night')}`)
      .toMatch(/^Lappu: \w+ \w+, kirjoittanut Fanni, omia pisteitäsi: 1 \|/);

    // Someone who opens the board while the vote runs is told nothing of its start.
    const leo = await newPerson(session.browser, 'Leo', 'en-US');
    people.push(leo);
    await joinBoard(leo, await mintLink(session.paja.url, link, 'participant'));
    await expect
      .poll(() => leo.page.getByTestId('board-notice').textContent())
      .toContain('You joined after this vote started');
    expect(await canvasSaid(leo.page)).toBe('');

    // Fanni ends voting with her panel open: said once, in the board's live region.
    await fanni.page.getByRole('button', { name: 'End voting' }).click();
    await expect
      .poll(() => canvasSaid(aino.page))
      .toBe('Äänestys on päättynyt. Tulokset näkyvät, kun fasilitaattori julkaisee ne.');
    await expect
      .poll(() => canvasSaid(fanni.page))
      .toBe('Voting has closed. Reveal the results when you are ready.');
    expect(await liveRegionsSaying(fanni.page, 'Voting has closed')).toBe(1);
    expect(await liveRegionsSaying(fanni.page, 'Voting has ended')).toBe(0);
    expect(await noteName(aino, 'Bike lanes')).not.toContain('omia pisteitäsi');
    expect(await canvasSaid(leo.page)).toBe(
      'Voting has ended. The results appear when the facilitator reveals them.',
    );

    await fanni.page.getByTestId('vote-reveal').click();
    await expect
      .poll(() => canvasSaid(aino.page))
      .toBe(
        'Äänestyksen ”What first?” tulokset on julkaistu: ne näkyvät lapuilla ja Pisteäänestys-paneelissa.',
      );
    await expect
      .poll(() => canvasSaid(fanni.page))
      .toBe('The results of “What first?” are revealed, on the notes and in the Dot voting panel.');
    await expect
      .poll(async () => `${await noteName(aino, 'Bike lanes')} ${await noteName(aino, 'Night')}`)
      .toContain(', 1 piste');

    // Fanni's panel shows the new results at its top, in view; the form for the next vote after.
    const result = fanni.page.getByTestId('vote-result').first();
    await result.waitFor();
    const box = await result.boundingBox();
    const form = await fanni.page.getByTestId('vote-setup').boundingBox();
    if (!box || !form) throw new Error('no results or form');
    expect(box.y + box.height).toBeLessThanOrEqual(fanni.page.viewportSize()?.height ?? 0);
    expect(form.y).toBeGreaterThan(box.y);
    await screenshot(fanni, 'phase-vote-revealed-facilitator');
    for (const person of people) expect(person.errors).toEqual([]);
  });

  it('a private brainstorm’s start and reveal are said to a participant', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
    people.push(fanni, bertil);
    const link = await createBoard(fanni, session.paja.url);
    await joinBoard(bertil, await mintLink(session.paja.url, link, 'participant'));

    await moreTool(fanni.page, 'private-start-open');
    await fanni.page.getByTestId('private-start').click();
    await bertil.page.getByTestId('private-banner').waitFor({ timeout: 10_000 });
    const started =
      'En privat idégenerering har börjat: dina nya lappar syns bara för dig tills facilitatorn visar dem.';
    await expect.poll(() => canvasSaid(bertil.page)).toBe(started);
    expect(await liveRegionsSaying(bertil.page, 'rivat idégenerering')).toBe(1);
    await expect
      .poll(() => canvasSaid(fanni.page))
      .toBe(
        'Private brainstorm running: participants’ new notes are hidden until you reveal them.',
      );
    await screenshot(bertil, 'phase-private-started-sv');

    await fanni.page.getByTestId('private-reveal').click();
    await bertil.page.getByTestId('private-banner').waitFor({ state: 'detached' });
    await expect
      .poll(() => canvasSaid(bertil.page))
      .toBe('De privata lapparna finns nu på tavlan för alla.');
    await expect
      .poll(() => canvasSaid(fanni.page))
      .toBe('The private notes are now on the board for everyone.');
    for (const person of [fanni, bertil]) expect(person.errors).toEqual([]);
  });
});
