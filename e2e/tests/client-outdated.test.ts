import {
  decodeFrame,
  decodeWelcome,
  encodeWelcome,
  MessageType,
  SCHEMA_VERSION,
} from '@paja/shared';
import type { WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  enterName,
  mintLink,
  newPerson,
  noteTexts,
  screenshot,
  waitOnline,
  workshopSession,
} from './harness';

describe('a page older or newer than the server', () => {
  const session = workshopSession();
  const { people } = session;

  it('stops and asks for a reload, in the person’s language, and the reload works', async () => {
    const facilitator = await newPerson(session.browser, 'Fanni', 'fi-FI');
    const newer = await newPerson(session.browser, 'Niina', 'fi-FI');
    const older = await newPerson(session.browser, 'Stina', 'sv-SE');
    people.push(facilitator, newer, older);
    const boardUrl = await createBoard(facilitator, session.paja.url);
    await addNote(facilitator, 'Tavoite 2030');
    const link = await mintLink(session.paja.url, boardUrl, 'participant');

    // As if the server had been updated to a newer board schema: its welcome says so.
    let tamper = true;
    await newer.page.routeWebSocket(/\/sync\//, (ws: WebSocketRoute) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (tamper && typeof message !== 'string' && message[0] === MessageType.welcome) {
          const welcome = decodeFrame(new Uint8Array(message), MessageType.welcome, decodeWelcome);
          if (!welcome.ok) throw new Error(welcome.error.reason);
          const newerWelcome = { ...welcome.value, schemaVersion: SCHEMA_VERSION + 1 };
          ws.send(Buffer.from(encodeWelcome(newerWelcome)));
          return;
        }
        ws.send(message);
      });
    });
    // As if this page were older than the server: the server refuses it with 4426.
    await older.page.routeWebSocket(/\/sync\//, (ws: WebSocketRoute) => {
      void ws.close({ code: 4426, reason: 'Paja was updated: reload the page' });
    });

    for (const person of [newer, older]) {
      await person.page.goto(link);
      await enterName(person);
      await person.page.getByTestId('reload-outdated').waitFor({ timeout: 15_000 });
    }
    expect(await newer.page.getByTestId('board-error').textContent()).toBe(
      'Paja on päivitetty – lataa sivu uudelleen.',
    );
    expect(await older.page.getByTestId('board-error').textContent()).toBe(
      'Paja har uppdaterats – ladda om sidan.',
    );
    expect(await older.page.getByTestId('reload-outdated').textContent()).toBe('Ladda om');
    await screenshot(newer, 'client-outdated');

    // The reloaded page speaks the server's versions (here: the server stops pretending).
    tamper = false;
    await newer.page.getByTestId('reload-outdated').click();
    await waitOnline(newer);
    await expect.poll(() => noteTexts(newer)).toEqual(['Tavoite 2030']);
  });
});
