import type {
  Author,
  ClusterView,
  CommentAnchor,
  NoteView,
  RefusalReason,
  Role,
  ViewRect,
} from '@paja/shared';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import type { FollowEvent } from '../canvas/follow';
import type { Bounds, Point } from '../canvas/viewport';
import type { NoticeMessage } from '../chrome/Notice';
import type { BoardSession } from '../session/BoardSession';
import type { TitleTarget } from '../stage/TitleEditor';
import type { Scene } from '../stage/useScene';
import type { Moves } from './moves';

/** The shape of the command table (commands.ts) and what its commands may use. */

/** `comment`: the next press on the canvas picks what to comment on. */
export type Tool = 'select' | 'pan' | 'comment';
/** Side panels of the board; later panels (timer) join this list. */
export type Panel =
  | 'roadmap'
  | 'votes'
  | 'export'
  | 'history'
  | 'moderation'
  | 'phase'
  | 'comments'
  | 'import'
  | 'moveTo'
  | 'keys'
  | 'people'
  | 'files';

/** What a command may read and do: the session, the scene on screen, and the canvas's state. */
export interface CommandContext {
  readonly session: BoardSession;
  readonly author: Author;
  scene(): Scene;
  selection(): SelectionView;
  /** Where a new note or a paste goes: the pointer when it is on the canvas, else the centre. */
  target(): Point;
  viewCenter(): Point;
  /** The board under the toolbar and the search bar on screen now (CanvasCamera.coveredBoard). */
  coveredBoard(): Bounds[];
  /**
   * This person just put a new note on the board at `at`: if others' notes land on the same
   * spot at the same moment, it moves off the stack (freshNotes.ts).
   */
  noteAdded(id: string, at: Point): void;
  select(ids: Iterable<string>): void;
  /** Selects what was just made; the keyboard's note goes with it (BoardController). */
  selectMade(ids: readonly string[]): void;
  selectCluster(id: string | null): void;
  clearSelection(): void;
  edit(id: string | null): void;
  editTitle(target: TitleTarget | null): void;
  setTool(tool: Tool): void;
  togglePanel(panel: Panel): void;
  /**
   * Opens the comments panel on `anchor`'s comments (null: the list of all); `compose` puts
   * the focus in the new comment's field.
   */
  openComments(anchor: CommentAnchor | null, compose: boolean): void;
  notify(notice: NoticeMessage): void;
  /** Says, in the person's language, why the board does not allow what they tried. */
  explain(reason: RefusalReason): void;
  /** Asks first; `label` names what the confirming button does (default: the paste's). */
  confirm(message: string, run: () => void, label?: MessageKey): void;
  t(key: MessageKey, params?: MessageParams): string;
  zoomStep(direction: 1 | -1): void;
  resetZoom(): void;
  zoomToFit(): void;
  zoomToSelection(): void;
  focusSearch(): void;
  nudge(dx: number, dy: number): void;
  /** The board rectangle on this screen (what a summons or a follower shows). */
  viewRect(): ViewRect;
  followEvent(event: FollowEvent): void;
  /** Moving notes: a drag, a nudge, a move with the keys (moves.ts). */
  readonly moves: Moves;
  /** The drawn notes in the order Tab goes through them (canvas/keyboardNav.ts). */
  readingOrder(): NoteView[];
  /** Puts the keyboard on a note (its stand-in takes the focus) and shows it. */
  focusNote(id: string): void;
  /** Moves the view just enough to show `bounds`. */
  reveal(bounds: Bounds): void;
  /** Says `text` in the canvas's polite live region, in the person's language. */
  announce(text: string): void;
  /** The selection is being moved with the keys (keyMove.ts), or no longer. */
  setKeyMove(on: boolean): void;
}

/** The selection as commands see it: the selected notes that exist, and a selected cluster. */
export interface SelectionView {
  notes: readonly NoteView[];
  cluster: ClusterView | null;
  /** The note the keyboard is on (Tab into the canvas), whether selected or not. */
  focused: NoteView | null;
}

export interface Shortcut {
  /** KeyboardEvent.key, compared without case ('n' also matches 'N'). */
  key?: string;
  /** KeyboardEvent.code, for keys whose `key` depends on the layout (Shift+1). */
  code?: string;
  /** Ctrl or Cmd held (the same key here: Mac users press Cmd, others Ctrl). Default: not. */
  mod?: boolean;
  /** Shift held (true) or not (false); either when absent. */
  shift?: boolean;
  /**
   * Let the browser act on the key too (Escape must still close an open dialog). Otherwise its
   * default is prevented, also when the command is not enabled now: Ctrl+A must not select the
   * page's text, an arrow must not scroll it, and "n" must not be typed into the editor it opens.
   */
  keepDefault?: boolean;
}

export interface Command<A = undefined> {
  label: MessageKey;
  shortcuts?: ReadonlyArray<Shortcut & { arg?: A }>;
  /**
   * Keys that mean this command while a note has the keyboard's focus (input/noteKeys.ts),
   * tried before `shortcuts`: Enter edits that note, Space selects it.
   */
  focusKeys?: ReadonlyArray<Shortcut & { arg?: A }>;
  /**
   * Whether this person may use it now. The toolbar hides or disables what is not enabled, the
   * keyboard ignores it, gestures do nothing. `role` is null until the server says (a server
   * without Paja's welcome): then the person is treated as an editor, and the server decides.
   */
  enabled(session: BoardSession, selection: SelectionView, role: Role | null): boolean;
  /**
   * Why the board's rules stop this person now (phase settings, locks, ownership: shared's
   * permission table, which the server's edit guard asks too), or null. Unlike `enabled` (the
   * role: hidden), a refusal is explained: the button stays and says why, a key or a gesture
   * shows the reason, and nothing is sent that the server would refuse. `arg` is absent when
   * the toolbar asks before anything was chosen.
   */
  refusal?(
    session: BoardSession,
    selection: SelectionView,
    arg: A | undefined,
  ): RefusalReason | null;
  run(ctx: CommandContext, arg: A): void;
}
