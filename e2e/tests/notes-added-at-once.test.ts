import { type Box, overlaps } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  newPerson,
  noteTexts,
  type Person,
  screenshot,
  waitConnection,
  waitOnline,
  waitSaveState,
  workshopSession,
} from './harness';

/** Every note's box as this person's document has it. */
async function noteBoxes(person: Person) {
  return person.page.evaluate(() => {
    const hook = window as unknown as {
      __paja?: {
        doc: { getMap(n: string): { toJSON(): Record<string, Record<string, unknown>> } };
      };
    };
    const notes = hook.__paja?.doc.getMap('notes').toJSON() ?? {};
    return Object.entries(notes)
      .map(([id, note]) => {
        const [x, y] = note.pos as [number, number];
        const [w, h] = note.size as [number, number];
        return { id, x, y, w, h };
      })
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  });
}

const overlapping = (boxes: Box[]) =>
  boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => overlaps(a, b)));

/*
 * "Everyone add a note now": each person's board has the same free spot in the middle of the
 * same view, so the notes would land on top of each other. Each client moves its own note off
 * the stack once the others' arrive (client freshNotes.ts, shared unstackedSpot).
 */
describe('notes added at the same moment by several people', () => {
  const session = workshopSession();

  it('do not stay on top of each other, and everyone sees the same places', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
    const cecilia = await newPerson(session.browser, 'Cecilia', 'en-GB');
    const everyone = [aino, bertil, cecilia];
    session.people.push(...everyone);
    const facilitatorUrl = await createBoard(aino, session.paja.url);
    const participantUrl = await mintLink(session.paja.url, facilitatorUrl, 'participant');
    for (const person of [bertil, cecilia]) await joinBoard(person, participantUrl);

    // Bertil and Cecilia add theirs while neither has heard of the other's (off the network,
    // as on a slow one), and Aino hers meanwhile: three notes on one spot.
    for (const person of [bertil, cecilia]) {
      await person.context.setOffline(true);
      await waitConnection(person, 'offline');
    }
    await Promise.all(everyone.map((person) => addNote(person, `Idea of ${person.name}`)));
    for (const person of [bertil, cecilia]) {
      await person.context.setOffline(false);
      await waitOnline(person);
    }

    const texts = everyone.map((person) => `Idea of ${person.name}`).sort();
    for (const person of everyone) {
      // noteTexts gives them sorted.
      await expect.poll(() => noteTexts(person), { timeout: 15_000 }).toEqual(texts);
    }
    // Apart on every screen, and in the same places on every screen.
    for (const person of everyone) {
      await expect
        .poll(async () => overlapping(await noteBoxes(person)), { timeout: 15_000 })
        .toEqual([]);
    }
    const places = await noteBoxes(aino);
    for (const person of [bertil, cecilia]) {
      await expect.poll(() => noteBoxes(person), { timeout: 15_000 }).toEqual(places);
    }
    for (const person of everyone) await waitSaveState(person, 'saved');
    await screenshot(aino, 'notes-added-at-once');
  });
});
