import { createContext, useContext } from 'react';
import type { useCommentActions } from '../chrome/useCommentActions';
import type { BoardSession } from '../session/BoardSession';
import type { DotControls } from '../stage/VoteOverlay';
import type { Outline } from './outlineModel';

/**
 * What every part of the outline needs, given once by OutlineView: the session, the board read
 * as an outline, what this person may do (edit, vote, comment) and how to tell them the outcome.
 */
export interface OutlineTools {
  session: BoardSession;
  outline: Outline;
  /** May add, edit, move and delete notes (the role; a note's lock is checked per note). */
  editor: boolean;
  /** One change of the document by this person: one undo step, not announced back to them. */
  act(ids: readonly string[], change: () => unknown): void;
  comments: ReturnType<typeof useCommentActions>;
  /** The dot controls while a vote is open and this person votes, else null. */
  dots: DotControls | null;
  /** Says something to this person at once (a refusal, "comment sent") in the live region. */
  say(text: string): void;
}

export const OutlineContext = createContext<OutlineTools | null>(null);

export function useOutline(): OutlineTools {
  const tools = useContext(OutlineContext);
  if (!tools) throw new Error('useOutline outside OutlineView');
  return tools;
}
