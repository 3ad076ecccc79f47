import { describe, expect, it } from 'vitest';
import {
  createBoard,
  joinBoard,
  mintLink,
  newPerson,
  screenshot,
  workshopSession,
} from './harness';

const scaleOf = async (page: import('playwright-core').Page) =>
  Number(((await page.getByTestId('canvas').getAttribute('data-viewport')) ?? '').split(',')[2]);

describe('a vote seen from far away', () => {
  const session = workshopSession();
  const { people } = session;

  it('a participant zoomed out is told the notes are too small for dot buttons, and one press zooms in to vote', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    people.push(fanni, aino);
    const link = await createBoard(fanni, session.paja.url);
    const canvas = await fanni.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    for (const [i, text] of ['Bike lanes', 'Night buses', 'Parks'].entries()) {
      await fanni.page.mouse.dblclick(canvas.x + 250 + i * 240, canvas.y + 250);
      await fanni.page.getByTestId('note-editor').waitFor();
      await fanni.page.keyboard.type(text);
      await fanni.page.keyboard.press('Escape');
      await fanni.page.getByTestId('note-editor').waitFor({ state: 'detached' });
    }
    await joinBoard(aino, await mintLink(session.paja.url, link, 'participant'));
    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('vote-setup').waitFor();
    await fanni.page.getByLabel('All notes (3)').check();
    await fanni.page.getByTestId('vote-start').click();
    await fanni.page.getByTestId('vote-running').waitFor();

    // Aino sees dot buttons at her zoom; zoomed far out, none, and the hint instead.
    const dots = aino.page.getByTestId('dot-control');
    await expect.poll(() => dots.count()).toBe(3);
    const hint = aino.page.getByTestId('vote-zoom-hint');
    expect(await hint.count()).toBe(0);
    for (let i = 0; i < 8 && (await dots.count()) > 0; i++) {
      await aino.page.getByTestId('zoom-out').click();
    }
    expect(await dots.count()).toBe(0);
    await expect
      .poll(() => hint.locator('span').textContent())
      .toBe(
        'Lappuja liian pieninä pisteiden antamiseen: 3. Lähennä tai äänestä Äänestä-paneelin luettelosta.',
      );
    await screenshot(aino, 'vote-zoomed-out-hint');
    // On a phone the hint lies below the search bar and the people count, not under them.
    await aino.page.setViewportSize({ width: 375, height: 812 });
    const hintBox = await hint.boundingBox();
    const searchBox = await aino.page.locator('.board-top').boundingBox();
    const count = await aino.page.getByTestId('people-count').boundingBox();
    expect(hintBox?.y ?? 0).toBeGreaterThanOrEqual(
      Math.max(
        (searchBox?.y ?? 0) + (searchBox?.height ?? 0),
        (count?.y ?? 0) + (count?.height ?? 0),
      ),
    );
    await screenshot(aino, 'vote-zoomed-out-hint-375');
    await aino.page.setViewportSize({ width: 1280, height: 800 });
    const far = await scaleOf(aino.page);
    await hint.getByRole('button', { name: 'Lähennä äänestääksesi' }).click();
    await expect.poll(() => dots.count()).toBe(3);
    expect(await scaleOf(aino.page)).toBeGreaterThan(far);
    expect(await hint.count()).toBe(0);
    await dots.first().locator('.dot-add').click();
    await expect.poll(() => dots.first().getAttribute('data-mine')).toBe('1');
    await screenshot(aino, 'vote-zoomed-in-to-vote');
    expect([...fanni.errors, ...aino.errors].filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });
});
