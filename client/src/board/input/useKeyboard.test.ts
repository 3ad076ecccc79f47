import { describe, expect, it } from 'vitest';
import { modalOpen } from './useKeyboard';

describe('the board’s keys', () => {
  it('are not the board’s while a modal dialog is open', () => {
    const page = (open: boolean) => ({
      querySelector: (selector: string) => (open && selector === 'dialog:modal' ? {} : null),
    });
    expect(modalOpen(page(true) as unknown as Document)).toBe(true);
    expect(modalOpen(page(false) as unknown as Document)).toBe(false);
  });
});
