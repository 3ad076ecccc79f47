import { isBoardId } from '@paja/shared';
import { useEffect, useMemo, useState } from 'react';
import { type BoardLookup, lookupBoard } from '../api';
import { participantId, rememberName, storedName } from '../identity';
import { takeToken } from '../linkToken';
import { rememberBoardVisit } from '../myBoards';
import { LocalCopyRescue } from '../offline/LocalCopyRescue';
import { localBoard } from '../offline/localBoards';
import { openFromLocal } from '../offline/openFromLocal';
import { storedOrganisation } from '../workshop/organisations';
import { BoardScreen } from './BoardScreen';
import { BoardError, BoardLoading } from './chrome/BoardError';
import { NameDialog } from './chrome/NameDialog';
import { noAccessMessage } from './chrome/refusalMessages';
import { colorForParticipant, type PresenceUser } from './presence/presence';

type Lookup = { kind: 'loading' } | BoardLookup;

/**
 * A board's page: checks that the board exists (a wrong link gets a clear message, not an
 * empty board), asks for a name on the first visit, then opens the board.
 */
export function BoardPage({ boardId }: { boardId: string }) {
  const validId = isBoardId(boardId);
  const [lookup, setLookup] = useState<Lookup>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [name, setName] = useState<string | null>(storedName);
  const [renaming, setRenaming] = useState(false);
  const [organisation, setOrganisation] = useState(storedOrganisation);
  const id = useMemo(participantId, []);
  // The link's token wins over one remembered from an earlier visit (it may be a new role);
  // it leaves the address bar at once.
  const [token] = useState(() => takeToken(boardId));
  // This browser's copy of the board, if it has one: the board then opens without the server.
  const [local] = useState(() => localBoard(boardId));

  useEffect(() => {
    if (!validId) return;
    void attempt; // a retry re-runs the lookup
    const controller = new AbortController();
    setLookup({ kind: 'loading' });
    lookupBoard(boardId, token, controller.signal).then(
      (found) => {
        if (found.kind === 'found' && found.role) {
          rememberBoardVisit({ id: boardId, title: found.title, role: found.role, token });
        }
        setLookup(found);
      },
      () => {
        // Aborted because the page changed: nothing to show.
      },
    );
    return () => controller.abort();
  }, [boardId, validId, attempt, token]);

  const user = useMemo<PresenceUser | null>(
    () => (name === null ? null : { id, name, color: colorForParticipant(id) }),
    [id, name],
  );

  if (!validId) return <BoardError message="board.error.invalidId" />;
  const shown = openFromLocal(boardId, lookup, local);
  switch (shown.kind) {
    case 'loading':
      return <BoardLoading />;
    case 'not-found':
      return (
        <BoardError message="board.error.notFound">
          <LocalCopyRescue boardId={boardId} />
        </BoardError>
      );
    case 'no-access':
      return (
        <BoardError message={noAccessMessage(shown.reason)}>
          <LocalCopyRescue boardId={boardId} />
        </BoardError>
      );
    case 'unavailable':
      return (
        <BoardError message="board.error.unavailable" onRetry={() => setAttempt((n) => n + 1)} />
      );
    case 'network-error':
      return <BoardError message="board.error.network" onRetry={() => setAttempt((n) => n + 1)} />;
    case 'found':
      break;
  }

  // The board's list, as the server gave it on lookup (none when opened from the local copy).
  const organisations = lookup.kind === 'found' ? lookup.organisations : [];
  const role = lookup.kind === 'found' ? lookup.role : null;
  const saveName = (next: string) => {
    rememberName(next);
    setName(next);
    setOrganisation(storedOrganisation());
    setRenaming(false);
  };

  if (user === null) {
    return (
      <main className="page-message">
        <NameDialog
          initial=""
          required
          organisations={organisations}
          role={role}
          onSubmit={saveName}
          onCancel={() => undefined}
        />
      </main>
    );
  }
  return (
    <>
      <BoardScreen
        boardId={boardId}
        initialTitle={shown.title}
        token={token}
        user={user}
        organisation={organisation}
        onRename={() => setRenaming(true)}
      />
      {renaming && (
        <NameDialog
          initial={user.name}
          required={false}
          organisations={organisations}
          role={role}
          onSubmit={saveName}
          onCancel={() => setRenaming(false)}
        />
      )}
    </>
  );
}
