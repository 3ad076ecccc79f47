import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  noteTexts,
  screenshot,
  workshopSession,
} from './harness';

const PIA = 'Pia Virtanen';

describe('one person’s data removed by a facilitator', () => {
  const session = workshopSession();
  const { people } = session;

  it('removes a participant’s notes from the board, its snapshots and exports; pseudonymises another', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const pia = await newPerson(session.browser, PIA, 'en-US');
    const bo = await newPerson(session.browser, 'Bo Ek', 'sv-SE');
    people.push(fanni, pia, bo);
    const link = await createBoard(fanni, session.paja.url);
    const participant = await mintLink(session.paja.url, link, 'participant');
    await joinBoard(pia, participant);
    await joinBoard(bo, participant);
    await addNote(pia, 'Lisää pyöräteitä');
    await addNote(pia, 'Kirjasto auki sunnuntaisin');
    await addNote(bo, 'Fler parkbänkar');
    await expect.poll(() => noteTexts(fanni)).toHaveLength(3);

    // A snapshot holds Pia's notes too.
    const { page } = fanni;
    await moreTool(page, 'history-button');
    await page.getByTestId('history-name').fill('Työpajan loppu');
    await page.getByTestId('history-take').click();
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(1);
    await page.getByTestId('history-close').click();

    // Only the facilitator has the people view.
    await pia.page.getByTestId('participant-count').click();
    await pia.page.locator('.people-panel').waitFor();
    expect(await pia.page.getByTestId('people-button').count()).toBe(0);
    // The facilitator opens it from the list of people on the board.
    await page.getByTestId('participant-count').click();
    await page.getByTestId('people-button').click();
    await page.getByTestId('people-dialog').waitFor();
    const item = page.getByTestId('people-item').filter({ hasText: PIA });
    await expect
      .poll(() => item.textContent())
      .toContain('2 lappua · 0 kommenttia · 0 äänestystä · 1 tilannekuvassa');
    await screenshot(fanni, 'people-dialog-fi');

    // Remove, after a confirmation that says what will happen.
    await item.getByTestId('people-remove').click();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain(
      `Poistetaanko kaikki, mitä ${PIA} lisäsi`,
    );
    await page.getByTestId('confirm-ok').click();
    await expect
      .poll(() => page.getByTestId('people-status').textContent())
      .toBe(`Kaikki, mitä ${PIA} lisäsi, on poistettu taululta ja sen historiasta.`);
    await expect.poll(() => noteTexts(fanni)).toEqual(['Fler parkbänkar']);
    await expect.poll(() => noteTexts(bo)).toEqual(['Fler parkbänkar']);
    await expect
      .poll(() => page.getByTestId('people-item').filter({ hasText: PIA }).count())
      .toBe(0);

    // Bo stays, under a pseudonym.
    await page
      .getByTestId('people-item')
      .filter({ hasText: 'Bo Ek' })
      .getByTestId('people-pseudonymise')
      .click();
    await page.getByTestId('confirm-ok').click();
    await expect
      .poll(() => page.getByTestId('people-status').textContent())
      .toBe('Bo Ek näkyy nyt peitenimellä taululla ja sen historiassa.');
    // The audit log says what was done, and never whom.
    await page.getByTestId('people-audit').locator('summary').click();
    const audit = (await page.getByTestId('people-audit').textContent()) ?? '';
    expect(audit).toContain('ihmisen lisäykset poistettiin · Fanni');
    expect(audit).toContain('ihmisen nimi vaihdettiin peitenimeen · Fanni');
    expect(audit).not.toContain(PIA);
    await screenshot(fanni, 'people-done-fi');
    await page.getByTestId('people-close').click();

    // The snapshot no longer holds Pia's notes or her name.
    await moreTool(page, 'history-button');
    await page.getByTestId('history-open').click();
    const view = page.getByTestId('history-view');
    await view.waitFor();
    expect(await view.textContent()).toContain('Fler parkbänkar');
    expect(await view.textContent()).not.toContain('pyöräteitä');
    await page.getByTestId('history-close').click();

    // Neither does any export, nor the snapshot's stored board.
    const [, boardId, token] = /\/b\/([^#]+)#t=(.+)$/.exec(link) ?? [];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const base = `${session.paja.url}/api/boards/${boardId}`;
    for (const format of ['json', 'csv', 'md']) {
      const started = await fetch(`${base}/exports`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ format }),
      });
      const { id } = (await started.json()) as { id: string };
      await expect
        .poll(
          async () =>
            (
              (await (await fetch(`${base}/exports/${id}`, { headers })).json()) as {
                status: string;
              }
            ).status,
          { timeout: 60_000 },
        )
        .toBe('done');
      const file = await (await fetch(`${base}/exports/${id}/file`, { headers })).text();
      expect(file).toContain('Fler parkbänkar');
      expect(file).not.toContain(PIA);
      expect(file).not.toContain('Bo Ek');
      if (format === 'csv') expect(file).toContain('Osallistuja');
    }
    const snapshots = (await (await fetch(`${base}/snapshots`, { headers })).json()) as {
      snapshots: Array<{ id: string }>;
    };
    const stored = await (
      await fetch(`${base}/snapshots/${snapshots.snapshots[0]?.id}`, { headers })
    ).text();
    expect(stored).not.toContain(PIA);
    expect(stored).not.toContain('Bo Ek');
  });
});
