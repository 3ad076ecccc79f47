import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardLinkOf,
  enterName,
  inTopic,
  joinBoard,
  launchBrowser,
  mintLink,
  newPerson,
  type Person,
  type RunningPaja,
  screenshot,
  startPaja,
  waitOnline,
} from './harness';
import { chooseWithKeys, tabTo } from './keyboard';

let paja: RunningPaja;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  paja = await startPaja();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await paja?.server.close();
});

/** The note's place as the page's own document holds it. */
async function placeOf(person: Person, text: string) {
  return person.page.evaluate((text) => {
    interface YMap {
      get(k: string): unknown;
      entries(): IterableIterator<[string, YMap]>;
      toJSON(): Record<string, unknown>;
    }
    const doc = (window as unknown as { __paja?: { doc: { getMap(n: string): YMap } } }).__paja
      ?.doc;
    if (!doc) return null;
    for (const [, note] of doc.getMap('notes').entries()) {
      const json = note.toJSON();
      if (json.text === text) return { cluster: json.cluster ?? null, cell: json.cell ?? null };
    }
    return null;
  }, text);
}

async function createRoadmapBoard(person: Person): Promise<string> {
  await person.page.goto(`${paja.url}/`);
  await person.page.getByTestId('template-roadmap-2030').check();
  await person.page.getByTestId('create-board').click();
  const link = await boardLinkOf(person);
  await enterName(person);
  await waitOnline(person);
  return link;
}

describe('the outline: the board as headings, lists and a table', () => {
  it('a participant adds, edits and moves notes into a topic and a roadmap cell by keyboard alone', async () => {
    const aino = await newPerson(browser, 'Aino');
    const facilitatorUrl = await createRoadmapBoard(aino);
    const bertil = await newPerson(browser, 'Bertil');
    await joinBoard(bertil, await mintLink(paja.url, facilitatorUrl, 'participant'));
    const page = bertil.page;

    // From the canvas to the outline, by keyboard.
    await tabTo(page, '[data-testid="show-outline"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('outline-new-note').waitFor();
    expect(new URL(page.url()).hash).toBe('#outline');

    // Add a note.
    await tabTo(page, '[data-testid="outline-new-note"]');
    await page.keyboard.type('Library open late');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => placeOf(bertil, 'Library open late')).not.toBeNull();
    await expect.poll(() => placeOf(aino, 'Library open late')).not.toBeNull();

    // Edit it: the edit button, type, save; focus comes back to the edit button.
    await tabTo(page, '[data-testid="outline-edit"]:has(+ *), [data-testid="outline-edit"]');
    const note = page.getByTestId('outline-note').filter({ hasText: 'Library open late' });
    while (
      !(await page.evaluate(() =>
        document.activeElement?.closest('li')?.textContent?.includes('Library open late'),
      ))
    ) {
      await tabTo(page, '[data-testid="outline-edit"]');
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('outline-edit-text').waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type(' on Fridays');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => placeOf(aino, 'Library open late on Fridays')).not.toBeNull();
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''),
    ).toBe('outline-edit');

    // Into a topic, with the "move to" menu.
    await page.keyboard.press('Tab');
    await chooseWithKeys(page, 'Topic: Topic 1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await placeOf(aino, 'Library open late on Fridays'))?.cluster)
      .not.toBeNull();
    // On the canvas it lies inside the topic's frame, as if moved there on the canvas.
    expect(await inTopic(aino, 'Topic 1', 'Library open late')).toEqual({ members: 1, inside: 1 });

    // Into a roadmap cell: focus the moved note's menu again.
    const moved = page.getByTestId('outline-topic').filter({ hasText: 'on Fridays' });
    await moved.waitFor();
    while (
      !(await page.evaluate(
        () =>
          document.activeElement?.matches('[data-testid="outline-move-target"]') &&
          document.activeElement.closest('li')?.textContent?.includes('on Fridays'),
      ))
    ) {
      await page.keyboard.press('Tab');
    }
    await chooseWithKeys(page, 'Roadmap: Theme 1 / 2026');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await placeOf(aino, 'Library open late on Fridays'))?.cell)
      .toEqual({ lane: expect.any(String), period: expect.any(String) });
    await expect
      .poll(() => page.getByTestId('outline-roadmap').textContent())
      .toContain('on Fridays');
    await screenshot(bertil, 'outline-participant');
    expect(note).toBeDefined();

    // The facilitator, on the canvas, sees it; Aino's change reaches Bertil's outline, announced.
    await aino.page.evaluate(() => {
      interface Y {
        getMap(n: string): { entries(): IterableIterator<[string, { get(k: string): unknown }]> };
      }
      const doc = (window as unknown as { __paja?: { doc: Y } }).__paja?.doc;
      for (const [, n] of doc?.getMap('notes').entries() ?? []) {
        const text = n.get('text') as { toString(): string; insert(i: number, s: string): void };
        if (text.toString().includes('on Fridays')) text.insert(0, 'City ');
      }
    });
    await expect
      .poll(() => page.getByTestId('outline-roadmap').textContent())
      .toContain('City Library');
    await expect
      .poll(() => page.getByTestId('outline-announcement').textContent(), { timeout: 10_000 })
      .toContain('1');
    expect(bertil.errors).toEqual([]);
    await aino.context.close();
    await bertil.context.close();
  });

  it("Chromium's accessibility tree of the outline holds the topics, notes and roadmap table", async () => {
    const aino = await newPerson(browser, 'Aino');
    await createRoadmapBoard(aino);
    const page = aino.page;
    await page.getByTestId('show-outline').click();
    await page.getByTestId('outline-roadmap').waitFor();
    const cdp = await aino.context.newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ role?: { value: string }; name?: { value: string }; ignored: boolean }>;
    };
    const named = (role: string) =>
      nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value ?? '');
    expect(named('main').length).toBe(1);
    expect(named('heading')).toEqual(expect.arrayContaining(['Topics', 'Topic 1', 'Roadmap']));
    expect(named('table').length).toBe(1);
    expect(named('columnheader')).toEqual(expect.arrayContaining(['2026', '2030']));
    expect(named('rowheader')).toEqual(expect.arrayContaining(['Theme 1']));
    expect(named('listitem').length).toBeGreaterThan(0);
    await screenshot(aino, 'outline-facilitator');
    await aino.context.close();
  });

  it('a viewer on a phone opens in the outline, and no page scrolls sideways at 375 and 320 px', async () => {
    const aino = await newPerson(browser, 'Aino');
    const facilitatorUrl = await createRoadmapBoard(aino);
    const viewerUrl = await mintLink(paja.url, facilitatorUrl, 'viewer');
    for (const width of [375, 320]) {
      const context = await browser.newContext({ viewport: { width, height: 812 } });
      const page = await context.newPage();
      await page.goto(viewerUrl);
      await page.getByTestId('name-input').fill('Vera');
      await page.getByTestId('name-submit').click();
      await page.getByTestId('outline-roadmap').waitFor({ timeout: 15_000 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${process.cwd()}/e2e/artifacts/outline-viewer-${width}.png` });
      await page.getByTestId('show-canvas').click();
      await page.getByTestId('note-item').first().waitFor({ state: 'attached' });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await context.close();
    }
    await aino.context.close();
  });
});
