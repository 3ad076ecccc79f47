import { describe, expect, it } from 'vitest';
import {
  cellRect,
  centerOfRect,
  clusterTitles,
  drag,
  noteIds,
  noteRect,
  type Person,
  readNoteIn,
  remoteCursorNames,
  screenshot,
  selectionOf,
  threePeople,
  workshopSession,
} from './harness';

/** Puts data on a synthetic clipboard and fires a paste at the page, as Ctrl+V would. */
async function pasteInto(person: Person, data: Record<string, string>): Promise<void> {
  await person.page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(items)) transfer.setData(type, value);
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, data);
}

/** Fires a copy at the page and returns what the board put on the clipboard. */
async function copyFrom(person: Person): Promise<Record<string, string>> {
  return person.page.evaluate(() => {
    const transfer = new DataTransfer();
    document.body.dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
    const result: Record<string, string> = {};
    for (const type of transfer.types) result[type] = transfer.getData(type);
    return result;
  });
}

async function noteWithText(person: Person, text: string): Promise<string> {
  const item = person.page.getByTestId('note-item').filter({ hasText: text }).first();
  await item.waitFor({ state: 'attached', timeout: 10_000 });
  const id = await item.getAttribute('data-note-id');
  if (!id) throw new Error(`no note with ${text}`);
  return id;
}

async function clickNote(person: Person, id: string, shift = false): Promise<void> {
  const at = centerOfRect(await noteRect(person, id));
  if (shift) await person.page.keyboard.down('Shift');
  await person.page.mouse.click(at.x, at.y);
  if (shift) await person.page.keyboard.up('Shift');
}

describe('three people in a workshop', () => {
  const session = workshopSession();
  const { people } = session;

  it('create, type, recolour, cluster, place on the roadmap, undo, and see each other', async () => {
    const { aino, bertil, cecilia } = await threePeople(session);

    // Aino double-clicks the empty canvas and types two lines, with Finnish letters and emoji.
    const canvas = await aino.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await aino.page.mouse.dblclick(canvas.x + 300, canvas.y + 200);
    await aino.page.getByTestId('note-editor').waitFor();
    await aino.page.keyboard.type('Pyöräteitä lisää – åäö 🚲');
    await aino.page.keyboard.press('Enter');
    await aino.page.keyboard.type('Talvikunnossapito');
    await aino.page.keyboard.press('Escape');
    const cycling = await noteWithText(bertil, 'Talvikunnossapito');

    // Bertil adds one with the N key; Cecilia pastes three lines (one note per line).
    await bertil.page.mouse.move(canvas.x + 700, canvas.y + 300);
    await bertil.page.keyboard.press('n');
    await bertil.page.getByTestId('note-editor').waitFor();
    await bertil.page.keyboard.type('Bussit oftare');
    await bertil.page.keyboard.press('Escape');
    await cecilia.page.mouse.move(canvas.x + 600, canvas.y + 550);
    await pasteInto(cecilia, {
      'text/plain': '- Raitiotie\n- Kaupunkipyörät\n\n- Liityntäpysäköinti',
    });
    for (const person of people) {
      await expect.poll(() => person.page.getByTestId('note-item').count()).toBe(5);
    }
    const buses = await noteWithText(aino, 'Bussit oftare');
    const tram = await noteWithText(aino, 'Raitiotie');

    // Aino recolours her note; the others see it.
    await clickNote(aino, cycling);
    await aino.page.getByTestId('color-blue').click();
    await expect.poll(async () => (await readNoteIn(cecilia, cycling))?.color).toBe('blue');

    // Aino selects her note and Bertil's (shift-click) and drags them together: one write.
    await clickNote(aino, buses, true);
    expect(await selectionOf(aino)).toHaveLength(2);
    const posIn = async (person: Person, id: string) =>
      ((await readNoteIn(person, id))?.pos as [number, number] | undefined) ?? [0, 0];
    const before = await posIn(bertil, buses);
    const cyclingBefore = await posIn(bertil, cycling);
    const from = centerOfRect(await noteRect(aino, cycling));
    await drag(aino, from, { x: from.x + 80, y: from.y + 60 });
    await expect.poll(async () => (await posIn(bertil, buses))[0]).not.toBe(before[0]);
    const after = await posIn(bertil, buses);
    const cyclingAfter = await posIn(bertil, cycling);
    expect(after[0] - before[0]).toBe(cyclingAfter[0] - cyclingBefore[0]);
    expect(after[1] - before[1]).toBe(cyclingAfter[1] - cyclingBefore[1]);

    // ... and makes a cluster of them, named in place.
    await aino.page.getByTestId('make-cluster').click();
    await aino.page.getByTestId('title-editor').waitFor();
    // The new topic's title is empty, and the field says what to do (in Aino's Finnish).
    expect(await aino.page.getByTestId('title-editor').inputValue()).toBe('');
    expect(await aino.page.getByTestId('title-editor').getAttribute('placeholder')).toBe(
      'Kirjoita otsikko ja paina Enter',
    );
    await screenshot(aino, 'topic-title-placeholder-fi');
    await aino.page.keyboard.type('Liikenne ja pyöräily');
    await aino.page.keyboard.press('Enter');
    await expect.poll(() => clusterTitles(bertil)).toEqual(['Liikenne ja pyöräily']);

    // Copy between people (and boards): Cecilia copies her tram note, Bertil pastes it.
    await clickNote(cecilia, tram);
    const clip = await copyFrom(cecilia);
    expect(clip['text/plain']).toBe('Raitiotie');
    expect(Object.keys(clip)).toContain('application/x-paja-notes+json');
    await bertil.page.mouse.move(canvas.x + 900, canvas.y + 150);
    await pasteInto(bertil, clip);
    for (const person of people) {
      await expect.poll(() => person.page.getByTestId('note-item').count()).toBe(6);
    }

    // Aino makes a roadmap and drags Cecilia's tram note into its first cell.
    await aino.page.getByTestId('roadmap-toggle').click();
    await aino.page.getByTestId('roadmap-create').click();
    await aino.page.getByTestId('roadmap-toggle').click();
    await aino.page.getByTestId('zoom-fit').click();
    const cell = await cellRect(aino, 0, 0);
    const tramAt = centerOfRect(await noteRect(aino, tram));
    await drag(aino, tramAt, centerOfRect(cell), { steps: 20 });
    await expect.poll(async () => (await readNoteIn(bertil, tram))?.cell ?? null).not.toBeNull();
    // Lined up in the cell: drawn at the cell's top-left slot, not where it was dropped.
    const placed = await noteRect(aino, tram);
    expect(placed.x).toBeGreaterThan(cell.x);
    expect(placed.x - cell.x).toBeLessThan(cell.w / 4);

    // Bertil's and Cecilia's pointers are on Aino's screen.
    await bertil.page.mouse.move(canvas.x + 500, canvas.y + 400, { steps: 5 });
    await cecilia.page.mouse.move(canvas.x + 800, canvas.y + 250, { steps: 5 });
    await expect.poll(() => remoteCursorNames(aino)).toEqual(['Bertil', 'Cecilia']);

    await screenshot(aino, 'canvas-aino');
    await screenshot(bertil, 'canvas-bertil');
    await screenshot(cecilia, 'canvas-cecilia');

    // Aino undoes the placement: only her own action, and the others see it undone.
    await aino.page.keyboard.press('Control+z');
    await expect.poll(async () => (await readNoteIn(bertil, tram))?.cell ?? null).toBeNull();
    expect(await noteIds(cecilia)).toHaveLength(6);
    await aino.page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await readNoteIn(bertil, tram))?.cell ?? null).not.toBeNull();

    await aino.page.getByTestId('zoom-fit').click();
    await screenshot(aino, 'canvas-aino-fit');

    for (const person of people) {
      expect(person.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
    }
  });
});
