import { describe, expect, it } from 'vitest';
import {
  boardLinkOf,
  enterName,
  newPerson,
  noteIds,
  type Person,
  screenshot,
  waitOnline,
  workshopSession,
} from './harness';

/** Creates a board from `template` on the front page and waits for its notes and title. */
async function createFromTemplate(
  person: Person,
  baseUrl: string,
  template: string,
  expected: { notes: number; title: string },
): Promise<void> {
  if (!person.page.url().startsWith(baseUrl)) await person.page.goto(`${baseUrl}/`);
  await person.page.getByTestId(`template-${template}`).check();
  await person.page.getByTestId('create-board').click();
  await boardLinkOf(person);
  await enterName(person);
  await waitOnline(person);
  await expect.poll(async () => (await noteIds(person)).length).toBe(expected.notes);
  await expect
    .poll(() => person.page.getByTestId('board-title').textContent())
    .toContain(expected.title);
  await person.page.keyboard.press('Shift+1');
  await person.page.waitForTimeout(400);
}

describe('the front page: templates and my boards', () => {
  const session = workshopSession();
  const { people } = session;

  it('creates a board from the 2030 roadmap template in Finnish and lists it under my boards', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    people.push(aino);
    await aino.page.goto(`${session.paja.url}/`);
    await aino.page.getByTestId('template-roadmap-2030').waitFor();
    await screenshot(aino, 'landing-templates');
    await createFromTemplate(aino, session.paja.url, 'roadmap-2030', {
      notes: 7,
      title: 'Tiekartta 2030',
    });
    await screenshot(aino, 'template-roadmap-2030');

    // On a phone it opens legible at its beginning: the first topic's frame, title and all, at
    // the top left under the search bar (not cut off on the left, as a view centred on the
    // notes did).
    const phone = await newPerson(session.browser, 'Aino', 'fi-FI');
    people.push(phone);
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await phone.page.goto(await boardLinkOf(aino));
    await enterName(phone);
    await waitOnline(phone);
    const firstFrame = () =>
      phone.page.evaluate(() => {
        type Probe = {
          __pajaCanvas?: { clusterRect(id: string): { x: number; y: number } | null };
          __paja?: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } };
        };
        const hook = window as unknown as Probe;
        const clusters = hook.__paja?.doc.getMap('clusters');
        for (const [id, cluster] of clusters ?? []) {
          if (String(cluster.get('title')).startsWith('1.'))
            return hook.__pajaCanvas?.clusterRect(id);
        }
        return null;
      });
    const searchBottom = await phone.page
      .locator('.board-top')
      .evaluate((e) => e.getBoundingClientRect().bottom);
    await expect
      .poll(async () => {
        const rect = await firstFrame();
        return (
          rect !== null &&
          rect !== undefined &&
          rect.x >= 0 &&
          rect.x < 60 &&
          rect.y >= searchBottom &&
          rect.y < searchBottom + 60
        );
      })
      .toBe(true);
    await screenshot(phone, 'template-roadmap-2030-phone');

    // Back on the front page, the board is listed with her role, and opens again.
    await aino.page.goto(`${session.paja.url}/`);
    const entry = aino.page.getByTestId('my-board');
    await entry.waitFor();
    expect(await entry.count()).toBe(1);
    expect(await entry.textContent()).toContain('Tiekartta 2030');
    expect(await entry.textContent()).toContain('Fasilitaattori');
    await screenshot(aino, 'landing-my-boards');
    await aino.page.setViewportSize({ width: 375, height: 800 });
    await screenshot(aino, 'landing-my-boards-375');
    const width = await aino.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await aino.page.setViewportSize({ width: 1280, height: 800 });

    await entry.getByRole('link').click();
    await waitOnline(aino);
    await aino.page.getByTestId('share-button').waitFor();

    await aino.page.goto(`${session.paja.url}/`);
    await aino.page.getByTestId('my-board-remove').click();
    await aino.page.getByTestId('confirm-ok').click();
    await expect.poll(() => aino.page.getByTestId('my-board').count()).toBe(0);
  });

  it('an affinity map in Swedish', async () => {
    const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
    people.push(bertil);
    await createFromTemplate(bertil, session.paja.url, 'affinity-map', {
      notes: 2,
      title: 'Affinitetskarta',
    });
    await screenshot(bertil, 'template-affinity-map');
  });
});
