import type {
  Author,
  ClusterView,
  CommentAnchor,
  NoteView,
  RefusalReason,
  VoteStatus,
} from '@paja/shared';
import { refusalKey } from '../../i18n/authority';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import { centerOf } from '../canvas/geometry';
import { withPlacement } from '../canvas/roadmapLayout';
import {
  EMPTY_SELECTION,
  pruneSelection,
  type Selection,
  selectionBounds,
} from '../canvas/selection';
import { boardToScreen, boundsOf, centerOn, legibleViewport, type Point } from '../canvas/viewport';
import { noteLabel } from '../canvas/voteText';
import type { NoticeMessage } from '../chrome/Notice';
import type { BoardPresence } from '../presence/publisher';
import type { BoardSession } from '../session/BoardSession';
import { Store } from '../session/store';
import { runningStatus } from '../session/VoteClient';
import { noteLayout } from '../stage/noteLayout';
import type { TitleTarget } from '../stage/TitleEditor';
import { type Scene, sceneOrder } from '../stage/useScene';
import { authorityOf, decideNote } from './authority';
import { CanvasCamera } from './CanvasCamera';
import { type CanvasState, INITIAL_CANVAS, selectionView } from './canvasState';
import {
  COMMANDS,
  type Command,
  type CommandArg,
  type CommandContext,
  type CommandId,
  may,
  type Panel,
  type SelectionView,
  type Tool,
} from './commands';
import { FreshNotes, writeUnstack } from './freshNotes';
import { finishKeyMove } from './keyMove';
import { Moves, movableNotes } from './moves';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The canvas's controller: a plain object that holds what is mine alone on the canvas (the
 * selection, the keyboard's note, the open editor, the tool, a move in progress, and, from
 * CanvasCamera, the view) in stores React reads, and runs commands (commands.ts) against the
 * session. Gestures (gestures.ts), the keyboard and the toolbar call it; it never calls into a
 * component. The scene it hit-tests and moves is the one on screen, handed in by the view after
 * each render (`showScene`).
 */
export class BoardController extends CanvasCamera implements CommandContext {
  readonly session: BoardSession;
  readonly state = new Store<CanvasState>(INITIAL_CANVAS);
  readonly moves: Moves;
  author: Author;
  t: Translate = (key) => key;
  /** Where the pointer is on the board, while it is over the canvas. */
  pointer: Point | null = null;
  /** The search field, focused by the `search` command. */
  searchField: HTMLInputElement | null = null;
  #scene: Scene | null = null;
  /** A note the view shows again once the next scene is drawn (it may have moved). */
  #revealing: string | null = null;
  #presence: BoardPresence | null = null;
  /** Notes this person just added, moved off a stack others' notes made (freshNotes.ts). */
  readonly #fresh = new FreshNotes();
  /** My dots in the running vote as the server last told them (a change is said). */
  #ballot: VoteStatus | null = null;
  readonly #unsubscribe: () => void;

  constructor(session: BoardSession, author: Author) {
    super();
    this.session = session;
    this.author = author;
    this.moves = new Moves({
      current: () => this.state.get().move,
      show: (move) => {
        this.state.patch({ move });
        this.#presence?.setMoving(
          move && { ids: this.#shareable(move.ids), dx: move.dx, dy: move.dy },
        );
      },
      movable: (id) => {
        const note = this.scene().byId.get(id);
        return (
          note !== undefined &&
          !note.locked &&
          may(this.session, this.session.role, 'moveNote', [note])
        );
      },
      commit: (move, dx, dy) => this.run('move', { move, dx, dy }),
    });
    // Whoever follows this person reads this screen's view from presence.
    this.view.subscribe(() => this.#presence?.setView(this.viewRect()));
    this.#ballot = runningStatus(session.votes.state.get());
    this.#unsubscribe = session.votes.state.subscribe(() => this.#sayDots());
  }

  /**
   * A dot given or taken back (P, Shift+P on a note) is said once the server has counted it,
   * with what it leaves, while the keys are on the canvas; a refusal is said as a notice
   * (chrome/useVoteView.ts). The vote panel says its own in its live region.
   */
  #sayDots(): void {
    const before = this.#ballot;
    const now = runningStatus(this.session.votes.state.get());
    this.#ballot = now;
    if (!before || !now?.voter || before.session !== now.session) return;
    if (before.mine === now.mine || !this.state.get().keyFocus) return;
    for (const note of new Set([...Object.keys(before.mine), ...Object.keys(now.mine)])) {
      const was = before.mine[note] ?? 0;
      const mine = now.mine[note] ?? 0;
      if (was === mine) continue;
      const text = noteLabel(this.#scene?.byId.get(note));
      const key = mine > was ? 'vote.given' : 'vote.takenBack';
      this.announce(this.t(key, { note: text, mine, left: now.left }));
    }
  }

  // --- Commands ---------------------------------------------------------------------------

  /** Whether this person may run `id` now (with `selection`: as of a render in progress). */
  enabled(id: CommandId, selection: SelectionView = this.selection()): boolean {
    const command = COMMANDS[id] as Command<unknown>;
    return command.enabled(this.session, selection, this.session.role);
  }

  /**
   * Why the board's rules stop `id` now (shared's permission table), or null; `arg` is the
   * command's argument when it is known (a note to edit, a title to rename).
   */
  refusal(id: CommandId, selection: SelectionView = this.selection(), arg?: unknown) {
    const command = COMMANDS[id] as Command<unknown>;
    return command.refusal?.(this.session, selection, arg) ?? null;
  }

  /**
   * Runs a command if this person may use it now; returns whether it ran. A command the
   * board's rules stop says why instead (a notice in the person's language) and sends nothing.
   */
  run<K extends CommandId>(
    id: K,
    ...arg: undefined extends CommandArg<K> ? [CommandArg<K>?] : [CommandArg<K>]
  ): boolean;
  run(id: CommandId, arg?: unknown): boolean {
    return this.runWith(id, arg);
  }

  /** `run` for callers whose argument comes from the table itself (a shortcut's `arg`). */
  runWith(id: CommandId, arg: unknown): boolean {
    if (!this.enabled(id)) return false;
    const refusal = this.refusal(id, this.selection(), arg);
    if (refusal) {
      this.explain(refusal);
      return false;
    }
    (COMMANDS[id] as Command<unknown>).run(this, arg);
    return true;
  }

  /** Which of `ids` this person may move now, and why the others stay (moves.ts). */
  movable(ids: Iterable<string>, cluster: ClusterView | null) {
    return movableNotes(this.session, this.scene().byId, ids, cluster);
  }

  explain(reason: RefusalReason): void {
    this.notify({ tone: 'info', text: this.t(refusalKey(reason)) });
  }

  // --- What the view hands in ---------------------------------------------------------------

  /** The scene on screen after a render: what hit tests, moves and commands work on. */
  showScene(scene: Scene): void {
    const s = this.state.get();
    // The keyboard's note was deleted (here or by someone else): the keys go on from the note
    // that took its place in reading order, so the focus is never lost to the page.
    const lost = s.focusedId !== null && !scene.byId.has(s.focusedId);
    const before = lost && this.#scene ? this.readingOrder() : [];
    this.#scene = scene;
    if (lost) {
      const index = before.findIndex((n) => n.id === s.focusedId);
      const order = this.readingOrder();
      const next = order[Math.min(Math.max(index, 0), order.length - 1)];
      this.state.patch({ focusedId: next?.id ?? null });
      // The view follows, as when the keys go to a note: the next one may be off screen.
      if (s.keyFocus && next) {
        this.requestFocus();
        this.#revealing = next.id;
      }
    }
    // The view follows the keyboard's note to where it is drawn now (a move, a roadmap cell).
    const shown = this.#revealing === null ? undefined : scene.byId.get(this.#revealing);
    this.#revealing = null;
    if (shown) this.reveal(shown);
    // Selection follows the document: notes deleted here or elsewhere leave it.
    const selection = pruneSelection(s.selection, (id) => scene.byId.has(id));
    if (selection !== s.selection) this.setSelection(selection);
    // An open editor closes when its note may no longer be edited here (locked, or the phase
    // changed meanwhile): typing on would send what the server refuses.
    const editing = s.editingId === null ? undefined : scene.byId.get(s.editingId);
    const decision = editing && decideNote(authorityOf(this.session), 'editNote', editing);
    if (decision && !decision.allowed) {
      this.notify({
        tone: 'info',
        text: this.t('editor.closedByLock', { reason: this.t(refusalKey(decision.reason)) }),
      });
    }
    // Notes added here at the same moment as others' on the same spot: mine moves off the
    // stack, after this render (the move makes the next one).
    const unstack = this.#fresh.movesIn(scene);
    if (unstack.length > 0) queueMicrotask(() => writeUnstack(this.session.doc, unstack));
    this.state.patch({
      editingId: editing && decision?.allowed ? s.editingId : null,
      selectedCluster:
        s.selectedCluster !== null && !scene.clusters.some((c) => c.id === s.selectedCluster)
          ? null
          : s.selectedCluster,
    });
  }

  setPresence(presence: BoardPresence | null): void {
    this.#presence = presence;
    presence?.setSelection(this.#shareable(this.state.get().selection));
    presence?.setView(this.viewRect());
  }

  /** Ids others may hear of: a private note's id stays here (presence reaches everyone). */
  #shareable(ids: Iterable<string>): string[] {
    return [...ids].filter((id) => !this.session.brainstorm.isPrivate(id));
  }

  get presence(): BoardPresence | null {
    return this.#presence;
  }

  noteAdded(id: string, at: Point): void {
    this.#fresh.added(id, at);
  }

  scene(): Scene {
    if (!this.#scene) throw new Error('the canvas has not rendered yet');
    return this.#scene;
  }

  /** The drawn notes in the order Tab goes through them (canvas/keyboardNav.ts). */
  readingOrder(): NoteView[] {
    return sceneOrder(this.scene());
  }

  // --- Selection, the keyboard's note and editors ------------------------------------------

  selection(): SelectionView {
    const scene = this.#scene;
    return scene
      ? selectionView(scene, this.state.get())
      : { notes: [], cluster: null, focused: null };
  }

  setSelection(selection: Selection): void {
    this.state.patch({ selection });
    this.#presence?.setSelection(this.#shareable(selection));
  }

  select(ids: Iterable<string>): void {
    this.setSelection(new Set(ids));
    this.state.patch({ selectedCluster: null });
  }

  /**
   * Selects what this person just made (a paste, a duplicate, an image), and the keyboard's
   * note, when there is one, goes to the first of it: the keys and "Move to…" act on the
   * keyboard's note when it is not selected (keyTargets), and after a paste that must not be
   * the note edited before it.
   */
  selectMade(ids: readonly string[]): void {
    this.select(ids);
    const first = ids[0];
    const { focusedId, keyFocus } = this.state.get();
    if (first === undefined || focusedId === null || ids.includes(focusedId)) return;
    this.state.patch({ focusedId: first });
    if (keyFocus) this.requestFocus();
  }

  selectCluster(id: string | null): void {
    this.setSelection(EMPTY_SELECTION);
    this.state.patch({ selectedCluster: id });
  }

  clearSelection(): void {
    this.selectCluster(null);
  }

  /** Puts the keyboard on a note: its stand-in takes the page's focus and the view follows. */
  focusNote(id: string): void {
    this.state.patch({ focusedId: id });
    this.requestFocus();
    const note = this.#scene?.byId.get(id);
    if (note) this.reveal(note);
    this.#revealing = id;
  }

  /** The page's focus arrived on (or left) a note's stand-in (chrome/NoteList.tsx). */
  keyFocusChanged(id: string | null): void {
    if (id === null) {
      // Leaving the canvas in the middle of a move with the keys puts the notes back.
      if (this.state.get().keyMove) finishKeyMove(this, false);
      this.state.patch({ keyFocus: false });
      return;
    }
    if (id !== this.state.get().focusedId) this.focusNote(id);
    this.state.patch({ focusedId: id, keyFocus: true });
  }

  setKeyMove(keyMove: boolean): void {
    this.state.patch({ keyMove });
  }

  requestFocus(): void {
    this.state.patch({ focusRequest: this.state.get().focusRequest + 1 });
  }

  /** Says `text` in the canvas's polite live region (chrome/Announcer.tsx). */
  announce(text: string): void {
    const seq = (this.state.get().announcement?.seq ?? 0) + 1;
    this.state.patch({ announcement: { text, seq } });
  }

  /**
   * Zooming by keys (+, −) while the keys are on a note zooms about that note and keeps it in
   * sight (clear of the toolbar and the search bar); else about the canvas's middle.
   */
  override zoomStep(direction: 1 | -1): void {
    const { focusedId, keyFocus } = this.state.get();
    const note = keyFocus && focusedId !== null ? this.#scene?.byId.get(focusedId) : undefined;
    if (!note) {
      super.zoomStep(direction);
      return;
    }
    super.zoomStep(direction, boardToScreen(this.viewport(), centerOf(note)));
    this.reveal(note);
  }

  /** Opens a note's editor; at a zoom where its text would be too small, zooms to it first. */
  edit(id: string | null): void {
    const note = id === null ? undefined : this.#scene?.byId.get(id);
    if (note) {
      const { viewport, size } = this.view.get();
      const fontSize = noteLayout(note.text, note.w, note.h).fontSize;
      const legible = legibleViewport(viewport, size, note, fontSize);
      if (legible !== viewport) this.setViewport(legible);
    }
    this.state.patch(id === null ? { editingId: null } : { editingId: id, focusedId: id });
  }

  /** Escape in the note editor: the keyboard is back on that note, never on the page. */
  leaveEditor(): void {
    const id = this.state.get().editingId;
    this.edit(null);
    if (id !== null) {
      this.state.patch({ focusedId: id });
      this.requestFocus();
    }
  }

  editTitle(target: TitleTarget | null): void {
    this.state.patch({ titleEditing: target });
  }

  setTool(tool: Tool): void {
    this.state.patch({ tool });
  }

  holdSpace(spaceHeld: boolean): void {
    this.state.patch({ spaceHeld });
  }

  togglePanel(panel: Panel): void {
    const open = this.state.get().panel === panel ? null : panel;
    const comments = { anchor: null, compose: false };
    this.state.patch(panel === 'comments' ? { panel: open, comments } : { panel: open });
  }

  openComments(anchor: CommentAnchor | null, compose: boolean): void {
    // The comment tool's hint has done its work once something is chosen.
    const comments = { anchor, compose };
    this.state.patch({ panel: 'comments', comments, tool: 'select', notice: null });
  }

  /** A notice over the canvas; while the keys are on the canvas, said in its live region too. */
  notify(notice: NoticeMessage | null): void {
    this.state.patch({ notice });
    if (notice && this.state.get().keyFocus) this.announce(notice.text);
  }

  readonly dismissNotice = () => this.notify(null);

  confirm(message: string, run: () => void, label?: MessageKey): void {
    const refocus = this.state.get().keyFocus;
    this.state.patch({ confirm: { message, run, label, refocus } });
  }

  /** Answers the open confirmation: runs it when `ok`. */
  answer(ok: boolean): void {
    const asked = this.state.get().confirm;
    this.state.patch({ confirm: null });
    if (ok) asked?.run();
    if (asked?.refocus) this.requestFocus();
  }

  focusSearch(): void {
    this.searchField?.focus();
  }

  nudge(dx: number, dy: number): void {
    this.moves.nudge(this.state.get().selection, dx, dy);
  }

  /** The notes a command acts on: the selected ones that exist. */
  selectedNotes(): NoteView[] {
    return [...this.selection().notes];
  }

  // --- The view, over notes (the rest is CanvasCamera's) ------------------------------------

  target(): Point {
    return this.pointer ?? this.viewCenter();
  }

  zoomToFit(): void {
    const scene = this.scene();
    const geometry = scene.roadmapLayout.geometry;
    // The topics' frames too: a frame reaches past its notes (its title, room for more).
    const bounds = boundsOf([...scene.shown, ...scene.clusters, ...(geometry ? [geometry] : [])]);
    if (bounds) this.setViewport(this.fitView(bounds));
  }

  zoomToSelection(): void {
    const { cluster } = this.selection();
    const scene = this.scene();
    this.zoomToBounds(cluster ?? selectionBounds(scene.shown, this.state.get().selection));
  }

  /** Shows the roadmap; its layout updates after it is created, so a frame later. */
  showRoadmap(): void {
    requestAnimationFrame(() => this.zoomToBounds(this.scene().roadmapLayout.geometry));
  }

  /** Centres the view on a note (a search hit) and selects it. */
  jumpTo(id: string): void {
    const scene = this.scene();
    const note =
      scene.byId.get(id) ??
      withPlacement(this.session.board.get().notes, scene.roadmapLayout.placed).find(
        (n) => n.id === id,
      );
    if (!note) return;
    const { viewport, size } = this.view.get();
    const scale = Math.max(viewport.scale, 0.8);
    this.setViewport(centerOn({ ...viewport, scale }, size, centerOf(note)));
    this.select([id]);
  }

  destroy(): void {
    this.#unsubscribe();
    this.moves.destroy();
  }
}
