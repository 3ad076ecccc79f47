import { useEffect, useState } from 'react';
import { type BoardAccess, BoardSession } from './BoardSession';

/**
 * Opens the board for as long as the component shows it (and again when the board or the
 * link changes, or `generation` grows: a fresh start from the server's board). Null until the
 * session exists: it is made in an effect, so that StrictMode's second run of effects makes a
 * fresh one instead of reusing a destroyed one.
 */
export function useBoardSession(
  boardId: string,
  access: BoardAccess,
  generation = 0,
): BoardSession | null {
  const [session, setSession] = useState<BoardSession | null>(null);
  const { token, participantKey } = access;
  const publicAccess = access.public ?? false;
  useEffect(() => {
    // `generation` only asks for a fresh session when it changes.
    void generation;
    const opened = new BoardSession({
      boardId,
      access: { token, participantKey, public: publicAccess },
    });
    setSession(opened);
    return () => {
      opened.destroy();
      setSession(null);
    };
  }, [boardId, token, participantKey, publicAccess, generation]);
  return session;
}
