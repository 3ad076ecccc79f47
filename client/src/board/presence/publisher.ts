import type { ViewRect } from '@paja/shared';
import type { Awareness } from 'y-protocols/awareness';
import type { Point } from '../canvas/viewport';
import {
  type DragPreview,
  type GroupMove,
  MAX_SHARED_IDS,
  PRESENCE_INTERVAL_MS,
  type PresenceState,
  type PresenceUser,
} from './presence';

/** This person's presence on the board, as the canvas reports it. */
export interface BoardPresence {
  setUser(user: PresenceUser): void;
  setCursor(cursor: Point | null): void;
  setDragging(drag: DragPreview | null): void;
  setMoving(move: GroupMove | null): void;
  setSelection(ids: readonly string[]): void;
  /** The board rectangle on this screen, for whoever follows this person. */
  setView(view: ViewRect | null): void;
  destroy(): void;
}

interface BoardPresenceState extends PresenceState {
  moving: GroupMove | null;
  selection: string[];
  view: ViewRect | null;
}

/**
 * Sends at most every `intervalMs` (the server drops more than 30 a second), always the
 * latest state (trailing edge), so the end of a drag or a cleared selection is never lost.
 */
export function createBoardPresence(
  awareness: Awareness,
  user: PresenceUser,
  intervalMs = PRESENCE_INTERVAL_MS,
): BoardPresence {
  let state: BoardPresenceState = {
    user,
    cursor: null,
    dragging: null,
    moving: null,
    selection: [],
    view: null,
  };
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;

  const send = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (destroyed) return;
    lastSent = Date.now();
    awareness.setLocalState({ ...state });
  };
  const schedule = () => {
    if (timer !== null) return;
    const wait = intervalMs - (Date.now() - lastSent);
    if (wait <= 0) send();
    else timer = setTimeout(send, wait);
  };
  const update = (patch: Partial<BoardPresenceState>) => {
    state = { ...state, ...patch };
    schedule();
  };

  send();
  return {
    setUser: (next) => update({ user: next }),
    setCursor: (cursor: Point | null) => update({ cursor }),
    setDragging: (dragging: DragPreview | null) => update({ dragging }),
    setMoving: (moving) =>
      update({ moving: moving && { ...moving, ids: moving.ids.slice(0, MAX_SHARED_IDS) } }),
    setSelection: (ids) => {
      const next = ids.slice(0, MAX_SHARED_IDS);
      if (
        next.length === state.selection.length &&
        next.every((id, i) => state.selection[i] === id)
      )
        return;
      update({ selection: next });
    },
    setView: (view) => update({ view }),
    destroy() {
      destroyed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * The presence of someone who shows none (a reader or commenter): the canvas reports to it as
 * to any, and nothing is sent. The server would drop it anyway; not sending it at all keeps a
 * public audience from costing traffic.
 */
export function silentPresence(): BoardPresence {
  const nothing = () => {};
  return {
    setUser: nothing,
    setCursor: nothing,
    setDragging: nothing,
    setMoving: nothing,
    setSelection: nothing,
    setView: nothing,
    destroy: nothing,
  };
}
