import type { CommentAnchor } from '@paja/shared';
import type { MessageKey } from '../../i18n/messages';
import { EMPTY_SELECTION, type Selection } from '../canvas/selection';
import type { Bounds } from '../canvas/viewport';
import type { NoticeMessage } from '../chrome/Notice';
import type { TitleTarget } from '../stage/TitleEditor';
import type { Scene } from '../stage/useScene';
import type { Panel, SelectionView, Tool } from './commandTypes';
import type { LocalMove } from './moves';

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
  /**
   * A question before a command goes on; `label` names its button (default: the paste's).
   * `refocus`: it was asked from the canvas's keys, which get the focus back after.
   */
  confirm: { message: string; run(): void; label?: MessageKey; refocus: boolean } | null;
  panel: Panel | null;
  /** Whose comments the comments panel shows (null: all), and whether it opened to write. */
  comments: { anchor: CommentAnchor | null; compose: boolean };
  /** The note the keyboard is on (chrome/NoteList.tsx holds its stand-in), and whether the
   *  canvas's keys have the focus now (its ring is drawn only then). */
  focusedId: string | null;
  keyFocus: boolean;
  /** Bumped to put the page's focus on the focused note's stand-in (after an editor closed). */
  focusRequest: number;
  /** The selection is being moved with the keys (M): arrows move it, Enter puts it down. */
  keyMove: boolean;
  /** The last thing said in the canvas's polite live region; `seq` tells repeats apart. */
  announcement: { text: string; seq: number } | null;
}

export const INITIAL_CANVAS: CanvasState = {
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
  focusedId: null,
  keyFocus: false,
  focusRequest: 0,
  keyMove: false,
  announcement: null,
};

/**
 * The selection as commands see it: the selected notes and cluster of `scene` that exist, and
 * the note the keyboard is on.
 */
export function selectionView(
  scene: Pick<Scene, 'byId' | 'clusters'>,
  state: Pick<CanvasState, 'selection' | 'selectedCluster' | 'focusedId'>,
): SelectionView {
  return {
    notes: [...state.selection].flatMap((id) => scene.byId.get(id) ?? []),
    cluster: scene.clusters.find((c) => c.id === state.selectedCluster) ?? null,
    focused: (state.focusedId !== null && scene.byId.get(state.focusedId)) || null,
  };
}
