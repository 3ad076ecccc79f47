import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './a11y';
import {
  boardLinkOf,
  drag,
  enterName,
  inTopic,
  launchBrowser,
  mintLink,
  newPerson,
  noteRect,
  overlappingFrames,
  type Person,
  pasteText,
  type RunningPaja,
  readNoteIn,
  screenshot,
  startPaja,
  waitOnline,
} from './harness';

/*
 * The canvas by keyboard alone: the participant's page gets no mouse event at all (only
 * page.keyboard); the facilitator who sets the board up may use the mouse.
 */

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

/** The focused element's note id (a note's stand-in), or null. */
const focusedNote = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-note-id') ?? null);
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
const announced = (page: Page) => page.getByTestId('canvas-announcer').textContent();
/** The note the canvas draws its focus ring around. */
const ringOn = (page: Page) => page.getByTestId('canvas').getAttribute('data-focused');

/** From the first note (Home), presses `key` until the focused note's name contains `text`. */
async function keyTo(page: Page, key: string, text: string, limit = 20): Promise<void> {
  await page.keyboard.press('Home');
  for (let i = 0; i < limit; i++) {
    if ((await focusedName(page)).includes(text)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached a note with ${text}`);
}

/** Presses Tab until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Tabs through a dialog's buttons to the one whose text is `label`, and presses it. */
async function choose(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (text === label) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`no button ${label}`);
}

/** The note's text and places in this person's replica. */
async function noteByText(person: Person, text: string) {
  return person.page.evaluate((wanted) => {
    interface YMap {
      entries(): IterableIterator<[string, { toJSON(): Record<string, unknown> }]>;
    }
    const doc = (window as unknown as { __paja?: { doc: { getMap(n: string): YMap } } }).__paja
      ?.doc;
    for (const [id, note] of doc?.getMap('notes').entries() ?? []) {
      const json = note.toJSON();
      if (json.text === wanted) {
        return { id, cluster: json.cluster ?? null, cell: json.cell ?? null, pos: json.pos };
      }
    }
    return null;
  }, text);
}

/**
 * A facilitator's board with one note: the roadmap template's (topic "Topic 1", themes by
 * periods) unless `blank`.
 */
async function boardWithNote(aino: Person, text: string, blank = false): Promise<string> {
  await aino.page.goto(`${paja.url}/`);
  if (!blank) await aino.page.getByTestId('template-roadmap-2030').check();
  await aino.page.getByTestId('create-board').click();
  const link = await boardLinkOf(aino);
  await enterName(aino);
  await waitOnline(aino);
  if (!blank) {
    // Her note goes above the template's parts, so that it is the first the keyboard reaches:
    // she pans the view up with the hand tool first (a new note goes in the middle of the view).
    await aino.page.keyboard.press('h');
    await drag(aino, { x: 640, y: 300 }, { x: 640, y: 700 });
    await aino.page.keyboard.press('v');
  }
  await aino.page.getByTestId('add-note').click();
  await aino.page.getByTestId('note-editor').waitFor();
  await aino.page.keyboard.type(text);
  await aino.page.keyboard.press('Escape');
  return link;
}

const roadmapBoard = (aino: Person) => boardWithNote(aino, 'Facilitator note');

/** Joins by keyboard: the name dialog takes the focus, Enter sends it. */
async function joinByKeyboard(person: Person, url: string): Promise<void> {
  await person.page.goto(url);
  await person.page.getByTestId('name-input').waitFor();
  await person.page.keyboard.type(person.name);
  await person.page.keyboard.press('Enter');
  await waitOnline(person);
}

describe('the canvas by keyboard', () => {
  it('a participant tabs in, moves between notes, edits, files notes with Move to…, moves and deletes, all announced', async () => {
    const aino = await newPerson(browser, 'Aino');
    const facilitatorUrl = await roadmapBoard(aino);
    const bertil = await newPerson(browser, 'Bertil');
    const page = bertil.page;
    await joinByKeyboard(bertil, await mintLink(paja.url, facilitatorUrl, 'participant'));
    await page.getByTestId('note-item').first().waitFor({ state: 'attached' });

    // Tab into the canvas: the note's stand-in has the focus, named for a screen reader, and
    // the canvas draws the ring around that note.
    await tabTo(page, '[data-testid="note-item"]');
    expect(await focusedName(page)).toBe('Note: Facilitator note, by Aino');
    expect(await ringOn(page)).toBe(await focusedNote(page));

    // N adds a note (at the view's centre) and opens its editor; Escape gives the keyboard
    // back to the new note, never to the page.
    for (const text of ['Cycle paths', 'More buses']) {
      await page.keyboard.press('n');
      await page.getByTestId('note-editor').waitFor();
      await page.keyboard.type(text);
      await page.keyboard.press('Escape');
      await expect.poll(() => focusedName(page)).toContain(`Note: ${text}`);
    }
    await expect.poll(() => noteByText(aino, 'More buses')).not.toBeNull();

    // Tab and Shift+Tab go through the notes in reading order; arrows to the nearest note.
    const seen = new Set<string>();
    for (const key of ['Shift+Tab', 'Shift+Tab', 'Tab', 'ArrowRight', 'ArrowLeft', 'ArrowDown']) {
      await page.keyboard.press(key);
      const id = await focusedNote(page);
      expect(id).not.toBeNull();
      expect(await ringOn(page)).toBe(id);
      seen.add(id as string);
    }
    expect(seen.size).toBeGreaterThan(2);
    // The view follows the focus: the focused note is on screen.
    const canvas = await page.getByTestId('canvas').boundingBox();
    const rect = await noteRect(bertil, (await focusedNote(page)) as string);
    expect(rect.x).toBeGreaterThanOrEqual(canvas?.x ?? 0);
    expect(rect.x + rect.w).toBeLessThanOrEqual((canvas?.x ?? 0) + (canvas?.width ?? 0));
    // The stand-in lies over its note, so a screen magnifier that follows the focus shows it.
    const standIn = await page.evaluate(() => {
      const r = document.activeElement?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
    });
    expect(standIn?.x).toBeCloseTo(rect.x, 0);
    expect(standIn?.y).toBeCloseTo(rect.y, 0);
    await screenshot(bertil, 'canvas-keyboard-focus');

    // Edit an existing note: Enter opens its editor, Escape ends it with focus on the note.
    await keyTo(page, 'Tab', 'Cycle paths');
    const cycling = await focusedNote(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('note-editor').waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type(' in winter');
    await page.keyboard.press('Escape');
    await expect.poll(() => noteByText(aino, 'Cycle paths in winter')).not.toBeNull();
    expect(await focusedNote(page)).toBe(cycling);

    // Editing selected it; Space takes it out of the selection and back, said in the live region.
    await page.keyboard.press(' ');
    await expect.poll(() => announced(page)).toBe('Not selected. Notes selected: 0.');
    await page.keyboard.press(' ');
    await expect.poll(() => announced(page)).toBe('Selected. Notes selected: 1.');

    // Shift+M: "Move to…" lists the topics and the roadmap's cells; one choice, one change.
    await page.keyboard.press('Shift+M');
    await page.getByTestId('move-to-dialog').waitFor();
    await screenshot(bertil, 'canvas-keyboard-move-to');
    await page.keyboard.press('Tab');
    await choose(page, 'Topic 1');
    await expect
      .poll(async () => (await noteByText(aino, 'Cycle paths in winter'))?.cluster)
      .not.toBeNull();
    await expect.poll(() => announced(page)).toBe('1 note moved to the topic “Topic 1”.');
    await expect.poll(() => focusedNote(page)).toBe(cycling);
    expect(await focusedName(page)).toContain('in topic Topic 1');

    await page.keyboard.press('Shift+M');
    await page.getByTestId('move-to-dialog').waitFor();
    await page.keyboard.press('Tab');
    await choose(page, 'Theme 1, 2026');
    await expect
      .poll(async () => (await noteByText(aino, 'Cycle paths in winter'))?.cell)
      .toEqual({ lane: expect.any(String), period: expect.any(String) });
    const filed = await noteByText(aino, 'Cycle paths in winter');
    expect(filed?.cluster).toBeNull();
    await expect.poll(() => announced(page)).toBe('1 note moved to the roadmap: Theme 1, 2026.');
    await expect.poll(() => focusedNote(page)).toBe(cycling);
    expect(await focusedName(page)).toContain('on the roadmap: Theme 1, 2026');

    // M: move mode. The arrows move the note, Enter puts it down (written once).
    await keyTo(page, 'Tab', 'More buses');
    const buses = (await focusedNote(page)) as string;
    const xOf = async (id: string) =>
      ((await readNoteIn(aino, id))?.pos as number[] | undefined)?.[0];
    const before = (await xOf(buses)) as number;
    await page.keyboard.press('m');
    await expect.poll(() => announced(page)).toContain('Moving notes: 1.');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => xOf(buses)).toBe(before + 30);
    await expect.poll(() => announced(page)).toBe('Notes moved: 1.');

    // Delete asks first; the focus goes on to the next note, not to the page.
    await page.keyboard.press('Delete');
    await page.getByTestId('confirm-dialog').waitFor();
    await choose(page, 'Delete');
    await expect.poll(() => noteByText(aino, 'More buses')).toBeNull();
    await expect.poll(() => announced(page)).toBe('Notes deleted: 1.');
    await expect.poll(() => focusedNote(page)).not.toBeNull();
    expect(bertil.errors).toEqual([]);
    await aino.context.close();
    await bertil.context.close();
  });

  it("Move to… a full topic: the facilitator's frame grows to hold the notes; a participant's go below it, and they are told", async () => {
    const aino = await newPerson(browser, 'Aino');
    const facilitatorUrl = await roadmapBoard(aino);
    // Twelve pasted notes (selected as they come), where eight fit: Topic 1's frame grows. The
    // keyboard's note goes with the paste, so Move to… takes the twelve, not the note Aino
    // wrote before (which kept the keys' focus ring).
    const canvas = await aino.page.getByTestId('canvas').boundingBox();
    await aino.page.mouse.move((canvas?.x ?? 0) + 300, (canvas?.y ?? 0) + 300);
    await pasteText(aino, Array.from({ length: 12 }, (_, i) => `Aino ${i + 1}`).join('\n'));
    await aino.page.getByTestId('move-to').click();
    expect(await aino.page.getByTestId('move-to-dialog').locator('h2').textContent()).toBe(
      'Move 12 notes to…',
    );
    expect(await overlappingFrames(aino)).toEqual([]);
    await aino.page.getByTestId('move-to-place').filter({ hasText: 'Topic 1' }).click();
    await expect.poll(() => inTopic(aino, 'Topic 1', 'Aino ')).toEqual({ members: 12, inside: 12 });
    // The topic under it moved down with its notes, so the grown frame covers no other.
    expect(await overlappingFrames(aino)).toEqual([]);
    await expect
      .poll(() => announced(aino.page))
      .toBe(
        '12 notes moved to the topic “Topic 1”. To make room, the topic below its frame moved down.',
      );
    await screenshot(aino, 'move-to-full-topic-grown');

    // A participant may file notes but not change a topic (the phase's structure setting is
    // off): the notes join the topic below its frame, and the message says why.
    const bertil = await newPerson(browser, 'Bertil');
    const page = bertil.page;
    await joinByKeyboard(bertil, await mintLink(paja.url, facilitatorUrl, 'participant'));
    for (const text of ['Bertil 1', 'Bertil 2']) {
      await tabTo(page, '[data-testid="note-item"]');
      await page.keyboard.press('n');
      await page.getByTestId('note-editor').waitFor();
      await page.keyboard.type(text);
      await page.keyboard.press('Escape');
      await expect.poll(() => focusedName(page)).toContain(`Note: ${text}`);
      await page.keyboard.press('Shift+M');
      await page.getByTestId('move-to-dialog').waitFor();
      await page.keyboard.press('Tab');
      await choose(page, 'Topic 1');
    }
    await expect.poll(() => inTopic(aino, 'Topic 1', 'Bertil ')).toEqual({ members: 2, inside: 0 });
    await expect
      .poll(() => announced(page))
      .toBe('1 note moved to the topic “Topic 1”. Its frame is full: the note is below it.');
    // The facilitator's frame was not changed by it.
    expect(await inTopic(aino, 'Topic 1', 'Aino ')).toEqual({ members: 12, inside: 12 });
    expect([...aino.errors, ...bertil.errors].filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('the view keeps a note moved by keys clear of the toolbar and the search bar', async () => {
    const aino = await newPerson(browser, 'Aino');
    await boardWithNote(aino, 'Moved by keys', true);
    const page = aino.page;
    await tabTo(page, '[data-testid="note-item"]');
    const id = (await focusedNote(page)) as string;
    const clear = async () => {
      const note = await noteRect(aino, id);
      const toolbar = await page.getByRole('toolbar').first().boundingBox();
      const search = await page.locator('.board-top').boundingBox();
      return {
        belowSearch: note.y >= (search?.y ?? 0) + (search?.height ?? 0),
        aboveToolbar: note.y + note.h <= (toolbar?.y ?? 0),
      };
    };
    // Down, far past the bottom of the screen, with the toolbar over the canvas's bottom edge;
    // Enter puts it down there.
    await page.keyboard.press('m');
    for (let i = 0; i < 25; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(clear).toEqual({ belowSearch: true, aboveToolbar: true });
    await screenshot(aino, 'canvas-keyboard-move-clear-of-toolbar');
    // And up, far past the top, under the search bar.
    await page.keyboard.press('m');
    for (let i = 0; i < 50; i++) await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(clear).toEqual({ belowSearch: true, aboveToolbar: true });
    expect(aino.errors).toEqual([]);
    await aino.context.close();
  });

  it('a viewer moves between notes and reads them, and is told that changing is not for them', async () => {
    const aino = await newPerson(browser, 'Aino');
    const facilitatorUrl = await roadmapBoard(aino);
    const viewer = await newPerson(browser, 'Veera', 'fi-FI');
    const page = viewer.page;
    await joinByKeyboard(viewer, await mintLink(paja.url, facilitatorUrl, 'viewer'));
    await page.getByTestId('note-item').first().waitFor({ state: 'attached' });
    // Said before anything is tried, as the public page says what it is.
    expect(await page.getByTestId('viewer-banner').textContent()).toBe(
      'Vain luku: voit lukea tätä taulua, mutta et muuttaa sitä.',
    );
    await tabTo(page, '[data-testid="note-item"]');
    expect(await focusedName(page)).toBe('Lappu: Facilitator note, kirjoittanut Aino');
    await page.keyboard.press('Enter');
    await expect.poll(() => announced(page)).toBe('Voit lukea tätä taulua, mutta et muuttaa sitä.');
    expect(await page.getByTestId('note-editor').count()).toBe(0);
    await page.keyboard.press('Shift+M');
    expect(await page.getByTestId('move-to-dialog').count()).toBe(0);
    // Selecting is reading, not changing: Space works for a viewer too.
    await page.keyboard.press(' ');
    await expect.poll(() => announced(page)).toBe('Valittu. Valittuja lappuja: 1.');
    // Aino shows presence, the viewer none: one participant listed, two people on the board.
    await expect
      .poll(() => page.getByTestId('participant-count').textContent())
      .toBe('Osallistujia: 1');
    await expect.poll(() => page.getByTestId('people-count').getAttribute('data-count')).toBe('2');
    // Alone, the viewer sees only the board's count, not "Participants: 0" beside a 1.
    await aino.context.close();
    await expect.poll(() => page.getByTestId('people-count').getAttribute('data-count')).toBe('1');
    await expect.poll(() => page.getByTestId('participant-count').count()).toBe(0);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });

  it('? opens the keyboard help: a dialog listing the keys, focus inside, Escape back to the note, axe clean', async () => {
    const aino = await newPerson(browser, 'Aino', 'sv-FI');
    await roadmapBoard(aino);
    const page = aino.page;
    await tabTo(page, '[data-testid="note-item"]');
    const note = await focusedNote(page);
    await page.keyboard.press('?');
    const help = page.getByTestId('key-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Kortkommandon');
    expect(await help.textContent()).toContain('Flytta till…');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(aino, 'canvas-keyboard-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(await focusedNote(page)).toBe(note);

    // On a phone, from the header's menu; still clean and within the screen.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.getByTestId('header-menu').click();
    await page.getByTestId('key-help-open').click();
    await help.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(aino, 'canvas-keyboard-help-320');
    await page.getByTestId('key-help-close').click();
    expect(aino.errors).toEqual([]);
    await aino.context.close();
  });

  it('Escape closes Share, Settings and the timer, and the focus goes back to the button that opened each', async () => {
    const aino = await newPerson(browser, 'Aino');
    await roadmapBoard(aino);
    const page = aino.page;
    const focusedId = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    for (const [button, opened] of [
      ['share-button', 'share-dialog'],
      ['settings-button', 'settings-dialog'],
      ['timer', 'timer-panel'],
    ] as const) {
      await tabTo(page, `[data-testid="${button}"]`);
      await page.keyboard.press('Enter');
      await page.getByTestId(opened).waitFor();
      expect(
        await page.evaluate(
          (id) => !!document.activeElement?.closest(`[data-testid="${id}"]`),
          opened,
        ),
      ).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId(opened).count()).toBe(0);
      // Not the board's main landmark, where the next Tab would lead into the canvas.
      await expect.poll(focusedId).toBe(button);
    }
    expect(aino.errors).toEqual([]);
    await aino.context.close();
  });
});
