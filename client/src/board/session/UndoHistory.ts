import { createUndoManager, guardedUndo, type RefusalReason, type Role } from '@paja/shared';
import type * as Y from 'yjs';
import { Store } from './store';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Typing within this many ms is one undo step (a word or a sentence, not a letter); any other
 * action is cut off from its neighbours with stopCapturing, so it is undone on its own.
 */
const TYPING_CAPTURE_MS = 800;

/**
 * This person's undo history on one board: only their own transactions (shared's
 * createUndoManager), each action one step, and a step the board no longer allows dropped with
 * its reason instead of being sent (shared's guardedUndo rehearses it against the server's edit
 * guard).
 */
export class UndoHistory {
  readonly state = new Store<HistoryState>({ canUndo: false, canRedo: false });
  readonly #doc: Y.Doc;
  readonly #undo: Y.UndoManager;
  readonly #editor: () => { role: Role; participantId: string } | null;

  /** `editor`: who the server says this person is (welcome), null while unknown. */
  constructor(doc: Y.Doc, editor: () => { role: Role; participantId: string } | null) {
    this.#doc = doc;
    this.#editor = editor;
    this.#undo = createUndoManager(doc, { captureTimeout: TYPING_CAPTURE_MS });
    const changed = () => this.#refresh();
    this.#undo.on('stack-item-added', changed);
    this.#undo.on('stack-item-popped', changed);
    this.#undo.on('stack-cleared', changed);
  }

  /** Runs a board change as its own undo step, never merged with typing before or after. */
  act(change: () => void): void {
    this.#undo.stopCapturing();
    try {
      change();
    } finally {
      this.#undo.stopCapturing();
    }
  }

  /** Undoes or redoes my last step; the reason when the board no longer allows it. */
  step(direction: 'undo' | 'redo'): RefusalReason | null {
    this.#undo.stopCapturing();
    // Without the server's welcome (a stock server) nobody is refused: just undo.
    const editor = this.#editor() ?? { role: 'facilitator' as const, participantId: '' };
    const outcome = guardedUndo(this.#doc, this.#undo, direction, editor);
    // The dropped step left the stack without an event: refresh what the toolbar shows.
    if (outcome.refusal) this.#refresh();
    return outcome.refusal?.reason ?? null;
  }

  destroy(): void {
    this.#undo.destroy();
  }

  #refresh(): void {
    this.state.patch({ canUndo: this.#undo.canUndo(), canRedo: this.#undo.canRedo() });
  }
}
