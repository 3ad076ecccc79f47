import {
  type CommentResult,
  decodeCommentResult,
  encodeComment,
  encodeModerationRequest,
  MessageType,
  openFrame,
  PROTOCOL_VERSION,
} from '@paja/shared';
import { describe, expect, it } from 'vitest';
import {
  createBoard,
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  type Person,
  screenshot,
  workshopSession,
} from './harness';
import { framesContain as contains, openRawSocket } from './rawSocket';

/**
 * A raw Paja socket opened inside a browser page: it does the sync handshake, keeps every
 * byte the server sent it, and sends the frames the test builds (a comment, a flag). This is
 * what any reader's browser receives, byte for byte, without the app deciding what to show.
 */
async function rawSocket(page: Person['page'], url: string, pk: string) {
  const { frames, send, close } = await openRawSocket(page, `${url}&pk=${pk}`);
  let request = 0;
  return {
    frames,
    close,
    /** Sends a comment on the board and waits for the server's answer. */
    async comment(text: string, authorName = 'Kaisa'): Promise<CommentResult> {
      const number = ++request;
      await send(encodeComment({ request: number, text, authorName, anchor: { kind: 'board' } }));
      let result: CommentResult | undefined;
      await expect
        .poll(async () => {
          for (const frame of await frames()) {
            const opened = openFrame(new Uint8Array(frame));
            if (!opened.ok || opened.value.type !== MessageType.commentResult) continue;
            const decoded = decodeCommentResult(opened.value.decoder);
            if (decoded.ok && decoded.value.request === number) result = decoded.value;
          }
          return result !== undefined;
        })
        .toBe(true);
      return result as CommentResult;
    },
    async flag(comment: string) {
      await send(
        encodeModerationRequest({
          kind: 'flag',
          request: ++request,
          name: '',
          comment,
          reason: 'spam',
        }),
      );
    },
  };
}

/** The sync URL for a board link of `role` (`/b/<id>#t=<token>`). */
function syncUrl(baseUrl: string, link: string): string {
  const match = /\/b\/([0-9A-Za-z_-]+)#t=(.+)$/.exec(link);
  if (!match) throw new Error(`not a board link: ${link}`);
  const ws = baseUrl.replace(/^http/, 'ws');
  return `${ws}/sync/${match[1]}?token=${match[2]}&paja=1&v=${PROTOCOL_VERSION}`;
}

async function openModeration(person: Person) {
  await moreTool(person.page, 'moderation-button');
  await person.page.getByTestId('moderation-panel').waitFor();
}

/** A facilitator (in Finnish) sets the board's policy in the open moderation panel. */
async function setPolicy(person: Person, mode: string) {
  await person.page.getByTestId('moderation-tab-policy').click();
  await person.page.getByTestId(`moderation-mode-${mode}`).check();
  await person.page.getByTestId('moderation-policy-save').click();
  await expect
    .poll(() => person.page.getByTestId('moderation-feedback').textContent())
    .toBe('Käytäntö tallennettu.');
}

const queueTexts = (person: Person) => person.page.getByTestId('moderation-text').allTextContents();

describe('moderating public comments in the browser', () => {
  const session = workshopSession();

  it('the writer of a held comment: the real length limit, "sent for moderation", not published', async () => {
    const { browser, paja, people } = session;
    const aino = await newPerson(browser, 'Aino', 'fi-FI');
    const mona = await newPerson(browser, 'Mona', 'en-GB');
    const sockets = await newPerson(browser, 'Sockets', 'en-GB');
    people.push(aino, mona, sockets);
    const facilitatorUrl = await createBoard(aino, paja.url);
    const moderatorUrl = await mintLink(paja.url, facilitatorUrl, 'moderator');
    const commenterUrl = await mintLink(paja.url, facilitatorUrl, 'commenter');
    await openModeration(aino);
    await setPolicy(aino, 'preAll');
    await joinBoard(mona, moderatorUrl);
    const other = await rawSocket(sockets.page, syncUrl(paja.url, commenterUrl), 'other-key');

    // A commenter on her phone, in Swedish, in the outline.
    const kajsa = await newPerson(browser, 'Kajsa', 'sv-SE');
    people.push(kajsa);
    await kajsa.page.setViewportSize({ width: 375, height: 740 });
    await joinBoard(kajsa, commenterUrl);
    const boardComments = kajsa.page.locator(
      '[data-testid="outline-comments"][data-anchor="board"]',
    );
    const said = kajsa.page.getByTestId('outline-said');
    await boardComments.getByTestId('outline-comment-open').click();
    const form = boardComments.getByTestId('comment-form');
    // The counter and the refusal name the server's limit (PAJA_COMMENT_MAX_CHARS, 2,000).
    const max = new Intl.NumberFormat('sv').format(2000);
    await form.getByTestId('comment-text').fill('x'.repeat(2001));
    const over = new Intl.NumberFormat('sv').format(2001);
    expect(await form.locator('.comment-length').textContent()).toBe(`${over} / ${max}`);
    await form.getByTestId('comment-send').click();
    await expect
      .poll(() => form.getByTestId('comment-problem').textContent())
      .toBe(`Kommentaren är för lång: högst ${max} tecken.`);

    const secret = 'Cykelvägen vid skolan är farlig, hemlighet 8812';
    await form.getByTestId('comment-text').fill(secret);
    await form.getByTestId('comment-send').click();
    await expect.poll(() => said.textContent()).toContain('Kommentaren skickades för moderering.');
    const mine = boardComments.getByTestId('comment-thread').filter({ hasText: secret });
    await mine.waitFor();
    // The badge is one piece, on one line.
    const badge = mine.getByTestId('comment-pending');
    expect(await badge.evaluate((element) => element.getClientRects().length)).toBe(1);
    // The banner is in the flow: scrolled to the thread, nothing covers the thread's top.
    await mine.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    const covering = await mine.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return document.elementFromPoint(box.left + 4, box.top + 2)?.closest('.outline-said');
    });
    expect(covering ?? null).toBeNull();
    await screenshot(kajsa, 'moderation-own-sent-375');

    // A refusal later: the earlier "sent" does not stand beside it.
    await boardComments.getByTestId('outline-comment-open').click();
    await form.getByTestId('comment-text').fill(secret);
    await form.getByTestId('comment-send').click();
    await expect
      .poll(() => form.getByTestId('comment-problem').textContent())
      .toBe('Du har redan skrivit den här kommentaren.');
    expect((await said.textContent())?.trim()).toBe('');
    await boardComments.getByRole('button', { name: 'Avbryt' }).click();

    // The moderator (en-GB) reads the time the British way, and does not publish it.
    await openModeration(mona);
    await expect.poll(() => queueTexts(mona)).toEqual([secret]);
    const item = mona.page.getByTestId('moderation-item').first();
    expect(await item.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
    await mona.page.getByTestId('moderation-select').first().check();
    await mona.page.getByTestId('moderation-reason').fill('off topic');
    await mona.page.getByTestId('moderation-hide').click();

    // Its writer sees that it was not published, live and after a reload.
    await mine.getByTestId('comment-rejected').waitFor();
    expect(await mine.getByTestId('comment-rejected').textContent()).toBe('Inte publicerad');
    await screenshot(kajsa, 'moderation-own-rejected-375');
    await kajsa.page.reload();
    await mine.getByTestId('comment-rejected').waitFor();
    // Nobody else: another commenter's socket never received a byte of it.
    expect(contains(await other.frames(), secret)).toBe(false);
  });

  it('pre-moderation, flags and a block, decided in the moderation panel', async () => {
    const { browser, paja, people } = session;
    const aino = await newPerson(browser, 'Aino', 'fi-FI');
    const mona = await newPerson(browser, 'Mona', 'en-GB');
    const sockets = await newPerson(browser, 'Sockets', 'en-GB');
    people.push(aino, mona, sockets);
    const facilitatorUrl = await createBoard(aino, paja.url);
    const moderatorUrl = await mintLink(paja.url, facilitatorUrl, 'moderator');
    const commenterUrl = await mintLink(paja.url, facilitatorUrl, 'commenter');
    const viewerUrl = await mintLink(paja.url, facilitatorUrl, 'viewer');

    // --- The facilitator sets pre-moderation of all comments in the panel (in Finnish) ----
    await openModeration(aino);
    await aino.page.getByTestId('moderation-tab-policy').click();
    await aino.page.getByTestId('moderation-mode-preAll').check();
    await screenshot(aino, 'moderation-policy-desktop');
    await aino.page.getByTestId('moderation-policy-save').click();
    await expect
      .poll(() => aino.page.getByTestId('moderation-feedback').textContent())
      .toBe('Käytäntö tallennettu.');
    await aino.page.getByTestId('moderation-close').click();

    // --- A public comment waits; no other reader receives a byte of it ---------------------
    await joinBoard(mona, moderatorUrl);
    const reader = await rawSocket(sockets.page, syncUrl(paja.url, viewerUrl), 'reader-key');
    const kaisa = await rawSocket(sockets.page, syncUrl(paja.url, commenterUrl), 'kaisa-key');
    // A commenter on her phone, in Swedish.
    const kajsa = await newPerson(browser, 'Kajsa', 'sv-SE');
    people.push(kajsa);
    await kajsa.page.setViewportSize({ width: 375, height: 740 });
    await joinBoard(kajsa, commenterUrl);
    // A commenter on a phone opens in the outline and comments on the board with its form;
    // she alone sees her comment, in its place, marked as waiting for moderation.
    const secret = 'Hervannan pyörätie on vaarallinen, salaisuus 4711';
    const boardComments = kajsa.page.locator(
      '[data-testid="outline-comments"][data-anchor="board"]',
    );
    await boardComments.getByTestId('outline-comment-open').click();
    await boardComments.getByTestId('comment-text').fill(secret);
    await boardComments.getByTestId('comment-send').click();
    const waiting = boardComments.getByTestId('comment-thread').filter({ hasText: secret });
    await waiting.waitFor();
    expect(await waiting.getByTestId('comment-pending').textContent()).toContain(
      'Väntar på moderering',
    );
    await screenshot(kajsa, 'moderation-own-pending-375');
    // Another commenter's page and a viewer's raw socket never get a byte of it.
    const kaarlo = await newPerson(browser, 'Kaarlo', 'fi-FI');
    people.push(kaarlo);
    await joinBoard(kaarlo, commenterUrl);
    await mona.page.getByTestId('moderation-waiting').waitFor();
    await openModeration(mona);
    await expect.poll(() => queueTexts(mona)).toEqual([secret]);
    await screenshot(mona, 'moderation-queue-desktop');
    expect(contains(await reader.frames(), secret)).toBe(false);
    expect(contains(await kaisa.frames(), secret)).toBe(false);
    expect(await kaarlo.page.textContent('body')).not.toContain('salaisuus 4711');

    // Approved in the queue: now everyone receives it.
    await mona.page.getByTestId('moderation-select').first().check();
    await mona.page.getByTestId('moderation-approve').click();
    await expect.poll(async () => contains(await reader.frames(), secret)).toBe(true);
    await mona.page.getByTestId('moderation-empty').waitFor();
    await waiting.getByTestId('comment-pending').waitFor({ state: 'detached' });
    await waiting.waitFor();

    // --- Flags: with post-moderation, three people's flags hide a comment for everyone -----
    await moreTool(aino.page, 'moderation-button');
    await setPolicy(aino, 'post');
    const flagged = 'Tämä kommentti saa ilmoituksia 5512';
    const visible = await kaisa.comment(flagged);
    const flaggedId = visible.ok ? visible.id : '';
    await expect.poll(async () => contains(await reader.frames(), flagged)).toBe(true);
    for (const key of ['flag-1', 'flag-2', 'flag-3']) {
      const flagger = await rawSocket(sockets.page, syncUrl(paja.url, viewerUrl), key);
      await flagger.flag(flaggedId);
    }
    await expect
      .poll(() =>
        mona.page.locator('[data-testid="moderation-item"][data-status="hidden"]').count(),
      )
      .toBe(1);
    // Hidden for everyone: a reader joining now receives none of it.
    const late = await rawSocket(sockets.page, syncUrl(paja.url, viewerUrl), 'late-key');
    await expect.poll(async () => (await late.frames()).length).toBeGreaterThan(1);
    expect(contains(await late.frames(), flagged)).toBe(false);
    await mona.page.getByTestId('moderation-select').first().check();
    await mona.page.getByTestId('moderation-restore').click();
    await expect.poll(async () => contains(await late.frames(), flagged)).toBe(true);

    // --- A block stops one commenter, across a reconnect; another goes on ---------------
    await setPolicy(aino, 'preAll');
    const troll = await rawSocket(sockets.page, syncUrl(paja.url, commenterUrl), 'troll-key');
    const other = await rawSocket(sockets.page, syncUrl(paja.url, commenterUrl), 'other-key');
    await troll.comment('Kaikki täällä ovat idiootteja', 'Trolli');
    await expect.poll(() => queueTexts(mona)).toEqual(['Kaikki täällä ovat idiootteja']);
    await mona.page.getByTestId('moderation-block-open').click();
    await screenshot(mona, 'moderation-block-desktop');
    await mona.page.getByTestId('moderation-block-confirm').click();
    await mona.page.locator('.moderation-badge.blocked').waitFor();
    expect(await troll.comment('Ja vielä kerran', 'Trolli')).toMatchObject({ ok: false });
    await troll.close();
    const again = await rawSocket(sockets.page, syncUrl(paja.url, commenterUrl), 'troll-key');
    expect(await again.comment('Uusi yhteys, sama ihminen', 'Trolli')).toMatchObject({
      ok: false,
    });
    expect((await other.comment('Asiallinen kommentti kevyestä liikenteestä', 'Olli')).ok).toBe(
      true,
    );
    await expect
      .poll(() => queueTexts(mona))
      .toContain('Asiallinen kommentti kevyestä liikenteestä');
    // Hide the troll's comment, in bulk with nothing else: the other one stays waiting.
    await mona.page
      .locator('[data-testid="moderation-item"]', { hasText: 'idiootteja' })
      .getByTestId('moderation-select')
      .check();
    await mona.page.getByTestId('moderation-reason').fill('loukkaava');
    await mona.page.getByTestId('moderation-hide').click();
    await mona.page.getByTestId('moderation-tab-blocks').click();
    await expect.poll(() => mona.page.getByTestId('moderation-block').count()).toBe(1);

    // --- The audit log and the exports --------------------------------------------------
    await mona.page.getByTestId('moderation-tab-log').click();
    await expect
      .poll(() => mona.page.getByTestId('moderation-log-entry').count())
      .toBeGreaterThanOrEqual(7);
    const actions = await mona.page
      .getByTestId('moderation-log-entry')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-action')));
    expect(actions).toEqual(
      expect.arrayContaining(['approve', 'autoHide', 'restore', 'block', 'hide', 'policy']),
    );
    await screenshot(mona, 'moderation-log-desktop');
    const [download] = await Promise.all([
      mona.page.waitForEvent('download'),
      mona.page.getByTestId('moderation-export-comments-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/comments-.*\.csv$/);

    // --- On a phone --------------------------------------------------------------------
    await mona.page.setViewportSize({ width: 375, height: 740 });
    await mona.page.getByTestId('moderation-tab-queue').click();
    await screenshot(mona, 'moderation-queue-375');
    const panel = await mona.page.getByTestId('moderation-panel').boundingBox();
    expect(panel?.width).toBeLessThanOrEqual(375);
    await mona.page.getByTestId('moderation-tab-policy').click();
    await screenshot(mona, 'moderation-policy-375');

    for (const person of [aino, mona]) {
      expect(person.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
    }
    expect(kajsa.errors).toEqual([]);
  });
});
