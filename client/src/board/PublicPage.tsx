import { useEffect, useMemo, useState } from 'react';
import { participantId, storedName } from '../identity';
import { lookupPublicBoard, type PublicLookup } from '../publicBoard';
import { BoardScreen } from './BoardScreen';
import { BoardError, BoardLoading } from './chrome/BoardError';
import { colorForParticipant } from './presence/presence';

/**
 * A board's public address (`/p/<id>`): opens the published board for anyone, with no token,
 * no name and no account. A name is asked only when the person comments (CommentForm), and
 * only for that comment. The browser's secret key still makes one person one supporter.
 */
export function PublicPage({ boardId }: { boardId: string }) {
  const [lookup, setLookup] = useState<PublicLookup | { kind: 'loading' }>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const user = useMemo(() => {
    const id = participantId();
    return { id, name: storedName() ?? '', color: colorForParticipant(id) };
  }, []);

  useEffect(() => {
    void attempt; // a retry re-runs the lookup
    const controller = new AbortController();
    setLookup({ kind: 'loading' });
    lookupPublicBoard(boardId, controller.signal).then(setLookup, () => {
      // Aborted because the page changed: nothing to show.
    });
    return () => controller.abort();
  }, [boardId, attempt]);

  switch (lookup.kind) {
    case 'loading':
      return <BoardLoading />;
    case 'not-found':
      return <BoardError message="board.error.notFound" />;
    case 'not-published':
      return <BoardError message="public.notPublished" />;
    case 'network-error':
      return <BoardError message="board.error.network" onRetry={() => setAttempt((n) => n + 1)} />;
    case 'found':
      return (
        <BoardScreen
          boardId={boardId}
          initialTitle={lookup.title}
          token={null}
          user={user}
          onRename={() => undefined}
          publicReader
        />
      );
  }
}
