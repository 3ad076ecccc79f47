import type { Role } from '@paja/shared';
import { useCallback, useEffect, useRef, useState } from 'react';

const HASH = '#outline';
const SMALL_SCREEN = '(max-width: 640px)';

/**
 * Canvas or outline, kept in the address (`#outline`) so the outline can be linked and Back
 * returns to the canvas. On a small screen, people who only read or comment start in the
 * outline (a canvas of notes is hard to read on a phone); anyone can switch.
 */
export function useOutlineMode(role: Role | null) {
  const [on, setOn] = useState(() => window.location.hash === HASH);
  const chose = useRef(window.location.hash === HASH);

  useEffect(() => {
    const onHash = () => {
      chose.current = true;
      setOn(window.location.hash === HASH);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (chose.current || role === null) return;
    chose.current = true;
    const reader = role === 'viewer' || role === 'commenter';
    if (reader && window.matchMedia?.(SMALL_SCREEN).matches) setOn(true);
  }, [role]);

  const show = useCallback((next: boolean) => {
    chose.current = true;
    const { pathname, search } = window.location;
    window.history.replaceState(
      window.history.state,
      '',
      `${pathname}${search}${next ? HASH : ''}`,
    );
    setOn(next);
    // The button pressed goes with the view it was in: the keyboard's place is the new view.
    requestAnimationFrame(() => document.getElementById('board-main')?.focus());
  }, []);

  return { on, show };
}
