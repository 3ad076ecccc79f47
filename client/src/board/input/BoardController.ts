import type {
  Author,
  ClusterView,
  CommentAnchor,
  NoteView,
  RefusalReason,
  ViewRect,
} from '@paja/shared';
import { refusalKey } from '../../i18n/authority';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import {
  type FollowEvent,
  type FollowState,
  NOT_FOLLOWING,
  nextFollow,
  viewportShowing,
  viewRectOf,
} from '../canvas/follow';
import { centerOf } from '../canvas/geometry';
import { withPlacement } from '../canvas/roadmapLayout';
import {
  EMPTY_SELECTION,
  pruneSelection,
  type Selection,
  selectionBounds,
} from '../canvas/selection';
import {
  type Bounds,
  boundsOf,
  centerOn,
  fitBounds,
  IDENTITY,
  legibleViewport,
  type Point,
  type Size,
  type Viewport,
  viewCenter,
  ZOOM_STEP,
  zoomBy,
  zoomTo,
} from '../canvas/viewport';
import type { NoticeMessage } from '../chrome/Notice';
import type { BoardPresence } from '../presence/publisher';
import type { BoardSession } from '../session/BoardSession';
import { Store } from '../session/store';
import { noteLayout } from '../stage/noteLayout';
import type { TitleTarget } from '../stage/TitleEditor';
import type { Scene } from '../stage/useScene';
import { authorityOf, decideCluster, decideNote, firstRefusal, refusalForNotes } from './authority';
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
import { type LocalMove, Moves } from './moves';

/** What is mine alone on the canvas: never in the document, never seen by others as such. */
export interface CanvasState {
  selection: Selection;
  selectedCluster: string | null;
  /** The note whose editor is open. */
  editingId: string | null;
  titleEditing: TitleTarget | null;
  tool: Tool;
  /** Space is held: a drag pans. */
  spaceHeld: boolean;
  move: LocalMove | null;
  resizing: { id: string; w: number; h: number } | null;
  marquee: Bounds | null;
  notice: NoticeMessage | null;
  /** A question before a command goes on; `label` names its button (default: the paste's). */
  confirm: { message: string; run(): void; label?: MessageKey } | null;
  panel: Panel | null;
  /** Whose comments the comments panel shows (null: all), and whether it opened to write. */
  comments: { anchor: CommentAnchor | null; compose: boolean };
}

export interface ViewState {
  viewport: Viewport;
  size: Size;
}

const INITIAL: CanvasState = {
  selection: EMPTY_SELECTION,
  selectedCluster: null,
  editingId: null,
  titleEditing: null,
  tool: 'select',
  spaceHeld: false,
  move: null,
  resizing: null,
  marquee: null,
  notice: null,
  confirm: null,
  panel: null,
  comments: { anchor: null, compose: false },
};

type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The canvas's controller: a plain object that holds what is mine alone on the canvas (the
 * selection, the open editor, the tool, a move in progress, the view) in stores React reads,
 * and runs commands (commands.ts) against the session. Gestures (gestures.ts), the keyboard and
 * the toolbar call it; it never calls into a component. The scene it hit-tests and moves is the
 * one on screen, handed in by the view after each render (`showScene`).
 */
export class BoardController implements CommandContext {
  readonly session: BoardSession;
  readonly state = new Store<CanvasState>(INITIAL);
  readonly view = new Store<ViewState>({ viewport: IDENTITY, size: { width: 0, height: 0 } });
  /** Whose view this screen follows (canvas/follow.ts); moving the view oneself stops it. */
  readonly follow = new Store<FollowState>(NOT_FOLLOWING);
  readonly moves: Moves;
  author: Author;
  t: Translate = (key) => key;
  /** Where the pointer is on the board, while it is over the canvas. */
  pointer: Point | null = null;
  /** The search field, focused by the `search` command. */
  searchField: HTMLInputElement | null = null;
  #scene: Scene | null = null;
  #presence: BoardPresence | null = null;

  constructor(session: BoardSession, author: Author) {
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

  /**
   * Which of `ids` this person may move now, and why the others stay: locked notes stay for
   * everyone (the operations skip them), others' notes while moving them is closed. A cluster
   * moves whole or not at all.
   */
  movable(
    ids: Iterable<string>,
    cluster: ClusterView | null,
  ): { ids: string[]; refusal: RefusalReason | null } {
    const authority = authorityOf(this.session);
    const notes = [...ids].flatMap((id) => this.scene().byId.get(id) ?? []);
    if (cluster) {
      const refusal =
        firstRefusal([decideCluster(authority, cluster)]) ??
        refusalForNotes(authority, 'moveNote', notes);
      return { ids: refusal ? [] : notes.map((n) => n.id), refusal };
    }
    let refusal: RefusalReason | null = null;
    const allowed: string[] = [];
    for (const note of notes) {
      const decision = decideNote(authority, 'moveNote', note);
      if (note.locked) refusal ??= 'locked';
      else if (!decision.allowed) refusal ??= decision.reason;
      else allowed.push(note.id);
    }
    return { ids: allowed, refusal };
  }

  explain(reason: RefusalReason): void {
    this.notify({ tone: 'info', text: this.t(refusalKey(reason)) });
  }

  // --- What the view hands in ---------------------------------------------------------------

  /** The scene on screen after a render: what hit tests, moves and commands work on. */
  showScene(scene: Scene): void {
    this.#scene = scene;
    // Selection follows the document: notes deleted here or elsewhere leave it.
    const s = this.state.get();
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

  scene(): Scene {
    if (!this.#scene) throw new Error('the canvas has not rendered yet');
    return this.#scene;
  }

  // --- Selection and editors ----------------------------------------------------------------

  selection(): SelectionView {
    const scene = this.#scene;
    return scene ? selectionView(scene, this.state.get()) : { notes: [], cluster: null };
  }

  setSelection(selection: Selection): void {
    this.state.patch({ selection });
    this.#presence?.setSelection(this.#shareable(selection));
  }

  select(ids: Iterable<string>): void {
    this.setSelection(new Set(ids));
    this.state.patch({ selectedCluster: null });
  }

  selectCluster(id: string | null): void {
    this.setSelection(EMPTY_SELECTION);
    this.state.patch({ selectedCluster: id });
  }

  clearSelection(): void {
    this.selectCluster(null);
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
    this.state.patch({ editingId: id });
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

  notify(notice: NoticeMessage | null): void {
    this.state.patch({ notice });
  }

  readonly dismissNotice = () => this.notify(null);

  confirm(message: string, run: () => void, label?: MessageKey): void {
    this.state.patch({ confirm: { message, run, label } });
  }

  /** Answers the open confirmation: runs it when `ok`. */
  answer(ok: boolean): void {
    const asked = this.state.get().confirm;
    this.state.patch({ confirm: null });
    if (ok) asked?.run();
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

  // --- The view -----------------------------------------------------------------------------

  viewport(): Viewport {
    return this.view.get().viewport;
  }

  /** This person moves the view (a gesture, a key, a search hit): she stops following. */
  setViewport(viewport: Viewport): void {
    this.followEvent({ type: 'stop' });
    this.view.patch({ viewport });
  }

  updateViewport(update: (view: Viewport) => Viewport): void {
    this.followEvent({ type: 'stop' });
    this.view.patch({ viewport: update(this.view.get().viewport) });
  }

  /** Shows a view this person did not move to herself (the first fit, someone followed). */
  showViewport(viewport: Viewport): void {
    this.view.patch({ viewport });
  }

  /** Shows another person's view, fitted to this screen. */
  showView(rect: ViewRect): void {
    this.showViewport(viewportShowing(rect, this.view.get().size));
  }

  /** The board rectangle on this screen. */
  viewRect(): ViewRect {
    const { viewport, size } = this.view.get();
    return viewRectOf(viewport, size);
  }

  followEvent(event: FollowEvent): void {
    this.follow.set(nextFollow(this.follow.get(), event));
  }

  setSize(size: Size): void {
    const now = this.view.get().size;
    if (now.width !== size.width || now.height !== size.height) this.view.patch({ size });
  }

  viewCenter(): Point {
    const { viewport, size } = this.view.get();
    return viewCenter(viewport, size);
  }

  target(): Point {
    return this.pointer ?? this.viewCenter();
  }

  zoomStep(direction: 1 | -1): void {
    const factor = direction === 1 ? ZOOM_STEP : 1 / ZOOM_STEP;
    this.updateViewport((view) => zoomBy(view, this.#middle(), factor));
  }

  resetZoom(): void {
    this.updateViewport((view) => zoomTo(view, this.#middle(), 1));
  }

  zoomToFit(): void {
    const scene = this.scene();
    const geometry = scene.roadmapLayout.geometry;
    const bounds = boundsOf(geometry ? [...scene.shown, geometry] : scene.shown);
    if (bounds) this.setViewport(fitBounds(bounds, this.view.get().size, 90));
  }

  zoomToBounds(bounds: Bounds | null): void {
    if (bounds) this.setViewport(fitBounds(bounds, this.view.get().size, 80, 2));
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

  /** Centres the view on a board point (the minimap). */
  centerAt(point: Point): void {
    const { viewport, size } = this.view.get();
    this.setViewport(centerOn(viewport, size, point));
  }

  destroy(): void {
    this.moves.destroy();
  }

  #middle(): Point {
    const { size } = this.view.get();
    return { x: size.width / 2, y: size.height / 2 };
  }
}

/** The selection as commands see it: the selected notes and cluster of `scene` that exist. */
export function selectionView(
  scene: Scene,
  state: Pick<CanvasState, 'selection' | 'selectedCluster'>,
): SelectionView {
  return {
    notes: [...state.selection].flatMap((id) => scene.byId.get(id) ?? []),
    cluster: scene.clusters.find((c) => c.id === state.selectedCluster) ?? null,
  };
}
