import { describe, expect, it } from 'vitest';
import { type Person, screenshot, threePeople, waitOnline, workshopSession } from './harness';

interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The board rectangle a page shows (window.__pajaCanvas.view). */
async function viewOf(person: Person): Promise<ViewRect> {
  return person.page.evaluate(() => {
    const probe = (window as unknown as { __pajaCanvas?: { view(): ViewRect } }).__pajaCanvas;
    if (!probe) throw new Error('no canvas');
    return probe.view();
  });
}

const centre = (r: ViewRect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/** How far apart the centres of two people's views are, in board units. */
async function apart(a: Person, b: Person): Promise<number> {
  const [ca, cb] = [centre(await viewOf(a)), centre(await viewOf(b))];
  return Math.hypot(ca.x - cb.x, ca.y - cb.y);
}

/** Pans a page's canvas as a trackpad's two-finger scroll does. */
async function pan(person: Person, dx: number, dy: number): Promise<void> {
  const canvas = await person.page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  await person.page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let i = 0; i < 5; i++) await person.page.mouse.wheel(dx / 5, dy / 5);
}

/** The countdown's seconds on a page, or null when it shows none. */
async function secondsShown(person: Person): Promise<number | null> {
  const clock = person.page.getByTestId('timer-clock');
  if ((await clock.count()) === 0) return null;
  const text = (await clock.textContent()) ?? '';
  const parts = text.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

async function timerState(person: Person): Promise<string | null> {
  const pill = person.page.getByTestId('timer');
  return (await pill.count()) === 0 ? null : pill.getAttribute('data-state');
}

describe('timer and follow-me across three people', () => {
  const session = workshopSession();
  const { people } = session;

  it('one timer for all, through a reload; bring everyone here; follow me until one moves away', async () => {
    const { aino, bertil, cecilia } = await threePeople(session, { phone: true });
    // Participants see no timer until one runs, and no controls for it at all.
    expect(await timerState(bertil)).toBeNull();
    expect(await bertil.page.getByTestId('summon').count()).toBe(0);

    // --- The timer ---------------------------------------------------------------------
    await aino.page.getByTestId('timer').click();
    await aino.page.getByTestId('timer-panel').waitFor();
    await screenshot(aino, 'timer-panel-desktop');
    await aino.page.getByTestId('timer-preset-5').click();
    for (const person of people) {
      await expect.poll(() => timerState(person), { timeout: 10_000 }).toBe('running');
    }
    const sameTime = async () => {
      const shown = await Promise.all(people.map(secondsShown));
      const numbers = shown.filter((s): s is number => s !== null);
      expect(numbers).toHaveLength(3);
      return Math.max(...numbers) - Math.min(...numbers);
    };
    expect(await sameTime()).toBeLessThanOrEqual(1);
    const first = (await secondsShown(aino)) ?? 0;
    expect(first).toBeGreaterThan(280);
    expect(first).toBeLessThanOrEqual(300);
    await screenshot(aino, 'timer-running-desktop');
    await screenshot(cecilia, 'timer-running-375');

    // A reload keeps the timer: the server holds it and sends it with its clock.
    await bertil.page.reload();
    await waitOnline(bertil);
    await expect.poll(() => timerState(bertil), { timeout: 10_000 }).toBe('running');
    expect(await sameTime()).toBeLessThanOrEqual(1);

    // Pause and +1 min reach everyone; paused, every screen shows the very same time.
    await aino.page.getByTestId('timer').click();
    await aino.page.getByRole('button', { name: 'Tauko' }).click();
    for (const person of people) {
      await expect.poll(() => timerState(person), { timeout: 10_000 }).toBe('paused');
    }
    const paused = await secondsShown(aino);
    await aino.page.getByRole('button', { name: 'Lisää 1 min' }).click();
    for (const person of people) {
      await expect.poll(() => secondsShown(person), { timeout: 10_000 }).toBe((paused ?? 0) + 60);
    }
    await screenshot(bertil, 'timer-paused-desktop');
    await aino.page.keyboard.press('Escape');

    // --- Bring everyone here -------------------------------------------------------------
    await pan(aino, 400, 300);
    expect(await apart(aino, bertil)).toBeGreaterThan(100);
    await aino.page.getByTestId('summon').click();
    await expect.poll(() => apart(aino, bertil), { timeout: 10_000 }).toBeLessThan(2);
    await expect.poll(() => apart(aino, cecilia), { timeout: 10_000 }).toBeLessThan(2);
    // Same screen size: the very same rectangle.
    const [ainoView, bertilView] = [await viewOf(aino), await viewOf(bertil)];
    expect(Math.abs(ainoView.width - bertilView.width)).toBeLessThan(1);
    // The phone shows the whole of it.
    expect((await viewOf(cecilia)).width).toBeGreaterThanOrEqual(ainoView.width - 1);

    // --- Follow me -------------------------------------------------------------------------
    await aino.page.getByTestId('lead').click();
    await bertil.page.getByTestId('stop-following').waitFor({ timeout: 10_000 });
    await cecilia.page.getByTestId('stop-following').waitFor({ timeout: 10_000 });
    await aino.page.getByTestId('stop-leading').waitFor();
    await pan(aino, -600, 200);
    await expect.poll(() => apart(aino, bertil), { timeout: 10_000 }).toBeLessThan(2);
    await expect.poll(() => apart(aino, cecilia), { timeout: 10_000 }).toBeLessThan(2);
    await screenshot(cecilia, 'following-375');
    await screenshot(bertil, 'following-desktop');

    // Bertil moves away himself: he stops following and is offered to follow again.
    await pan(bertil, 300, -300);
    await bertil.page.getByTestId('follow-again').waitFor({ timeout: 10_000 });
    const bertilAway = centre(await viewOf(bertil));
    await pan(aino, 500, 500);
    await expect.poll(() => apart(aino, cecilia), { timeout: 10_000 }).toBeLessThan(2);
    expect(centre(await viewOf(bertil))).toEqual(bertilAway);
    await screenshot(bertil, 'follow-again-desktop');
    await bertil.page.getByTestId('follow-again').click();
    await expect.poll(() => apart(aino, bertil), { timeout: 10_000 }).toBeLessThan(2);

    // The facilitator stops: nobody follows any more.
    await aino.page.getByTestId('lead').click();
    for (const person of [bertil, cecilia]) {
      await expect
        .poll(() => person.page.getByTestId('follow-notice').count(), { timeout: 10_000 })
        .toBe(0);
    }

    // --- Following one person from the participant list ----------------------------------
    // On her phone the list is in the header's menu, which closes when she picks someone.
    await cecilia.page.getByTestId('header-menu').click();
    await cecilia.page.locator('[data-testid="follow-person"][data-name="Bertil"]').click();
    await cecilia.page.getByTestId('stop-following').waitFor();
    expect(await cecilia.page.getByTestId('header-menu').getAttribute('aria-expanded')).toBe(
      'false',
    );
    await pan(bertil, -200, 400);
    await expect.poll(() => apart(bertil, cecilia), { timeout: 10_000 }).toBeLessThan(2);

    // --- The end ----------------------------------------------------------------------------
    // A two-second timer (the page offers whole minutes; the protocol takes seconds): the
    // end shows on every screen and is announced once, politely, in each person's language.
    await aino.page.evaluate(() => {
      const json = JSON.stringify({ action: 'start', durationMs: 2000 });
      const frame = [108, 0, json.length, ...Array.from(json, (c) => c.charCodeAt(0))];
      const hook = (window as unknown as { __paja?: { provider: { ws: WebSocket | null } } })
        .__paja;
      hook?.provider.ws?.send(new Uint8Array(frame));
    });
    for (const person of people) {
      await expect.poll(() => timerState(person), { timeout: 10_000 }).toBe('ended');
    }
    await expect
      .poll(() => bertil.page.getByTestId('timer-announcement').textContent(), { timeout: 5000 })
      .toBe('Tiden är ute.');
    await expect
      .poll(() => cecilia.page.getByTestId('timer-announcement').textContent(), { timeout: 5000 })
      .toBe('Time is up.');
    await screenshot(aino, 'timer-ended-desktop');
    await screenshot(cecilia, 'timer-ended-375');

    for (const person of people) expect(person.errors).toEqual([]);
  });
});
