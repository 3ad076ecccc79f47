import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  drag,
  joinBoard,
  mintLink,
  newPerson,
  noteIds,
  noteRect,
  type Person,
  readNoteIn,
  screenshot,
  workshopSession,
} from './harness';

/** The id of the note with `text` in this person's copy of the board. */
async function noteWithText(person: Person, text: string): Promise<string> {
  for (const id of await noteIds(person)) {
    if ((await readNoteIn(person, id))?.text === text) return id;
  }
  throw new Error(`no note ${text}`);
}

describe('notes added out of view', () => {
  const session = workshopSession();
  const { people } = session;

  it('a participant on a phone is told of others’ new notes beside the view and brought to them', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const bo = await newPerson(session.browser, 'Bo', 'sv-SE');
    people.push(fanni, bo);
    const link = await createBoard(fanni, session.paja.url);
    await bo.page.setViewportSize({ width: 390, height: 844 });
    await joinBoard(bo, await mintLink(session.paja.url, link, 'participant'));
    const arrivals = bo.page.getByTestId('arrivals');
    // The board he joined brings no news; his own note is none either.
    await addNote(bo, 'Min egen lapp');
    await expect.poll(async () => (await noteIds(fanni)).length).toBe(1);
    expect(await arrivals.count()).toBe(0);

    // Fanni looks further right on the board (the hand tool), and adds notes in the middle of
    // her view: beside Bo's narrow one.
    await fanni.page.keyboard.press('h');
    await drag(fanni, { x: 900, y: 400 }, { x: 200, y: 400 });
    await fanni.page.keyboard.press('v');
    await addNote(fanni, 'Pyöräteitä kouluille');
    await expect.poll(() => arrivals.getAttribute('data-count')).toBe('1');
    expect(await arrivals.textContent()).toBe('1 ny lapp på annat håll: visa den');
    await screenshot(bo, 'arrivals-phone-sv');

    await addNote(fanni, 'Kirjastoauto kyliin');
    await expect.poll(() => arrivals.getAttribute('data-count')).toBe('2');
    expect(await arrivals.textContent()).toBe('2 nya lappar på annat håll: visa den senaste');
    // Whole on a narrow phone too: it wraps rather than cutting off its count.
    await bo.page.setViewportSize({ width: 360, height: 800 });
    const whole = () =>
      arrivals.evaluate((button) => {
        const box = button.getBoundingClientRect();
        return button.scrollWidth <= button.clientWidth && box.left >= 0 && box.right <= innerWidth;
      });
    await expect.poll(whole).toBe(true);
    await screenshot(bo, 'arrivals-phone-360');
    await bo.page.setViewportSize({ width: 390, height: 844 });

    // One press brings the newest into view; it is then no news any more.
    const newest = await noteWithText(bo, 'Kirjastoauto kyliin');
    await arrivals.click();
    const left = async () =>
      (await arrivals.count()) === 0 ? 0 : Number(await arrivals.getAttribute('data-count'));
    await expect.poll(left).toBeLessThan(2);
    const rect = await noteRect(bo, newest);
    expect(rect.x).toBeGreaterThanOrEqual(0);
    expect(rect.x + rect.w).toBeLessThanOrEqual(390);
    expect(rect.y).toBeGreaterThanOrEqual(0);
    expect(rect.y + rect.h).toBeLessThanOrEqual(844);
    await screenshot(bo, 'arrivals-phone-sv-shown');
  });
});
