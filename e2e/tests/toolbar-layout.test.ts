import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './a11y';
import { artifactsDir, launchBrowser, mintLink, type RunningPaja, startPaja } from './harness';

/**
 * The board's header and toolbar on a tablet and a phone, in Finnish (the longest of the three
 * languages): nothing sticks out of the window, the facilitator's toolbar keeps to two rows
 * and does not grow when notes are selected, and the toolbar's "More" menu works by keyboard.
 * Measured from the bounding boxes Chromium lays out, as a person would see them.
 */
let paja: RunningPaja;
let browser: Browser;

beforeAll(async () => {
  paja = await startPaja();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await paja?.server.close();
});

/** A new board of the roadmap template (each test changes its own): its facilitator's link. */
async function newBoard(): Promise<string> {
  const created = await fetch(`${paja.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ template: 'roadmap-2030', locale: 'fi' }),
  });
  const board = (await created.json()) as { token: string; path: string };
  return `${paja.url}${board.path}#t=${board.token}`;
}

/** `url` in a Finnish browser of that size; `name` answers the name dialog (none: public). */
async function open(width: number, height: number, url: string, name: string | null) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'fi-FI' });
  const page = await context.newPage();
  await page.goto(url);
  if (name !== null) {
    await page.getByTestId('name-input').fill(name);
    await page.getByTestId('name-submit').click();
  }
  await page
    .locator('[data-testid="connection-status"][data-state="online"]')
    .waitFor({ timeout: 15_000 });
  return page;
}

interface Layout {
  /** Header or toolbar controls that are (partly) outside the window: "name [left, right]". */
  outside: string[];
  toolbar: { top: number; bottom: number; height: number; left: number; right: number };
  /** Rows of the toolbar: its visible controls grouped by their vertical middle. */
  rows: number;
  /** The height of one control (the "Add note" button): what a row is. */
  rowHeight: number;
  /** How far each row's content is wider than the row (it scrolls sideways by that much). */
  hiddenSideways: number[];
}

/** Where the header's and the toolbar's visible controls are; `scrolled`: the toolbar's rows may scroll. */
async function layout(page: Page, scrolled: boolean): Promise<Layout> {
  return page.evaluate((scrolled) => {
    const width = window.innerWidth;
    const height = window.innerHeight;
    const shown = (element: Element) => {
      const r = element.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(element).visibility !== 'hidden';
    };
    const nameOf = (element: Element) =>
      element.getAttribute('data-testid') ?? element.textContent?.trim().slice(0, 30) ?? '?';
    const outside: string[] = [];
    const controls = (root: Element) =>
      [...root.querySelectorAll('button, a, select, input, output')].filter(shown);
    const header = document.querySelector('.board-header');
    if (!header) throw new Error('no board header');
    for (const element of [header, ...controls(header)]) {
      const r = element.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5 || r.top < -0.5 || r.bottom > height + 0.5) {
        outside.push(`header ${nameOf(element)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
      }
    }
    const toolbar = document.querySelector('.toolbar');
    if (!toolbar) throw new Error('no toolbar');
    const box = toolbar.getBoundingClientRect();
    if (box.left < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5) {
      outside.push(`toolbar [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
    const middles: number[] = [];
    for (const element of controls(toolbar)) {
      const r = element.getBoundingClientRect();
      const middle = r.top + r.height / 2;
      if (!middles.some((m) => Math.abs(m - middle) < 8)) middles.push(middle);
      // A control in a row that scrolls sideways may be out of sight; it must still be inside
      // the toolbar's box vertically (no third row), and horizontally where rows do not scroll.
      const sideways = r.left < -0.5 || r.right > width + 0.5;
      if ((sideways && !scrolled) || r.bottom > height + 0.5 || r.top < box.top - 0.5) {
        outside.push(`toolbar ${nameOf(element)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
      }
    }
    const add = document.querySelector('[data-testid="add-note"]')?.getBoundingClientRect();
    return {
      outside,
      toolbar: {
        top: box.top,
        bottom: box.bottom,
        height: box.height,
        left: box.left,
        right: box.right,
      },
      rows: middles.length,
      rowHeight: add?.height ?? 36,
      hiddenSideways: [...toolbar.querySelectorAll('.toolbar-row')].map(
        (row) => row.scrollWidth - row.clientWidth,
      ),
    };
  }, scrolled);
}

/** Within two rows: two controls' height, the gap between and the toolbar's padding. */
function expectAtMostTwoRows(found: Layout): void {
  expect(found.rows).toBeLessThanOrEqual(2);
  expect(found.toolbar.height).toBeLessThan(2.9 * found.rowHeight);
}

async function selectAllNotes(page: Page): Promise<void> {
  await page.locator('#board-main').focus();
  await page.keyboard.press('Control+a');
  await page.getByTestId('make-cluster').waitFor();
}

/** The toolbar's "More" menu by keyboard alone: open, arrows, Home/End, Escape, a command. */
async function moreMenuByKeyboard(page: Page): Promise<void> {
  const button = page.getByTestId('toolbar-more');
  const active = () =>
    page.evaluate(() => ({
      testId: document.activeElement?.getAttribute('data-testid') ?? null,
      role: document.activeElement?.getAttribute('role') ?? null,
    }));
  await button.focus();
  expect(await button.getAttribute('aria-haspopup')).toBe('menu');
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('Enter');
  const menu = page.getByTestId('toolbar-more-menu');
  await menu.waitFor();
  expect(await button.getAttribute('aria-expanded')).toBe('true');
  expect(await menu.getAttribute('role')).toBe('menu');
  const items = await menu
    .locator('[role^="menuitem"]')
    .evaluateAll((list) => list.map((item) => item.getAttribute('data-testid')));
  // The facilitator's less-used commands, all there, the dialogs last.
  expect(items).toEqual(
    expect.arrayContaining(['private-start-open', 'phase-toggle', 'moderation-button']),
  );
  expect(items.slice(-4)).toEqual([
    'export-button',
    'history-button',
    'import-button',
    'files-button',
  ]);
  await expect.poll(active).toEqual({ testId: items[0], role: 'menuitem' });
  await page.keyboard.press('ArrowDown');
  expect((await active()).testId).toBe(items[1]);
  await page.keyboard.press('End');
  expect((await active()).testId).toBe(items[items.length - 1]);
  await page.keyboard.press('ArrowDown');
  expect((await active()).testId).toBe(items[0]);
  await page.keyboard.press('ArrowUp');
  expect((await active()).testId).toBe(items[items.length - 1]);
  await page.keyboard.press('Home');
  expect((await active()).testId).toBe(items[0]);
  // The open menu is inside the window.
  const box = await menu.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) throw new Error('no menu box');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  await page.screenshot({ path: `${artifactsDir}/toolbar-more-menu-${size.width}.png` });
  // Escape closes it, the focus back on its button.
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  expect((await active()).testId).toBe('toolbar-more');
  // ArrowUp opens it on the last command; up to "Export", Enter opens the export dialog.
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await active()).testId).toBe('files-button');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  expect((await active()).testId).toBe('export-button');
  await page.keyboard.press('Enter');
  await page.getByTestId('export-dialog').waitFor();
  await menu.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
  // The dialog gives the focus back to the menu's button, never to the page's body.
  await expect.poll(async () => (await active()).testId).toBe('toolbar-more');
}

describe('header and toolbar on a tablet and a phone, in Finnish', () => {
  it('at 1024x768 nothing sticks out, the toolbar keeps to two rows, and "More" works by keyboard', async () => {
    const page = await open(1024, 768, await newBoard(), 'Aino Facilitaattori');
    await page.getByTestId('toolbar-more').waitFor();
    const idle = await layout(page, false);
    expect(idle.outside).toEqual([]);
    expect(idle.hiddenSideways).toEqual([0, 0]);
    expectAtMostTwoRows(idle);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: `${artifactsDir}/toolbar-layout-1024-fi.png` });

    // Selecting notes fills the second row; the toolbar does not grow over the board.
    await selectAllNotes(page);
    const selected = await layout(page, false);
    expect(selected.outside).toEqual([]);
    expect(selected.hiddenSideways).toEqual([0, 0]);
    expectAtMostTwoRows(selected);
    expect(selected.toolbar.top).toBe(idle.toolbar.top);
    expect(selected.toolbar.height).toBe(idle.toolbar.height);
    await page.screenshot({ path: `${artifactsDir}/toolbar-layout-1024-fi-selected.png` });

    // A topic made of them is selected: its tools are one more menu in the same row.
    await page.getByTestId('make-cluster').click();
    await page.getByTestId('cluster-tools').waitFor();
    const topic = await layout(page, false);
    expect(topic.outside).toEqual([]);
    expect(topic.hiddenSideways).toEqual([0, 0]);
    expect(topic.toolbar.height).toBe(idle.toolbar.height);
    await page.getByTestId('cluster-tools').click();
    const topicMenu = page.getByTestId('cluster-tools-menu');
    expect(
      await topicMenu
        .locator('[role="menuitem"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid'))),
    ).toEqual([
      'cluster-rename',
      'cluster-arrange',
      'cluster-collapse',
      'cluster-delete',
      'cluster-lock',
    ]);
    await page.screenshot({ path: `${artifactsDir}/toolbar-layout-1024-fi-topic-menu.png` });
    await page.getByTestId('cluster-collapse').click();
    await topicMenu.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('cluster-tools').evaluate((b) => b === document.activeElement))
      .toBe(true);
    await page.keyboard.press('Escape');

    await moreMenuByKeyboard(page);
    await page.context().close();
  });

  it('at 375x812 nothing sticks out, every toolbar control comes into sight by Tab, and "More" works by keyboard', async () => {
    const page = await open(375, 812, await newBoard(), 'Aino Facilitaattori');
    await page.getByTestId('toolbar-more').waitFor();
    await selectAllNotes(page);
    const found = await layout(page, true);
    expect(found.outside).toEqual([]);
    expectAtMostTwoRows(found);
    // At most a fifth of the phone's screen.
    expect(found.toolbar.height).toBeLessThanOrEqual(812 / 5);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: `${artifactsDir}/toolbar-layout-375-fi-selected.png` });

    // The row scrolls sideways, and its edge with more beyond it says so (it fades out):
    // at the start only the end; scrolled to the end only the start.
    const edges = () =>
      page
        .locator('.toolbar-row')
        .first()
        .evaluate((row) => ({
          before: row.hasAttribute('data-more-before'),
          after: row.hasAttribute('data-more-after'),
        }));
    expect(await edges()).toEqual({ before: false, after: true });
    await page
      .locator('.toolbar-row')
      .first()
      .evaluate((row) => {
        row.scrollLeft = row.scrollWidth;
      });
    await expect.poll(edges).toEqual({ before: true, after: false });
    await page.screenshot({ path: `${artifactsDir}/toolbar-layout-375-fi-scrolled.png` });

    // Tab brings each of the row's controls into the window.
    await page.getByTestId('tool-select').focus();
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const where = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element?.closest('.toolbar')) return null;
        const r = element.getBoundingClientRect();
        return {
          name: element.getAttribute('data-testid') ?? '',
          inside: r.left >= -0.5 && r.right <= window.innerWidth + 0.5,
        };
      });
      if (!where) break;
      seen.push(where.name);
      expect(where.inside, `${where.name} in sight when focused`).toBe(true);
      await page.keyboard.press('Tab');
    }
    expect(seen).toEqual(expect.arrayContaining(['add-note', 'make-cluster', 'toolbar-more']));
    await page.keyboard.press('Escape');
    await moreMenuByKeyboard(page);
    await page.context().close();
  });

  it('a participant at 1024x768 and the public on a phone see their toolbars and headers whole', async () => {
    const facilitatorUrl = await newBoard();
    const lead = await open(1280, 800, facilitatorUrl, 'Aino Facilitaattori');
    await lead.getByTestId('share-button').click();
    await lead.getByTestId('publish-button').click();
    const publicLink = lead.getByTestId('public-url');
    await publicLink.waitFor();
    const publicPath = await publicLink.getAttribute('href');
    await lead.context().close();

    // A participant edits: two rows, and selecting does not make them taller.
    const participantUrl = await mintLink(paja.url, facilitatorUrl, 'participant');
    const pia = await open(1024, 768, participantUrl, 'Pia Osallistuja');
    await pia.getByTestId('add-note').waitFor();
    const idle = await layout(pia, false);
    expect(idle.outside).toEqual([]);
    expect(idle.hiddenSideways).toEqual([0, 0]);
    expectAtMostTwoRows(idle);
    await selectAllNotes(pia);
    const selected = await layout(pia, false);
    expect(selected.outside).toEqual([]);
    expect(selected.toolbar.height).toBe(idle.toolbar.height);
    await pia.screenshot({ path: `${artifactsDir}/toolbar-layout-1024-fi-participant.png` });
    await pia.context().close();

    // The public on a phone: the outline first; on the canvas one row, "Comment" in sight.
    const reader = await open(375, 812, `${paja.url}${publicPath}`, null);
    await reader.getByTestId('show-canvas').click();
    await reader.getByTestId('comment-tool').waitFor();
    const found = await layout(reader, true);
    expect(found.outside).toEqual([]);
    expect(found.rows).toBe(1);
    expect(await horizontalOverflow(reader)).toBe(0);
    const comment = await reader.getByTestId('comment-tool').boundingBox();
    expect((comment?.x ?? 999) + (comment?.width ?? 0)).toBeLessThanOrEqual(375);
    await reader.screenshot({ path: `${artifactsDir}/toolbar-layout-375-fi-public.png` });
    await reader.context().close();
  });
});
