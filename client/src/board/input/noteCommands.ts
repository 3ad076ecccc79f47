import {
  authorFields,
  createNote,
  deleteNotes,
  duplicateNotes,
  NOTE_DEFAULT_SIZE,
  type NoteColor,
  recolorNotes,
  resizeNote,
  setNotesLocked,
  setTextIn,
} from '@paja/shared';
import { refusalKey } from '../../i18n/authority';
import type { Point } from '../canvas/viewport';
import type { TitleTarget } from '../stage/TitleEditor';
import type { ClipboardInput } from './clipboard';
import {
  always,
  boardNotes,
  editable,
  ids,
  mayAdd,
  mayEdit,
  noteMay,
  notesMay,
  splitPrivate,
  titleMay,
} from './commandRules';
import type { Command, CommandContext } from './commandTypes';
import type { LocalMove } from './moves';
import { pasteInto } from './paste';
import { placeNewNote } from './placement';
import { writeMove } from './writeMove';

/** Commands on notes: add, edit, delete, colour, duplicate, lock, move, resize, paste, undo, select (part of the table in commands.ts). */

/** Arrow keys move the selection this far (board units); with Shift, NUDGE_BIG. */
export const NUDGE = 10;
export const NUDGE_BIG = 50;

export function deleteSelected(ctx: CommandContext): void {
  const chosen = splitPrivate(ctx, ids(ctx.selection()));
  if (chosen.board.length > 0) ctx.session.act(() => deleteNotes(ctx.session.doc, chosen.board));
  if (chosen.private.length > 0) ctx.session.brainstorm.ops.remove(chosen.private);
  ctx.edit(null);
}

const arrows = (step: number, shift: boolean) => [
  { key: 'ArrowLeft', shift, arg: { dx: -step, dy: 0 } },
  { key: 'ArrowRight', shift, arg: { dx: step, dy: 0 } },
  { key: 'ArrowUp', shift, arg: { dx: 0, dy: -step } },
  { key: 'ArrowDown', shift, arg: { dx: 0, dy: step } },
];

export const NOTE_COMMANDS = {
  addNote: {
    label: 'toolbar.addNote',
    shortcuts: [{ key: 'n' }],
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: mayAdd,
    /** At `at` (a double-click), else at the view's centre; then opens its editor. */
    run(ctx, at?: Point) {
      // In free space near the spot: never on top of notes, clusters or the roadmap, and (from
      // the toolbar) never under the toolbar or the search bar, where it could not be seen.
      const spot = at
        ? placeNewNote(ctx.scene(), at)
        : placeNewNote(ctx.scene(), ctx.viewCenter(), ctx.coveredBoard());
      // Written in the language the person reads the board in.
      const input = { ...spot, ...authorFields(ctx.author), lang: ctx.session.board.get().lang };
      const { brainstorm } = ctx.session;
      let id = '';
      // While a private brainstorm runs a participant's new note is private (never in the doc).
      if (brainstorm.writesPrivately(ctx.session.role)) id = brainstorm.ops.create(input);
      else {
        ctx.session.act(() => (id = createNote(ctx.session.doc, input)));
        ctx.noteAdded(id, spot);
      }
      ctx.select([id]);
      // Beside the view when the band in sight is full: a short pan shows it and its editor.
      if (!at) ctx.reveal({ ...spot, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE });
      ctx.edit(id);
    },
  } satisfies Command<Point | undefined>,
  editNote: {
    label: 'command.editNote',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, id) => noteMay(session, 'editNote', id),
    run(ctx, id: string) {
      const note = ctx.scene().byId.get(id);
      if (!note || note.locked) return;
      // Others' private notes (shown to facilitators) are theirs alone to write.
      const { brainstorm } = ctx.session;
      if (brainstorm.isPrivate(id) && !brainstorm.isOwn(id)) return;
      ctx.select([id]);
      ctx.edit(id);
    },
  } satisfies Command<string>,
  editTitle: {
    label: 'command.rename',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, target) => titleMay(session, target),
    run: (ctx, target: TitleTarget) => ctx.editTitle(target),
  } satisfies Command<TitleTarget>,
  rename: {
    label: 'command.rename',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, arg) => titleMay(session, arg?.target),
    run(ctx, { target, title }: { target: TitleTarget; title: string }) {
      const { doc } = ctx.session;
      // In the language the person reads: the original, or its translation.
      const { lang } = ctx.session.board.get();
      ctx.session.act(() => setTextIn(doc, target.kind, target.id, lang, title));
    },
  } satisfies Command<{ target: TitleTarget; title: string }>,
  deleteSelection: {
    label: 'toolbar.deleteNote',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    enabled: editable,
    refusal: notesMay('deleteNote'),
    run: deleteSelected,
  } satisfies Command,
  recolor: {
    label: 'toolbar.colors',
    enabled: editable,
    refusal: notesMay('editNote'),
    run(ctx, color: NoteColor) {
      const chosen = splitPrivate(ctx, ids(ctx.selection()));
      if (chosen.board.length > 0) {
        ctx.session.act(() => recolorNotes(ctx.session.doc, chosen.board, color));
      }
      if (chosen.private.length > 0) ctx.session.brainstorm.ops.recolor(chosen.private, color);
    },
  } satisfies Command<NoteColor>,
  duplicate: {
    label: 'toolbar.duplicate',
    shortcuts: [{ key: 'd', mod: true }],
    enabled: (_session, s, role) => mayEdit(role) && s.notes.length > 0,
    refusal: mayAdd,
    run(ctx) {
      let made: string[] = [];
      ctx.session.act(() => {
        made = duplicateNotes(ctx.session.doc, boardNotes(ctx), ctx.author);
      });
      ctx.selectMade(made);
    },
  } satisfies Command,
  toggleLock: {
    label: 'toolbar.lock',
    enabled: (_session, s, role) => role === 'facilitator' && s.notes.length > 0,
    run(ctx) {
      const notes = boardNotes(ctx);
      const locked = !notes.every((n) => n.locked);
      ctx.session.act(() =>
        setNotesLocked(
          ctx.session.doc,
          notes.map((n) => n.id),
          locked,
        ),
      );
    },
  } satisfies Command,
  undo: {
    label: 'toolbar.undo',
    shortcuts: [{ key: 'z', mod: true, shift: false }],
    enabled: (session, _selection, role) => mayEdit(role) && session.history.get().canUndo,
    run(ctx) {
      const refusal = ctx.session.undo();
      // Said, not only seen: a keyboard's note that just lost its text changes no focus.
      if (!refusal) ctx.announce(ctx.t('undo.done'));
      else
        ctx.notify({
          tone: 'info',
          text: ctx.t('undo.dropped', { reason: ctx.t(refusalKey(refusal)) }),
        });
    },
  } satisfies Command,
  redo: {
    label: 'toolbar.redo',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    enabled: (session, _selection, role) => mayEdit(role) && session.history.get().canRedo,
    run(ctx) {
      const refusal = ctx.session.redo();
      if (!refusal) ctx.announce(ctx.t('redo.done'));
      else
        ctx.notify({
          tone: 'info',
          text: ctx.t('redo.dropped', { reason: ctx.t(refusalKey(refusal)) }),
        });
    },
  } satisfies Command,
  selectAll: {
    label: 'command.selectAll',
    shortcuts: [{ key: 'a', mod: true }],
    enabled: always,
    run: (ctx) => ctx.select(ctx.scene().shown.map((n) => n.id)),
  } satisfies Command,
  clearSelection: {
    label: 'command.clearSelection',
    shortcuts: [{ key: 'Escape', keepDefault: true }],
    enabled: always,
    run: (ctx) => ctx.clearSelection(),
  } satisfies Command,
  nudge: {
    label: 'command.nudge',
    shortcuts: [...arrows(NUDGE, false), ...arrows(NUDGE_BIG, true)],
    enabled: (_session, s, role) => mayEdit(role) && s.notes.length > 0,
    refusal: notesMay('moveNote'),
    run: (ctx, { dx, dy }: { dx: number; dy: number }) => ctx.nudge(dx, dy),
  } satisfies Command<{ dx: number; dy: number }>,
  /** The end of a drag or a nudge: written once, as one transaction (moves.ts). */
  move: {
    label: 'command.move',
    enabled: (_session, _selection, role) => mayEdit(role),
    run: (ctx, { move, dx, dy }: { move: LocalMove; dx: number; dy: number }) =>
      writeMove(ctx, move, dx, dy),
  } satisfies Command<{ move: LocalMove; dx: number; dy: number }>,
  resize: {
    label: 'command.resize',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: (session, _selection, arg) => noteMay(session, 'editNote', arg?.id),
    run(ctx, { id, w, h }: { id: string; w: number; h: number }) {
      if (ctx.session.brainstorm.isPrivate(id)) ctx.session.brainstorm.ops.resize(id, w, h);
      else ctx.session.act(() => resizeNote(ctx.session.doc, id, w, h));
    },
  } satisfies Command<{ id: string; w: number; h: number }>,
  paste: {
    label: 'command.paste',
    enabled: (_session, _selection, role) => mayEdit(role),
    refusal: mayAdd,
    run: (ctx, input: ClipboardInput) => pasteInto(ctx, input),
  } satisfies Command<ClipboardInput>,
  /** The copy to the clipboard is the browser's event (useClipboard.ts); this removes. */
  cut: {
    label: 'command.cut',
    enabled: editable,
    refusal: notesMay('deleteNote'),
    run: deleteSelected,
  } satisfies Command,
} as const;
