import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  newPerson,
  noteIds,
  noteTexts,
  screenshot,
  typeIntoNote,
  waitOnline,
  waitSaveState,
  workshopSession,
} from './harness';

describe('a change the board no longer allows', () => {
  const session = workshopSession();
  const { people } = session;

  it('is refused by the server, explained, and the page starts again from the board', async () => {
    const facilitator = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const participant = await newPerson(session.browser, 'Pekka', 'en-GB');
    people.push(facilitator, participant);
    const boardUrl = await createBoard(facilitator, session.paja.url);
    await addNote(facilitator, 'Päätetty asia');
    const [noteId] = await noteIds(facilitator);
    if (!noteId) throw new Error('no note');
    await joinBoard(participant, await mintLink(session.paja.url, boardUrl, 'participant'));
    await expect.poll(() => noteTexts(participant)).toEqual(['Päätetty asia']);

    // The facilitator locks the note; the participant's keystroke was already on its way
    // (written straight into the text, as a change in flight would be).
    await facilitator.page.evaluate((id) => {
      const hook = (
        window as unknown as {
          __paja?: {
            doc: { getMap(n: string): Map<string, { set(k: string, v: unknown): void }> };
          };
        }
      ).__paja;
      hook?.doc.getMap('notes').get(id)?.set('locked', true);
    }, noteId);
    await waitSaveState(facilitator, 'saved');
    await typeIntoNote(participant, noteId, 'EI ', 'start');

    const error = participant.page.getByTestId('board-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await participant.page.getByTestId('refusal-reason').textContent()).toMatch(/locked/);
    await screenshot(participant, 'change-refused');

    // Starting again: the board as the server has it, nothing of the refused change.
    await participant.page.getByTestId('reload-fresh').click();
    await waitOnline(participant);
    await waitSaveState(participant, 'saved');
    await expect.poll(() => noteTexts(participant)).toEqual(['Päätetty asia']);
    expect(await noteTexts(facilitator)).toEqual(['Päätetty asia']);
  });
});
