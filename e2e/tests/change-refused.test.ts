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
  waitConnection,
  waitOnline,
  waitSaveState,
  workshopSession,
} from './harness';

describe('a change the board no longer allows', () => {
  const session = workshopSession();
  const { people } = session;

  it('made offline and refused on return: explained, and the page starts again from the board', async () => {
    const facilitator = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const participant = await newPerson(session.browser, 'Pekka', 'en-GB');
    people.push(facilitator, participant);
    const boardUrl = await createBoard(facilitator, session.paja.url);
    await addNote(facilitator, 'Päätetty asia');
    const [noteId] = await noteIds(facilitator);
    if (!noteId) throw new Error('no note');
    await joinBoard(participant, await mintLink(session.paja.url, boardUrl, 'participant'));
    await expect.poll(() => noteTexts(participant)).toEqual(['Päätetty asia']);

    // The participant edits offline; meanwhile the facilitator locks the note. (A change
    // refused while online only restarts the page in place: phases-authority.test.ts. Edits
    // made offline that the board no longer takes mean this copy really diverged.)
    await participant.context.setOffline(true);
    await waitConnection(participant, 'offline');
    await typeIntoNote(participant, noteId, 'EI ', 'start');
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
    await participant.context.setOffline(false);

    const error = participant.page.getByTestId('board-error');
    await error.waitFor({ timeout: 10_000 });
    // The server's reason, in the participant's language.
    expect(await participant.page.getByTestId('refusal-reason').textContent()).toBe(
      'A facilitator has locked it.',
    );
    await screenshot(participant, 'change-refused');

    // Starting again: the board as the server has it, nothing of the refused change.
    await participant.page.getByTestId('reload-fresh').click();
    await waitOnline(participant);
    await waitSaveState(participant, 'saved');
    await expect.poll(() => noteTexts(participant)).toEqual(['Päätetty asia']);
    expect(await noteTexts(facilitator)).toEqual(['Päätetty asia']);
  });
});
