import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import './toolMenu.css';

export interface ToolMenuItem {
  /** Also the item's data-testid: tests and the focus guard find a command by it. */
  testId: string;
  label: ReactNode;
  onSelect(): void;
  /** Why the command is not possible now (shown as its tooltip; pressing says it), or null. */
  refusal?: string | null;
  /** The panel it opens is open now. */
  checked?: boolean;
}

/**
 * A toolbar button that opens a menu of commands (the WAI-ARIA menu button pattern): Enter,
 * Space or ArrowDown open it on the first item, ArrowUp on the last; the arrows, Home and End
 * move in it; Escape or Tab close it and the focus returns to the button. Touch and mouse open
 * it with a press.
 *
 * The menu is drawn in a portal with fixed coordinates above the button: on a phone the
 * toolbar scrolls sideways, and a popup inside it would be cut off by its edges.
 * Choosing an item puts the focus back on the button before the command runs, so a dialog the
 * command opens gives the focus back to the button when it closes (never to the page's body).
 */
export function ToolMenu({
  label,
  testId,
  buttonContent,
  items,
  className,
}: {
  /** The menu's accessible name (its button says it visibly or holds it). */
  label: string;
  testId: string;
  buttonContent: ReactNode;
  items: readonly ToolMenuItem[];
  className?: string;
}) {
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; bottom: number } | null>(null);

  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) button.current?.focus();
  };

  // Above the button, kept inside the window (the toolbar is at the bottom of the screen).
  useLayoutEffect(() => {
    if (!open || !button.current || !menu.current) return;
    const at = button.current.getBoundingClientRect();
    const width = menu.current.offsetWidth;
    const left = Math.max(8, Math.min(at.right - width, window.innerWidth - width - 8));
    setPlace({ left, bottom: window.innerHeight - at.top + 6 });
  }, [open]);

  useLayoutEffect(() => {
    if (!open || !place) return;
    const entries = menuItems(menu.current);
    (open === 'first' ? entries[0] : entries[entries.length - 1])?.focus();
  }, [open, place]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (menu.current?.contains(target) || button.current?.contains(target)) return;
      setOpen(null);
    };
    const onResize = () => setOpen(null);
    window.addEventListener('pointerdown', onPointer);
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('resize', onResize);
    };
  }, [open]);

  const onMenuKey = (event: React.KeyboardEvent) => {
    const entries = menuItems(menu.current);
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => entries[(to + entries.length) % entries.length]?.focus();
    // The board's shortcuts (arrows move notes, Escape closes panels) must not see these keys.
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') {
      // Tab leaves the menu from its button, where the menu is in the toolbar's order.
      close(true);
      return;
    } else return;
    handled();
  };

  const choose = (item: ToolMenuItem) => {
    close(true);
    item.onSelect();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className={className ? `tool-menu-button ${className}` : 'tool-menu-button'}
        data-testid={testId}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            event.stopPropagation();
            setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
          } else if (event.key === 'Escape' && open) {
            event.stopPropagation();
            close(true);
          }
        }}
      >
        {buttonContent}
        <span className="tool-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open &&
        createPortal(
          <div
            ref={menu}
            id={id}
            role="menu"
            aria-label={label}
            className="tool-menu"
            data-testid={`${testId}-menu`}
            style={
              place
                ? { left: place.left, bottom: place.bottom }
                : { left: 0, bottom: 0, visibility: 'hidden' }
            }
            onKeyDown={onMenuKey}
          >
            {items.map((item) => {
              const shared = {
                tabIndex: -1,
                'data-testid': item.testId,
                'aria-disabled': item.refusal ? true : undefined,
                title: item.refusal ?? undefined,
                onClick: () => choose(item),
              };
              // A panel's command says whether its panel is open; a dialog's is a plain item.
              return item.checked === undefined ? (
                <button key={item.testId} type="button" role="menuitem" {...shared}>
                  {item.label}
                </button>
              ) : (
                <button
                  key={item.testId}
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={item.checked}
                  {...shared}
                >
                  {item.label}
                </button>
              );
            })}
          </div>,
          document.body,
        )}
    </>
  );
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')] : [];
}
