import { type Author, DEFAULT_PHASE, type NoteView, revealVoteResults } from '@paja/shared';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { ModerationPanel } from '../moderation/ModerationPanel';
import { boardParts } from '../workshop/ExportDialog';
import { filterByOrganisation } from '../workshop/useOrganisationFilter';
import { WorkshopDialogs } from '../workshop/WorkshopDialogs';
import { anchorFromKey, anchorKey } from './canvas/commentAnchors';
import { centerOf } from './canvas/geometry';
import { focusBoxOf, readingOrder, uncoveredArea } from './canvas/keyboardNav';
import { withPrivateNotes } from './canvas/privacy';
import { openingViewport, type Viewport, zoomTo } from './canvas/viewport';
import { Announcer } from './chrome/Announcer';
import { Arrivals } from './chrome/Arrivals';
import { CommentsPanel } from './chrome/CommentsPanel';
import { ConfirmDialog } from './chrome/ConfirmDialog';
import { unsentItemDrafts } from './chrome/commentDrafts';
import { FollowNotice } from './chrome/FollowNotice';
import { KeyHelp } from './chrome/KeyHelp';
import { Minimap } from './chrome/Minimap';
import { MoveToDialog } from './chrome/MoveToDialog';
import { NoteList } from './chrome/NoteList';
import { Notice } from './chrome/Notice';
import { describeNote, noteContext } from './chrome/noteDescription';
import { PeopleCount } from './chrome/PeopleCount';
import { PhasePanel } from './chrome/PhasePanel';
import { usePhaseAnnouncements } from './chrome/phaseAnnouncements';
import { RoadmapPanel } from './chrome/RoadmapPanel';
import { SearchBox } from './chrome/SearchBox';
import { Toolbar } from './chrome/Toolbar';
import { useCommentsView } from './chrome/useCommentsView';
import { usePanelEscape, usePanelFocusReturn } from './chrome/useFocusGuard';
import { useVoteView } from './chrome/useVoteView';
import { VotePanel } from './chrome/VotePanel';
import { BoardController } from './input/BoardController';
import { selectionView } from './input/canvasState';
import { mayEdit } from './input/commands';
import { canvasGestures } from './input/gestures';
import { destinations, notesToMove } from './input/moveTo';
import { noteKeyDown } from './input/noteKeys';
import { useCanvasGestures } from './input/useCanvasGestures';
import { useClipboard } from './input/useClipboard';
import { useFollow } from './input/useFollow';
import { useKeyboard } from './input/useKeyboard';
import { useViewport } from './input/useViewport';
import { FilesPanel } from './media/FilesDialog';
import { useBoardMedia } from './media/useBoardMedia';
import type { BoardPresence } from './presence/publisher';
import { usePeerActivity, usePeerDrags } from './presence/usePresence';
import type { BoardSession } from './session/BoardSession';
import { useStore } from './session/store';
import { CanvasView } from './stage/CanvasView';
import { CommentMarkers } from './stage/CommentMarkers';
import { useCanvasProbe } from './stage/canvasProbe';
import { useSettledView } from './stage/liveView';
import { useScene } from './stage/useScene';
import { VoteOverlay } from './stage/VoteOverlay';

/** The last view of each board shown in this page, for a fresh start in place. */
const keptViews = new Map<string, Viewport>();

interface BoardViewProps {
  session: BoardSession;
  /** This person as the board knows them (the author of what they create). */
  author: Author;
  presence: BoardPresence;
  /** Show only this organisation's notes ('' for notes without one); null shows all. */
  organisationFilter?: string | null;
  /** Hands the canvas's controller to the header (follow buttons need the view). */
  onController?(controller: BoardController | null): void;
  /** Opened from the public address: comments ask for a name, and follow the publication. */
  publicReader?: boolean;
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
  publicReader = false,
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
  // Set below, once the overlays are known: whether HTML over the canvas follows the view.
  const viewExact = useRef(true);
  const view = useSettledView(controller.view, viewExact);
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
  // Also when only the settings change: an open editor closes if its note may no longer be edited.
  // biome-ignore lint/correctness/useExhaustiveDependencies: meta is a trigger, read inside showScene
  useLayoutEffect(() => controller.showScene(scene), [controller, scene, board.meta]);

  const role = session.role;
  const synced = status.synced || status.restored;
  // Joining a board that already has content: show it once, after the first sync, whole if
  // it fits at a legible zoom, else legible at the board's beginning (viewport.ts).
  // Set during render (React re-renders at once, before committing) rather than in an effect:
  // otherwise the first frame would mount the notes at 100 % only to throw them away.
  // A board started again in place (a refused change) keeps the view the person had.
  const [fitted, setFitted] = useState(false);
  const shown = useRef(false);
  if (!fitted && synced && view.size.width > 0) {
    setFitted(true);
    shown.current = true;
    const geometry = scene.roadmapLayout.geometry;
    const items = [...scene.shown, ...scene.clusters, ...(geometry ? [geometry] : [])];
    const kept = keptViews.get(session.boardId);
    // Not a move of her own: someone she follows (a leader) keeps her view.
    const following = controller.follow.get().following !== null;
    if (!following && kept) controller.showViewport(kept);
    else if (!following && items.length > 0) {
      const area = uncoveredArea(view.size, controller.coveredEdges());
      controller.showViewport(openingViewport(items, view.size, 48, area));
    }
  }
  // A comment begun in this tab and not sent (a reload) waits where it was written: once the
  // board is there, the comments open on its item with the text in the form, or on the list
  // of them when there are several; the focus stays where it is.
  useEffect(() => {
    if (!fitted) return;
    const drafts = unsentItemDrafts();
    const [only] = drafts;
    if (!only) return;
    controller.openComments(drafts.length === 1 ? anchorFromKey(only.anchor) : null, false);
  }, [fitted, controller]);
  useLayoutEffect(
    () => () => {
      if (shown.current) keptViews.set(session.boardId, controller.viewport());
    },
    [controller, session],
  );

  useViewport(containerRef, controller);
  useCanvasGestures(
    containerRef,
    useCallback((element: HTMLElement) => canvasGestures(controller, element), [controller]),
  );
  useFollow(session, controller, author.id, t);
  useKeyboard(controller);
  useClipboard(controller);
  useBoardMedia(session, containerRef, controller);
  useCanvasProbe(containerRef, controller);
  usePanelFocusReturn(canvas.panel);
  usePanelEscape(
    canvas.panel,
    useCallback((panel) => controller.togglePanel(panel), [controller]),
  );

  // The scene is new at every pan; what the selection reads of it is not (nor what depends on
  // the selection: the vote panel's lists of every note's id).
  const { byId: sceneById, clusters: sceneClusters, roadmapLayout: sceneRoadmap } = scene;
  const selection = useMemo(
    () => selectionView({ byId: sceneById, clusters: sceneClusters }, canvas),
    [sceneById, sceneClusters, canvas],
  );
  const comments = useCommentsView(session, controller, scene, board, author, publicReader);
  const votes = useVoteView(
    session,
    controller,
    author.name,
    board.notes,
    scene.clusters,
    selection,
  );
  // A vote or a private brainstorm starting or ending, said in the live region below.
  usePhaseAnnouncements(session, controller, status.synced);
  // The screen-reader list and the canvas's keys: every note in reading order, each named with
  // its topic, cell, dots and comments (chrome/NoteList.tsx, chrome/noteDescription.ts).
  const ordered = useMemo(
    () => readingOrder(scene.placed, scene.clusters, scene.roadmapLayout.geometry),
    [scene.placed, scene.clusters, scene.roadmapLayout.geometry],
  );
  // On what the names read, not on the scene, which is new at every pan: a new `describe`
  // names every note of the list again (10,000 on a big board, every frame). While this person
  // votes, a note is named with their own dots, not past results: what the notes show.
  const describe = useMemo(() => {
    const context = noteContext(
      sceneClusters,
      sceneRoadmap.geometry,
      votes.controls ? null : votes.shownResults,
      comments.state.comments,
      votes.controls,
    );
    return (note: NoteView) => describeNote(note, context, t);
  }, [
    sceneClusters,
    sceneRoadmap.geometry,
    votes.controls,
    votes.shownResults,
    comments.state.comments,
    t,
  ]);
  viewExact.current =
    canvas.editingId !== null ||
    canvas.titleEditing !== null ||
    canvas.selection.size === 1 ||
    votes.controls !== null ||
    votes.shownResults !== null ||
    comments.threads.length > 0;
  return (
    // The board is the page's main landing point: the skip link lands here.
    <main className="board-view" id="board-main" tabIndex={-1} aria-label={t('board.regionLabel')}>
      <CanvasView
        containerRef={containerRef}
        session={session}
        scene={scene}
        canvas={canvas}
        view={view}
        liveView={controller.view}
        peers={peers}
        peerResizes={peerResizes}
        readOnly={!mayEdit(role)}
        roadmap={board.roadmap}
        roadmapLocked={board.meta?.locks.roadmap ?? false}
        showHint={synced && notes.length === 0}
        onCloseEditor={(byEscape) => (byEscape ? controller.leaveEditor() : controller.edit(null))}
        onCommitTitle={(target, title) => controller.run('rename', { target, title })}
        onCloseTitle={() => controller.editTitle(null)}
        overlay={
          <>
            <VoteOverlay
              notes={scene.culled}
              viewport={view.viewport}
              controls={votes.controls}
              results={votes.controls ? null : votes.shownResults}
              onZoom={(scale) =>
                controller.setViewport(
                  zoomTo(view.viewport, { x: view.size.width / 2, y: view.size.height / 2 }, scale),
                )
              }
            />
            <CommentMarkers
              threads={comments.threads}
              scene={comments.anchorScene}
              viewport={view.viewport}
              size={view.size}
              describe={comments.describe}
              open={
                canvas.panel === 'comments' && canvas.comments.anchor
                  ? anchorKey(canvas.comments.anchor)
                  : null
              }
              onOpen={(anchor) => controller.openComments(anchor, false)}
            />
          </>
        }
      />
      <NoteList
        notes={ordered}
        describe={describe}
        selection={canvas.selection}
        focusedId={canvas.focusedId}
        focusRequest={canvas.focusRequest}
        onFocus={(id) => controller.keyFocusChanged(id)}
        onKey={(event) => noteKeyDown(controller, event)}
        focusBox={focusBoxOf(scene, canvas.focusedId, view)}
      />
      <Announcer announcement={canvas.announcement} />
      {board.meta?.phase.frozen && (
        <p className="frozen-badge" role="status" data-testid="frozen-badge">
          {t('phase.frozenBadge')}
        </p>
      )}
      <PeopleCount comments={session.comments} />
      <div className="board-top" data-covers="top">
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
        clusters={scene.clusters}
        extra={scene.roadmapLayout.geometry}
        viewport={view.viewport}
        size={view.size}
        onNavigate={(center) => controller.centerAt(center)}
      />
      {canvas.panel === 'roadmap' && (
        <RoadmapPanel
          controller={controller}
          roadmap={board.roadmap}
          readOnly={!mayEdit(role)}
          canLock={role === 'facilitator'}
          onShow={() => controller.showRoadmap()}
          onClose={() => controller.togglePanel('roadmap')}
        />
      )}
      <WorkshopDialogs
        session={session}
        controller={controller}
        panel={canvas.panel}
        empty={board.notes.length === 0 && board.clusters.length === 0}
        parts={boardParts(selection.notes, scene.clusters, scene.roadmapLayout.geometry)}
      />
      {canvas.panel === 'moderation' && (
        <ModerationPanel
          boardId={session.boardId}
          token={session.token}
          moderation={session.moderation}
          name={author.name}
          facilitator={role === 'facilitator'}
          describe={comments.describe}
          onClose={() => controller.togglePanel('moderation')}
        />
      )}
      <FilesPanel session={session} controller={controller} open={canvas.panel === 'files'} />
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
      {canvas.panel === 'phase' && (
        <PhasePanel
          meta={board.meta}
          canChange={controller.enabled('setPhase')}
          onSetting={(setting, on) => controller.run('setPhase', { [setting]: on })}
          onAreaLock={(area, locked) => controller.run('setAreaLock', { area, locked })}
          onDefaults={() => controller.run('setPhase', DEFAULT_PHASE)}
          onClose={() => controller.togglePanel('phase')}
        />
      )}
      {canvas.panel === 'comments' && (
        <CommentsPanel
          threads={comments.threads}
          supports={comments.state.supports}
          names={comments.names}
          focus={canvas.comments.anchor}
          composing={canvas.comments.compose}
          actions={comments.actions}
          cannotComment={comments.cannotComment}
          comment={comments.comment}
          onFocus={(anchor) => controller.openComments(anchor, false)}
          onShow={comments.show}
          onClose={() => controller.togglePanel('comments')}
        />
      )}
      <Toolbar
        controller={controller}
        commentCount={comments.state.comments.length}
        voting={votes.state.current?.open ?? false}
        tool={canvas.tool}
        panel={canvas.panel}
        selection={selection}
        history={history}
        role={role}
        scale={view.viewport.scale}
      />
      <FollowNotice controller={controller} />
      <Arrivals
        placed={scene.placed}
        byId={scene.byId}
        viewport={view.viewport}
        size={view.size}
        ready={fitted}
        me={controller.author.id}
        onShow={(note) => controller.centerAt(centerOf(note))}
      />
      {canvas.notice && <Notice notice={canvas.notice} onDone={controller.dismissNotice} />}
      {canvas.confirm && (
        <ConfirmDialog
          message={canvas.confirm.message}
          confirmLabel={t(canvas.confirm.label ?? 'paste.confirmOk')}
          onConfirm={() => controller.answer(true)}
          onCancel={() => controller.answer(false)}
        />
      )}
      {canvas.panel === 'keys' && <KeyHelp onClose={() => controller.togglePanel('keys')} />}
      {canvas.panel === 'moveTo' && (
        <MoveToDialog
          count={notesToMove(controller).length}
          places={destinations(scene, notesToMove(controller))}
          onChoose={(to) => {
            controller.togglePanel('moveTo');
            controller.run('moveTo', to);
          }}
          onClose={() => controller.togglePanel('moveTo')}
        />
      )}
    </main>
  );
}
