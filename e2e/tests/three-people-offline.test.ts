import { describe, expect, it } from 'vitest';
import {
  addNote,
  boardLinkOf,
  enterName,
  newPerson,
  noteTexts,
  screenshot,
  typeIntoNote,
  waitConnection,
  waitOnline,
  waitSaveState,
  workshopSession,
} from './harness';

describe('three people, one of them offline for a while', () => {
  const session = workshopSession();
  const { people } = session;

  it('converges on the same notes and text after the offline one comes back', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
    const cecilia = await newPerson(session.browser, 'Cecilia', 'en-US');
    people.push(aino, bertil, cecilia);

    await aino.page.goto(`${session.paja.url}/`);
    await aino.page.getByTestId('create-board').click();
    const boardUrl = await boardLinkOf(aino);
    await enterName(aino);
    await waitOnline(aino);
    await addNote(aino, 'Pyöräteitä');
    await waitSaveState(aino, 'saved');

    for (const person of [bertil, cecilia]) {
      await person.page.goto(boardUrl);
      await enterName(person);
      await waitOnline(person);
      await expect.poll(() => noteTexts(person), { timeout: 10_000 }).toEqual(['Pyöräteitä']);
    }
    const noteId = await aino.page.getByTestId('note-item').first().getAttribute('data-note-id');
    if (!noteId) throw new Error('the note has no id');

    // Aino drops off the network and goes on: she adds to the note and writes a new one.
    await aino.context.setOffline(true);
    await waitConnection(aino, 'offline');
    await typeIntoNote(aino, noteId, ' ja kävelyteitä', 'end');
    await addNote(aino, 'Kirjasto auki iltaisin');
    await waitSaveState(aino, 'unsaved');

    // Meanwhile Bertil types into the same note, and Cecilia adds a note of her own.
    await typeIntoNote(bertil, noteId, 'Mer: ', 'start');
    await addNote(cecilia, 'More benches');
    for (const person of [bertil, cecilia]) {
      await waitSaveState(person, 'saved');
      await expect
        .poll(() => noteTexts(person), { timeout: 10_000 })
        .toEqual(['Mer: Pyöräteitä', 'More benches']);
    }
    expect(await noteTexts(aino)).toEqual(['Kirjasto auki iltaisin', 'Pyöräteitä ja kävelyteitä']);
    await screenshot(aino, 'three-offline-aino-apart');

    // Aino is back: everyone ends up with the same notes, both edits of the shared note kept.
    await aino.context.setOffline(false);
    await waitOnline(aino);
    const expected = ['Kirjasto auki iltaisin', 'Mer: Pyöräteitä ja kävelyteitä', 'More benches'];
    for (const person of [aino, bertil, cecilia]) {
      await expect.poll(() => noteTexts(person), { timeout: 15_000 }).toEqual(expected);
      await waitSaveState(person, 'saved');
    }
    // The documents themselves agree, not only what the list shows (key order aside).
    const states = await Promise.all(
      [aino, bertil, cecilia].map((person) =>
        person.page.evaluate(() => {
          const hook = (window as unknown as { __paja?: { doc: { toJSON(): unknown } } }).__paja;
          return hook?.doc.toJSON();
        }),
      ),
    );
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    for (const person of [aino, bertil, cecilia]) {
      await screenshot(person, `three-offline-${person.name.toLowerCase()}-converged`);
    }
  });
});
