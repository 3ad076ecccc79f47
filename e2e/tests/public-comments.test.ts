import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  cellRect,
  centerOfRect,
  drag,
  enterName,
  type PageRect,
  type Person,
  screenshot,
  waitOnline,
  workshopSession,
} from './harness';

/**
 * The public commenting phase, as people live it: a facilitator publishes the roadmap board
 * with comments allowed; a member of the public opens its public address on a phone with no
 * token and no name, and comments on a note, a topic and a roadmap cell; a second reader sees
 * it all, replies and supports; the facilitator resolves a thread; unpublishing closes the
 * public's pages with a message.
 */
const session = workshopSession();

async function phone(browser: Browser, name: string, locale = 'en-US'): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { name, context, page, errors };
}

async function desktop(browser: Browser, name: string, locale = 'en-US'): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { name, context, page, errors };
}

interface ProbeHook {
  __pajaCanvas?: {
    noteRect(id: string): PageRect | null;
    clusterRect(id: string): PageRect | null;
    scale(): number;
  };
  __paja?: { doc: { getMap(name: string): Map<string, { get(key: string): unknown }> } };
}

/** Ids of the template's items in this person's replica. */
async function boardItems(person: Person) {
  return person.page.evaluate(() => {
    const doc = (window as unknown as ProbeHook).__paja?.doc;
    if (!doc) throw new Error('no board open');
    const clusters = [...doc.getMap('clusters').entries()].map(([id, c]) => ({
      id,
      title: String(c.get('title')),
    }));
    const notes = [...doc.getMap('notes').entries()].map(([id, n]) => ({
      id,
      cluster: n.get('cluster') as string | undefined,
    }));
    return {
      clusters,
      notes,
      lanes: [...doc.getMap('lanes').keys()],
      periods: [...doc.getMap('periods').keys()],
    };
  });
}

/**
 * Pans (with the hand tool, as a person would) until `rect()` is in the middle band of the
 * screen, where neither the header nor the toolbar covers it.
 */
async function bringIntoView(person: Person, rect: () => Promise<PageRect>): Promise<PageRect> {
  const size = person.page.viewportSize() ?? { width: 1280, height: 800 };
  const target = { x: size.width / 2, y: size.height * 0.4 };
  await person.page.getByTestId('tool-pan').click();
  for (let i = 0; i < 12; i++) {
    const r = await rect();
    const center = centerOfRect(r);
    const dx = target.x - center.x;
    const dy = target.y - center.y;
    if (Math.abs(dx) < 40 && Math.abs(dy) < 40) break;
    const step = (d: number, max: number) => Math.max(-max, Math.min(max, d));
    const from = { x: size.width / 2, y: size.height / 2 };
    await drag(person, from, {
      x: from.x + step(dx, size.width * 0.4),
      y: from.y + step(dy, size.height * 0.3),
    });
  }
  await person.page.getByTestId('tool-select').click();
  return rect();
}

const probe = (person: Person, what: 'note' | 'cluster', id: string) => async () => {
  const handle = await person.page.waitForFunction(
    ([kind, itemId]) => {
      const canvas = (window as unknown as ProbeHook).__pajaCanvas;
      return (kind === 'note' ? canvas?.noteRect(itemId) : canvas?.clusterRect(itemId)) ?? null;
    },
    [what, id] as const,
  );
  return (await handle.jsonValue()) as PageRect;
};

/** Comments with the comment tool at a page point, as the first comment there. */
async function commentAt(
  person: Person,
  at: { x: number; y: number },
  text: string,
  name?: string,
): Promise<void> {
  const { page } = person;
  await page.getByTestId('comment-tool').click();
  await page.mouse.click(at.x, at.y);
  await page.getByTestId('comments-panel').waitFor();
  const form = page.getByTestId('comments-panel').getByTestId('comment-form').last();
  if (name !== undefined) {
    const field = form.getByTestId('comment-name');
    if ((await field.inputValue()) === '') await field.fill(name);
  }
  await form.getByTestId('comment-text').fill(text);
  await form.getByTestId('comment-send').click();
  await page
    .getByTestId('comments-panel')
    .getByTestId('comment-text-shown')
    .filter({ hasText: text })
    .waitFor();
  await page.getByTestId('comments-close').click();
}

const marker = (person: Person, anchor: string) =>
  person.page.locator(`[data-testid="comment-marker"][data-anchor="${anchor}"]`);

describe('the public commenting phase', () => {
  it('publishes, and the public comments on a phone without a token; others see, reply, support; a facilitator resolves', async () => {
    const base = session.paja.url;
    const created = await fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'roadmap-2030', locale: 'en' }),
    });
    const board = (await created.json()) as { id: string; token: string; path: string };

    const lead = await desktop(session.browser, 'Fiia');
    session.people.push(lead);
    await lead.page.goto(`${base}${board.path}#t=${board.token}`);
    await enterName(lead);
    await waitOnline(lead);

    // The facilitator publishes from the share dialog, with comments.
    await lead.page.getByTestId('share-button').click();
    const publishing = lead.page.getByTestId('share-publish');
    await publishing.scrollIntoViewIfNeeded();
    expect(await publishing.getByTestId('publish-comments').isChecked()).toBe(true);
    expect(await publishing.getByTestId('publish-freeze').isChecked()).toBe(true);
    await publishing.getByTestId('publish-button').click();
    const publicLink = publishing.getByTestId('public-url');
    await publicLink.waitFor();
    expect(await publicLink.getAttribute('href')).toBe(`/p/${board.id}`);
    await lead.page.getByTestId('frozen-badge').waitFor();
    // Once published, the dialog still shows that the board is frozen, and can undo it.
    expect(await publishing.getByTestId('publish-freeze').isChecked()).toBe(true);
    await publishing.getByTestId('publish-freeze').uncheck();
    await publishing.getByTestId('publish-button').click();
    await lead.page.getByTestId('frozen-badge').waitFor({ state: 'detached' });
    await publishing.getByTestId('publish-freeze').check();
    await publishing.getByTestId('publish-button').click();
    await lead.page.getByTestId('frozen-badge').waitFor();
    expect(await publishing.getByTestId('public-url').count()).toBe(1);
    await publishing.scrollIntoViewIfNeeded();
    await screenshot(lead, 'public-publish-dialog');
    await lead.page.getByTestId('share-close').click();

    // A member of the public on a phone: no token, no name asked, a legible zoom.
    const aino = await phone(session.browser, 'Aino');
    session.people.push(aino);
    await aino.page.goto(`${base}/p/${board.id}`);
    await aino.page.getByTestId('public-banner').waitFor();
    await waitOnline(aino);
    expect(await aino.page.getByTestId('name-input').count()).toBe(0);
    // Readers on a phone open in the outline (the accessible list of the board); the canvas is
    // one press away, and opens at a legible zoom.
    await aino.page.getByTestId('show-canvas').click();
    const scale = await aino.page.evaluate(
      () => (window as unknown as ProbeHook).__pajaCanvas?.scale() ?? 0,
    );
    // Opened where note text reads (openingViewport: never below 60 %), not fitted to grey bars.
    expect(scale).toBeGreaterThanOrEqual(0.6);
    expect(await aino.page.evaluate(() => window.location.hash)).toBe('');
    await screenshot(aino, 'public-phone-opened');

    const items = await boardItems(aino);
    const topic = items.clusters.find((c) => c.title === 'Topic 1');
    const note = items.notes.find((n) => n.cluster === topic?.id) ?? items.notes[0];
    if (!topic || !note) throw new Error('the template has no topic or note');
    const [lane, period] = [items.lanes[0], items.periods[0]];

    // A note.
    const noteBox = await bringIntoView(aino, probe(aino, 'note', note.id));
    await commentAt(aino, centerOfRect(noteBox), 'More bike lanes to the schools', 'Aino');
    await marker(aino, `note:${note.id}`).waitFor();

    // A topic: a spot inside its frame that no note covers (its lower left corner).
    const topicBox = await bringIntoView(aino, probe(aino, 'cluster', topic.id));
    const inTopic = { x: Math.max(topicBox.x + 12, 8), y: topicBox.y + topicBox.h - 12 };
    await commentAt(aino, inTopic, 'Good topic');
    await marker(aino, `cluster:${topic.id}`).waitFor();

    // A roadmap cell: its lower right corner, below where placed notes line up.
    const cell = await bringIntoView(aino, () => cellRect(aino, 0, 0));
    const inCell = { x: Math.min(cell.x + cell.w - 16, 375 - 8), y: cell.y + cell.h - 16 };
    await commentAt(aino, inCell, 'Too late?');
    await marker(aino, `cell:${lane}:${period}`).waitFor();
    await screenshot(aino, 'public-phone-markers');

    // A second reader sees all three, replies and supports.
    const ben = await desktop(session.browser, 'Ben');
    session.people.push(ben);
    await ben.page.goto(`${base}/p/${board.id}`);
    await waitOnline(ben);
    await ben.page.getByTestId('comments-toggle').click();
    const list = ben.page.getByTestId('comments-panel');
    await expect.poll(() => list.getByTestId('comment-thread').count()).toBe(3);
    const thread = list
      .getByTestId('comment-thread')
      .filter({ hasText: 'More bike lanes to the schools' });
    await thread.getByTestId('comment-reply-open').click();
    await thread.getByTestId('comment-name').fill('Ben');
    await thread.getByTestId('comment-text').fill('Yes, and safe crossings');
    await thread.getByTestId('comment-send').click();
    await thread.getByTestId('comment-reply').filter({ hasText: 'safe crossings' }).waitFor();
    const support = thread.getByTestId('support-button').first();
    await support.click();
    await expect.poll(() => support.getAttribute('data-count')).toBe('1');
    await expect.poll(() => support.getAttribute('aria-pressed')).toBe('true');
    // Supporting twice is one support: the second press takes it back, a third gives it again.
    await support.click();
    await expect.poll(() => support.getAttribute('data-count')).toBe('0');
    await support.click();
    await expect.poll(() => support.getAttribute('data-count')).toBe('1');
    // The note itself: from the thread's item view.
    await list.getByTestId('comment-anchor').filter({ hasText: 'Note' }).first().click();
    const noteSupport = list.locator(
      `[data-testid="support-button"][data-target="note:${note.id}"]`,
    );
    await noteSupport.click();
    await expect.poll(() => noteSupport.getAttribute('data-count')).toBe('1');
    await screenshot(ben, 'public-desktop-thread');

    // Ben begins two comments on his desktop, on the topic and on the roadmap cell, and
    // reloads before sending either: the comments open on a list of what he has not sent, and
    // each entry takes him back to its form with the text waiting.
    await list.getByTestId('comments-all').click();
    const drafts = [
      ['Topic', 'The topic could be split in two'],
      ['Roadmap', 'Could this come sooner?'],
    ] as const;
    for (const [place, text] of drafts) {
      await list.getByTestId('comment-anchor').filter({ hasText: place }).first().click();
      await list.getByTestId('comment-form').last().getByTestId('comment-text').fill(text);
      await list.getByTestId('comments-all').click();
    }
    await ben.page.reload();
    await waitOnline(ben);
    const waiting = ben.page.getByTestId('comment-drafts');
    await expect.poll(() => waiting.getByTestId('comment-draft').count()).toBe(2);
    expect(await waiting.textContent()).toContain('The topic could be split in two');
    await screenshot(ben, 'public-desktop-drafts');
    await waiting.getByTestId('comment-draft').filter({ hasText: 'Roadmap' }).click();
    const cellForm = ben.page.getByTestId('comments-panel').getByTestId('comment-form').last();
    expect(await cellForm.getByTestId('comment-text').inputValue()).toBe('Could this come sooner?');
    // Sent, it leaves the list; the other stays.
    await cellForm.getByTestId('comment-name').fill('Ben');
    await cellForm.getByTestId('comment-send').click();
    await expect.poll(() => cellForm.getByTestId('comment-text').inputValue()).toBe('');
    await ben.page.getByTestId('comments-all').click();
    await expect.poll(() => waiting.getByTestId('comment-draft').count()).toBe(1);

    // Aino sees the reply and the supports, on her phone, in the note's panel.
    await bringIntoView(aino, probe(aino, 'note', note.id));
    await marker(aino, `note:${note.id}`).click();
    const ainoPanel = aino.page.getByTestId('comments-panel');
    await ainoPanel.getByTestId('comment-reply').filter({ hasText: 'safe crossings' }).waitFor();
    await expect
      .poll(() =>
        ainoPanel
          .locator('[data-testid="comment-thread"] [data-testid="support-button"]')
          .first()
          .getAttribute('data-count'),
      )
      .toBe('1');
    await expect.poll(() => marker(aino, `note:${note.id}`).getAttribute('data-count')).toBe('2');
    await screenshot(aino, 'public-phone-panel');
    // Everyone is counted, nobody is named: the facilitator and two readers.
    await expect
      .poll(() => aino.page.getByTestId('people-count').getAttribute('data-count'))
      .toBe('3');

    // The facilitator sees the public's comments on her board and resolves the thread.
    await lead.page.getByTestId('comments-toggle').click();
    const leadThread = lead.page
      .getByTestId('comments-panel')
      .getByTestId('comment-thread')
      .filter({ hasText: 'More bike lanes to the schools' });
    await leadThread.getByTestId('comment-resolve').click();
    await expect.poll(() => leadThread.getAttribute('data-resolved')).toBe('true');
    await expect
      .poll(() => ainoPanel.getByTestId('comment-thread').first().getAttribute('data-resolved'))
      .toBe('true');
    // Readers cannot resolve: the button is not there for them.
    expect(await ainoPanel.getByTestId('comment-resolve').count()).toBe(0);
    await screenshot(lead, 'public-facilitator-resolved');

    // A refusal in the reader's language: an empty comment, sent anyway, in Finnish.
    const outi = await phone(session.browser, 'Outi', 'fi-FI');
    session.people.push(outi);
    await outi.page.goto(`${base}/p/${board.id}`);
    await waitOnline(outi);
    await outi.page.getByTestId('show-canvas').click();
    await outi.page.getByTestId('comments-toggle').click();
    await outi.page.getByTestId('comment-anchor').first().click();
    const form = outi.page.getByTestId('comments-panel').getByTestId('comment-form').last();
    await form.getByTestId('comment-anonymous').check();
    await form.getByTestId('comment-text').fill('   ');
    await form.getByTestId('comment-send').click();
    await expect
      .poll(() => form.getByTestId('comment-problem').textContent())
      .toBe('Kirjoita ensin jotain.');
    await screenshot(outi, 'public-phone-refusal-fi');

    // Outi writes on. What she writes is kept in her tab: a reload brings it back to the form.
    const draft = 'Pyörätie koulun kohdalla on vaarallinen pimeällä';
    await form.getByTestId('comment-text').fill(draft);
    await outi.page.reload();
    await waitOnline(outi);
    // Her phone opens the board as a list: the form she was writing in is open there, with her
    // text (the same place: that note's comments), and it has not taken the focus.
    const kept = outi.page.getByTestId('outline-comments').getByTestId('comment-text');
    await expect.poll(() => kept.count()).toBe(1);
    expect(await kept.inputValue()).toBe(draft);
    expect(await kept.evaluate((field) => field === document.activeElement)).toBe(false);
    await screenshot(outi, 'public-phone-draft-kept-fi');
    // On the canvas the comments open by themselves on that note, her text in the form.
    await outi.page.getByTestId('show-canvas').click();
    const again = outi.page.getByTestId('comments-panel').getByTestId('comment-form').last();
    await expect.poll(() => again.getByTestId('comment-text').inputValue()).toBe(draft);

    // Unpublishing closes the public's pages with a message; Outi's unsent comment is shown
    // there to copy, in her language, not lost with the board.
    await lead.page.getByTestId('share-button').click();
    await lead.page.getByTestId('unpublish-button').click();
    await aino.page.getByTestId('board-error').waitFor();
    expect(await aino.page.getByTestId('board-error').textContent()).toContain(
      'closed the public view',
    );
    const unsent = outi.page.getByTestId('unsent-comments');
    await unsent.waitFor();
    expect(await unsent.locator('h2').textContent()).toBe('Kommenttiasi ei lähetetty');
    expect(await unsent.locator('textarea').inputValue()).toBe(draft);
    expect(await aino.page.getByTestId('unsent-comments').count()).toBe(0);
    await screenshot(outi, 'public-phone-unsent-fi');
  });
});
