import { CloseCode, can } from '@paja/shared';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { refusalKeyOfMessage } from '../i18n/authority';
import { useI18n } from '../i18n/I18nContext';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { StatementLink } from '../landing/StatementPage';
import { LocalCopyRescue } from '../offline/LocalCopyRescue';
import { clearLocalCopy } from '../offline/localCopy';
import { BoardFull } from '../workshop/BoardFull';
import { BoardTitle } from '../workshop/BoardTitle';
import { useBoardFull } from '../workshop/boardFull';
import { ListIcon } from '../workshop/icons';
import { PrivateBrainstormBanner } from '../workshop/PrivateBrainstormUi';
import { useOrganisationFilter } from '../workshop/useOrganisationFilter';
import { OrganisationFilterBanner, WorkshopTools } from '../workshop/WorkshopTools';
import { BoardView } from './BoardView';
import { AttentionTools } from './chrome/AttentionTools';
import { BoardError } from './chrome/BoardError';
import { ConnectionStatus } from './chrome/ConnectionStatus';
import { HeaderMenu } from './chrome/HeaderMenu';
import { ParticipantList } from './chrome/ParticipantList';
import { PublicBanner } from './chrome/PeopleCount';
import { refusalMessage } from './chrome/refusalMessages';
import { TimerBar } from './chrome/TimerBar';
import { UnsentComments } from './chrome/UnsentComments';
import type { BoardController } from './input/BoardController';
import { ReadingLangContext, ReadingLangSelect } from './language/ReadingLang';
import { storedReadingLang, storeReadingLang } from './language/readingLang';
import { OutlineView } from './outline/OutlineView';
import { useOutlineMode } from './outline/useOutlineMode';
import { colorForParticipant, type PresenceUser } from './presence/presence';
import { type BoardPresence, createBoardPresence, silentPresence } from './presence/publisher';
import { CLOSED_STATUS, EMPTY_BOARD } from './session/BoardSession';
import { isChangeRefused, isRefusal } from './session/connection';
import { isClientOutdated } from './session/reconnect';
import { useStore } from './session/store';
import { useBoardSession } from './session/useBoardSession';

interface BoardScreenProps {
  boardId: string;
  /** From the HTTP lookup; replaced by the document's title once it has synced. */
  initialTitle: string;
  token: string | null;
  /** The locally known identity; `user.id` doubles as this browser's secret participant key. */
  user: PresenceUser;
  /** Written on the notes this person creates ('' for none). */
  organisation?: string;
  onRename(): void;
  /**
   * Opened from the board's public address: no token, no name, no cursor; the header says it
   * is a public draft, and an unpublished board closes with its own message.
   */
  publicReader?: boolean;
}

/**
 * In-place fresh starts after refused live changes, per page: a page that keeps sending what
 * the board refuses really diverges, and gets the reload screen instead.
 */
const MAX_FRESH_STARTS = 3;

/** An open board: header (title, connection, people, language, name) over the canvas. */
export function BoardScreen({
  boardId,
  initialTitle,
  token,
  user,
  organisation = '',
  onRename,
  publicReader = false,
}: BoardScreenProps) {
  const { t, locale } = useI18n();
  const access = useMemo(
    () => ({ token, participantKey: user.id, public: publicReader }),
    [token, user.id, publicReader],
  );
  // A live change the server refused (4423, or 4413 past the board's size limit, or too
  // complex) starts the board again from the server's copy, in place: the person stays on the
  // board and is told why (`refused`: the close code and the server's reason).
  const [generation, setGeneration] = useState(0);
  const [refused, setRefused] = useState<{ code: number; reason: string } | null>(null);
  const session = useBoardSession(boardId, access, generation);
  const status = useStore(session?.status ?? CLOSED_STATUS);
  const meta = useStore(session?.board ?? EMPTY_BOARD).meta;
  const invalid = useStore(session?.board ?? EMPTY_BOARD).invalid;
  const [presence, setPresence] = useState<BoardPresence | null>(null);
  const [controller, setController] = useState<BoardController | null>(null);
  const { welcome } = status;
  const full = useBoardFull(session?.channel ?? null);
  const notes = useStore(session?.board ?? EMPTY_BOARD).notes;
  // The content is read in the language chosen here, else in the UI's (when the board has it).
  const readingLang = useStore(session?.board ?? EMPTY_BOARD).lang;
  const [readingChoice, setReadingChoice] = useState(storedReadingLang);
  const contentLangs = meta?.contentLangs;
  const reading = useMemo(
    () => ({ lang: readingLang, langs: contentLangs ?? [readingLang] }),
    [readingLang, contentLangs],
  );
  useLayoutEffect(() => {
    session?.setPreferredLang(readingChoice ?? locale);
  }, [session, readingChoice, locale]);
  const organisationFilter = useOrganisationFilter();
  // A Paja server names each participant itself (derived from the secret key, so nobody can
  // pose as someone else) and checks that awareness and authorship use that id. A server
  // without the welcome message (the stock y-websocket one) gets the local id.
  const publicId = welcome?.participantId ?? user.id;
  const me = useMemo<PresenceUser>(
    () => ({ id: publicId, name: user.name, color: colorForParticipant(publicId) }),
    [publicId, user.name],
  );
  // Presence starts once the server said who we are (welcome comes before the sync), or
  // after the first sync with a server that does not say it: an awareness state claiming
  // a wrong id would get the connection closed.
  const ready = welcome !== null || status.synced;

  const author = useMemo(
    () => ({ id: me.id, name: me.name, organisation }),
    [me.id, me.name, organisation],
  );

  // The publisher lives as long as the connection; a rename goes through setUser below
  // instead of recreating it.
  const userRef = useRef(me);
  userRef.current = me;
  useEffect(() => {
    if (!session || !ready) return;
    // Readers and commenters show no cursor (the server would drop it): a silent stand-in.
    const role = session.status.get().welcome?.role ?? null;
    const shows = role === null ? !publicReader : can(role, 'presence');
    const publisher = shows
      ? createBoardPresence(session.awareness, userRef.current)
      : silentPresence();
    setPresence(publisher);
    return () => {
      publisher.destroy();
      setPresence(null);
    };
  }, [session, ready, publicReader]);

  useEffect(() => {
    presence?.setUser(me);
  }, [presence, me]);

  const stayOnBoard =
    isChangeRefused(status.closedWith) && status.refusedLive && generation < MAX_FRESH_STARTS;
  useEffect(() => {
    if (!stayOnBoard) return;
    const reason = status.closeReason;
    const code = status.closedWith ?? CloseCode.changeRefused;
    // The local copy holds the refused change: without it, the fresh session has only the
    // server's board, so the page converges with what everyone else sees.
    void clearLocalCopy(boardId).finally(() => {
      setRefused({ code, reason });
      setGeneration((g) => g + 1);
    });
  }, [stayOnBoard, status.closeReason, status.closedWith, boardId]);
  useEffect(() => {
    if (refused === null) return;
    const timer = setTimeout(() => setRefused(null), 12_000);
    return () => clearTimeout(timer);
  }, [refused]);
  const outline = useOutlineMode(welcome?.role ?? null);

  const title = meta?.title || initialTitle || t('board.untitled');
  useEffect(() => {
    document.title = `${title} · Paja`;
    return () => {
      document.title = 'Paja';
    };
  }, [title]);

  if (isClientOutdated(status.closedWith)) {
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
  if (status.closedWith !== null && isChangeRefused(status.closedWith) && !stayOnBoard) {
    return (
      <BoardError message={refusalMessage(status.closedWith)}>
        {status.closeReason && (
          <p data-testid="refusal-reason">{t(refusalKeyOfMessage(status.closeReason))}</p>
        )}
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
  if (status.closedWith !== null && !stayOnBoard) {
    // The server refused this board for good: the close-code table says a retry cannot help.
    const code = status.closedWith;
    const message = refusalMessage(code, status.closeReason);
    return (
      <BoardError message={message}>
        <UnsentComments />
        {isRefusal(code) && <LocalCopyRescue boardId={boardId} />}
      </BoardError>
    );
  }
  if (full.full && !status.synced && !status.restored) return <BoardFull state={full} page />;
  const invalidNotes = invalid.filter((entry) => entry.kind === 'note').length;

  return (
    <ReadingLangContext.Provider value={reading}>
      <div className="board-page">
        <a className="skip-link" href="#board-main">
          {t('a11y.skip')}
        </a>
        <header className="board-header">
          <a className="brand" href="/">
            {t('app.name')}
          </a>
          <BoardTitle
            title={title}
            doc={session?.doc ?? null}
            canRename={welcome?.role === 'facilitator'}
          />
          <ConnectionStatus
            state={status.connection}
            saved={status.saved}
            showSaved={!publicReader}
          />
          {session && <TimerBar attention={session.attention} role={welcome?.role ?? null} />}
          <HeaderMenu
            name={user.name}
            tools={
              <>
                {controller && <AttentionTools controller={controller} />}
                {!publicReader && (
                  <WorkshopTools
                    boardId={boardId}
                    token={token}
                    role={welcome?.role ?? null}
                    doc={session?.doc ?? null}
                    meta={meta}
                    notes={notes}
                    organisationFilter={organisationFilter}
                  />
                )}
                {session && !publicReader && (
                  <ParticipantList awareness={session.awareness} controller={controller} />
                )}
                {!outline.on && (
                  <button
                    type="button"
                    className="quiet outline-toggle"
                    data-testid="show-outline"
                    data-menu-close
                    title={t('outline.showOutline')}
                    onClick={() => outline.show(true)}
                  >
                    <ListIcon />
                    <span className="header-label">{t('outline.showOutline')}</span>
                  </button>
                )}
              </>
            }
            person={
              <>
                {!publicReader && (
                  <button
                    type="button"
                    className="quiet"
                    data-testid="rename"
                    onClick={onRename}
                    title={t('name.change')}
                  >
                    {user.name}
                    <span className="visually-hidden"> – {t('name.change')}</span>
                  </button>
                )}
                <LanguageSelect />
                <ReadingLangSelect
                  langs={meta?.contentLangs ?? []}
                  onChoose={(lang) => {
                    storeReadingLang(lang);
                    setReadingChoice(lang);
                  }}
                />
                {controller && (
                  <button
                    type="button"
                    className="quiet"
                    data-testid="key-help-open"
                    onClick={() => controller.run('keyHelp')}
                  >
                    {t('keys.help')}
                  </button>
                )}
                <StatementLink className="menu-link" />
              </>
            }
          />
        </header>
        {publicReader && session && <PublicBanner comments={session.comments} />}
        {/* A link viewer is told as the public is: nothing here can be changed by them. */}
        {!publicReader && welcome?.role === 'viewer' && (
          <p className="public-banner" data-testid="viewer-banner">
            {t('viewer.banner')}
          </p>
        )}
        {full.full && <BoardFull state={full} page={false} />}
        <OrganisationFilterBanner filter={organisationFilter} />
        {session && (
          <PrivateBrainstormBanner brainstorm={session.brainstorm} role={welcome?.role ?? null} />
        )}
        {refused !== null && (
          <p className="notice" role="status" data-testid="refused-stayed">
            {refused.code === CloseCode.changeRefused
              ? t('refused.stayed', { reason: t(refusalKeyOfMessage(refused.reason)) })
              : // A full board or a change too large: what that means and what to do, not "not allowed".
                t(refusalMessage(refused.code))}
          </p>
        )}
        {status.localProblem && (
          <p className="notice" role="status" data-testid="local-problem">
            {t(`offline.${status.localProblem}`)}
          </p>
        )}
        {invalidNotes > 0 && (
          <p className="notice" role="status">
            {t('board.invalidNotes', { count: invalidNotes })}
          </p>
        )}
        {session && presence && outline.on && (
          <OutlineView
            session={session}
            author={author}
            publicReader={publicReader}
            onShowCanvas={() => outline.show(false)}
          />
        )}
        {session && presence && !outline.on && (
          <BoardView
            session={session}
            author={author}
            presence={presence}
            organisationFilter={organisationFilter.filter}
            onController={setController}
            publicReader={publicReader}
          />
        )}
      </div>
    </ReadingLangContext.Provider>
  );
}
