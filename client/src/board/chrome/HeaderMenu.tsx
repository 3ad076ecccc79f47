import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import './responsive.css';
import { useI18n } from '../../i18n/I18nContext';

/**
 * The end of the board header: the workshop tools (`tools`) and the person's own settings
 * (`person`: name, language) behind one menu button labelled with the person's name.
 *
 * Wide screens show the tools in the header and the person's settings in a small dropdown, so
 * the board title keeps its room; narrow screens (phones, 200 % zoom) fold everything into a
 * full-width sheet under a one-row header (WCAG 1.4.10 reflow). Which is which is decided by
 * CSS alone (responsive.css), so nothing remounts when a window is resized and a dialog opened
 * from the menu stays open.
 */
export function HeaderMenu({
  name,
  tools,
  person,
}: {
  name: string;
  tools: ReactNode;
  person: ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      // Escape in a dialog opened from the menu closes that dialog, not the menu under it.
      const target = event.target as Element | null;
      if (event.key !== 'Escape' || target?.closest('dialog, [role="dialog"]')) return;
      if (!root.current?.contains(target)) return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Element | null;
      if (root.current?.contains(target) || target?.closest('dialog, [role="dialog"]')) return;
      setOpen(false);
    };
    // Tab past the end of the menu (on a narrow screen a sheet over the board) closes it: the
    // focus never goes on to notes hidden behind it. A dialog opened from the menu keeps it.
    const onFocus = (event: FocusEvent) => {
      const target = event.target as Element | null;
      if (root.current?.contains(target) || target?.closest('dialog, [role="dialog"]')) return;
      setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    window.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('focusin', onFocus);
    };
  }, [open]);

  return (
    <div className="header-menu" ref={root} data-open={open ? 'true' : undefined}>
      {/* The button comes first: what it opens follows it in the tab order and for a screen
          reader (on a wide screen CSS puts the tools before it, where they were). */}
      <button
        ref={button}
        type="button"
        className="header-menu-toggle quiet"
        data-testid="header-menu"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <MenuIcon open={open} />
        <span className="header-menu-name">{name}</span>
        <span className="visually-hidden"> – {t('menu.open')}</span>
      </button>
      {/* A tool that acts on the board (follow a person, bring everyone here) closes the sheet,
          so the board is in sight; one that opens a dialog or panel leaves it open. */}
      <div
        className="header-end"
        id={id}
        onClickCapture={(event) => {
          if ((event.target as Element).closest('[data-menu-close]')) setOpen(false);
        }}
      >
        <div className="header-tools">{tools}</div>
        <div className="header-person">{person}</div>
      </div>
    </div>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d={
          open
            ? 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z'
            : 'M3 6h18v2H3V6zm0 5h18v2H3v-2zm0 5h18v2H3v-2z'
        }
      />
    </svg>
  );
}
