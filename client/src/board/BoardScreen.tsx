import { can } from '@paja/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { LocalCopyRescue } from '../offline/LocalCopyRescue';
import { clearLocalCopy } from '../offline/localCopy';
import { colorForParticipant, type PresenceUser } from '../presence';
import { BoardFull } from '../workshop/BoardFull';
import { BoardTitle } from '../workshop/BoardTitle';
import { useBoardFull } from '../workshop/boardFull';
import { WorkshopTools } from '../workshop/WorkshopTools';
import { BoardError } from './BoardError';
import { BoardView } from './BoardView';
import { type BoardPresence, createBoardPresence } from './boardPresence';
import { ConnectionStatus } from './ConnectionStatus';
import { ParticipantList } from './ParticipantList';
import { isClientOutdated } from './reconnect';
import { isAccessDenied, isBoardMissing, isChangeRefused, isRefusal, useBoard } from './useBoard';

interface BoardScreenProps {
  boardId: string;
  /** From the HTTP lookup; replaced by the document's title once it has synced. */
  initialTitle: string;
  token: string | null;
  /** The locally known identity; `user.id` doubles as this browser's secret participant key. */
  user: PresenceUser;
  onRename(): void;
}

/** An open board: header (title, connection, people, language, name) over the canvas. */
export function BoardScreen({ boardId, initialTitle, token, user, onRename }: BoardScreenProps) {
  const { t } = useI18n();
  const access = useMemo(() => ({ token, participantKey: user.id }), [token, user.id]);
  const board = useBoard(boardId, access);
  const [presence, setPresence] = useState<BoardPresence | null>(null);
  const { session, welcome } = board;
  const full = useBoardFull(session?.provider ?? null);
  // A Paja server names each participant itself (derived from the secret key, so nobody can
  // pose as someone else) and checks that awareness and authorship use that id. A server
  // without the welcome message (the stock y-websocket one) gets the local id.
  const publicId = welcome?.participantId ?? user.id;
  const me = useMemo<PresenceUser>(
    () => ({ id: publicId, name: user.name, color: colorForParticipant(publicId) }),
    [publicId, user.name],
  );
  const readOnly = welcome !== null && !can(welcome.role, 'edit');
  // Presence starts once the server said who we are (welcome comes before the sync), or
  // after the first sync with a server that does not say it: an awareness state claiming
  // a wrong id would get the connection closed.
  const ready = welcome !== null || board.synced;

  // The publisher lives as long as the connection; a rename goes through setUser below
  // instead of recreating it.
  const userRef = useRef(me);
  userRef.current = me;
  useEffect(() => {
    if (!session || !ready) return;
    const publisher = createBoardPresence(session.provider.awareness, userRef.current);
    setPresence(publisher);
    return () => {
      publisher.destroy();
      setPresence(null);
    };
  }, [session, ready]);

  useEffect(() => {
    presence?.setUser(me);
  }, [presence, me]);

  const title = board.meta?.title || initialTitle || t('board.untitled');
  useEffect(() => {
    document.title = `${title} · Paja`;
    return () => {
      document.title = 'Paja';
    };
  }, [title]);

  if (isClientOutdated(board.closedWith)) {
    // Nothing is lost by reloading: unsaved changes stay in the local copy, and the reloaded
    // page sends them.
    return (
      <BoardError message="board.error.outdated">
        <div className="dialog-actions">
          <button
            type="button"
            className="primary"
            data-testid="reload-outdated"
            onClick={() => window.location.reload()}
          >
            {t('board.reload')}
          </button>
        </div>
      </BoardError>
    );
  }
  if (board.closedWith !== null && isChangeRefused(board.closedWith)) {
    return (
      <BoardError message="board.error.changeRefused">
        {board.closeReason && <p data-testid="refusal-reason">{board.closeReason}</p>}
        <LocalCopyRescue boardId={boardId} />
        <div className="dialog-actions">
          <button
            type="button"
            data-testid="reload-fresh"
            onClick={() => {
              void clearLocalCopy(boardId).finally(() => window.location.reload());
            }}
          >
            {t('board.error.reloadFresh')}
          </button>
        </div>
      </BoardError>
    );
  }
  if (board.closedWith !== null) {
    // The server refused this board for good: the close-code table says a retry cannot help.
    const code = board.closedWith;
    const message = isBoardMissing(code)
      ? 'board.error.notFound'
      : isAccessDenied(code)
        ? 'board.error.noAccess'
        : 'board.error.unavailable';
    return (
      <BoardError message={message}>
        {isRefusal(code) && <LocalCopyRescue boardId={boardId} />}
      </BoardError>
    );
  }
  if (full.full && !board.synced && !board.restored) return <BoardFull state={full} page />;
  const invalidNotes = board.invalid.filter((entry) => entry.kind === 'note').length;

  return (
    <div className="board-page">
      <header className="board-header">
        <a className="brand" href="/">
          {t('app.name')}
        </a>
        <BoardTitle
          title={title}
          doc={session?.doc ?? null}
          canRename={welcome?.role === 'facilitator'}
        />
        <ConnectionStatus state={board.connection} saved={board.saved} />
        <div className="header-end">
          <WorkshopTools boardId={boardId} token={token} role={welcome?.role ?? null} />
          {session && <ParticipantList awareness={session.provider.awareness} />}
          <button type="button" className="quiet" onClick={onRename} title={t('name.change')}>
            {user.name}
            <span className="visually-hidden"> – {t('name.change')}</span>
          </button>
          <LanguageSelect />
        </div>
      </header>
      {full.full && <BoardFull state={full} page={false} />}
      {board.localProblem && (
        <p className="notice" role="status" data-testid="local-problem">
          {t(`offline.${board.localProblem}`)}
        </p>
      )}
      {invalidNotes > 0 && (
        <p className="notice" role="status">
          {t('board.invalidNotes', { count: invalidNotes })}
        </p>
      )}
      {session && presence && (
        <BoardView
          session={session}
          notes={board.notes}
          synced={board.synced || board.restored}
          user={me}
          readOnly={readOnly}
          role={welcome?.role ?? null}
          presence={presence}
        />
      )}
    </div>
  );
}
