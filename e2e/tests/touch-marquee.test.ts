import type { CDPSession, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  centerOfRect,
  createBoard,
  noteRect,
  type Person,
  screenshot,
  selectionOf,
  workshopSession,
} from './harness';

/*
 * A touch screen selects several notes by resting a finger on the empty canvas and then
 * dragging (a quick drag pans, as fingers expect), and reaches the canvas's actions without a
 * keyboard: here, "Move to…" from the toolbar. Touches go through the DevTools protocol, which
 * Chromium turns into touch pointer events, as a tablet's would.
 */

type At = { x: number; y: number };
type PajaHook = { __paja?: { doc: { getMap(n: string): Map<string, unknown> } } };

async function touch(
  cdp: CDPSession,
  type: 'touchStart' | 'touchMove' | 'touchEnd',
  at?: At,
): Promise<void> {
  const touchPoints = at ? [{ x: at.x, y: at.y, id: 1 }] : [];
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A finger's tap: down, a moment (as a finger takes), up. */
async function tap(cdp: CDPSession, at: At): Promise<void> {
  await touch(cdp, 'touchStart', at);
  await pause(80);
  await touch(cdp, 'touchEnd');
}

async function tapOn(cdp: CDPSession, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to tap');
  await tap(cdp, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

/** One finger from `from` to `to`, resting `holdMs` first. */
async function fingerDrag(cdp: CDPSession, from: At, to: At, holdMs: number): Promise<void> {
  await touch(cdp, 'touchStart', from);
  if (holdMs > 0) await pause(holdMs);
  for (let i = 1; i <= 10; i++) {
    const at = { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 };
    await touch(cdp, 'touchMove', at);
  }
  await touch(cdp, 'touchEnd');
}

const viewportOf = async (person: Person) =>
  (await person.page.getByTestId('canvas').getAttribute('data-viewport')) ?? '';

describe('touch', () => {
  const session = workshopSession();

  it('a long press then a drag selects with a marquee; a quick drag pans; Move to… by tapping', async () => {
    const context = await session.browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      isMobile: true,
      locale: 'fi-FI',
    });
    const page = await context.newPage();
    const tablet: Person = { name: 'Tabletti', context, page, errors: [] };
    page.on('pageerror', (error) => tablet.errors.push(error.message));
    session.people.push(tablet);
    await createBoard(tablet, session.paja.url);
    const cdp = await context.newCDPSession(page);
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const corner = { x: canvas.x + 40, y: canvas.y + 120 };

    // Three notes from the toolbar; a tap on the empty canvas closes each editor (each in
    // another spot: two taps in one spot would be a double tap, which adds a note).
    for (const [i, text] of ['Yksi', 'Kaksi', 'Kolme'].entries()) {
      await page.getByTestId('add-note').tap();
      await page.getByTestId('note-editor').waitFor();
      await page.keyboard.type(text);
      await tap(cdp, { x: corner.x, y: corner.y + i * 120 });
      await page.getByTestId('note-editor').waitFor({ state: 'detached' });
    }
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="note-item"]')].map(
        (item) => item.getAttribute('data-note-id') ?? '',
      ),
    );
    expect(ids).toHaveLength(3);
    /** The notes where they are on screen now, top to bottom, then left to right. */
    const inOrder = async () => {
      const rects = await Promise.all(
        ids.map(async (id) => ({ id, ...(await noteRect(tablet, id)) })),
      );
      return rects.sort((a, b) => a.y - b.y || a.x - b.x);
    };
    const [first] = await inOrder();
    if (!first) throw new Error('no notes');

    // A quick drag pans and selects nothing.
    const before = await viewportOf(tablet);
    const start = { x: first.x - 40, y: first.y - 40 };
    await fingerDrag(cdp, start, { x: start.x + 60, y: start.y + 40 }, 0);
    await expect.poll(() => viewportOf(tablet)).not.toBe(before);
    expect(await selectionOf(tablet)).toEqual([]);

    // Resting first, then dragging: a marquee from beside the first note to the middle of the
    // second selects those two, and the view stays where it was.
    const [a, b, c] = await inOrder();
    if (!a || !b || !c) throw new Error('three notes expected');
    const afterPan = await viewportOf(tablet);
    await fingerDrag(cdp, { x: a.x - 15, y: a.y - 15 }, centerOfRect(b), 800);
    await expect.poll(async () => (await selectionOf(tablet)).sort()).toEqual([a.id, b.id].sort());
    expect(await viewportOf(tablet)).toBe(afterPan);
    await screenshot(tablet, 'touch-marquee');

    // Without a keyboard: the toolbar makes a topic of them; a tap on the third note and the
    // toolbar's "Move to…" put it into that topic.
    await tapOn(cdp, page.getByTestId('make-cluster'));
    await page.getByTestId('title-editor').waitFor();
    await tap(cdp, corner);
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as unknown as PajaHook).__paja?.doc.getMap('clusters').size ?? 0,
        ),
      )
      .toBe(1);
    const thirdId = c.id;
    // Near its top: on a tablet the toolbar (taller while notes are selected) may cover the
    // lower part of a note at the bottom of the screen, as a person would see.
    const third = await noteRect(tablet, thirdId);
    await tap(cdp, { x: third.x + third.w / 2, y: third.y + 12 });
    await expect.poll(() => selectionOf(tablet)).toEqual([thirdId]);
    await tapOn(cdp, page.getByTestId('move-to'));
    await tapOn(cdp, page.getByTestId('move-to-place').first());
    await expect
      .poll(() =>
        page.evaluate(
          (id) =>
            (
              (window as unknown as PajaHook).__paja?.doc.getMap('notes').get(id) as
                | { get(k: string): unknown }
                | undefined
            )?.get('cluster') ?? null,
          thirdId,
        ),
      )
      .not.toBeNull();
    expect(tablet.errors).toEqual([]);
  });
});
