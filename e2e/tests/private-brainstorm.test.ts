import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  type Person,
  screenshot,
  waitConnection,
  workshopSession,
} from './harness';

/** Everything a page's WebSocket received, as text to search (the board's socket only). */
function recordFrames(person: Person): () => string {
  const frames: Buffer[] = [];
  person.page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      frames.push(typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload));
    });
  });
  return () => Buffer.concat(frames).toString('utf8');
}

/** The notes in the page's screen-reader list: text and whether it is private (mine, others). */
async function listed(person: Person): Promise<Array<[string, string]>> {
  return person.page
    .getByTestId('note-item')
    .evaluateAll((items) =>
      items
        .map((item): [string, string] => [
          item.textContent ?? '',
          item.getAttribute('data-private') ?? 'board',
        ])
        .sort(),
    );
}

describe('private brainstorm in the browser', () => {
  const session = workshopSession();
  const { people } = session;

  it('a facilitator and two participants: private notes stay private until one reveal shows them all', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
    people.push(fanni, aino, bertil);
    const ainoFrames = recordFrames(aino);
    const bertilFrames = recordFrames(bertil);

    const boardUrl = await createBoard(fanni, session.paja.url);
    const participantLink = await mintLink(session.paja.url, boardUrl, 'participant');
    await joinBoard(aino, participantLink);
    await joinBoard(bertil, participantLink);

    // The facilitator starts private mode from her tools, facilitators seeing the notes.
    await moreTool(fanni.page, 'private-start-open');
    await fanni.page.getByTestId('private-start-dialog').waitFor();
    expect(await fanni.page.getByTestId('private-facilitators-see').isChecked()).toBe(true);
    await screenshot(fanni, 'private-start-dialog');
    await fanni.page.getByTestId('private-start').click();
    for (const person of [fanni, aino, bertil]) {
      await person.page.getByTestId('private-banner').waitFor({ timeout: 10_000 });
    }
    // Participants do not get the facilitator's controls.
    expect(await aino.page.getByTestId('private-reveal').count()).toBe(0);

    const secretA = 'Kirjasto auki myös iltaisin';
    const secretB = 'Cykelväg längs ån';
    await addNote(aino, secretA);
    await addNote(bertil, secretB);
    await addNote(aino, 'Toinen idea');

    // Each sees their own, marked private; the group's count everywhere.
    await expect
      .poll(() => listed(aino), { timeout: 10_000 })
      .toEqual([
        [`Yksityinen – vain sinä näet tämän: ${secretA}`, 'mine'],
        ['Yksityinen – vain sinä näet tämän: Toinen idea', 'mine'],
      ]);
    await expect
      .poll(() => listed(bertil), { timeout: 10_000 })
      .toEqual([[`Privat – bara du ser den här: ${secretB}`, 'mine']]);
    for (const person of [fanni, aino, bertil]) {
      await expect
        .poll(() => person.page.getByTestId('private-count').getAttribute('data-count'), {
          timeout: 10_000,
        })
        .toBe('3');
    }
    // The facilitator sees them with their authors (she chose to).
    await expect
      .poll(() => listed(fanni), { timeout: 10_000 })
      .toEqual([
        [`Yksityinen – Aino: ${secretA}`, 'others'],
        ['Yksityinen – Aino: Toinen idea', 'others'],
        [`Yksityinen – Bertil: ${secretB}`, 'others'],
      ]);
    // Not a byte of the other's note reached either participant's socket.
    expect(bertilFrames()).not.toContain(secretA);
    expect(bertilFrames()).not.toContain('Toinen idea');
    expect(ainoFrames()).not.toContain(secretB);

    await screenshot(aino, 'private-participant-desktop');
    await screenshot(fanni, 'private-facilitator-desktop');
    await aino.page.setViewportSize({ width: 375, height: 740 });
    await aino.page.keyboard.press('Shift+Digit1'); // fit the notes into the narrow view
    await screenshot(aino, 'private-participant-375');
    await fanni.page.setViewportSize({ width: 375, height: 740 });
    await screenshot(fanni, 'private-facilitator-375');
    await fanni.page.setViewportSize({ width: 1280, height: 800 });

    // Count the document updates Bertil's page applies from now on: the reveal is one.
    await bertil.page.evaluate(() => {
      interface Hook {
        __paja?: { doc: { on(event: string, f: () => void): void } };
        __updates?: number;
      }
      const w = window as unknown as Hook;
      w.__updates = 0;
      w.__paja?.doc.on('update', () => {
        w.__updates = (w.__updates ?? 0) + 1;
      });
    });
    await fanni.page.getByTestId('private-reveal').click();
    const everything = [secretA, secretB, 'Toinen idea'].sort();
    for (const person of [fanni, aino, bertil]) {
      await expect
        .poll(async () => (await listed(person)).map(([text, kind]) => `${kind}:${text}`), {
          timeout: 10_000,
        })
        .toEqual(everything.map((text) => `board:${text}`));
      await person.page.getByTestId('private-banner').waitFor({ state: 'detached' });
    }
    expect(
      await bertil.page.evaluate(() => (window as unknown as { __updates?: number }).__updates),
    ).toBe(1);
    await screenshot(bertil, 'private-revealed-desktop');

    for (const person of [fanni, aino, bertil]) {
      expect(person.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
    }
  });
});

describe('private notes written offline', () => {
  const session = workshopSession();
  const { people } = session;

  it('stay private, go to the server on reconnect, and enter the board if the reveal came meanwhile', async () => {
    const fanni = await newPerson(session.browser, 'Fanni', 'en-US');
    const aino = await newPerson(session.browser, 'Aino', 'en-US');
    const bertil = await newPerson(session.browser, 'Bertil', 'en-US');
    people.push(fanni, aino, bertil);
    const bertilFrames = recordFrames(bertil);
    const fanniFrames = recordFrames(fanni);

    const boardUrl = await createBoard(fanni, session.paja.url);
    const participantLink = await mintLink(session.paja.url, boardUrl, 'participant');
    await joinBoard(aino, participantLink);
    await joinBoard(bertil, participantLink);
    await moreTool(fanni.page, 'private-start-open');
    // This time facilitators do not see the notes, and authors are hidden on reveal.
    await fanni.page.getByTestId('private-facilitators-see').uncheck();
    await fanni.page.getByTestId('private-hide-authors').check();
    await fanni.page.getByTestId('private-start').click();
    await aino.page.getByTestId('private-banner').waitFor({ timeout: 10_000 });

    await aino.context.setOffline(true);
    await waitConnection(aino, 'offline');
    await addNote(aino, 'Written on the train');
    await expect
      .poll(() => listed(aino))
      .toEqual([['Private — only you see this: Written on the train', 'mine']]);
    await expect
      .poll(() => aino.page.getByTestId('private-count').textContent())
      .toContain('not yet saved');
    await aino.context.setOffline(false);
    await waitConnection(aino, 'online');
    for (const person of [fanni, bertil]) {
      await expect
        .poll(() => person.page.getByTestId('private-count').getAttribute('data-count'), {
          timeout: 15_000,
        })
        .toBe('1');
    }
    await expect
      .poll(() => aino.page.getByTestId('private-count').textContent())
      .not.toContain('not yet saved');
    expect(bertilFrames()).not.toContain('Written on the train');
    expect(fanniFrames()).not.toContain('Written on the train');
    expect(await listed(fanni)).toEqual([]);

    // Offline again; the facilitator reveals while Aino writes one more.
    await aino.context.setOffline(true);
    await waitConnection(aino, 'offline');
    await addNote(aino, 'Written in the tunnel');
    await fanni.page.getByTestId('private-reveal').click();
    await expect
      .poll(async () => (await listed(bertil)).map(([text]) => text), { timeout: 10_000 })
      .toEqual(['Written on the train']);
    expect(bertilFrames()).not.toContain('Written in the tunnel');
    await aino.context.setOffline(false);
    await waitConnection(aino, 'online');
    // Her late note is now an ordinary board note, for everyone, once.
    for (const person of [fanni, aino, bertil]) {
      await expect
        .poll(async () => (await listed(person)).map(([text, kind]) => `${kind}:${text}`), {
          timeout: 15_000,
        })
        .toEqual(['board:Written in the tunnel', 'board:Written on the train']);
    }
    await aino.page.getByTestId('private-banner').waitFor({ state: 'detached' });
    for (const person of [fanni, aino, bertil]) {
      expect(person.errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual(
        [],
      );
    }
  });
});
