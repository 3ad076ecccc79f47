import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  centerOfRect,
  createBoard,
  drag,
  enterName,
  joinBoard,
  mintLink,
  newPerson,
  noteIds,
  noteRect,
  type Person,
  pasteText,
  readNoteIn,
  screenshot,
  selectionOf,
  settledNoteRect,
  waitOnline,
  workshopSession,
} from './harness';

const count = (person: Person) => person.page.getByTestId('note-item').count();
const viewport = async (person: Person) =>
  ((await person.page.getByTestId('canvas').getAttribute('data-viewport')) ?? '')
    .split(',')
    .map(Number);

/** Two fingers on the canvas through the DevTools protocol (Chromium turns them into pointers). */
async function pinch(cdp: CDPSession, center: { x: number; y: number }, from: number, to: number) {
  const points = (d: number) => [
    { x: center.x - d, y: center.y, id: 1 },
    { x: center.x + d, y: center.y, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
  for (let i = 1; i <= 8; i++) {
    const d = from + ((to - from) * i) / 8;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(d) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

describe('the canvas tools', () => {
  const session = workshopSession();
  const { people } = session;

  it('pastes lines (asking above 50, refusing above 1,000), selects, duplicates, nudges, undoes', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'en-GB');
    people.push(aino);
    await createBoard(aino, session.paja.url);
    const canvas = await aino.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await aino.page.mouse.move(canvas.x + 400, canvas.y + 300);

    // Too many lines: refused whole, with a message.
    await pasteText(aino, Array.from({ length: 1001 }, (_, i) => `line ${i}`).join('\n'));
    await expect.poll(() => aino.page.getByTestId('board-notice').textContent()).toContain('1,001');
    expect(await count(aino)).toBe(0);

    // 60 lines: asked first; cancelling creates nothing, confirming creates all 60 at once.
    const sixty = Array.from({ length: 60 }, (_, i) => `Idea ${i + 1}`).join('\n');
    await pasteText(aino, sixty);
    await aino.page.getByTestId('confirm-cancel').click();
    expect(await count(aino)).toBe(0);
    await pasteText(aino, sixty);
    await aino.page.getByTestId('confirm-ok').click();
    await expect.poll(() => count(aino)).toBe(60);
    expect(await selectionOf(aino)).toHaveLength(60);

    // One undo takes the whole paste back; redo brings it back.
    await aino.page.keyboard.press('Control+z');
    await expect.poll(() => count(aino)).toBe(0);
    await aino.page.keyboard.press('Control+y');
    await expect.poll(() => count(aino)).toBe(60);
    await screenshot(aino, 'canvas-tools-pasted');

    // Escape clears; a marquee over part of the grid selects just those notes.
    await aino.page.keyboard.press('Escape');
    expect(await selectionOf(aino)).toHaveLength(0);
    await aino.page.getByTestId('zoom-fit').click();
    const first = await noteRect(aino, (await noteIdsByText(aino, 'Idea 1'))[0] as string);
    await drag(
      aino,
      { x: first.x - 10, y: first.y - 10 },
      { x: first.x + first.w * 1.5, y: first.y + first.h / 2 },
    );
    expect((await selectionOf(aino)).length).toBe(2);

    // Ctrl+A, then Ctrl+D duplicates everything (as one step), selecting the copies.
    await aino.page.keyboard.press('Control+a');
    expect(await selectionOf(aino)).toHaveLength(60);
    await aino.page.keyboard.press('Control+d');
    await expect.poll(() => count(aino)).toBe(120);

    // Arrow keys nudge the selection; the position is written once, after the keys stop.
    const [copy] = await selectionOf(aino);
    const xOf = async (id: string) =>
      ((await readNoteIn(aino, id))?.pos as [number, number] | undefined)?.[0] ?? Number.NaN;
    const before = await xOf(copy as string);
    for (let i = 0; i < 5; i++) await aino.page.keyboard.press('ArrowRight');
    await expect.poll(() => xOf(copy as string)).toBe(before + 50);

    // The minimap's view frame (here the whole map: the view is wider than the notes) shows
    // all four of its edges inside the map's border.
    const frameInside = await aino.page.getByTestId('minimap').evaluate((map) => {
      const inner = map.getBoundingClientRect();
      const frame = (map.querySelector('.minimap-view') as HTMLElement).getBoundingClientRect();
      const left = inner.left + map.clientLeft;
      const top = inner.top + map.clientTop;
      return (
        frame.left >= left &&
        frame.top >= top &&
        frame.right <= left + map.clientWidth &&
        frame.bottom <= top + map.clientHeight
      );
    });
    expect(frameInside).toBe(true);

    // Search jumps to a match and selects it. Its arrows come with a query, not before.
    expect(await aino.page.getByTestId('search-next').count()).toBe(0);
    await aino.page.getByTestId('search-input').fill('Idea 42');
    await aino.page.getByTestId('search-next').waitFor();
    await aino.page.keyboard.press('Enter');
    await expect.poll(() => aino.page.getByTestId('search-status').textContent()).toMatch(/1 \/ 2/);
    expect(await selectionOf(aino)).toHaveLength(1);

    // On the narrowest phone the empty field is wide enough for its placeholder, and with a
    // query the count and the arrows still leave the people count in the corner uncovered.
    await aino.page.setViewportSize({ width: 320, height: 640 });
    const box = async (testId: string) => {
      const rect = await aino.page.getByTestId(testId).boundingBox();
      if (!rect) throw new Error(`no ${testId}`);
      return rect;
    };
    const clearOfCount = async () => {
      const search = await aino.page.locator('.search').boundingBox();
      return (search?.x ?? 0) + (search?.width ?? 0) <= (await box('people-count')).x;
    };
    expect(await clearOfCount()).toBe(true);
    await aino.page.getByTestId('search-input').fill('');
    expect((await box('search-input')).width).toBeGreaterThanOrEqual(140);
    expect(await clearOfCount()).toBe(true);
    await screenshot(aino, 'search-320-empty');

    // A long title takes a second line on a phone rather than losing all but a few words, and
    // the header still fits the screen.
    await aino.page.getByTestId('board-title').click();
    await aino.page
      .getByTestId('board-title-input')
      .fill('Tiekartta 2030: kestävä liikkuminen ja kaupunkiympäristö Keski-Suomessa');
    await aino.page.keyboard.press('Enter');
    const title = aino.page.locator('.board-header .board-title-text');
    const lines = () =>
      title.evaluate((element) => {
        const lineHeight = Number.parseFloat(getComputedStyle(element).lineHeight);
        return Math.round(element.getBoundingClientRect().height / lineHeight);
      });
    await expect.poll(lines).toBe(2);
    const header = aino.page.locator('.board-header');
    expect(await header.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(
      true,
    );
    await screenshot(aino, 'title-320');
    await aino.page.setViewportSize({ width: 1280, height: 800 });
    // On a desktop it keeps to one line.
    await expect.poll(lines).toBe(1);

    expect(aino.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it("tells what a paste past the length limit left out of a note, in the person's language", async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    people.push(aino);
    await aino.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: session.paja.url,
    });
    await createBoard(aino, session.paja.url);
    await aino.page.getByTestId('add-note').click();
    const editor = aino.page.getByTestId('note-editor');
    await editor.waitFor();
    await aino.page.keyboard.type('Alku: ');
    // A real Ctrl+V of 4,680 characters: the browser's length limit keeps 3,994 of them.
    const long = 'Pitkä lause kaupungin liikenteestä. '.repeat(130);
    await aino.page.evaluate((text) => navigator.clipboard.writeText(text), long);
    await aino.page.keyboard.press('Control+V');
    const count = aino.page.getByTestId('note-editor-count');
    await expect
      .poll(() => count.textContent())
      .toBe(
        `Lappuun mahtuu enintään 4\u00a0000 merkkiä: liitetyn tekstin viimeiset ${(6 + long.length - 4000).toLocaleString('fi-FI')} merkkiä jäivät pois. Jaa teksti useaan lappuun.`,
      );
    expect(await count.isVisible()).toBe(true);
    // Read out too (the visible line is hidden from screen readers, which hear the status).
    expect(await aino.page.getByRole('status').filter({ hasText: 'Lappuun mahtuu' }).count()).toBe(
      1,
    );
    expect((await editor.inputValue()).length).toBe(4000);
    await screenshot(aino, 'note-paste-cut');
    await aino.page.keyboard.press('Escape');
    // What the board holds is what the editor showed: 4,000 characters, the start kept.
    const stored = await aino.page.evaluate(() => {
      type Doc = { getMap(n: string): Map<string, Map<string, { toString(): string }>> };
      const doc = (window as unknown as { __paja?: { doc: Doc } }).__paja?.doc;
      return [...(doc?.getMap('notes').values() ?? [])].map((n) => n.get('text')?.toString());
    });
    expect(stored.map((text) => text?.length)).toEqual([4000]);
    expect(stored[0]?.startsWith('Alku: Pitkä lause')).toBe(true);
    // Editing it again: the count shows under the note, with no complaint.
    await aino.page.keyboard.press('Enter');
    await editor.waitFor();
    await expect.poll(() => count.textContent()).toBe('4\u00a0000/4\u00a0000 merkkiä');
    // A short note shows no count at all.
    await aino.page.keyboard.press('Escape');
    await aino.page.getByTestId('add-note').click();
    await editor.waitFor();
    await aino.page.keyboard.type('Lyhyt');
    expect(await count.isVisible()).toBe(false);
    expect(aino.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('zoom to fit shows the whole board between the search bar and the toolbar, not under them', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'en-GB');
    people.push(aino);
    await createBoard(aino, session.paja.url);
    // Sixty notes in a square: on a wide screen the fit is as tall as the free space.
    await pasteText(aino, Array.from({ length: 60 }, (_, i) => `Idea ${i + 1}`).join('\n'));
    await aino.page.getByTestId('confirm-ok').click();
    await expect.poll(() => count(aino)).toBe(60);
    const clear = async () => {
      const ids = await aino.page
        .getByTestId('note-item')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-note-id') ?? ''));
      const toolbar = await aino.page.getByRole('toolbar').first().boundingBox();
      const search = await aino.page.locator('.board-top').boundingBox();
      const rects = await Promise.all(ids.map((id) => noteRect(aino, id)));
      const lowest = Math.max(...rects.map((r) => r.y + r.h));
      const highest = Math.min(...rects.map((r) => r.y));
      return lowest <= (toolbar?.y ?? 0) && highest >= (search?.y ?? 0) + (search?.height ?? 0);
    };
    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await aino.page.setViewportSize(size);
      await aino.page.getByTestId('zoom-fit').click();
      await expect.poll(clear).toBe(true);
    }
    await screenshot(aino, 'zoom-fit-390');
    await aino.page.setViewportSize({ width: 1280, height: 800 });

    // A board of topics whose frames reach past their notes: the frames fit whole too.
    await aino.page.goto(`${session.paja.url}/`);
    await aino.page.getByTestId('template-affinity-map').check();
    await aino.page.getByTestId('create-board').click();
    await waitOnline(aino);
    await aino.page.getByTestId('zoom-fit').click();
    const framesClear = async () => {
      const rects = await aino.page.evaluate(() => {
        type Probe = {
          __pajaCanvas?: {
            clusterRect(id: string): { x: number; y: number; w: number; h: number } | null;
          };
          __paja?: { doc: { getMap(n: string): Map<string, unknown> } };
        };
        const hook = window as unknown as Probe;
        const ids = [...(hook.__paja?.doc.getMap('clusters').keys() ?? [])];
        return ids.map((id) => hook.__pajaCanvas?.clusterRect(id) ?? null);
      });
      const canvasBox = await aino.page.getByTestId('canvas').boundingBox();
      const toolbar = await aino.page.getByRole('toolbar').first().boundingBox();
      const search = await aino.page.locator('.board-top').boundingBox();
      const left = canvasBox?.x ?? 0;
      const right = left + (canvasBox?.width ?? 0);
      return (
        rects.length > 0 &&
        rects.every(
          (r) =>
            r !== null &&
            r.x >= left &&
            r.x + r.w <= right &&
            r.y >= (search?.y ?? 0) + (search?.height ?? 0) &&
            r.y + r.h <= (toolbar?.y ?? 0),
        )
      );
    };
    await expect.poll(framesClear).toBe(true);
    // The whole board in view: the minimap would only repeat it over its corner, so it is not
    // there; zoomed in, part of the board is out of view and it comes back.
    await expect.poll(() => aino.page.getByTestId('minimap').isVisible()).toBe(false);
    await screenshot(aino, 'zoom-fit-affinity');
    await aino.page.getByTestId('zoom-in').click();
    await aino.page.getByTestId('zoom-in').click();
    await expect.poll(() => aino.page.getByTestId('minimap').isVisible()).toBe(true);
    await screenshot(aino, 'zoom-in-affinity-minimap');
    expect(aino.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('a note dragged onto a topic settles beside its notes, not on top of one', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'en-GB');
    people.push(aino);
    await createBoard(aino, session.paja.url);
    const canvas = await aino.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    for (const [text, x] of [
      ['Bike lanes', 300],
      ['Night buses', 800],
    ] as const) {
      await aino.page.mouse.dblclick(canvas.x + x, canvas.y + 250);
      await aino.page.getByTestId('note-editor').waitFor();
      await aino.page.keyboard.type(text);
      await aino.page.keyboard.press('Escape');
      await aino.page.getByTestId('note-editor').waitFor({ state: 'detached' });
    }
    const idOf = (text: string) =>
      aino.page
        .getByTestId('note-item')
        .filter({ hasText: text })
        .first()
        .getAttribute('data-note-id');
    const bike = (await idOf('Bike lanes')) ?? '';
    const night = (await idOf('Night buses')) ?? '';
    await aino.page.mouse.click(canvas.x + 20, canvas.y + 400);
    const bikeRect = await settledNoteRect(aino, bike);
    await aino.page.mouse.click(bikeRect.x + bikeRect.w / 2, bikeRect.y + bikeRect.h / 2);
    await aino.page.getByTestId('make-cluster').click();
    await aino.page.keyboard.type('Mobility');
    await aino.page.keyboard.press('Enter');
    // Night buses dropped right onto Bike lanes, inside the topic's frame.
    const target = centerOfRect(await settledNoteRect(aino, bike));
    await drag(aino, centerOfRect(await settledNoteRect(aino, night)), {
      x: target.x + 10,
      y: target.y + 10,
    });
    await expect
      .poll(async () => (await readNoteIn(aino, night))?.cluster)
      .toBe((await readNoteIn(aino, bike))?.cluster);
    const [a, b] = [await settledNoteRect(aino, bike), await settledNoteRect(aino, night)];
    const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
    expect(apart).toBe(true);
    await screenshot(aino, 'drop-into-topic-settled');
    expect(aino.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('pinches and pans with two fingers on a touch screen', async () => {
    const context = await session.browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      isMobile: true,
      locale: 'sv-FI',
    });
    const page = await context.newPage();
    const tablet: Person = { name: 'Tablet', context, page, errors: [] };
    page.on('pageerror', (error) => tablet.errors.push(error.message));
    people.push(tablet);
    await createBoard(tablet, session.paja.url);
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const cdp = await context.newCDPSession(page);
    const center = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
    const [, , scaleBefore] = await viewport(tablet);
    await pinch(cdp, center, 50, 150);
    await expect
      .poll(async () => (await viewport(tablet))[2])
      .toBeGreaterThan((scaleBefore ?? 1) * 2);
    // One finger on the empty canvas pans (a tablet has no Space key).
    const [xBefore] = await viewport(tablet);
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [{ x: center.x, y: center.y, id: 1 }],
    });
    for (let i = 1; i <= 6; i++) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x: center.x - i * 20, y: center.y, id: 1 }],
      });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => (await viewport(tablet))[0]).toBeLessThan((xBefore ?? 0) - 60);
    await screenshot(tablet, 'canvas-tools-tablet');
    expect(tablet.errors).toEqual([]);
  });

  it('a reader on a phone moves the view with a finger that lands on a note', async () => {
    const owner = await newPerson(session.browser, 'Owner', 'fi-FI');
    people.push(owner);
    const url = await createBoard(owner, session.paja.url);
    await owner.page.getByTestId('add-note').click();
    await owner.page.keyboard.type('Luettavaksi');
    await owner.page.keyboard.press('Escape');
    const context = await session.browser.newContext({
      viewport: { width: 375, height: 812 },
      hasTouch: true,
      isMobile: true,
      locale: 'fi-FI',
    });
    const page = await context.newPage();
    const reader: Person = { name: 'Kerttu', context, page, errors: [] };
    page.on('pageerror', (error) => reader.errors.push(error.message));
    people.push(reader);
    // The name dialog and the canvas speak of what a commenter does: comments, reading.
    await page.goto(await mintLink(session.paja.url, url, 'commenter'));
    expect(await page.locator('#name-dialog-help').textContent()).toBe(
      'Muut taululla näkevät nimen kommenteissasi.',
    );
    // Nor is a commenter asked for an organisation: it is written on notes they cannot add.
    expect(await page.getByTestId('organisation-input').count()).toBe(0);
    await enterName(reader);
    await waitOnline(reader);
    await page.getByTestId('show-canvas').click();
    expect(await page.getByTestId('canvas').getAttribute('aria-label')).toBe(
      'Taulun piirtoalue, luettavaksi. Siirrä näkymää vetämällä.',
    );
    const [id] = await page
      .getByTestId('note-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-note-id') ?? ''));
    const start = centerOfRect(await noteRect(reader, id ?? ''));
    const cdp = await context.newCDPSession(page);
    const before = await viewport(reader);
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [{ ...start, id: 1 }],
    });
    for (let i = 1; i <= 6; i++) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x: start.x - i * 15, y: start.y + i * 20, id: 1 }],
      });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    // The view followed the finger (left and down); the note did not move on the board.
    await expect
      .poll(async () => (await viewport(reader))[1])
      .toBeGreaterThan((before[1] ?? 0) + 80);
    expect((await viewport(reader))[0]).toBeLessThan((before[0] ?? 0) - 60);
    expect(reader.errors).toEqual([]);
  });

  it('new notes from the toolbar land where they can be seen, not under the toolbar', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'en-GB');
    people.push(aino);
    await createBoard(aino, session.paja.url);
    const toolbar = await aino.page.getByRole('toolbar').first().boundingBox();
    const search = await aino.page.locator('.board-top').boundingBox();
    const canvas = await aino.page.getByTestId('canvas').boundingBox();
    if (!toolbar || !search || !canvas) throw new Error('no toolbar, search bar or canvas');
    // Each new note is in sight when it is made: between the search bar and the toolbar, on
    // the canvas (the ninth no longer fits beside the others and the view follows it).
    for (let i = 1; i <= 9; i++) {
      const before = new Set(await noteIds(aino));
      await addNote(aino, `Idea ${i}`);
      const made = (await noteIds(aino)).find((id) => !before.has(id));
      if (!made) throw new Error('no new note');
      await expect
        .poll(
          async () => {
            const r = await noteRect(aino, made);
            return (
              r.y >= search.y + search.height &&
              r.y + r.h <= toolbar.y &&
              r.x >= canvas.x &&
              r.x + r.w <= canvas.x + canvas.width
            );
          },
          { message: `note ${i} in sight` },
        )
        .toBe(true);
    }
    await screenshot(aino, 'new-notes-in-sight');
  });

  it('shows a viewer no editing tools', async () => {
    const owner = await newPerson(session.browser, 'Owner', 'fi-FI');
    const viewer = await newPerson(session.browser, 'Viewer', 'fi-FI');
    people.push(owner, viewer);
    const url = await createBoard(owner, session.paja.url);
    await owner.page.getByTestId('add-note').click();
    await owner.page.keyboard.type('Vain luettavaksi');
    await owner.page.keyboard.press('Escape');
    await joinBoard(viewer, await mintLink(session.paja.url, url, 'viewer'));
    await viewer.page.getByTestId('note-item').first().waitFor({ state: 'attached' });
    expect(await viewer.page.getByTestId('add-note').count()).toBe(0);
    expect(await viewer.page.getByTestId('undo').count()).toBe(0);
    // Selecting works (to read and to follow), changing does not.
    const id = (await noteIdsByText(viewer, 'Vain luettavaksi'))[0] as string;
    const at = centerOfRect(await noteRect(viewer, id));
    await viewer.page.mouse.click(at.x, at.y);
    expect(await selectionOf(viewer)).toEqual([id]);
    expect(await viewer.page.getByTestId('delete-note').count()).toBe(0);
    await viewer.page.mouse.dblclick(at.x, at.y);
    expect(await viewer.page.getByTestId('note-editor').count()).toBe(0);
    await screenshot(viewer, 'canvas-tools-viewer');
  });
});

async function noteIdsByText(person: Person, text: string): Promise<string[]> {
  const items = person.page.getByTestId('note-item').filter({ hasText: new RegExp(`^${text}$`) });
  await items.first().waitFor({ state: 'attached' });
  const ids: string[] = [];
  for (const item of await items.all()) ids.push((await item.getAttribute('data-note-id')) ?? '');
  return ids;
}
