import { encodeComment, encodeModerationRequest, PROTOCOL_VERSION } from '@paja/shared';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  joinBoard,
  mintLink,
  moreTool,
  newPerson,
  type Person,
  screenshot,
  waitOnline,
  workshopSession,
} from './harness';
import { framesContain as contains, openRawSocket } from './rawSocket';

/*
 * Moderating where the comments are read: a moderator hides, restores and deletes a comment
 * nobody flagged from its thread; the queue names the note a comment is on; a comment readers'
 * flags hid says so (not "removed by moderator") and offers no reply; an anonymous comment
 * written in Swedish reads "Nimetön" to a Finnish moderator, in the queue and the audit log.
 */
const session = workshopSession();

async function phone(browser: Browser, name: string, locale: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { name, context, page, errors };
}

/**
 * A raw public socket opened inside a browser page: keeps every byte the server sent it and
 * sends the frames the test builds. What any member of the public's browser receives.
 */
async function publicSocket(page: Person['page'], baseUrl: string, boardId: string, pk: string) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/sync/${boardId}?public=1&paja=1&v=${PROTOCOL_VERSION}&pk=${pk}`;
  const { frames, send } = await openRawSocket(page, url);
  return {
    frames,
    comment: (text: string, authorName: string) =>
      send(encodeComment({ request: 1, text, authorName, anchor: { kind: 'board' } })),
    flag: (comment: string) =>
      send(
        encodeModerationRequest({ kind: 'flag', request: 2, name: '', comment, reason: 'spam' }),
      ),
  };
}

/** The id of the comment with `text` in this person's replica. */
async function commentId(person: Person, text: string): Promise<string> {
  let found = '';
  await expect
    .poll(async () => {
      found = await person.page.evaluate((text) => {
        const hook = window as unknown as {
          __paja?: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } };
        };
        const comments = hook.__paja?.doc.getMap('comments');
        for (const [id, comment] of comments ?? []) if (comment.get('text') === text) return id;
        return '';
      }, text);
      return found;
    })
    .not.toBe('');
  return found;
}

describe('moderating where the comments are', () => {
  it('hides, restores and deletes in the thread; flags hide honestly; "anonymous" in each reader’s language', async () => {
    const { browser, paja, people } = session;
    const base = paja.url;
    const created = await fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'roadmap-2030', locale: 'fi' }),
    });
    const board = (await created.json()) as { id: string; token: string; path: string };
    const facilitatorUrl = `${base}${board.path}#t=${board.token}`;
    const published = await fetch(`${base}/api/boards/${board.id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ comments: true, freeze: true }),
    });
    expect(published.status).toBe(200);
    const moderatorUrl = await mintLink(base, facilitatorUrl, 'moderator');

    // --- Kajsa, the public on her phone in Swedish, comments on a note anonymously ---------
    const kajsa = await phone(browser, 'Kajsa', 'sv-SE');
    people.push(kajsa);
    await kajsa.page.goto(`${base}/p/${board.id}`);
    await waitOnline(kajsa);
    const onNote = kajsa.page
      .locator('[data-testid="outline-comments"][data-anchor^="note:"]')
      .first();
    await onNote.getByTestId('outline-comment-open').click();
    await onNote.getByTestId('comment-anonymous').check();
    const rude = 'Ni är alla idioter 3391';
    await onNote.getByTestId('comment-text').fill(rude);
    await onNote.getByTestId('comment-send').click();
    const kajsaThread = onNote.getByTestId('comment-thread').first();
    await kajsaThread.getByTestId('comment-text-shown').filter({ hasText: rude }).waitFor();
    // She reads her anonymity in Swedish: the document holds no word of any language.
    expect(await kajsaThread.locator('.comment-meta').textContent()).toMatch(/^Anonym · /);
    const rudeId = await commentId(kajsa, rude);
    expect(
      await kajsa.page.evaluate((id) => {
        const hook = window as unknown as {
          __paja?: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } };
        };
        return hook.__paja?.doc.getMap('comments').get(id)?.get('authorName');
      }, rudeId),
    ).toBe('');

    // --- Mona, a Finnish moderator, reads it in the Comments panel: not flagged by anyone ---
    const mona = await newPerson(browser, 'Mona', 'fi-FI');
    people.push(mona);
    await joinBoard(mona, moderatorUrl);
    await mona.page.getByTestId('comments-toggle').click();
    const panel = mona.page.getByTestId('comments-panel');
    const monaThread = panel.locator(`[data-testid="comment-thread"][data-comment="${rudeId}"]`);
    await monaThread.getByTestId('comment-text-shown').waitFor();
    expect(await monaThread.locator('.comment-meta').textContent()).toMatch(/^Nimetön · /);
    // Where she reads it she may hide or delete it; Flag and Support stay too.
    expect(await monaThread.getByTestId('comment-hide').textContent()).toContain('Piilota');
    expect(await monaThread.getByTestId('comment-delete').count()).toBe(1);
    expect(await monaThread.getByTestId('flag-button').count()).toBe(1);
    await screenshot(mona, 'moderation-inline-thread');
    await monaThread.getByTestId('comment-hide').click();
    await monaThread.getByTestId('comment-removed').waitFor();
    expect(await monaThread.getByTestId('comment-removed').textContent()).toBe(
      'Moderaattori poisti kommentin',
    );
    await monaThread.getByTestId('comment-restore').waitFor();

    // Kajsa reads that a moderator removed it, and cannot answer what is gone.
    const kajsaRemoved = onNote.getByTestId('comment-removed');
    await expect.poll(() => kajsaRemoved.textContent()).toBe('Kommentaren togs bort av moderatorn');
    expect(await onNote.getByTestId('comment-reply-open').count()).toBe(0);
    // Someone of the public joining now receives none of its text.
    const sockets = await newPerson(browser, 'Sockets', 'en-GB');
    people.push(sockets);
    const late = await publicSocket(sockets.page, base, board.id, 'late-key');
    await expect.poll(async () => (await late.frames()).length).toBeGreaterThan(1);
    expect(contains(await late.frames(), rude)).toBe(false);

    // --- The queue names the note it is on, and the author in Finnish ----------------------
    await panel.getByTestId('comments-close').click();
    await moreTool(mona.page, 'moderation-button');
    await mona.page.getByTestId('moderation-panel').waitFor();
    const item = mona.page.locator(`[data-testid="moderation-item"][data-id="${rudeId}"]`);
    await item.waitFor();
    expect(await item.getByTestId('moderation-anchor').textContent()).toMatch(/^Lappu ”.+”$/);
    expect(await item.locator('strong').first().textContent()).toBe('Nimetön');
    await screenshot(mona, 'moderation-inline-queue');
    await mona.page.getByTestId('moderation-tab-log').click();
    const hideEntry = mona.page.locator('[data-testid="moderation-log-entry"][data-action="hide"]');
    await hideEntry.waitFor();
    expect(await hideEntry.textContent()).toContain('Nimetön');
    expect(await hideEntry.textContent()).not.toContain('Anonym');
    await mona.page.getByTestId('moderation-close').click();

    // Restored from the thread: Kajsa reads it again.
    await mona.page.getByTestId('comments-toggle').click();
    await monaThread.getByTestId('comment-restore').click();
    await monaThread.getByTestId('comment-text-shown').waitFor();
    await kajsaThread.getByTestId('comment-text-shown').filter({ hasText: rude }).waitFor();
    await expect.poll(async () => contains(await late.frames(), rude)).toBe(true);

    // --- Readers' flags hide a comment: they are told so, not that a moderator did ----------
    const spammer = await publicSocket(sockets.page, base, board.id, 'spam-key');
    const spam = 'Osta halpoja kelloja 4411';
    await spammer.comment(spam, 'Kelloja');
    const spamId = await commentId(kajsa, spam);
    for (const key of ['flag-1', 'flag-2', 'flag-3']) {
      const flagger = await publicSocket(sockets.page, base, board.id, key);
      await flagger.flag(spamId);
    }
    const onBoard = kajsa.page.locator('[data-testid="outline-comments"][data-anchor="board"]');
    const hiddenForKajsa = onBoard.getByTestId('comment-removed');
    await expect
      .poll(() => hiddenForKajsa.textContent())
      .toBe('Dold efter anmälningar från läsare, väntar på en moderator');
    expect(await onBoard.getByTestId('comment-reply-open').count()).toBe(0);
    await hiddenForKajsa.scrollIntoViewIfNeeded();
    await screenshot(kajsa, 'moderation-inline-flagged-375');
    const spamThread = panel.locator(`[data-testid="comment-thread"][data-comment="${spamId}"]`);
    await expect
      .poll(() => spamThread.getByTestId('comment-removed').textContent())
      .toBe('Piilotettu lukijoiden ilmoitusten vuoksi, odottaa moderaattoria');
    expect(await spamThread.getByTestId('comment-restore').count()).toBe(1);
    await screenshot(mona, 'moderation-inline-flagged');

    // Deleted for good from the thread, after a question.
    await spamThread.getByTestId('comment-delete').click();
    await mona.page.getByTestId('confirm-dialog').waitFor();
    await mona.page.getByTestId('confirm-ok').click();
    await spamThread.waitFor({ state: 'detached' });
    await expect.poll(() => onBoard.getByTestId('comment-removed').count()).toBe(0);

    for (const person of [kajsa, mona]) {
      expect(person.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
    }
  });
});
