import { useEffect, useState } from 'react';
import { type BoardAccess, BoardSession } from './BoardSession';

/**
 * Opens the board for as long as the component shows it (and again when the board or the
 * link changes). Null until the session exists: it is made in an effect, so that StrictMode's
 * second run of effects makes a fresh one instead of reusing a destroyed one.
 */
export function useBoardSession(boardId: string, access: BoardAccess): BoardSession | null {
  const [session, setSession] = useState<BoardSession | null>(null);
  const { token, participantKey } = access;
  useEffect(() => {
    const opened = new BoardSession({ boardId, access: { token, participantKey } });
    setSession(opened);
    return () => {
      opened.destroy();
      setSession(null);
    };
  }, [boardId, token, participantKey]);
  return session;
}
