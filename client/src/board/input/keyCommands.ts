import type { Role } from '@paja/shared';
import type { BoardSession } from '../session/BoardSession';
import { authorityOf, refusalForNotes } from './authority';
import { always, keyTargets, mayEdit, noteMay } from './commandRules';
import type { Command, SelectionView } from './commandTypes';
import { startKeyMove } from './keyMove';
import { type Destination, moveSelectionTo, moveToRefusal, notesToMove } from './moveTo';
import { deleteSelected } from './noteCommands';

/**
 * Commands of the canvas's keys (part of the table in commands.ts): what the keyboard does to
 * the note it is on (`focusKeys`, input/noteKeys.ts) and the panels it opens. Moving the focus
 * between notes is not a command (it changes nothing): noteKeys.ts does it.
 */

const acted = keyTargets;
const editsNotes = (_: BoardSession, s: SelectionView, role: Role | null) =>
  mayEdit(role) && acted(s).some((n) => !n.locked);

export const KEY_COMMANDS = {
  /** Enter or F2 on a note: its editor (Escape gives the keyboard back to the note). */
  editFocused: {
    label: 'keys.edit',
    focusKeys: [{ key: 'Enter' }, { key: 'F2' }],
    enabled: (_session, s, role) => mayEdit(role) && s.focused !== null,
    refusal: (session, s) => noteMay(session, 'editNote', s.focused?.id),
    run(ctx) {
      const note = ctx.selection().focused;
      if (!note) return;
      const { brainstorm } = ctx.session;
      if (brainstorm.isPrivate(note.id) && !brainstorm.isOwn(note.id)) return;
      ctx.select([note.id]);
      ctx.edit(note.id);
    },
  } satisfies Command,
  /** Space: the note the keyboard is on joins or leaves the selection. */
  toggleSelected: {
    label: 'keys.toggleSelected',
    focusKeys: [{ key: ' ' }],
    enabled: (_session, s) => s.focused !== null,
    run(ctx) {
      const { notes, focused } = ctx.selection();
      if (!focused) return;
      const chosen = new Set(notes.map((n) => n.id));
      const on = !chosen.has(focused.id);
      if (on) chosen.add(focused.id);
      else chosen.delete(focused.id);
      ctx.select(chosen);
      const key = on ? 'keys.selected' : 'keys.deselected';
      ctx.announce(ctx.t(key, { count: chosen.size }));
    },
  } satisfies Command,
  /** M: move mode (keyMove.ts). */
  moveMode: {
    label: 'keys.moveMode',
    focusKeys: [{ key: 'm', shift: false }],
    enabled: editsNotes,
    refusal: (session, s) => refusalForNotes(authorityOf(session), 'moveNote', acted(s)),
    run: (ctx) => void startKeyMove(ctx),
  } satisfies Command,
  /** Shift+M or the context-menu key: the "Move to…" list (chrome/MoveToDialog.tsx). */
  openMoveTo: {
    label: 'keys.moveTo',
    focusKeys: [{ key: 'm', shift: true }, { key: 'ContextMenu' }],
    enabled: editsNotes,
    refusal: (session, s) => refusalForNotes(authorityOf(session), 'moveNote', acted(s)),
    run: (ctx) => ctx.togglePanel('moveTo'),
  } satisfies Command,
  /** Puts the selection into a topic or a roadmap cell, or out of one, in one change. */
  moveTo: {
    label: 'keys.moveTo',
    enabled: editsNotes,
    run(ctx, to: Destination) {
      const refusal = moveToRefusal(ctx, notesToMove(ctx), to);
      if (refusal) {
        ctx.explain(refusal);
        return;
      }
      moveSelectionTo(ctx, to);
    },
  } satisfies Command<Destination>,
  /** Delete on a note: asked first (a key pressed blind must not lose anyone's work). */
  deleteAsked: {
    label: 'toolbar.deleteNote',
    focusKeys: [{ key: 'Delete' }, { key: 'Backspace' }],
    enabled: editsNotes,
    refusal: (session, s) => refusalForNotes(authorityOf(session), 'deleteNote', acted(s)),
    run(ctx) {
      const notes = acted(ctx.selection());
      const count = notes.length;
      ctx.confirm(
        ctx.t('keys.confirmDelete', { count }),
        () => {
          ctx.select(notes.map((n) => n.id));
          deleteSelected(ctx);
          ctx.announce(ctx.t('keys.deleted', { count }));
        },
        'keys.deleteOk',
      );
    },
  } satisfies Command,
  /** ?: the list of every key (chrome/KeyHelp.tsx), also in the header's menu. */
  keyHelp: {
    label: 'keys.help',
    shortcuts: [{ key: '?' }],
    enabled: always,
    run: (ctx) => ctx.togglePanel('keys'),
  } satisfies Command,
} as const;
