import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  enterName,
  mintLink,
  type Person,
  screenshot,
  waitOnline,
  workshopSession,
} from './harness';
import { focused, tabTo } from './keyboard';

/**
 * Taking part from the outline (the board as a list), as a keyboard or screen-reader user
 * does: votes, comments, replies, support, flags, resolve and moderation, with the server's
 * refusals said in the person's language. The person under test uses page.keyboard only.
 */
const session = workshopSession();

async function person(browser: Browser, name: string, locale: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const someone: Person = { name, context, page, errors };
  session.people.push(someone);
  return someone;
}

const NOTE_A = 'Bike lanes to the schools';
const NOTE_B = 'Night buses on Sundays';

/** A facilitator's roadmap board with two notes of her own, written in the outline. */
async function boardWithNotes() {
  const base = session.paja.url;
  const created = await fetch(`${base}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ template: 'roadmap-2030', locale: 'en' }),
  });
  const board = (await created.json()) as { id: string; token: string; path: string };
  const facilitatorUrl = `${base}${board.path}#t=${board.token}`;
  const lead = await person(session.browser, 'Fiia', 'en-GB');
  await lead.page.goto(facilitatorUrl);
  await enterName(lead);
  await waitOnline(lead);
  await lead.page.getByTestId('show-outline').click();
  for (const text of [NOTE_A, NOTE_B]) {
    await lead.page.getByTestId('outline-new-note').fill(text);
    await lead.page.getByTestId('outline-add').click();
    await lead.page.getByTestId('outline-note').filter({ hasText: text }).waitFor();
  }
  return { board, facilitatorUrl, lead };
}

const noteScope = (text: string) => ({ selector: '[data-testid="outline-note"]', text });
const noteIn = (someone: Person, text: string) =>
  someone.page.getByTestId('outline-note').filter({ hasText: text });

describe('taking part from the outline', () => {
  it('a participant votes, comments, replies, supports and flags by keyboard alone; the facilitator moderates and resolves there', async () => {
    const { facilitatorUrl, lead } = await boardWithNotes();

    // Bertil, a participant in Finnish, from here on by keyboard only.
    const bertil = await person(session.browser, 'Bertil', 'fi-FI');
    const page = bertil.page;
    await page.goto(await mintLink(session.paja.url, facilitatorUrl, 'participant'));
    await page.getByTestId('name-input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('Bertil');
    await page.keyboard.press('Enter');
    await waitOnline(bertil);
    await tabTo(page, '[data-testid="show-outline"]');
    await page.keyboard.press('Enter');
    // The facilitator starts a vote on all notes (Bertil is on its roll): 2 dots each, at most
    // 2 on one note.
    await lead.page.getByTestId('show-canvas').click();
    await lead.page.getByTestId('vote-toggle').click();
    await lead.page.getByTestId('vote-title').fill('What first?');
    await lead.page.getByTestId('vote-dots').fill('2');
    await lead.page.getByTestId('vote-max').fill('2');
    await lead.page.getByLabel(/^All notes/).check();
    await lead.page.getByTestId('vote-start').click();
    await lead.page.getByTestId('vote-running').waitFor();
    await lead.page.getByTestId('show-outline').click();

    await page.getByTestId('outline-dots').first().waitFor();
    // The facilitator's notes are hers to edit and delete (the workshop's default rules): no
    // such buttons on them for Bertil, as the server would refuse.
    for (const testId of ['outline-edit', 'outline-delete']) {
      expect(await noteIn(bertil, NOTE_A).getByTestId(testId).count()).toBe(0);
    }
    const left = page.getByTestId('outline-dots-left');
    await expect.poll(() => left.textContent()).toBe('2/2 pistettä jäljellä');

    // Two dots on one note; the budget is said after each.
    await tabTo(page, '[data-testid="outline-dot-add"]', noteScope(NOTE_A));
    await page.keyboard.press('Enter');
    await expect.poll(() => left.textContent()).toBe('1/2 pistettä jäljellä');
    await page.keyboard.press('Enter');
    await expect.poll(() => left.textContent()).toBe('0/2 pistettä jäljellä');
    await expect
      .poll(() => noteIn(bertil, NOTE_A).getByTestId('outline-dots').getAttribute('data-mine'))
      .toBe('2');
    // A third: the server refuses, in Finnish, and the focus stays on the button.
    await tabTo(page, '[data-testid="outline-dot-add"]', noteScope(NOTE_B));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('outline-said').textContent())
      .toContain('Olet käyttänyt kaikki pisteesi');
    await expect.poll(() => focused(page)).toBe('outline-dot-add');
    // One back from the first note, onto the second.
    await tabTo(page, '[data-testid="outline-dot-remove"]', noteScope(NOTE_A), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => left.textContent()).toBe('1/2 pistettä jäljellä');
    await tabTo(page, '[data-testid="outline-dot-add"]', noteScope(NOTE_B));
    await page.keyboard.press('Enter');
    await expect.poll(() => left.textContent()).toBe('0/2 pistettä jäljellä');
    await screenshot(bertil, 'outline-voting-desktop');

    // A comment on a note: the form opens with the focus in it; Ctrl+Enter sends; the focus
    // comes back to the button that opened it.
    await tabTo(page, '[data-testid="outline-comment-open"]', noteScope(NOTE_A), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('comment-text');
    await page.keyboard.type('Pyöräteitä kouluille, kiitos');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.getByTestId('outline-said').textContent())
      .toContain('Kommentti lähetetty');
    await expect.poll(() => focused(page)).toBe('outline-comment-open');
    await noteIn(lead, NOTE_A).getByText('Pyöräteitä kouluille, kiitos').waitFor();

    // A comment on a roadmap cell; Escape first leaves the form without sending, focus kept.
    const cell = { selector: 'td', text: '' };
    await tabTo(page, '[data-testid="outline-comment-open"]', cell);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Ei lähetetä');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('outline-comment-open');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Liian myöhään?');
    await page.keyboard.press('Control+Enter');
    await lead.page
      .locator('[data-testid="outline-comments"][data-anchor^="cell:"]')
      .getByText('Liian myöhään?')
      .waitFor();

    // The facilitator comments on the note; Bertil replies, supports the note, and flags her
    // comment with a reason, all by keyboard.
    const leadNote = noteIn(lead, NOTE_A);
    await leadNote.getByTestId('outline-comment-open').click();
    await leadNote.getByTestId('comment-text').fill('Which schools first?');
    await leadNote.getByTestId('comment-send').click();
    await noteIn(bertil, NOTE_A).getByText('Which schools first?').waitFor();
    const leadThread = { selector: '[data-testid="comment-thread"]', text: 'Which schools' };
    await tabTo(page, '[data-testid="comment-reply-open"]', leadThread, { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('comment-text');
    await page.keyboard.type('Keskustan koulut');
    await page.keyboard.press('Control+Enter');
    await leadNote.getByTestId('comment-reply').filter({ hasText: 'Keskustan koulut' }).waitFor();

    await tabTo(page, '[data-testid="support-button"][data-target^="note:"]', noteScope(NOTE_A), {
      back: true,
    });
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        leadNote
          .locator('[data-testid="support-button"][data-target^="note:"]')
          .getAttribute('data-count'),
      )
      .toBe('1');

    await tabTo(page, '[data-testid="flag-button"]', leadThread);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('flag-reason-spam');
    await page.keyboard.press('ArrowDown'); // hateful or abusive
    await tabTo(page, '[data-testid="flag-send"]');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        noteIn(bertil, NOTE_A)
          .locator('[data-testid="comment-thread"]', { hasText: 'Which schools' })
          .getByTestId('flag-said')
          .first()
          .textContent(),
      )
      .toContain('Kiitos');
    await expect.poll(() => focused(page)).toBe('flag-button');
    // Her own comment has no flag button for her; his has one for her.
    expect(
      await leadNote
        .locator('[data-testid="comment-thread"]', { hasText: 'Which schools' })
        .locator(':scope > [data-testid="flag-button"], :scope > .comment-actions .flag-button')
        .count(),
    ).toBe(0);
    expect(
      await leadNote
        .getByTestId('comment-reply')
        .filter({ hasText: 'Keskustan koulut' })
        .getByTestId('flag-button')
        .count(),
    ).toBe(1);

    // The facilitator (a moderator too) sees the flag in the outline's moderation queue and
    // keeps the comment; she resolves Bertil's thread, and he sees it resolved.
    const queue = lead.page.getByTestId('outline-moderation');
    const flaggedItem = queue.getByTestId('moderation-item').filter({ hasText: 'Which schools' });
    await flaggedItem.waitFor();
    expect(await flaggedItem.textContent()).toContain('Hateful or abusive');
    await flaggedItem.getByTestId('moderation-select').check();
    await queue.getByTestId('moderation-approve').click();
    await queue.getByTestId('moderation-empty').waitFor();
    const bertilThread = leadNote.getByTestId('comment-thread').filter({ hasText: 'Pyöräteitä' });
    await bertilThread.getByTestId('comment-resolve').click();
    await expect
      .poll(() =>
        noteIn(bertil, NOTE_A)
          .getByTestId('comment-thread')
          .filter({ hasText: 'Pyöräteitä' })
          .getAttribute('data-resolved'),
      )
      .toBe('true');
    // A participant cannot resolve: no such button on his page.
    expect(await page.getByTestId('comment-resolve').count()).toBe(0);

    // The canvas's own comment form is reachable by keyboard too: Comments, an item, its form.
    await tabTo(page, '[data-testid="show-canvas"]', undefined, { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="comments-toggle"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="comment-anchor"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="comments-panel"] [data-testid="comment-text"]');
    await page.keyboard.type('Myös kanvaasilta');
    await page.keyboard.press('Control+Enter');
    await lead.page.getByText('Myös kanvaasilta').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('comments-panel').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('comments-toggle');
    await tabTo(page, '[data-testid="show-outline"]', undefined, { back: true });
    await page.keyboard.press('Enter');
    await page.getByTestId('show-canvas').waitFor();

    // The reveal: the results are listed in the outline, in his language.
    await lead.page.getByTestId('show-canvas').click();
    if (!(await lead.page.getByTestId('vote-panel').isVisible())) {
      await lead.page.getByTestId('vote-toggle').click();
    }
    await expect
      .poll(() => lead.page.getByTestId('vote-progress').textContent())
      .toBe('Voted: 1 of 1');
    await lead.page.getByTestId('vote-reveal').click();
    await expect
      .poll(() => page.getByTestId('outline-vote').textContent())
      .toContain(`${NOTE_A} – 1 piste`);
    await screenshot(bertil, 'outline-comments-desktop');
    await page.setViewportSize({ width: 375, height: 812 });
    await noteIn(bertil, NOTE_A).scrollIntoViewIfNeeded();
    await screenshot(bertil, 'outline-comments-375');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    // Chromium's accessibility tree of the outline: topics, notes, the roadmap table, the
    // comments and the vote results, as a screen reader gets them.
    const cdp = await bertil.context.newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ role?: { value: string }; name?: { value: string }; ignored: boolean }>;
    };
    const named = (role: string) =>
      nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value ?? '');
    const texts = nodes.filter((n) => !n.ignored).map((n) => n.name?.value ?? '');
    expect(named('heading')).toEqual(expect.arrayContaining(['Aiheet', 'Topic 1', 'Tiekartta']));
    expect(named('table')).toHaveLength(1);
    expect(named('rowheader').length).toBeGreaterThan(0);
    expect(named('columnheader')).toEqual(expect.arrayContaining(['2030']));
    expect(named('region')).toEqual(expect.arrayContaining([`Kommentit: lappu ”${NOTE_A}”`]));
    expect(named('article').length).toBeGreaterThanOrEqual(2); // comment threads
    for (const text of [NOTE_A, NOTE_B, 'Pyöräteitä kouluille, kiitos', 'Liian myöhään?']) {
      expect(
        texts.some((name) => name.includes(text)),
        text,
      ).toBe(true);
    }
    expect(bertil.errors).toEqual([]);
  });

  it('a public commenter comments from the outline on a phone by keyboard alone; a bot that fills the hidden field is dropped unseen', async () => {
    const { board, facilitatorUrl, lead } = await boardWithNotes();
    await lead.page.getByTestId('share-button').click();
    const publishing = lead.page.getByTestId('share-publish');
    await publishing.scrollIntoViewIfNeeded();
    await publishing.getByTestId('publish-button').click();
    await publishing.getByTestId('public-url').waitFor();
    await lead.page.getByTestId('share-close').click();
    const publicUrl = `${session.paja.url}/p/${board.id}`;
    const leadNote = noteIn(lead, NOTE_A);
    await leadNote.getByTestId('outline-comment-open').click();
    await leadNote.getByTestId('comment-text').fill('Tell us which schools');
    await leadNote.getByTestId('comment-send').click();
    // Her own page: the form's textarea still holds the text until the server answers, so wait
    // for the shown comment, not any element with that text.
    await leadNote
      .getByTestId('comment-text-shown')
      .filter({ hasText: 'Tell us which schools' })
      .waitFor();

    // Pia, on a phone, in English: the outline opens; only the keyboard from here.
    const pia = await person(session.browser, 'Pia', 'en-GB', 375);
    const page = pia.page;
    await page.goto(publicUrl);
    await waitOnline(pia);
    await page.getByTestId('show-canvas').waitFor();
    // A public reader has no voting, roadmap or editing tools anywhere.
    expect(await page.getByTestId('outline-new-note').count()).toBe(0);
    expect(await page.getByTestId('outline-dot-add').count()).toBe(0);
    await tabTo(page, '[data-testid="outline-comment-open"]', noteScope(NOTE_B));
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('comment-text');
    await page.keyboard.type('Sunday nights matter for shift workers');
    // The next stop is her name: the hidden field is out of the tab order.
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('comment-name');
    await page.keyboard.type('Pia');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+Enter');
    await noteIn(lead, NOTE_B).getByText('Sunday nights matter for shift workers').waitFor();
    // The form closes when the server's answer reaches her page (maybe after the others').
    await expect.poll(() => focused(page)).toBe('outline-comment-open');
    // Every comment of someone else has a Flag button; she flags the facilitator's, by keys.
    await noteIn(pia, NOTE_A).getByText('Tell us which schools').waitFor();
    const others = await page
      .getByTestId('comment-thread')
      .filter({ hasNotText: 'Sunday nights' })
      .count();
    expect(await page.getByTestId('flag-button').count()).toBe(others);
    const leadThread = { selector: '[data-testid="comment-thread"]', text: 'Tell us which' };
    await tabTo(page, '[data-testid="flag-button"]', leadThread, { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('flag-reason-spam');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // personal information
    await tabTo(page, '[data-testid="flag-send"]');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => noteIn(pia, NOTE_A).getByTestId('flag-said').first().textContent())
      .toContain('Thank you');
    const flagged = lead.page
      .getByTestId('outline-moderation')
      .getByTestId('moderation-item')
      .filter({ hasText: 'Tell us which schools' });
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain('Personal information');
    await screenshot(pia, 'outline-public-phone');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    // A bot fills every field it finds, the hidden one too: it is told "sent", and nothing is
    // kept or shown. A person's comment after it arrives; the bot's never does.
    const bot = await person(session.browser, 'Bot', 'en-GB', 375);
    await bot.page.goto(publicUrl);
    await waitOnline(bot);
    const botNote = noteIn(bot, NOTE_A);
    await botNote.getByTestId('outline-comment-open').click();
    await botNote.getByTestId('comment-text').fill('Cheap pills at spam.example 999');
    await botNote.getByTestId('comment-name').fill('Best Deals');
    await botNote.getByTestId('comment-website').fill('https://spam.example');
    await botNote.getByTestId('comment-send').click();
    await expect
      .poll(() => bot.page.getByTestId('outline-said').textContent())
      .toContain('Comment sent');
    const after = noteIn(pia, NOTE_A);
    await after.getByTestId('outline-comment-open').click();
    await after.getByTestId('comment-text').fill('Also to the vocational school');
    await after.getByTestId('comment-send').click();
    await noteIn(lead, NOTE_A).getByText('Also to the vocational school').waitFor();
    expect(await lead.page.textContent('main')).not.toContain('Cheap pills');
    expect(await bot.page.textContent('main')).not.toContain('Cheap pills');

    // Viewers and commenters see no Vote or Roadmap button on the canvas; viewers no comment
    // tool either; the public page's commenter does have it.
    await page.getByTestId('show-canvas').click();
    await page.getByTestId('comments-toggle').waitFor();
    for (const role of ['viewer', 'commenter']) {
      const reader = await person(session.browser, `Reader ${role}`, 'en-GB');
      await reader.page.goto(await mintLink(session.paja.url, facilitatorUrl, role));
      await enterName(reader);
      await waitOnline(reader);
      await reader.page.getByTestId('comments-toggle').waitFor();
      expect(await reader.page.getByTestId('comment-tool').count()).toBe(role === 'viewer' ? 0 : 1);
      for (const readerPage of [reader.page, page]) {
        expect(await readerPage.getByTestId('vote-toggle').count()).toBe(0);
        expect(await readerPage.getByTestId('roadmap-toggle').count()).toBe(0);
      }
    }
    expect(await page.getByTestId('comment-tool').count()).toBe(1);
    expect(pia.errors).toEqual([]);
  });
});
