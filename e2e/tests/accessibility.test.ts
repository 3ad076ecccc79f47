import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, horizontalOverflow, VIEWPORTS } from './a11y';
import {
  addNote,
  artifactsDir,
  createBoard,
  launchBrowser,
  mintLink,
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
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const person = { name: 'Aino', context, page, errors: [] };
  facilitatorUrl = await createBoard(person, paja.url);
  // A listed organisation makes the organisations button appear.
  await page.getByTestId('settings-button').click();
  await page.getByTestId('new-organisation').fill('Espoo');
  await page.getByTestId('add-organisation').click();
  await page.keyboard.press('Escape');
  await addNote(person, 'Kirjastot auki iltaisin');
  await addNote(person, 'Bibliotek öppna på kvällen');
  for (const role of ['participant', 'commenter', 'viewer']) {
    links[role] = await mintLink(paja.url, facilitatorUrl, role);
  }
  await context.close();
});

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
      await headerControl(facilitator, 'history-button');
      await facilitator.getByTestId('history-name').fill(`Näkymä ${viewport.name}`);
      await facilitator.getByTestId('history-take').click();
      await facilitator.getByTestId('history-canvas').first().click();
      await facilitator.getByTestId('snapshot-canvas').waitFor();
      await findings.check(facilitator, 'snapshot-canvas');
      await closeWithEscape(facilitator);
      await facilitator.getByTestId('vote-toggle').click();
      await findings.check(facilitator, 'vote-panel');
      await closeWithEscape(facilitator);
      await facilitator.context().close();

      for (const role of ['participant', 'commenter', 'viewer']) {
        const page = await open(viewport, links[role] ?? '', `Bertil ${role}`);
        await page
          .locator('[data-testid="note-item"], [data-testid="outline-note"]')
          .first()
          .waitFor({ state: 'attached' });
        // Readers on a phone start in the outline; everyone can switch both ways.
        if (await page.getByTestId('show-canvas').isVisible()) {
          await findings.check(page, `outline-${role}`);
          await page.getByTestId('show-canvas').click();
          await page.getByTestId('note-item').first().waitFor({ state: 'attached' });
          await findings.check(page, `board-${role}`);
        } else {
          await findings.check(page, `board-${role}`);
          await headerControl(page, 'show-outline');
          await page.getByTestId('show-canvas').waitFor();
          await findings.check(page, `outline-${role}`);
        }
        await page.context().close();
      }

      expect(findings.problems, findings.problems.join('\n')).toEqual([]);
    });
  }
});
