import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterServices, type PajaCluster, startPajaCluster } from './cluster';
import {
  createBoard,
  joinBoard,
  launchBrowser,
  mintLink,
  newPerson,
  type Person,
  screenshot,
} from './harness';

const services = clusterServices();

async function noteWithText(person: Person, text: string): Promise<string> {
  const item = person.page.getByTestId('note-item').filter({ hasText: text }).first();
  await item.waitFor({ state: 'attached', timeout: 15_000 });
  const id = await item.getAttribute('data-note-id');
  if (!id) throw new Error(`no note with ${text}`);
  return id;
}

async function myDots(person: Person, note: string): Promise<number> {
  const control = person.page.locator(`[data-testid="dot-control"][data-note="${note}"]`);
  return Number(await control.getAttribute('data-mine'));
}

async function ranking(person: Person): Promise<string[]> {
  return person.page
    .locator('[data-testid="vote-ranking"] li')
    .evaluateAll((lis) =>
      lis.map((li) => `${li.getAttribute('data-note')}=${li.getAttribute('data-count')}`),
    );
}

async function timerState(person: Person): Promise<string | null> {
  const pill = person.page.getByTestId('timer');
  return (await pill.count()) === 0 ? null : pill.getAttribute('data-state');
}

/**
 * One workshop served by three Paja instances on PostgreSQL and Redis, each person's page on
 * another instance, as a load balancer would spread them: the vote, the timer and the private
 * brainstorm are server-held state, and must reach every page whatever instance it is on.
 */
describe.skipIf(!services)('a workshop across three instances, in the browser', () => {
  let cluster: PajaCluster | null = null;
  let browser: Browser | null = null;
  const people: Person[] = [];
  beforeAll(async () => {
    if (!services) return;
    // Two flags a minute, so that a person reaches the shared flag rate in a few clicks.
    cluster = await startPajaCluster(services, 3, { PAJA_FLAG_RATE: '2' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const person of people) {
      if (person.errors.length > 0) console.log(`${person.name} page errors:`, person.errors);
    }
    await browser?.close();
    await cluster?.close();
  });

  it('a vote opened on one instance, dots placed on two others, one result everywhere; the timer too', async () => {
    if (!cluster || !browser) throw new Error('not started');
    const [a, b, c] = cluster.instances.map((i) => i.url) as [string, string, string];
    const fanni = await newPerson(browser, 'Fanni', 'en-US');
    const aino = await newPerson(browser, 'Aino', 'fi-FI');
    const bert = await newPerson(browser, 'Bert', 'sv-SE');
    await bert.page.setViewportSize({ width: 375, height: 740 });
    people.push(fanni, aino, bert);
    const link = await createBoard(fanni, a);
    const canvas = await fanni.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    for (const [i, text] of ['Bike lanes', 'Night buses'].entries()) {
      await fanni.page.mouse.dblclick(canvas.x + 200 + i * 240, canvas.y + 250);
      await fanni.page.getByTestId('note-editor').waitFor();
      await fanni.page.keyboard.type(text);
      await fanni.page.keyboard.press('Escape');
      await fanni.page.getByTestId('note-editor').waitFor({ state: 'detached' });
    }
    // Aino's page is served by instance B, Bert's (a phone) by instance C.
    await joinBoard(aino, await mintLink(b, link, 'participant'));
    await joinBoard(bert, await mintLink(c, link, 'participant'));
    const bike = await noteWithText(aino, 'Bike lanes');
    const night = await noteWithText(aino, 'Night buses');

    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('vote-setup').waitFor();
    await fanni.page.getByTestId('vote-title').fill('What first?');
    await fanni.page.getByTestId('vote-dots').fill('2');
    await fanni.page.getByTestId('vote-max').fill('2');
    await fanni.page.getByLabel('All notes (2)').check();
    await fanni.page.getByTestId('vote-start').click();
    await fanni.page.getByTestId('vote-running').waitFor();
    // Both participants, on the other two instances, are on the roll.
    await expect
      .poll(() => fanni.page.getByTestId('vote-progress').textContent(), { timeout: 15_000 })
      .toBe('Voted: 0 of 2');

    const add = async (person: Person, note: string) => {
      const control = person.page.locator(`[data-testid="dot-control"][data-note="${note}"]`);
      await control.waitFor({ timeout: 15_000 });
      const before = await myDots(person, note);
      await control.locator('.dot-add').click();
      await expect.poll(() => myDots(person, note), { timeout: 10_000 }).toBe(before + 1);
    };
    await add(aino, bike);
    await add(aino, bike);
    // Over her budget on instance B: refused there, in Finnish.
    await aino.page.locator(`[data-testid="dot-control"][data-note="${night}"] .dot-add`).click();
    await expect
      .poll(() => aino.page.getByTestId('board-notice').textContent())
      .toContain('Olet käyttänyt kaikki pisteesi');
    await bert.page.getByTestId('vote-toggle').click();
    await bert.page
      .getByTestId('vote-panel')
      .getByRole('button', { name: 'Ge en punkt till ”Night buses”' })
      .click();
    await expect
      .poll(() => bert.page.getByTestId('vote-left').textContent(), { timeout: 10_000 })
      .toBe('1 av 2 punkter kvar');
    await screenshot(bert, 'instances-vote-participant-sv-375');
    // The facilitator on A sees the progress made on B and C, and no counts.
    await expect
      .poll(() => fanni.page.getByTestId('vote-progress').textContent(), { timeout: 15_000 })
      .toBe('Voted: 2 of 2');
    // Nobody sees another's dots before the reveal: Bert's page has none of Aino's.
    expect(await myDots(bert, bike)).toBe(0);
    expect(await bert.page.getByTestId('vote-count').count()).toBe(0);

    await fanni.page.getByTestId('vote-reveal').click();
    for (const person of [fanni, aino, bert]) {
      if (!(await person.page.getByTestId('vote-panel').isVisible())) {
        await person.page.getByTestId('vote-toggle').click();
      }
      await expect
        .poll(() => ranking(person), { timeout: 15_000 })
        .toEqual([`${bike}=2`, `${night}=1`]);
    }
    await screenshot(aino, 'instances-vote-results-fi');
    await screenshot(bert, 'instances-vote-results-sv-375');

    // The timer started on A runs on B and C.
    await fanni.page.getByTestId('vote-toggle').click();
    await fanni.page.getByTestId('timer').click();
    await fanni.page.getByTestId('timer-panel').waitFor();
    await fanni.page.getByTestId('timer-preset-5').click();
    for (const person of [aino, bert]) {
      await expect.poll(() => timerState(person), { timeout: 15_000 }).toBe('running');
    }
    await screenshot(fanni, 'instances-timer-desktop');
    for (const person of people) expect(person.errors).toEqual([]);
  });

  // Counted in Redis (server/src/acrossInstances): not only the people on the page's instance.
  it('the count of people in the header is of every instance, and drops when one leaves', async () => {
    if (!cluster || !browser) throw new Error('not started');
    const [a, b, c] = cluster.instances.map((i) => i.url) as [string, string, string];
    const leena = await newPerson(browser, 'Leena');
    const pekka = await newPerson(browser, 'Pekka');
    const ville = await newPerson(browser, 'Ville');
    const here = [leena, pekka, ville];
    people.push(...here);
    const link = await createBoard(leena, a);
    await joinBoard(pekka, await mintLink(b, link.replace(a, b), 'participant'));
    await joinBoard(ville, await mintLink(c, link.replace(a, c), 'viewer'));
    const countOn = (person: Person) =>
      person.page.getByTestId('people-count').getAttribute('data-count');
    for (const person of here) {
      await expect.poll(() => countOn(person), { timeout: 15_000 }).toBe('3');
    }
    await screenshot(leena, 'instances-people-count');

    // The viewer closes the tab (the last of that person on C): the others count two.
    await ville.context.close();
    for (const person of [leena, pekka]) {
      await expect.poll(() => countOn(person), { timeout: 15_000 }).toBe('2');
    }
    for (const person of here) expect(person.errors).toEqual([]);
  });

  it('a comment written again on another instance is refused there, in the writer’s language', async () => {
    if (!cluster || !browser) throw new Error('not started');
    const [a, b] = cluster.instances.map((i) => i.url) as [string, string, string];
    const leena = await newPerson(browser, 'Leena');
    const kaisa = await newPerson(browser, 'Kaisa', 'fi-FI');
    people.push(leena, kaisa);
    const link = await createBoard(leena, a);
    const text = 'Lisää pyöräteitä koulujen ympärille';
    /** Writes `text` as a comment on the board with the comment tool; what the form says. */
    const comment = async (url: string) => {
      await joinBoard(kaisa, url);
      const { page } = kaisa;
      await page.getByTestId('comment-tool').click();
      await page.mouse.click(640, 400);
      const form = page.getByTestId('comments-panel').getByTestId('comment-form').last();
      await form.getByTestId('comment-text').fill(text);
      await form.getByTestId('comment-send').click();
      return form;
    };
    // The same person on both: behind one balancer the instances share one address, and so
    // this browser's key (its identity: duplicates are judged per person). Here each
    // instance has an origin of its own, so the key is put in both.
    await kaisa.context.addInitScript(() => {
      window.localStorage.setItem('paja.participantId', 'KaisaOnEveryInstance1');
    });
    // On A it is written; the same person on B writes it again.
    await comment(await mintLink(a, link, 'commenter'));
    await kaisa.page.getByTestId('comment-text-shown').filter({ hasText: text }).waitFor();
    const again = await comment(await mintLink(b, link.replace(a, b), 'commenter'));
    await expect
      .poll(() => again.getByTestId('comment-problem').textContent())
      .toBe('Olet jo kirjoittanut tämän kommentin.');
    await screenshot(kaisa, 'instances-duplicate-refused');
    expect(await kaisa.page.getByTestId('comment-text-shown').count()).toBe(1);
  });

  it('flags spent on one instance are counted on another: the third is refused there, in Swedish', async () => {
    if (!cluster || !browser) throw new Error('not started');
    const [a, b] = cluster.instances.map((i) => i.url) as [string, string, string];
    const leena = await newPerson(browser, 'Leena');
    const ville = await newPerson(browser, 'Ville', 'sv-SE');
    people.push(leena, ville);
    const link = await createBoard(leena, a);
    // The facilitator writes three comments on the board with the comment tool.
    const texts = ['Första förslaget', 'Andra förslaget', 'Tredje förslaget'];
    for (const [i, text] of texts.entries()) {
      await leena.page.getByTestId('comment-tool').click();
      await leena.page.mouse.click(500 + i * 120, 400);
      const form = leena.page.getByTestId('comments-panel').getByTestId('comment-form').last();
      await form.getByTestId('comment-text').fill(text);
      await form.getByTestId('comment-send').click();
      await leena.page.getByTestId('comment-text-shown').filter({ hasText: text }).waitFor();
      await leena.page.getByTestId('comments-close').click();
    }
    /** Ville flags the comment with `text` from the list of all comments; what he is told. */
    const flag = async (text: string) => {
      const { page } = ville;
      if (!(await page.getByTestId('comments-panel').isVisible())) {
        await page.getByTestId('comments-toggle').click();
      }
      const thread = page.getByTestId('comment-thread').filter({ hasText: text }).first();
      await thread.getByTestId('flag-button').click();
      await thread.getByTestId('flag-send').click();
      const said = thread.getByTestId('flag-said');
      await expect.poll(() => said.textContent(), { timeout: 10_000 }).not.toBe('');
      return said;
    };
    // Two flags on A spend his rate there…
    await joinBoard(ville, await mintLink(a, link, 'viewer'));
    for (const text of texts.slice(0, 2)) {
      const said = await flag(text);
      expect(await said.getAttribute('class')).not.toContain('error');
    }
    // …and on B, where his next page is served, the third is refused, in his language.
    await joinBoard(ville, await mintLink(b, link.replace(a, b), 'viewer'));
    const refused = await flag(texts[2] as string);
    await expect
      .poll(() => refused.textContent())
      .toBe('För många anmälningar på kort tid. Vänta en stund.');
    await screenshot(ville, 'instances-flags-refused-sv');
    for (const person of [leena, ville]) expect(person.errors).toEqual([]);
  });
});
