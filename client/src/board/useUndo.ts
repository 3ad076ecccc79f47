import { createUndoManager } from '@paja/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

/**
 * Typing within this many ms is one undo step (a word or a sentence, not a letter); any other
 * action is cut off from its neighbours with stopCapturing, so it is undone on its own.
 */
const TYPING_CAPTURE_MS = 800;

export interface UndoControls {
  undo(): void;
  redo(): void;
  /** Runs a board action as its own undo step, never merged with typing before or after. */
  act(fn: () => void): void;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * The local user's undo history for one document (shared's createUndoManager: only this
 * user's own transactions, never other people's).
 */
export function useUndo(doc: Y.Doc): UndoControls {
  // Created in an effect, not a memo: StrictMode runs effects twice, and a destroyed manager
  // must not stay in use.
  const manager = useRef<Y.UndoManager | null>(null);
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const undo = createUndoManager(doc, { captureTimeout: TYPING_CAPTURE_MS });
    manager.current = undo;
    const onChange = () =>
      setState((current) => {
        const next = { canUndo: undo.canUndo(), canRedo: undo.canRedo() };
        return current.canUndo === next.canUndo && current.canRedo === next.canRedo
          ? current
          : next;
      });
    undo.on('stack-item-added', onChange);
    undo.on('stack-item-popped', onChange);
    undo.on('stack-cleared', onChange);
    return () => {
      if (manager.current === undo) manager.current = null;
      undo.destroy();
    };
  }, [doc]);
  const act = useCallback((fn: () => void) => {
    manager.current?.stopCapturing();
    try {
      fn();
    } finally {
      manager.current?.stopCapturing();
    }
  }, []);
  const undo = useCallback(() => {
    manager.current?.stopCapturing();
    manager.current?.undo();
  }, []);
  const redo = useCallback(() => {
    manager.current?.stopCapturing();
    manager.current?.redo();
  }, []);
  return { undo, redo, act, ...state };
}
