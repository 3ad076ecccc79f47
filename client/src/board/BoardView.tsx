import { type Author, importNotes, revealVoteResults } from '@paja/shared';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { ModerationPanel } from '../moderation/ModerationPanel';
import { ExportDialog } from '../workshop/ExportDialog';
import { HistoryDialog } from '../workshop/HistoryDialog';
import { ImportDialog } from '../workshop/ImportDialog';
import { filterByOrganisation } from '../workshop/useOrganisationFilter';
import { withPrivateNotes } from './canvas/privacy';
import { boundsOf, fitBounds } from './canvas/viewport';
import { ConfirmDialog } from './chrome/ConfirmDialog';
import { FollowNotice } from './chrome/FollowNotice';
import { Minimap } from './chrome/Minimap';
import { NoteList } from './chrome/NoteList';
import { Notice } from './chrome/Notice';
import { RoadmapPanel } from './chrome/RoadmapPanel';
import { SearchBox } from './chrome/SearchBox';
import { Toolbar } from './chrome/Toolbar';
import { useVoteView } from './chrome/useVoteView';
import { VotePanel } from './chrome/VotePanel';
import { BoardController, selectionView } from './input/BoardController';
import { may, mayEdit } from './input/commands';
import { canvasGestures } from './input/gestures';
import { useCanvasGestures } from './input/useCanvasGestures';
import { useClipboard } from './input/useClipboard';
import { useFollow } from './input/useFollow';
import { useKeyboard } from './input/useKeyboard';
import { useViewport } from './input/useViewport';
import type { BoardPresence } from './presence/publisher';
import { usePeerActivity, usePeerDrags } from './presence/usePresence';
import type { BoardSession } from './session/BoardSession';
import { useStore } from './session/store';
import { CanvasView } from './stage/CanvasView';
import { useCanvasProbe } from './stage/canvasProbe';
import { useScene } from './stage/useScene';
import { VoteOverlay } from './stage/VoteOverlay';

interface BoardViewProps {
  session: BoardSession;
  /** This person as the board knows them (the author of what they create). */
  author: Author;
  presence: BoardPresence;
  /** Show only this organisation's notes ('' for notes without one); null shows all. */
  organisationFilter?: string | null;
  /** Hands the canvas's controller to the header (follow buttons need the view). */
  onController?(controller: BoardController | null): void;
}

/**
 * The board canvas and the chrome over it, put together: the session's document and the
 * controller's local state (input/BoardController.ts) come in through stores; the canvas
 * (stage/CanvasView.tsx) and the chrome (chrome/) render them; pointer, keyboard and clipboard
 * input go to the controller, which runs commands (input/commands.ts). Nothing here writes to
 * the document itself.
 */
export function BoardView({
  session,
  author,
  presence,
  organisationFilter = null,
  onController,
}: BoardViewProps) {
  const { t } = useI18n();
  const containerRef = useRef<HTMLElement>(null);
  const [controller] = useState(() => new BoardController(session, author));
  controller.author = author;
  controller.t = t;
  useLayoutEffect(() => {
    controller.setPresence(presence);
    return () => controller.setPresence(null);
  }, [controller, presence]);
  useLayoutEffect(() => () => controller.destroy(), [controller]);
  useLayoutEffect(() => {
    onController?.(controller);
    return () => onController?.(null);
  }, [controller, onController]);

  const board = useStore(session.board);
  const status = useStore(session.status);
  const history = useStore(session.history);
  const canvas = useStore(controller.state);
  const view = useStore(controller.view);
  const peers = usePeerActivity(session.awareness);
  const peerResizes = usePeerDrags(session.awareness);
  const brainstorm = useStore(session.brainstorm.state);
  // Private notes are drawn like the board's, marked; they are never in its document. A
  // filtered-out note is neither drawn nor hit: the scene is what the controller acts on.
  const notes = useMemo(
    () =>
      filterByOrganisation(
        withPrivateNotes(board.notes, brainstorm.notes, (id) => session.brainstorm.isOwn(id)),
        organisationFilter,
      ),
    [board.notes, brainstorm.notes, session.brainstorm, organisationFilter],
  );
  const scene = useScene(notes, board, peers, view.viewport, view.size);
  useLayoutEffect(() => controller.showScene(scene), [controller, scene]);

  const role = session.role;
  const synced = status.synced || status.restored;
  // Joining a board that already has notes: show them all once, after the first sync. Set
  // during render (React re-renders at once, before committing) rather than in an effect:
  // otherwise the first frame would mount the notes at 100 % only to throw them away.
  const [fitted, setFitted] = useState(false);
  if (!fitted && synced && view.size.width > 0) {
    setFitted(true);
    const bounds = boundsOf(scene.shown);
    // Not a move of her own: someone she follows (a leader) keeps her view.
    if (bounds && controller.follow.get().following === null) {
      controller.showViewport(fitBounds(bounds, view.size, 90));
    }
  }

  useViewport(containerRef, controller);
  useCanvasGestures(
    containerRef,
    useCallback((element: HTMLElement) => canvasGestures(controller, element), [controller]),
  );
  useFollow(session, controller, author.id, t);
  useKeyboard(controller);
  useClipboard(controller);
  useCanvasProbe(containerRef, controller);

  const selection = useMemo(() => selectionView(scene, canvas), [scene, canvas]);
  const votes = useVoteView(
    session,
    controller,
    author.name,
    board.notes,
    scene.clusters,
    selection,
  );
  return (
    <div className="board-view">
      <CanvasView
        containerRef={containerRef}
        session={session}
        scene={scene}
        canvas={canvas}
        view={view}
        peers={peers}
        peerResizes={peerResizes}
        readOnly={!mayEdit(role)}
        showHint={synced && notes.length === 0}
        onCloseEditor={() => controller.edit(null)}
        onCommitTitle={(target, title) => controller.run('rename', { target, title })}
        onCloseTitle={() => controller.editTitle(null)}
        overlay={
          <VoteOverlay
            notes={scene.culled}
            viewport={view.viewport}
            controls={votes.controls}
            results={votes.controls ? null : votes.shownResults}
          />
        }
      />
      <div className="board-top">
        <SearchBox
          ref={(field) => {
            controller.searchField = field;
          }}
          notes={scene.placed}
          onJump={(id) => controller.jumpTo(id)}
        />
      </div>
      <Minimap
        notes={scene.shown}
        extra={scene.roadmapLayout.geometry}
        viewport={view.viewport}
        size={view.size}
        onNavigate={(center) => controller.centerAt(center)}
      />
      {canvas.panel === 'roadmap' && (
        <RoadmapPanel
          doc={session.doc}
          roadmap={board.roadmap}
          readOnly={!may(session, role, 'changeRoadmap')}
          act={(change) => session.act(change)}
          onShow={() => controller.showRoadmap()}
          onClose={() => controller.togglePanel('roadmap')}
        />
      )}
      {canvas.panel === 'import' && (
        <ImportDialog
          onImport={(notes) =>
            session.act(() => importNotes(session.doc, notes, controller.viewCenter(), author))
          }
          onClose={() => controller.togglePanel('import')}
        />
      )}
      {canvas.panel === 'history' && session.token && (
        <HistoryDialog
          boardId={session.boardId}
          token={session.token}
          userName={author.name}
          onClose={() => controller.togglePanel('history')}
        />
      )}
      {canvas.panel === 'moderation' && (
        <ModerationPanel
          boardId={session.boardId}
          token={session.token}
          moderation={session.moderation}
          name={author.name}
          facilitator={role === 'facilitator'}
          onClose={() => controller.togglePanel('moderation')}
        />
      )}
      {canvas.panel === 'export' && session.token && (
        <ExportDialog
          boardId={session.boardId}
          token={session.token}
          userName={author.name}
          onClose={() => controller.togglePanel('export')}
        />
      )}
      {canvas.panel === 'votes' && (
        <VotePanel
          votes={session.votes}
          state={votes.state}
          role={role}
          notes={scene.byId}
          sources={votes.sources}
          name={author.name}
          shownOnNotes={votes.shownId}
          onShowOnNotes={votes.showOnNotes}
          onRevealOld={(id) => session.act(() => revealVoteResults(session.doc, id))}
          confirm={(message, run) => controller.confirm(message, run, 'vote.discardOk')}
          onClose={() => controller.togglePanel('votes')}
        />
      )}
      <Toolbar
        controller={controller}
        voting={votes.state.current?.open ?? false}
        tool={canvas.tool}
        panel={canvas.panel}
        selection={selection}
        history={history}
        role={role}
        scale={view.viewport.scale}
      />
      <FollowNotice controller={controller} />
      {canvas.notice && <Notice notice={canvas.notice} onDone={controller.dismissNotice} />}
      {canvas.confirm && (
        <ConfirmDialog
          message={canvas.confirm.message}
          confirmLabel={t(canvas.confirm.label ?? 'paste.confirmOk')}
          onConfirm={() => controller.answer(true)}
          onCancel={() => controller.answer(false)}
        />
      )}
      <NoteList notes={notes} />
    </div>
  );
}
