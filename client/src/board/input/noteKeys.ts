import { type Direction, nearestInDirection } from '../canvas/keyboardNav';
import type { BoardController } from './BoardController';
import { mayEdit } from './commandRules';
import { commandsForKey } from './commands';
import { finishKeyMove, keyMoveBy } from './keyMove';
import { NUDGE, NUDGE_BIG } from './noteCommands';

/*
 * The keys while a note has the keyboard's focus (its stand-in in chrome/NoteList.tsx has the
 * page's focus after Tab into the canvas). Moving the focus is the keys' own: the arrow keys go
 * to the nearest note that way, Tab and Shift+Tab through the reading order (leaving the canvas
 * after the last note, as Tab does anywhere), Home and End to the ends. Everything that changes
 * something is a command of the table (commands.ts: the note's `focusKeys` first, then the
 * board's shortcuts), with the same rules as its button. In move mode (M) the arrows move the
 * selection instead (keyMove.ts).
 */

const DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

const STEP: Readonly<Record<Direction, { x: number; y: number }>> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
};

type NoteKeyEvent = Pick<
  KeyboardEvent,
  'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'preventDefault'
>;

/** Handles a key pressed on a note's stand-in; false leaves it to the browser and the page. */
export function noteKeyDown(c: BoardController, event: NoteKeyEvent): boolean {
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
  const direction = plain ? DIRECTIONS[event.key] : undefined;
  if (c.state.get().keyMove) {
    // While moving, every key is the move's: nothing else may start halfway.
    event.preventDefault();
    if (direction) {
      const step = event.shiftKey ? NUDGE_BIG : NUDGE;
      keyMoveBy(c, STEP[direction].x * step, STEP[direction].y * step);
    } else if (event.key === 'Enter' || (plain && event.key.toLowerCase() === 'm')) {
      finishKeyMove(c, true);
    } else if (event.key === 'Escape') finishKeyMove(c, false);
    return true;
  }
  if (direction) {
    event.preventDefault();
    go(c, direction, event.shiftKey);
    return true;
  }
  if (event.key === 'Tab' && plain) return step(c, event.shiftKey ? -1 : 1, event);
  if ((event.key === 'Home' || event.key === 'End') && plain) {
    const order = c.readingOrder();
    const end = event.key === 'Home' ? order[0] : order.at(-1);
    event.preventDefault();
    if (end) c.focusNote(end.id);
    return true;
  }
  if (event.key === 'Escape' && plain && c.state.get().selection.size > 0) {
    c.clearSelection();
    c.announce(c.t('keys.selectionCleared'));
    return true;
  }
  return runKey(c, event);
}

/** An arrow key: the nearest note that way; with Shift, it joins the selection too. */
function go(c: BoardController, direction: Direction, extend: boolean): void {
  const from = c.selection().focused;
  const order = c.readingOrder();
  const to = from ? nearestInDirection(order, from, direction) : (order[0] ?? null);
  if (!to) {
    c.announce(c.t('keys.noneThatWay'));
    return;
  }
  if (extend) {
    const chosen = new Set(c.state.get().selection);
    if (from) chosen.add(from.id);
    chosen.add(to.id);
    c.select(chosen);
    c.announce(c.t('keys.selected', { count: chosen.size }));
  }
  c.focusNote(to.id);
}

/** Tab: the next (or previous) note in reading order; past either end, the browser's Tab. */
function step(c: BoardController, by: 1 | -1, event: NoteKeyEvent): boolean {
  const order = c.readingOrder();
  const focused = c.state.get().focusedId;
  const next = order[order.findIndex((n) => n.id === focused) + by];
  if (!next) return false;
  event.preventDefault();
  c.focusNote(next.id);
  return true;
}

/** The first command of the table the key means that this person may use now. */
function runKey(c: BoardController, event: NoteKeyEvent): boolean {
  const matches = commandsForKey(event, true);
  const first = matches[0];
  if (!first) return false;
  const match = matches.find((m) => c.enabled(m.id)) ?? null;
  if (!match?.keepDefault && !first.keepDefault) event.preventDefault();
  if (match) c.runWith(match.id, match.arg);
  else if (!mayEdit(c.session.role)) c.announce(c.t('keys.readOnly'));
  return true;
}
