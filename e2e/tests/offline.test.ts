import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  boardLinkOf,
  enterName,
  newPerson,
  noteTexts,
  screenshot,
  waitConnection,
  waitOnline,
  waitSaveState,
  waitServiceWorker,
  workshopSession,
} from './harness';

describe('working offline', () => {
  const session = workshopSession();
  const { people } = session;

  it('keeps offline edits through a reload and merges them when the network returns', async () => {
    const aino = await newPerson(session.browser, 'Aino');
    const bertil = await newPerson(session.browser, 'Bertil');
    people.push(aino, bertil);
    await aino.page.goto(`${session.paja.url}/`);
    await aino.page.getByTestId('create-board').click();
    const boardUrl = await boardLinkOf(aino);
    await enterName(aino);
    await waitOnline(aino);
    await addNote(aino, 'Written online');
    await waitSaveState(aino, 'saved');
    // The first load installs the service worker; a reload offline needs it.
    await waitServiceWorker(aino);

    await bertil.page.goto(boardUrl);
    await enterName(bertil);
    await waitOnline(bertil);

    // Aino's network goes away: she keeps working, and the page says nothing is saved.
    await aino.context.setOffline(true);
    await waitConnection(aino, 'offline');
    await addNote(aino, 'Written offline');
    await waitSaveState(aino, 'unsaved');
    await screenshot(aino, 'offline-edit');

    // She reloads the page, still offline: the board comes back from the browser, edit and all,
    // and it is still not saved.
    await aino.page.reload();
    await aino.page.getByTestId('note-item').first().waitFor({ state: 'attached' });
    expect(await noteTexts(aino)).toEqual(['Written offline', 'Written online']);
    await waitConnection(aino, 'offline');
    await waitSaveState(aino, 'unsaved');
    await screenshot(aino, 'offline-after-reload');

    // Meanwhile Bertil, online, adds a note of his own.
    await addNote(bertil, 'Bertil was online');
    await waitSaveState(bertil, 'saved');

    // The network returns: the pages converge, and only now is Aino's work saved.
    await aino.context.setOffline(false);
    await waitOnline(aino);
    await waitSaveState(aino, 'saved');
    const all = ['Bertil was online', 'Written offline', 'Written online'];
    for (const person of [aino, bertil]) {
      await expect.poll(() => noteTexts(person), { timeout: 10_000 }).toEqual(all);
    }
    await screenshot(aino, 'offline-merged-aino');
    await screenshot(bertil, 'offline-merged-bertil');

    // "Saved" was true: a newcomer gets everything from the server.
    const cecilia = await newPerson(session.browser, 'Cecilia');
    people.push(cecilia);
    await cecilia.page.goto(boardUrl);
    await enterName(cecilia);
    await waitOnline(cecilia);
    await expect.poll(() => noteTexts(cecilia), { timeout: 10_000 }).toEqual(all);
  });

  it('says so when the browser has no room for the local copy, and keeps working online', async () => {
    const dora = await newPerson(session.browser, 'Dora');
    people.push(dora);
    // Chromium's own quota override: the origin may store almost nothing.
    const cdp = await dora.context.newCDPSession(dora.page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: session.paja.url, quotaSize: 1024 });
    await dora.page.goto(`${session.paja.url}/`);
    await dora.page.getByTestId('create-board').click();
    await boardLinkOf(dora);
    await enterName(dora);
    await waitOnline(dora);
    await addNote(dora, 'No room for this in the browser');
    const notice = dora.page.getByTestId('local-problem');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('no room left');
    await waitSaveState(dora, 'saved');
    await screenshot(dora, 'offline-quota');
  });

  it('does not bring back from the local copy a board whose link was revoked', async () => {
    const facilitator = await newPerson(session.browser, 'Fanni');
    const eero = await newPerson(session.browser, 'Eero');
    people.push(facilitator, eero);
    await facilitator.page.goto(`${session.paja.url}/`);
    await facilitator.page.getByTestId('create-board').click();
    const [path = '', facilitatorToken = ''] = (await boardLinkOf(facilitator))
      .replace(session.paja.url, '')
      .split('#t=');
    const boardId = path.replace('/b/', '');
    const api = (route: string, body: unknown) =>
      fetch(`${session.paja.url}/api/boards/${boardId}/links${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${facilitatorToken}`,
        },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<{ token: string }>);
    const { token } = await api('', { role: 'participant' });

    await eero.page.goto(`${session.paja.url}/b/${boardId}#t=${token}`);
    await enterName(eero);
    await waitOnline(eero);
    await addNote(eero, 'Saved before');
    await waitSaveState(eero, 'saved');
    await eero.context.setOffline(true);
    await waitConnection(eero, 'offline');
    await addNote(eero, 'Never reached the server');
    await waitSaveState(eero, 'unsaved');

    // The facilitator revokes the participants' links while Eero is away.
    await api('/revoke', { role: 'participant' });
    await eero.context.setOffline(false);
    const error = eero.page.getByTestId('board-error');
    await error.waitFor({ timeout: 15_000 });
    // What never reached the server is not silently dropped: it can be downloaded.
    await eero.page.getByTestId('local-rescue').waitFor();
    const download = eero.page.waitForEvent('download');
    await eero.page.getByTestId('local-rescue').getByRole('button').first().click();
    const file = await (await download).path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { notes: { text: string }[] };
    expect(exported.notes.map((note) => note.text).sort()).toEqual([
      'Never reached the server',
      'Saved before',
    ]);
    await screenshot(eero, 'offline-refused');

    // A reload does not reopen the board from the local copy, offline or not.
    await eero.page.reload();
    await error.waitFor({ timeout: 15_000 });
    expect(await eero.page.getByTestId('note-item').count()).toBe(0);
  });
});
