import { describe, expect, it } from 'vitest';
import {
  addNote,
  centerOfRect,
  createBoard,
  drag,
  joinBoard,
  mintLink,
  newPerson,
  noteRect,
  noteTexts,
  type Person,
  readNoteIn,
  screenshot,
  waitSaveState,
  workshopSession,
} from './harness';

/*
 * Six people on one board: the server paces a board's sends once it has five editors or more
 * (server/src/UpdateBroadcast.ts, editorPacingMs), and sends each person what it holds for
 * them before any other message (`saved` among them). This drives that path from browsers.
 */
describe('six people on one board', () => {
  const session = workshopSession();

  it('see every note and every move of the others, and each is told it is saved', async () => {
    const names: Array<[string, string]> = [
      ['Aino', 'fi-FI'],
      ['Bertil', 'sv-SE'],
      ['Cecilia', 'en-GB'],
      ['Dawit', 'en-GB'],
      ['Eeva', 'fi-FI'],
      ['Freja', 'sv-SE'],
    ];
    const everyone: Person[] = [];
    for (const [name, locale] of names) {
      const person = await newPerson(session.browser, name, locale);
      session.people.push(person);
      everyone.push(person);
    }
    const [aino, ...others] = everyone as [Person, ...Person[]];
    const facilitatorUrl = await createBoard(aino, session.paja.url);
    const participantUrl = await mintLink(session.paja.url, facilitatorUrl, 'participant');
    for (const person of others) await joinBoard(person, participantUrl);
    for (const person of everyone) {
      await person.page.waitForFunction(
        () =>
          /6/.test(document.querySelector('[data-testid="participant-count"]')?.textContent ?? ''),
        undefined,
        { timeout: 15_000 },
      );
    }

    // Aino adds a note and drags it across the board; everyone sees where she left it.
    await addNote(aino, 'Idea of Aino');
    const id = await aino.page
      .getByTestId('note-item')
      .filter({ hasText: 'Idea of Aino' })
      .first()
      .getAttribute('data-note-id');
    if (!id) throw new Error('no note of Aino');
    const before = (await readNoteIn(aino, id))?.pos as [number, number];
    const from = centerOfRect(await noteRect(aino, id));
    await drag(aino, from, { x: from.x - 300, y: from.y + 40 }, { steps: 30 });
    await expect
      .poll(async () => (await readNoteIn(aino, id))?.pos, { timeout: 10_000 })
      .not.toEqual(before);
    const after = (await readNoteIn(aino, id))?.pos as [number, number];
    for (const person of others) {
      await expect.poll(async () => (await readNoteIn(person, id))?.pos).toEqual(after);
    }

    // The five others add a note each at about the same time; everyone sees all six.
    await Promise.all(others.map((person) => addNote(person, `Idea of ${person.name}`)));
    const texts = everyone.map((person) => `Idea of ${person.name}`).sort();
    for (const person of everyone) {
      await expect
        .poll(async () => (await noteTexts(person)).sort(), { timeout: 15_000 })
        .toEqual(texts);
    }

    // And everyone's own changes are stored: the status says so for each of them.
    for (const person of everyone) await waitSaveState(person, 'saved');
    await screenshot(aino, 'six-people');
  });
});
