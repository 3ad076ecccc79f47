import { describe, expect, it } from 'vitest';
import {
  addNote,
  centerOfRect,
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

async function noteWithText(person: Person, text: string): Promise<string> {
  const item = person.page.getByTestId('note-item').filter({ hasText: text }).first();
  await item.waitFor({ state: 'attached', timeout: 10_000 });
  const id = await item.getAttribute('data-note-id');
  if (!id) throw new Error(`no note with ${text}`);
  return id;
}

/** This person's own dots on a note, as the dot control on the canvas shows them. */
async function myDots(person: Person, note: string): Promise<number> {
  const control = person.page.locator(`[data-testid="dot-control"][data-note="${note}"]`);
  return Number(await control.getAttribute('data-mine'));
}

async function addDot(person: Person, note: string): Promise<void> {
  const before = await myDots(person, note);
  await person.page.locator(`[data-testid="dot-control"][data-note="${note}"] .dot-add`).click();
  await expect.poll(() => myDots(person, note)).toBe(before + 1);
}

/** The ranking a person's results panel shows: note ids with their counts, in order. */
async function ranking(person: Person): Promise<string[]> {
  const items = person.page.locator('[data-testid="vote-ranking"] li');
  return items.evaluateAll((lis) =>
    lis.map((li) => `${li.getAttribute('data-note')}=${li.getAttribute('data-count')}`),
  );
}

/** Every dot in the page's document (the legacy map) and every result: both must be empty. */
async function secretsInDocument(person: Person) {
  return person.page.evaluate(() => {
    interface Hook {
      __paja?: {
        doc: { getMap(n: string): { size: number; toJSON(): Record<string, unknown> } };
      };
    }
    const doc = (window as unknown as Hook).__paja?.doc;
    const sessions = Object.values(doc?.getMap('voteSessions').toJSON() ?? {}) as Array<{
      results?: unknown;
    }>;
    return {
      dots: doc?.getMap('votes').size ?? -1,
      results: sessions.filter((s) => s.results !== undefined).length,
    };
  });
}

describe('dot voting in the browser', () => {
  const session = workshopSession();
  const { people } = session;

  it('a facilitator runs a vote; three participants place and take back dots; the reveal shows everyone the same ranking', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    const bert = await newPerson(session.browser, 'Bert', 'sv-SE');
    const cecilia = await newPerson(session.browser, 'Cecilia', 'en-US');
    people.push(fanni, aino, bert, cecilia);
    const link = await createBoard(fanni, session.paja.url);
    // Four notes side by side, each double-clicked onto the canvas.
    const canvas = await fanni.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    for (const [i, text] of ['Bike lanes', 'Night buses', 'Library hours', 'Parks'].entries()) {
      await fanni.page.mouse.dblclick(canvas.x + 200 + i * 240, canvas.y + 250);
      await fanni.page.getByTestId('note-editor').waitFor();
      await fanni.page.keyboard.type(text);
      await fanni.page.keyboard.press('Escape');
      await fanni.page.getByTestId('note-editor').waitFor({ state: 'detached' });
    }
    const participantLink = await mintLink(session.paja.url, link, 'participant');
    for (const person of [aino, bert, cecilia]) await joinBoard(person, participantLink);
    const [bike, night, library, parks] = await Promise.all(
      ['Bike lanes', 'Night buses', 'Library hours', 'Parks'].map((t) => noteWithText(aino, t)),
    );
    if (!bike || !night || !library || !parks) throw new Error('notes missing');

    // The facilitator starts a named vote on all notes: 3 dots each, at most 2 on one note.
    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('vote-setup').waitFor();
    // The panel lies over the minimap's corner: the minimap goes, not peeks out below it.
    expect(await fanni.page.getByTestId('minimap').isVisible()).toBe(false);
    await fanni.page.getByTestId('vote-title').fill('What first?');
    await fanni.page.getByTestId('vote-dots').fill('3');
    await fanni.page.getByTestId('vote-max').fill('2');
    await fanni.page.getByLabel('All notes (4)').check();
    await fanni.page.getByLabel('Named: show who placed which dots').check();
    await screenshot(fanni, 'vote-setup');
    await fanni.page.getByTestId('vote-start').click();
    await fanni.page.getByTestId('vote-running').waitFor();
    await expect
      .poll(() => fanni.page.getByTestId('vote-progress').textContent())
      .toBe('Voted: 0 of 3');

    // Aino (in Finnish) clicks the dot buttons on the notes, and takes one back.
    await aino.page.locator(`[data-testid="dot-control"][data-note="${bike}"]`).waitFor();
    await addDot(aino, bike);
    await addDot(aino, bike);
    await addDot(aino, night);
    await aino.page
      .locator(`[data-testid="dot-control"][data-note="${night}"] .dot-remove`)
      .click();
    await expect.poll(() => myDots(aino, night)).toBe(0);
    await addDot(aino, parks);
    // Over budget: refused by the server, said in her language, nothing changes.
    await aino.page.locator(`[data-testid="dot-control"][data-note="${library}"] .dot-add`).click();
    await expect
      .poll(() => aino.page.getByTestId('board-notice').textContent())
      .toContain('Olet käyttänyt kaikki pisteesi');
    expect(await myDots(aino, library)).toBe(0);
    await aino.page.getByTestId('vote-toggle').click();
    await expect
      .poll(() => aino.page.getByTestId('vote-left').textContent())
      .toBe('0/3 pistettä jäljellä');
    await screenshot(aino, 'vote-participant-fi');

    // Bert (in Swedish) uses the list in the panel, as a keyboard or screen-reader user would.
    await bert.page.getByTestId('vote-toggle').click();
    const panel = bert.page.getByTestId('vote-panel');
    await panel.getByRole('button', { name: 'Ge en punkt till ”Night buses”' }).click();
    await panel.getByRole('button', { name: 'Ge en punkt till ”Library hours”' }).click();
    await expect
      .poll(() => bert.page.getByTestId('vote-left').textContent())
      .toBe('1 av 3 punkter kvar');
    await bert.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(bert, 'vote-participant-sv-375');
    await bert.page.setViewportSize({ width: 1280, height: 800 });

    // Cecilia selects a note and presses P (Shift+P takes the dot back).
    const at = centerOfRect(await noteRect(cecilia, library));
    await cecilia.page.mouse.click(at.x, at.y);
    await expect.poll(() => selectionOf(cecilia)).toEqual([library]);
    await cecilia.page.keyboard.press('p');
    await expect.poll(() => myDots(cecilia, library)).toBe(1);
    await cecilia.page.keyboard.press('p');
    await cecilia.page.keyboard.press('Shift+P');
    await expect.poll(() => myDots(cecilia, library)).toBe(1);
    await addDot(cecilia, night);

    // Nobody's page shows or holds another person's dots, or a count, before the reveal.
    expect(await myDots(bert, bike)).toBe(0);
    expect(await myDots(cecilia, bike)).toBe(0);
    for (const person of [aino, bert, cecilia]) {
      expect(await secretsInDocument(person)).toEqual({ dots: 0, results: 0 });
      expect(await person.page.getByTestId('vote-count').count()).toBe(0);
    }
    await expect
      .poll(() => fanni.page.getByTestId('vote-progress').textContent())
      .toBe('Voted: 3 of 3');
    expect(await fanni.page.getByTestId('vote-count').count()).toBe(0);
    await screenshot(fanni, 'vote-facilitator-progress');
    await fanni.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(fanni, 'vote-facilitator-progress-375');
    await fanni.page.setViewportSize({ width: 1280, height: 800 });

    await fanni.page.getByTestId('vote-reveal').click();
    // The focus goes on to the results it revealed, not to the board behind the panel.
    await expect
      .poll(() =>
        fanni.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null),
      )
      .toBe('vote-results-heading');
    // Above the results, a way to the form for the next vote, wherever it lies below them.
    await fanni.page.getByTestId('vote-new').click();
    expect(
      await fanni.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    ).toBe('vote-title');
    const expected = [`${bike}=2`, `${night}=2`, `${library}=2`, `${parks}=1`];
    for (const person of [fanni, aino, bert, cecilia]) {
      if (!(await person.page.getByTestId('vote-panel').isVisible())) {
        await person.page.getByTestId('vote-toggle').click();
      }
      await expect
        .poll(() => ranking(person), { timeout: 10_000 })
        .toEqual([...expected.slice(0, 3)].sort().concat(expected[3] as string));
      // The counts are on the notes too.
      await expect
        .poll(() =>
          person.page
            .locator(`[data-testid="vote-badge"][data-note="${parks}"]`)
            .getAttribute('data-count'),
        )
        .toBe('1');
    }
    await screenshot(aino, 'vote-results-fi');
    await screenshot(fanni, 'vote-results');
    await aino.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(aino, 'vote-results-fi-375');
    for (const person of people) expect(person.errors).toEqual([]);
  });

  it('a participant who joins while a vote runs is told so on the board, and can vote once let in', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    const late = await newPerson(session.browser, 'Leo', 'fi-FI');
    people.push(fanni, late);
    const link = await createBoard(fanni, session.paja.url);
    for (const text of ['Bike lanes', 'Night buses']) await addNote(fanni, text);
    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('vote-setup').waitFor();
    await fanni.page.getByLabel('All notes (2)').check();
    await fanni.page.getByTestId('vote-start').click();
    await fanni.page.getByTestId('vote-running').waitFor();

    // Leo joins after the start: not on the roll. The board says so without opening the panel.
    await joinBoard(late, await mintLink(session.paja.url, link, 'participant'));
    const bike = await noteWithText(late, 'Bike lanes');
    await expect
      .poll(() => late.page.getByTestId('board-notice').textContent())
      .toContain('Liityit tämän äänestyksen alettua');
    expect(await late.page.getByTestId('vote-panel').count()).toBe(0);
    expect(await late.page.locator('[data-testid="dot-control"]').count()).toBe(0);
    await screenshot(late, 'vote-latecomer-told-fi');

    // The facilitator lets him in; the dot buttons come onto his notes and he is told.
    await fanni.page.getByRole('button', { name: 'Let them vote' }).click();
    await late.page.locator(`[data-testid="dot-control"][data-note="${bike}"]`).waitFor();
    await expect
      .poll(() => late.page.getByTestId('board-notice').textContent())
      .toContain('Voit nyt äänestää');
    await addDot(late, bike);
    await expect
      .poll(() => fanni.page.getByTestId('vote-progress').textContent())
      .toBe('Voted: 1 of 1');
    expect(late.errors).toEqual([]);
    expect(fanni.errors).toEqual([]);
  });

  it('a long note keeps its dot buttons inside the panel; notes nobody dotted get no rank', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    people.push(fanni);
    await createBoard(fanni, session.paja.url);
    const long = 'More bike lanes in the city centre and safer crossings near every school';
    for (const text of [long, 'Night buses', 'Library hours']) await addNote(fanni, text);
    const [longId, nightId, libraryId] = await Promise.all(
      [long, 'Night buses', 'Library hours'].map((t) => noteWithText(fanni, t)),
    );
    if (!longId || !nightId || !libraryId) throw new Error('notes missing');
    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('vote-setup').waitFor();
    await fanni.page.getByTestId('vote-dots').fill('3');
    await fanni.page.getByLabel('All notes (3)').check();
    await fanni.page.getByTestId('vote-start').click();
    await fanni.page.getByTestId('vote-running').waitFor();

    // Every − and + of the list lies inside the panel: a long text is cut, not the buttons.
    const panel = await fanni.page.getByTestId('vote-panel').boundingBox();
    if (!panel) throw new Error('no vote panel');
    const buttons = fanni.page.locator('.vote-candidates .vote-buttons button');
    expect(await buttons.count()).toBe(6);
    for (const box of await buttons.evaluateAll((all) =>
      all.map((b) => b.getBoundingClientRect().toJSON() as { x: number; width: number }),
    )) {
      expect(box.x).toBeGreaterThanOrEqual(panel.x);
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
    }
    await screenshot(fanni, 'vote-long-note');

    // One dot on one note, then the reveal: only that note is ranked and has a badge.
    const add = fanni.page
      .getByTestId('vote-panel')
      .getByRole('button', { name: 'Add a dot to “Night buses”' });
    await add.click();
    await expect
      .poll(() => fanni.page.getByTestId('vote-left').textContent())
      .toBe('2 of 3 dots left');
    // A comment on the same note: its marker and the note's badge must both be seen.
    await fanni.page.getByTestId('comment-tool').click();
    await fanni.page.mouse.click(
      ...(Object.values(centerOfRect(await noteRect(fanni, nightId))) as [number, number]),
    );
    const form = fanni.page.getByTestId('comments-panel').getByTestId('comment-form').last();
    await form.getByTestId('comment-text').fill('Also on Sundays');
    await form.getByTestId('comment-send').click();
    await fanni.page
      .locator(`[data-testid="comment-marker"][data-anchor="note:${nightId}"]`)
      .waitFor();
    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('vote-reveal').click();
    await expect
      .poll(() => ranking(fanni))
      .toEqual([`${nightId}=1`, ...[`${libraryId}=0`, `${longId}=0`].sort()]);
    expect(await fanni.page.getByTestId('vote-rank').allTextContents()).toEqual(['1.', '–', '–']);
    await expect.poll(() => fanni.page.getByTestId('vote-badge').count()).toBe(1);
    expect(await fanni.page.getByTestId('vote-badge').getAttribute('data-note')).toBe(nightId);
    const badge = await fanni.page.getByTestId('vote-badge').boundingBox();
    const marker = await fanni.page
      .locator(`[data-testid="comment-marker"][data-anchor="note:${nightId}"]`)
      .boundingBox();
    if (!badge || !marker) throw new Error('no badge or marker');
    const apart =
      badge.x + badge.width <= marker.x ||
      marker.x + marker.width <= badge.x ||
      badge.y + badge.height <= marker.y ||
      marker.y + marker.height <= badge.y;
    expect(apart).toBe(true);
    await screenshot(fanni, 'vote-badge-and-comment');
    // The outline numbers the ranked notes and lists the others unnumbered.
    await fanni.page.getByTestId('show-outline').click();
    const vote = fanni.page.getByTestId('outline-vote');
    await expect
      .poll(() => vote.locator('ol li').allTextContents())
      .toEqual(['Night buses – 1 dot']);
    expect(await vote.locator('ol li').first().getAttribute('value')).toBe('1');
    expect(
      (await vote.getByTestId('outline-vote-undotted').locator('li').allTextContents()).sort(),
    ).toEqual([`${long} – 0 dots`, 'Library hours – 0 dots'].sort());
    expect(fanni.errors).toEqual([]);
  });
});
