import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, horizontalOverflow, VIEWPORTS } from './a11y';
import {
  addNote,
  artifactsDir,
  createBoard,
  launchBrowser,
  mintLink,
  moreTool,
  type RunningPaja,
  startPaja,
} from './harness';

type Viewport = (typeof VIEWPORTS)[number];

let paja: RunningPaja;
let browser: Browser;
let facilitatorUrl: string;
const links: Record<string, string> = {};

beforeAll(async () => {
  paja = await startPaja({
    env: {
      PAJA_OPERATOR_NAME: 'Espoon kaupunki',
      PAJA_ACCESSIBILITY_CONTACT: 'saavutettavuus@espoo.example',
      PAJA_ACCESSIBILITY_DATE: '2026-12-01',
    },
  });
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'fi-FI',
  });
  const page = await context.newPage();
  const person = { name: 'Aino', context, page, errors: [] };
  facilitatorUrl = await createBoard(person, paja.url);
  // A listed organisation makes the organisations button appear.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('new-organisation').fill('Espoo');
  await page.getByTestId('add-organisation').click();
  // Finnish and Swedish content: the reader's language choice and the translator appear, and
  // the Swedish note (written while reading Swedish) is marked untranslated for Finnish readers.
  await page.getByTestId('content-lang-sv').check();
  await page.keyboard.press('Escape');
  await addNote(person, 'Kirjastot auki iltaisin');
  await page.getByTestId('header-menu').click();
  await page.getByTestId('reading-lang').selectOption('sv');
  await page.getByTestId('header-menu').click();
  await addNote(person, 'Bibliotek öppna på kvällen');
  for (const role of ['participant', 'commenter', 'viewer', 'moderator']) {
    links[role] = await mintLink(paja.url, facilitatorUrl, role);
  }
  // Comments to read: one of the facilitator's, and a commenter's that she flags, so the
  // moderation queue has an item to decide.
  await page.getByTestId('show-outline').click();
  await commentInOutline(page, 'Hyvä ajatus, kirjastot kuuluvat kaikille');
  const commenter = await context.browser()?.newContext({ locale: 'fi-FI' });
  const commenterPage = await commenter?.newPage();
  if (!commenterPage) throw new Error('no browser');
  await commenterPage.goto(links.commenter ?? '');
  await commenterPage.getByTestId('name-input').fill('Kalle');
  await commenterPage.getByTestId('name-submit').click();
  await commenterPage.getByTestId('show-outline').click();
  await commentInOutline(commenterPage, 'Miksi vain iltaisin?');
  await commenter?.close();
  const theirs = page.getByTestId('comment-thread').filter({ hasText: 'Miksi vain iltaisin?' });
  await theirs.getByTestId('flag-button').click();
  await theirs.getByTestId('flag-send').click();
  await theirs.getByTestId('flag-said').filter({ hasText: /./ }).waitFor();
  await context.close();
});

/** Comments on the first note of the outline, with its form. */
async function commentInOutline(page: Page, text: string): Promise<void> {
  const note = page.getByTestId('outline-note').first();
  await note.getByTestId('outline-comment-open').click();
  await note.getByTestId('comment-text').fill(text);
  await note.getByTestId('comment-send').click();
  await note.getByTestId('comment-thread').filter({ hasText: text }).waitFor();
}

afterAll(async () => {
  await browser?.close();
  await paja?.server.close();
});

/** Everything found at one size: "view: rule (nodes)" lines, empty when all is well. */
class Findings {
  readonly problems: string[] = [];
  constructor(private readonly viewport: Viewport) {}

  async check(page: Page, view: string): Promise<void> {
    const name = `a11y-${this.viewport.name}-${view}`;
    await page.screenshot({ path: `${artifactsDir}/${name}.png` });
    for (const v of await axeViolations(page)) {
      this.problems.push(`${view}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join('\n    ')}`);
    }
    const page_ = await page.evaluate(() => ({
      main: document.querySelectorAll('main').length,
      // A skip link bypasses a header; a page that is only a message or a dialog has none.
      skip:
        document.querySelector('header') === null || document.querySelector('a.skip-link') !== null,
      lang: document.documentElement.lang,
    }));
    if (page_.main !== 1) this.problems.push(`${view}: ${page_.main} main landmarks`);
    if (!page_.skip) this.problems.push(`${view}: no skip link`);
    if (page_.lang !== 'fi') this.problems.push(`${view}: html lang is "${page_.lang}"`);
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) this.problems.push(`${view}: scrolls sideways by ${overflow}px`);
  }

  /** The keyboard's place after `what`: never the page's body (WCAG 2.4.3). */
  async focusKept(page: Page, what: string): Promise<void> {
    await page.waitForTimeout(100);
    const lost = await page.evaluate(
      () => document.activeElement === null || document.activeElement === document.body,
    );
    if (lost) this.problems.push(`${what}: the focus was lost to <body>`);
  }
}

async function open(viewport: Viewport, url: string, name: string | null): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: viewport.deviceScaleFactor,
    locale: 'fi-FI',
  });
  const page = await context.newPage();
  await page.goto(url);
  if (name !== null) {
    await page.getByTestId('name-input').waitFor({ timeout: 15_000 });
    await page.getByTestId('name-input').fill(name);
    await page.getByTestId('name-submit').click();
    await page
      .locator('[data-testid="connection-status"][data-state="online"]')
      .waitFor({ timeout: 15_000 });
  }
  return page;
}

/** Clicks a header control, opening the header's menu first where it is folded away. */
async function headerControl(page: Page, testId: string): Promise<void> {
  const control = page.getByTestId(testId);
  if (!(await control.isVisible())) {
    await page.getByTestId('header-menu').click({ timeout: 3000 });
  }
  await control.click({ timeout: 3000 });
}

async function closeWithEscape(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(100);
}

async function toCanvas(page: Page): Promise<void> {
  if (await page.getByTestId('show-canvas').isVisible()) {
    await page.getByTestId('show-canvas').click();
  }
  await page.getByTestId('comments-toggle').waitFor();
}

async function toOutline(page: Page): Promise<void> {
  if (!(await page.getByTestId('show-canvas').isVisible())) {
    await headerControl(page, 'show-outline');
  }
  await page.getByTestId('show-canvas').waitFor();
}

/** A role's page: its board and its outline, both checked (readers on phones open in the outline). */
async function openRole(findings: Findings, viewport: Viewport, role: string): Promise<Page> {
  const page = await open(viewport, links[role] ?? '', `Bertil ${role}`);
  await page
    .locator('[data-testid="note-item"], [data-testid="outline-note"]')
    .first()
    .waitFor({ state: 'attached' });
  if (await page.getByTestId('show-canvas').isVisible()) {
    await findings.check(page, `outline-${role}`);
    await toCanvas(page);
    await findings.check(page, `board-${role}`);
  } else {
    await findings.check(page, `board-${role}`);
    await toOutline(page);
    await page.getByTestId('outline-comments').first().waitFor();
    await findings.check(page, `outline-${role}`);
  }
  return page;
}

/**
 * The comments panel on the canvas (the list, one item's thread, a reply form, a flag form)
 * and, closing each with Escape, the focus kept on the page.
 */
async function checkComments(findings: Findings, page: Page, role: string): Promise<void> {
  await toCanvas(page);
  await page.getByTestId('comments-toggle').click();
  const panel = page.getByTestId('comments-panel');
  await panel.getByTestId('comment-thread').first().waitFor();
  await findings.check(page, `comments-panel-${role}`);
  await panel.getByTestId('comment-anchor').first().click();
  await panel.getByTestId('comments-focus').waitFor();
  await findings.check(page, `comment-thread-${role}`);
  const reply = panel.getByTestId('comment-reply-open').first();
  if (await reply.isVisible()) {
    await reply.click();
    await findings.check(page, `comment-reply-${role}`);
    await page.keyboard.press('Escape');
    await findings.focusKept(page, `reply form of ${role} closed with Escape`);
  }
  const flag = panel.getByTestId('flag-button').first();
  if (await flag.isVisible()) {
    await flag.click();
    await panel.getByTestId('flag-form').waitFor();
    await findings.check(page, `flag-form-${role}`);
    await page.keyboard.press('Escape');
    await findings.focusKept(page, `flag form of ${role} closed with Escape`);
  }
  await panel.getByTestId('comments-close').focus();
  await page.keyboard.press('Escape');
  await findings.focusKept(page, `comments panel of ${role} closed with Escape`);
  if (await panel.isVisible())
    findings.problems.push(`comments panel of ${role}: Escape leaves it open`);
}

describe('accessibility: axe-core (WCAG 2.1 A and AA) on every view, at every size', () => {
  for (const viewport of VIEWPORTS) {
    it(`has no violations at ${viewport.name}`, async () => {
      const findings = new Findings(viewport);

      const landing = await open(viewport, `${paja.url}/`, null);
      await landing.getByTestId('create-board').waitFor();
      await findings.check(landing, 'landing');
      // The statement, from the landing page's link: the operator's parts from configuration.
      await landing.getByTestId('statement-link').click();
      await landing.getByTestId('statement-date').waitFor();
      expect(await landing.getByTestId('statement-feedback').textContent()).toContain(
        'saavutettavuus@espoo.example',
      );
      expect(await landing.textContent('main')).toContain('Traficom');
      await findings.check(landing, 'statement');
      await landing.context().close();

      const facilitator = await open(viewport, facilitatorUrl, null);
      await facilitator.getByTestId('name-input').waitFor({ timeout: 15_000 });
      await findings.check(facilitator, 'name-dialog');
      await facilitator.getByTestId('name-input').fill('Aino');
      await facilitator.getByTestId('name-submit').click();
      await facilitator
        .locator('[data-testid="connection-status"][data-state="online"]')
        .waitFor({ timeout: 15_000 });
      await facilitator.getByTestId('note-item').first().waitFor({ state: 'attached' });
      await findings.check(facilitator, 'board-facilitator');
      await facilitator.getByTestId('header-menu').click();
      await facilitator.getByTestId('statement-link').waitFor();
      await findings.check(facilitator, 'header-menu');
      await facilitator.getByTestId('header-menu').click();
      for (const [control, view] of [
        ['share-button', 'share-dialog'],
        ['settings-button', 'settings'],
        ['translate-button', 'translator'],
        ['organisations-button', 'organisations'],
        ['participant-count', 'participants'],
        ['timer', 'timer-panel'],
      ] as const) {
        try {
          await headerControl(facilitator, control);
        } catch {
          findings.problems.push(`${view}: cannot be opened (${control} not reachable)`);
          continue;
        }
        await facilitator.waitForTimeout(200);
        await findings.check(facilitator, view);
        await closeWithEscape(facilitator);
      }
      await headerControl(facilitator, 'participant-count');
      await facilitator.getByTestId('people-button').click();
      await facilitator.getByTestId('people-item').first().waitFor();
      await findings.check(facilitator, 'people-dialog');
      await closeWithEscape(facilitator);
      // A snapshot on the canvas, read only (the history dialog is issue 13's list).
      await moreTool(facilitator, 'history-button');
      await facilitator.getByTestId('history-name').fill(`Näkymä ${viewport.name}`);
      await facilitator.getByTestId('history-take').click();
      await facilitator.getByTestId('history-canvas').first().click();
      await facilitator.getByTestId('snapshot-canvas').waitFor();
      await findings.check(facilitator, 'snapshot-canvas');
      await closeWithEscape(facilitator);
      await facilitator.getByTestId('vote-toggle').click();
      await findings.check(facilitator, 'vote-panel');
      await closeWithEscape(facilitator);
      await findings.focusKept(facilitator, 'vote panel closed with Escape');

      // The toolbar's "More" menu, open: checked like every view, closed with Escape.
      await facilitator.getByTestId('toolbar-more').click();
      await facilitator.getByTestId('toolbar-more-menu').waitFor();
      await findings.check(facilitator, 'toolbar-more-menu');
      await closeWithEscape(facilitator);
      await findings.focusKept(facilitator, "the toolbar's More menu closed with Escape");

      // The panels and dialogs of the toolbar's "More" menu: each opened from it, checked,
      // closed with Escape; the focus stays on the page (back on the menu's button) every time.
      for (const [control, view] of [
        ['phase-toggle', 'phase-panel'],
        ['moderation-button', 'moderation-panel'],
        ['export-button', 'export-dialog'],
        ['history-button', 'history-dialog'],
        ['import-button', 'import-dialog'],
      ] as const) {
        await moreTool(facilitator, control);
        await facilitator.getByTestId(view).waitFor();
        await facilitator.waitForTimeout(300);
        await findings.check(facilitator, view);
        await findings.focusKept(facilitator, `${view} opened`);
        await closeWithEscape(facilitator);
        await findings.focusKept(facilitator, `${view} closed with Escape`);
        if (await facilitator.getByTestId(view).isVisible()) {
          findings.problems.push(`${view}: Escape does not close it`);
          await moreTool(facilitator, control);
        }
      }
      await checkComments(findings, facilitator, 'facilitator');

      // A participant, then a vote the facilitator starts: the outline with dots, comments
      // and (for the facilitator) the moderation queue; then the results.
      const participant = await openRole(findings, viewport, 'participant');
      await checkComments(findings, participant, 'participant');
      await toCanvas(participant);
      await facilitator.getByTestId('vote-toggle').click();
      await facilitator.getByTestId('vote-title').fill('Mikä ensin?');
      await facilitator.getByLabel(/^Kaikki laput/).check();
      await facilitator.getByTestId('vote-start').click();
      await facilitator.getByTestId('vote-running').waitFor();
      await closeWithEscape(facilitator);
      await toOutline(participant);
      await participant.getByTestId('outline-dots').first().waitFor();
      await findings.check(participant, 'outline-participant-voting');
      await participant.getByTestId('outline-dot-add').first().click();
      await findings.focusKept(participant, 'a dot given in the outline');
      await toOutline(facilitator);
      await facilitator.getByTestId('outline-moderation').waitFor();
      await findings.check(facilitator, 'outline-facilitator-voting');
      // A note deleted in the outline: the focus moves on, not to the body.
      await facilitator.getByTestId('outline-new-note').fill('Poistettava lappu');
      await facilitator.getByTestId('outline-add').click();
      const doomed = facilitator.getByTestId('outline-note').filter({ hasText: 'Poistettava' });
      await doomed.getByTestId('outline-delete').focus();
      await facilitator.keyboard.press('Enter');
      await doomed.waitFor({ state: 'detached' });
      await findings.focusKept(facilitator, 'a note deleted in the outline');
      await toCanvas(facilitator);
      await facilitator.getByTestId('vote-toggle').click();
      await facilitator.getByTestId('vote-reveal').click();
      await participant.getByTestId('outline-vote').last().locator('ol').waitFor();
      await findings.check(participant, 'outline-results');
      await participant.context().close();
      await facilitator.context().close();

      for (const role of ['commenter', 'viewer', 'moderator']) {
        const page = await openRole(findings, viewport, role);
        await checkComments(findings, page, role);
        if (role === 'commenter') {
          await toOutline(page);
          await page.getByTestId('outline-comment-open').first().click();
          await findings.check(page, 'outline-comment-form');
          await page.keyboard.press('Escape');
          await findings.focusKept(page, 'outline comment form closed with Escape');
        }
        if (role === 'moderator') {
          await toCanvas(page);
          await moreTool(page, 'moderation-button');
          await page.getByTestId('moderation-item').first().waitFor();
          await findings.check(page, 'moderation-panel-moderator');
          await closeWithEscape(page);
          await findings.focusKept(page, 'moderation panel closed with Escape');
          await toOutline(page);
          await page.getByTestId('outline-moderation').getByTestId('moderation-item').waitFor();
          await findings.check(page, 'outline-moderator');
        }
        await page.context().close();
      }

      expect(findings.problems, findings.problems.join('\n')).toEqual([]);
    }, 300_000);
  }
});
