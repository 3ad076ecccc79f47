import type { Awareness } from 'y-protocols/awareness';
import {
  type DragPreview,
  PRESENCE_INTERVAL_MS,
  type PresencePublisher,
  type PresenceState,
  type PresenceUser,
} from '../presence';
import type { Point } from './viewport';

/**
 * The board's presence: presence.ts's state (user, cursor, a resize in progress) plus what
 * the canvas adds, all in one awareness state because the publisher replaces it whole:
 *   moving:    { ids, dx, dy } | null  notes someone is dragging (or nudging) as a group, by an
 *                                      offset from where they are stored; the document gets
 *                                      the drop once (every overwrite stays:
 *                                      bench/RESULTS.md)
 *   selection: string[]                what they have selected, drawn as outlines in their colour
 * Lists are capped: the server closes a connection whose state exceeds 8 KiB (4422). Others
 * see the first MAX_SHARED_IDS notes of a larger selection or drag, which is enough to follow.
 */
export const MAX_SHARED_IDS = 150;

export interface GroupMove {
  ids: string[];
  dx: number;
  dy: number;
}

export interface BoardPresence extends PresencePublisher {
  setMoving(move: GroupMove | null): void;
  setSelection(ids: readonly string[]): void;
}

interface BoardPresenceState extends PresenceState {
  moving: GroupMove | null;
  selection: string[];
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
    destroy() {
      destroyed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Someone else's activity on the canvas, parsed from their (untrusted) awareness state. */
export interface PeerActivity {
  clientId: number;
  color: string;
  moving: GroupMove | null;
  selection: string[];
}

const ID = /^[0-9A-Za-z_-]{1,64}$/;
const OFFSET_LIMIT = 2_000_000;

function parseIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, MAX_SHARED_IDS)
    .filter((id): id is string => typeof id === 'string' && ID.test(id));
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= OFFSET_LIMIT;
}

export function parseActivity(state: unknown): Pick<PeerActivity, 'moving' | 'selection'> {
  if (typeof state !== 'object' || state === null) return { moving: null, selection: [] };
  const { moving, selection } = state as Record<string, unknown>;
  let move: GroupMove | null = null;
  if (typeof moving === 'object' && moving !== null) {
    const { ids, dx, dy } = moving as Record<string, unknown>;
    if (isOffset(dx) && isOffset(dy)) move = { ids: parseIds(ids), dx, dy };
  }
  return { moving: move, selection: parseIds(selection) };
}
