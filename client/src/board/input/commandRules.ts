import { can, type NoteView, type Role } from '@paja/shared';
import type { BoardSession } from '../session/BoardSession';
import type { TitleTarget } from '../stage/TitleEditor';
import {
  authorityOf,
  decide,
  decideCluster,
  decideNote,
  decideRoadmap,
  firstRefusal,
  refusalForNotes,
} from './authority';
import type { CommandContext, SelectionView } from './commandTypes';

/*
 * Who may use a command of the table (commands.ts) and why the board's rules stop it now:
 * `enabled` is the role (hidden when a role may never do it); `refusal` is the board's rules now
 * (phase settings, locks, ownership: explained, never sent). See commandTypes.ts.
 */

export function mayEdit(role: Role | null): boolean {
  return role === null || can(role, 'edit');
}

/** Whether this person may do an action now: asked in authority.ts, the client's one place. */
export { may } from './authority';

/** Changing notes: an editor, with a selection that is not all locked. */
export const editable = (_: BoardSession, s: SelectionView, role: Role | null) =>
  mayEdit(role) && s.notes.length > 0 && !s.notes.every((n) => n.locked);
export const clusterTool = (_: BoardSession, s: SelectionView, role: Role | null) =>
  mayEdit(role) && s.cluster !== null;
export const always = () => true;

/**
 * The note a dot goes on (P) or comes off (Shift+P): the one note the other commands act on
 * (keyTargets: the keyboard's note when it is not selected), when it is a candidate and voting
 * is open.
 */
export function votingOn(session: BoardSession, s: SelectionView): string | null {
  const { current } = session.votes.state.get();
  const targets = keyTargets(s);
  const note = targets.length === 1 ? targets[0] : undefined;
  if (!current?.open || !note || !current.candidates.includes(note.id)) return null;
  return note.id;
}

export const facilitator = (_: BoardSession, _s: SelectionView, role: Role | null) =>
  role === 'facilitator';
export const ids = (s: SelectionView) => s.notes.map((n) => n.id);

/**
 * Ids on the board and ids of private notes (the private brainstorm's overlay, which is not
 * the board's document): each kind goes to its own document.
 */
export function splitPrivate(ctx: CommandContext, chosen: readonly string[]) {
  const { brainstorm } = ctx.session;
  return {
    board: chosen.filter((id) => !brainstorm.isPrivate(id)),
    private: chosen.filter((id) => brainstorm.isPrivate(id)),
  };
}
/** Notes of the selection that are on the board (private notes cannot be grouped, locked...). */
export const boardNotes = (ctx: CommandContext) =>
  ctx.selection().notes.filter((n) => !ctx.session.brainstorm.isPrivate(n.id));

// Why the board's rules stop an action now (authority.ts asks shared's permission table).
export const mayAdd = (session: BoardSession) =>
  firstRefusal([decide(authorityOf(session), 'addNote')]);
export const notesMay =
  (action: 'moveNote' | 'editNote' | 'deleteNote') => (session: BoardSession, s: SelectionView) =>
    refusalForNotes(authorityOf(session), action, s.notes);
export const clusterMay = (session: BoardSession, s: SelectionView) =>
  s.cluster ? firstRefusal([decideCluster(authorityOf(session), s.cluster)]) : null;
export const noteMay = (session: BoardSession, action: 'editNote', id: string | undefined) => {
  const note = id === undefined ? undefined : session.board.get().notes.find((n) => n.id === id);
  return note ? firstRefusal([decideNote(authorityOf(session), action, note)]) : null;
};
/** Renaming a cluster, a lane or a period: the structure setting and the item's locks. */
export function titleMay(session: BoardSession, target: TitleTarget | undefined) {
  if (!target) return null;
  const authority = authorityOf(session);
  const { clusters, roadmap } = session.board.get();
  if (target.kind === 'cluster') {
    return firstRefusal([
      decideCluster(authority, clusters.find((c) => c.id === target.id) ?? null),
    ]);
  }
  const items = target.kind === 'lane' ? roadmap.lanes : roadmap.periods;
  return firstRefusal([decideRoadmap(authority, items.find((i) => i.id === target.id) ?? null)]);
}

/**
 * The notes a keyboard action acts on (move, move to, delete): the selection when the
 * keyboard's note is part of it (or the keyboard is on no note), else the keyboard's note
 * alone: what is under the focus ring is never left out, nor something else changed instead.
 */
export function keyTargets(s: SelectionView): readonly NoteView[] {
  const { notes, focused } = s;
  if (!focused || notes.some((n) => n.id === focused.id)) return notes;
  return [focused];
}
