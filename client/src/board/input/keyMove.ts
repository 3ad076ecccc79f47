import { centerOf } from '../canvas/geometry';
import { selectionBounds } from '../canvas/selection';
import { keyTargets } from './commandRules';
import type { CommandContext } from './commandTypes';

/*
 * Moving the selection with the keys (M, "move mode"): the arrow keys move it (with Shift,
 * further) and the view follows; Enter or M puts it down, Escape puts it back. Like a drag, the
 * move is shown to others through presence while it lasts and written once, when it is put
 * down, as a drop where the keyboard's note ends up: into the topic or the roadmap cell under
 * it (moves.ts, the `move` command), so keys and pointer file notes the same way.
 */

export function startKeyMove(ctx: CommandContext): boolean {
  const { focused } = ctx.selection();
  const ids = keyTargets(ctx.selection()).map((n) => n.id);
  ctx.select(ids);
  const holder = focused && ids.includes(focused.id) ? focused : null;
  const bounds = holder ?? selectionBounds(ctx.scene().shown, new Set(ids));
  if (!bounds || !ctx.moves.start(ids, null, centerOf(bounds))) return false;
  ctx.setKeyMove(true);
  ctx.announce(ctx.t('keys.moveStarted', { count: ids.length }));
  return true;
}

/** One step of the move; the view keeps the moved notes in sight. */
export function keyMoveBy(ctx: CommandContext, dx: number, dy: number): void {
  const move = ctx.moves.by(dx, dy);
  if (!move) return;
  const bounds = selectionBounds(ctx.scene().shown, move.ids);
  if (bounds) ctx.reveal({ ...bounds, x: bounds.x + move.dx, y: bounds.y + move.dy });
}

/** Puts the notes down (`commit`: where they are now, written once) or back where they were. */
export function finishKeyMove(ctx: CommandContext, commit: boolean): void {
  const move = ctx.moves.by(0, 0);
  ctx.setKeyMove(false);
  if (!move) return;
  if (commit && (move.dx !== 0 || move.dy !== 0)) {
    // Said first: a drop into a topic or a cell says where the notes went after it (a notice).
    ctx.announce(ctx.t('keys.moveDone', { count: move.ids.size }));
    ctx.moves.end(move.dx, move.dy, false);
  } else {
    ctx.moves.end(0, 0, true);
    ctx.announce(ctx.t('keys.moveCancelled'));
  }
}
