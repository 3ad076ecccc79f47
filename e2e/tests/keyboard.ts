import type { Page } from 'playwright-core';

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches `selector` and, when
 * `scope` is given, sits inside an element matching `scope.selector` whose text contains
 * `scope.text`. Keyboard only: no mouse at all.
 */
export async function tabTo(
  page: Page,
  selector: string,
  scope?: { selector: string; text: string },
  options: { limit?: number; back?: boolean } = {},
): Promise<void> {
  const { limit = 120, back = false } = options;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const found = await page.evaluate(
      ({ selector, scope }) => {
        const active = document.activeElement;
        if (!active?.matches(selector)) return false;
        if (!scope) return true;
        return active.closest(scope.selector)?.textContent?.includes(scope.text) ?? false;
      },
      { selector, scope },
    );
    if (found) return;
  }
  throw new Error(`Tab never reached ${selector}${scope ? ` in "${scope.text}"` : ''}`);
}

/** Picks an option of the focused <select> with the arrow keys. */
export async function chooseWithKeys(page: Page, optionText: string): Promise<void> {
  const index = await page.evaluate((text) => {
    const select = document.activeElement as HTMLSelectElement;
    return [...select.options].findIndex((o) => o.text === text);
  }, optionText);
  if (index < 0) throw new Error(`no option ${optionText}`);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
}

/** What has the focus: a description, "BODY" when it was lost to the page's body. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'BODY';
    return active.getAttribute('data-testid') ?? active.tagName;
  });
}

/** The name Chromium gives an element (what a screen reader says), from its accessibility tree. */
export async function accessibleName(page: Page, selector: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no ${selector}`);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
      nodeId,
      fetchRelatives: false,
    });
    return String(nodes[0]?.name?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

/** What the canvas's polite live region said last. */
export async function canvasSaid(page: Page): Promise<string> {
  return (await page.getByTestId('canvas-announcer').textContent()) ?? '';
}

/** The focused element's aria-label (a note's stand-in is named with it), or "". */
export async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
}

/** From the first note (Home), presses Tab until the focused note's name contains `text`. */
export async function keyToNote(page: Page, text: string, limit = 20): Promise<void> {
  await page.keyboard.press('Home');
  for (let i = 0; i < limit; i++) {
    const label = await focusedLabel(page);
    if (label.startsWith('Note') && label.includes(text)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached a note with ${text}`);
}
