import { describe, expect, it } from 'vitest';
import {
  clusterTitles,
  createBoard,
  joinBoard,
  mintLink,
  newPerson,
  noteIds,
  type Person,
  pasteText,
  readNoteIn,
  screenshot,
  workshopSession,
} from './harness';

/** Every note in this person's replica as text → author name. */
async function notesByText(person: Person): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const id of await noteIds(person)) {
    const note = await readNoteIn(person, id);
    if (note) found.set(String(note.text), String(note.authorName));
  }
  return found;
}

describe('rows pasted from a spreadsheet', () => {
  const session = workshopSession();
  const { people } = session;

  it('become notes filed into topics for a facilitator, and plain notes in their own name for a participant', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    people.push(aino);
    const facilitatorUrl = await createBoard(aino, session.paja.url);
    const canvas = await aino.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await aino.page.mouse.move(canvas.x + 400, canvas.y + 300);

    // What Excel or LibreOffice puts on the clipboard: tab-separated rows, a quoted cell with a
    // line break, a header row in Finnish that names the columns.
    await pasteText(
      aino,
      'Teksti\tAihe\tKirjoittaja\n' +
        'Pyöräteitä kouluille\tLiikenne\tEspoon kaupunki\n' +
        '"Bussi myös\nyöllä"\tLiikenne\t\n' +
        'Lisää puistoja\tViheralueet\t\n' +
        'Kirjasto auki sunnuntaisin\t\t\n',
    );
    await expect
      .poll(() => aino.page.getByTestId('board-notice').textContent())
      .toContain('taulukon riveistä luotiin 4');
    await expect.poll(async () => (await notesByText(aino)).size).toBe(4);
    const notes = await notesByText(aino);
    expect(notes.get('Pyöräteitä kouluille')).toBe('Espoon kaupunki');
    expect(notes.get('Bussi myös\nyöllä')).toBe('Aino');
    expect((await clusterTitles(aino)).sort()).toEqual(['Liikenne', 'Viheralueet']);
    await screenshot(aino, 'spreadsheet-paste-facilitator');

    // A participant sees them, then pastes rows of his own: topics are not his to create in a
    // workshop phase and the sheet's author column is not his name, so both are left out and
    // nothing is refused.
    const pekka = await newPerson(session.browser, 'Pekka', 'en-GB');
    people.push(pekka);
    await joinBoard(pekka, await mintLink(session.paja.url, facilitatorUrl, 'participant'));
    await expect.poll(async () => (await notesByText(pekka)).size).toBe(4);
    const pekkaCanvas = await pekka.page.getByTestId('canvas').boundingBox();
    if (!pekkaCanvas) throw new Error('no canvas');
    await pekka.page.mouse.move(pekkaCanvas.x + 300, pekkaCanvas.y + 250);
    await pasteText(
      pekka,
      'Idea\tTopic\tAuthor\nBuses at night\tTransport\tSomeone else\nA sauna by the sea\t\t\n',
    );
    await expect
      .poll(() => pekka.page.getByTestId('board-notice').textContent())
      .toContain('2 notes created from the pasted rows');
    await expect.poll(async () => (await notesByText(aino)).get('Buses at night')).toBe('Pekka');
    expect((await notesByText(aino)).get('A sauna by the sea')).toBe('Pekka');
    expect((await clusterTitles(aino)).sort()).toEqual(['Liikenne', 'Viheralueet']);
    expect(pekka.errors).toEqual([]);
  });
});
