import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  moreTool,
  newPerson,
  noteTexts,
  screenshot,
  workshopSession,
} from './harness';

/** The page's notes, id -> text, read from its document through the debugging hook. */
async function notesById(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    interface Hook {
      __paja?: {
        doc: { getMap(n: string): Map<string, { get(k: string): { toString(): string } }> };
      };
    }
    const notes = (window as unknown as Hook).__paja?.doc.getMap('notes');
    const out: Record<string, string> = {};
    notes?.forEach((note, id) => {
      out[id] = note.get('text').toString();
    });
    return out;
  });
}

/** A change another person's page would make: deletes a note, or appends to its text. */
async function change(page: Page, id: string, append: string | null): Promise<void> {
  await page.evaluate(
    ({ id, append }) => {
      interface Hook {
        __paja?: {
          doc: {
            getMap(n: string): {
              delete(k: string): void;
              get(k: string): {
                get(k: string): { length: number; insert(i: number, s: string): void };
              };
            };
          };
        };
      }
      const notes = (window as unknown as Hook).__paja?.doc.getMap('notes');
      if (!notes) throw new Error('no board');
      if (append === null) notes.delete(id);
      else {
        const text = notes.get(id).get('text');
        text.insert(text.length, append);
      }
    },
    { id, append },
  );
}

async function takeSnapshot(page: Page, name: string): Promise<void> {
  await moreTool(page, 'history-button');
  await page.getByTestId('history-dialog').waitFor();
  const before = await page.getByTestId('history-item').count();
  await page.getByTestId('history-name').fill(name);
  await page.getByTestId('history-take').click();
  await expect.poll(() => page.getByTestId('history-item').count()).toBe(before + 1);
  await page.getByTestId('history-close').click();
}

describe('history on the canvas', () => {
  const session = workshopSession();
  const { people } = session;

  it('compares two snapshots as a list and on the canvas, and opens a snapshot read only', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    people.push(fanni);
    await createBoard(fanni, session.paja.url);
    const { page } = fanni;
    for (const text of ['Pyöräily', 'Kirjasto', 'Puistot']) await addNote(fanni, text);
    await expect.poll(() => noteTexts(fanni)).toHaveLength(3);
    await takeSnapshot(page, 'Työpaja 1');

    const ids = Object.fromEntries(
      Object.entries(await notesById(page)).map(([id, text]) => [text, id]),
    );
    await addNote(fanni, 'Uimahalli');
    await change(page, ids.Kirjasto as string, null);
    await change(page, ids.Puistot as string, ' ja metsät');
    await expect
      .poll(() => noteTexts(fanni))
      .toEqual(['Puistot ja metsät', 'Pyöräily', 'Uimahalli']);
    await takeSnapshot(page, 'Työpaja 2');
    await addNote(fanni, 'Sauna'); // after both: in neither snapshot

    // Two snapshots compared as a list: exactly what changed between them.
    await moreTool(page, 'history-button');
    await page.getByTestId('history-compare-form').waitFor();
    const options = await page.getByTestId('compare-from').locator('option').allTextContents();
    const label = (name: string) => options.find((o) => o.startsWith(name)) ?? '';
    await page.getByTestId('compare-from').selectOption({ label: label('Työpaja 1') });
    await page.getByTestId('compare-to').selectOption({ label: label('Työpaja 2') });
    await page.getByTestId('compare-list').click();
    await page.getByTestId('history-diff').waitFor();
    const section = (key: string) =>
      page.getByTestId(`diff-${key}`).locator('li').allTextContents();
    expect(await section('notesAdded')).toEqual(['Uimahalli']);
    expect(await section('notesRemoved')).toEqual(['Kirjasto']);
    expect(await section('notesEdited')).toEqual(['Puistot ja metsät']);
    // The words added are marked.
    expect(await page.getByTestId('diff-notesEdited').locator('ins').allTextContents()).toEqual([
      'ja metsät',
    ]);
    expect(await page.getByTestId('history-diff').locator('[data-testid^="diff-"]').count()).toBe(
      3,
    );
    expect(await page.getByTestId('history-diff').textContent()).not.toContain('Sauna');
    await screenshot(fanni, 'history-compare-list-fi');

    // The same on the canvas: the later board drawn, the removed note put back, each marked.
    await page.getByTestId('diff-on-canvas').click();
    const canvas = page.getByTestId('snapshot-canvas');
    await canvas.waitFor();
    expect(await page.getByTestId('snapshot-title').textContent()).toBe(
      'Muutokset tilannekuvasta ”Työpaja 1” tilannekuvaan ”Työpaja 2”',
    );
    expect(await canvas.textContent()).toContain('Vain luku');
    await expect.poll(() => page.getByTestId('snapshot-area').getAttribute('data-drawn')).toBe('4');
    const marks = await page
      .getByTestId('diff-mark')
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-item'),
          el.getAttribute('data-mark'),
          el.textContent,
        ]),
      );
    // Ids to texts: the removed note's from before, the others' from the live board.
    const byText: Record<string, string> = {
      ...Object.fromEntries(Object.entries(ids).map(([text, id]) => [id, text])),
      ...(await notesById(page)),
    };
    expect(marks.map(([id, mark, shown]) => [byText[id ?? ''], mark, shown]).sort()).toEqual([
      ['Kirjasto', 'removed', 'Poistettu'],
      ['Puistot ja metsät', 'edited', 'Muokattu'],
      ['Uimahalli', 'added', 'Uusi'],
    ]);
    await screenshot(fanni, 'history-compare-canvas-fi');
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(fanni, 'history-compare-canvas-fi-375');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The way back: the live board, with what came after.
    await page.getByTestId('snapshot-back').click();
    await expect.poll(() => canvas.count()).toBe(0);
    expect(await noteTexts(fanni)).toEqual(['Puistot ja metsät', 'Pyöräily', 'Sauna', 'Uimahalli']);

    // A snapshot opened on the canvas, read only: keys reach nothing of the live board.
    await moreTool(page, 'history-button');
    await page.getByTestId('history-item').last().getByTestId('history-canvas').click();
    await canvas.waitFor();
    expect(await page.getByTestId('snapshot-title').textContent()).toMatch(/^Työpaja 1 · /);
    await expect.poll(() => page.getByTestId('snapshot-area').getAttribute('data-drawn')).toBe('3');
    expect(await page.getByTestId('diff-mark').count()).toBe(0);
    await page.getByTestId('snapshot-area').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('+');
    await screenshot(fanni, 'history-snapshot-canvas-fi');
    await page.keyboard.press('Escape');
    await expect.poll(() => canvas.count()).toBe(0);
    expect(await noteTexts(fanni)).toEqual(['Puistot ja metsät', 'Pyöräily', 'Sauna', 'Uimahalli']);
  });
});
