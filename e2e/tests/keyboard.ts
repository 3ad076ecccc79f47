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
