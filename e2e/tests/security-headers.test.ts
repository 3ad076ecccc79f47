import { describe, expect, it } from 'vitest';
import {
  addNote,
  createBoard,
  joinBoard,
  mintLink,
  newPerson,
  type Person,
  waitServiceWorker,
  workshopSession,
} from './harness';

/** Collects every Content-Security-Policy violation the page reports, from its first script. */
async function watchViolations(person: Person): Promise<() => Promise<string[]>> {
  await person.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const fromConsole: string[] = [];
  person.page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  return async () => [
    ...fromConsole,
    ...(await person.page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  ];
}

describe('the built client under its Content-Security-Policy', () => {
  const session = workshopSession();
  const { people } = session;

  it('runs without a single violation: landing page, board, notes, roadmap, share, service worker', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'fi-FI');
    const bertil = await newPerson(session.browser, 'Bertil', 'sv-SE');
    people.push(aino, bertil);
    const ainoViolations = await watchViolations(aino);
    const bertilViolations = await watchViolations(bertil);

    const response = await aino.page.goto(`${session.paja.url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    const boardUrl = await createBoard(aino, session.paja.url);
    await addNote(aino, 'Pyöräteitä lisää');
    await aino.page.getByTestId('roadmap-toggle').click();
    await aino.page.getByTestId('zoom-fit').click();
    // The share dialog draws QR codes.
    await aino.page.getByTestId('share-button').click();
    await expect
      .poll(() => aino.page.getByTestId('share-link-participant').inputValue())
      .toContain('#t=');
    await aino.page.keyboard.press('Escape');
    await waitServiceWorker(aino);

    await joinBoard(bertil, await mintLink(session.paja.url, boardUrl, 'participant'));
    await bertil.page.getByTestId('note-item').first().waitFor({ state: 'attached' });
    await bertil.page.mouse.move(400, 300);
    await bertil.page.mouse.move(420, 320);
    await addNote(bertil, 'Fler cykelvägar');
    await expect.poll(() => aino.page.getByTestId('note-item').count()).toBe(2);
    // The page reloads through the service worker with the same policy.
    await aino.page.reload();
    await aino.page.getByTestId('note-item').first().waitFor({ state: 'attached' });

    expect(await ainoViolations()).toEqual([]);
    expect(await bertilViolations()).toEqual([]);
  });

  it('cannot be framed by another site', async () => {
    const mallory = await newPerson(session.browser, 'Mallory');
    people.push(mallory);
    // A page of another origin (about:blank here) that frames the board, waiting until the
    // frame has finished loading whatever the browser let it load.
    await mallory.page.setContent('<iframe id="f"></iframe>');
    await mallory.page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          const frame = document.getElementById('f') as HTMLIFrameElement;
          frame.onload = () => resolve();
          frame.src = src;
        }),
      `${session.paja.url}/`,
    );
    const frame = mallory.page.frames().find((f) => f !== mallory.page.mainFrame());
    // Chromium shows its own error page in place of a refused frame: never Paja's app.
    expect(frame?.url()).not.toContain(session.paja.url);
    expect(await frame?.$('#root').catch(() => null)).toBeNull();
  });
});
