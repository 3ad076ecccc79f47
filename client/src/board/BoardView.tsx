import {
  type Author,
  type CommentAnchor,
  DEFAULT_PHASE,
  importNotes,
  revealVoteResults,
} from '@paja/shared';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { ModerationPanel } from '../moderation/ModerationPanel';
import { OwnPending } from '../moderation/OwnPending';
import { ExportDialog } from '../workshop/ExportDialog';
import { HistoryDialog } from '../workshop/HistoryDialog';
import { ImportDialog } from '../workshop/ImportDialog';
import { filterByOrganisation } from '../workshop/useOrganisationFilter';
import { type AnchorScene, anchorBox, anchorKey, threadsOf } from './canvas/commentAnchors';
import { withPrivateNotes } from './canvas/privacy';
import { openingViewport, type Viewport } from './canvas/viewport';
import { CommentsPanel } from './chrome/CommentsPanel';
import type { CommentActions } from './chrome/CommentThread';
import { ConfirmDialog } from './chrome/ConfirmDialog';
import { describeAnchor } from './chrome/commentText';
import { FollowNotice } from './chrome/FollowNotice';
import { Minimap } from './chrome/Minimap';
import { NoteList } from './chrome/NoteList';
import { Notice } from './chrome/Notice';
import { PeopleCount } from './chrome/PeopleCount';
import { PhasePanel } from './chrome/PhasePanel';
import { RoadmapPanel } from './chrome/RoadmapPanel';
import { SearchBox } from './chrome/SearchBox';
import { Toolbar } from './chrome/Toolbar';
import { useVoteView } from './chrome/useVoteView';
import { VotePanel } from './chrome/VotePanel';
import { BoardController, selectionView } from './input/BoardController';
import { mayEdit } from './input/commands';
import { canvasGestures } from './input/gestures';
import { useCanvasGestures } from './input/useCanvasGestures';
import { useClipboard } from './input/useClipboard';
import { useFollow } from './input/useFollow';
import { useKeyboard } from './input/useKeyboard';
import { useViewport } from './input/useViewport';
import type { BoardPresence } from './presence/publisher';
import { usePeerActivity, usePeerDrags } from './presence/usePresence';
import type { BoardSession, BoardSnapshot } from './session/BoardSession';
import { type CommentOutcome, mayCommentNow } from './session/CommentClient';
import { useStore } from './session/store';
import { CanvasView } from './stage/CanvasView';
import { CommentMarkers } from './stage/CommentMarkers';
import { useCanvasProbe } from './stage/canvasProbe';
import { type Scene, useScene } from './stage/useScene';
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
  // Also when only the settings change: an open editor closes if its note may no longer be edited.
  // biome-ignore lint/correctness/useExhaustiveDependencies: meta is a trigger, read inside showScene
  useLayoutEffect(() => controller.showScene(scene), [controller, scene, board.meta]);

  const role = session.role;
  const synced = status.synced || status.restored;
  // Joining a board that already has content: show it once, after the first sync, whole if
  // it fits at a legible zoom, else legible and centred where the content is (viewport.ts).
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
      controller.showViewport(openingViewport(items, view.size, scene.shown));
    }
  }
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
  useCanvasProbe(containerRef, controller);

  const selection = useMemo(() => selectionView(scene, canvas), [scene, canvas]);
  const comments = useCommentsView(session, controller, scene, board, author, publicReader);
  const votes = useVoteView(
    session,
    controller,
    author.name,
    board.notes,
    scene.clusters,
    selection,
  );
  return (
    // The board is the page's main landing point: the skip link lands here.
    <main className="board-view" id="board-main" tabIndex={-1} aria-label={t('board.regionLabel')}>
      <CanvasView
        containerRef={containerRef}
        session={session}
        scene={scene}
        canvas={canvas}
        view={view}
        peers={peers}
        peerResizes={peerResizes}
        readOnly={!mayEdit(role)}
        roadmap={board.roadmap}
        roadmapLocked={board.meta?.locks.roadmap ?? false}
        showHint={synced && notes.length === 0}
        onCloseEditor={() => controller.edit(null)}
        onCommitTitle={(target, title) => controller.run('rename', { target, title })}
        onCloseTitle={() => controller.editTitle(null)}
        overlay={
          <>
            <VoteOverlay
              notes={scene.culled}
              viewport={view.viewport}
              controls={votes.controls}
              results={votes.controls ? null : votes.shownResults}
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
      {board.meta?.phase.frozen && (
        <p className="frozen-badge" role="status" data-testid="frozen-badge">
          {t('phase.frozenBadge')}
        </p>
      )}
      <PeopleCount comments={session.comments} />
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
          controller={controller}
          roadmap={board.roadmap}
          readOnly={!mayEdit(role)}
          canLock={role === 'facilitator'}
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
      <OwnPending moderation={session.moderation} />
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
          state={comments.state}
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
    </main>
  );
}

/**
 * What the comment markers and the comments panel need, derived from the session's comments
 * slice and the scene; every write is a request to the server (CommentClient), and a refused
 * support or resolve is said in a notice, in the person's language.
 */
function useCommentsView(
  session: BoardSession,
  controller: BoardController,
  scene: Scene,
  board: BoardSnapshot,
  author: Author,
  publicReader: boolean,
) {
  const { t } = useI18n();
  const state = useStore(session.comments.state);
  const status = useStore(session.status);
  const role = status.welcome?.role ?? null;
  const threads = useMemo(() => threadsOf(state.comments), [state.comments]);
  const anchorScene = useMemo<AnchorScene>(
    () => ({ notes: scene.shown, clusters: scene.clusters, roadmap: scene.roadmapLayout.geometry }),
    [scene.shown, scene.clusters, scene.roadmapLayout.geometry],
  );
  const names = useMemo(
    () => ({ notes: scene.byId, clusters: scene.clusters, roadmap: board.roadmap }),
    [scene.byId, scene.clusters, board.roadmap],
  );
  const mayComment = mayCommentNow(
    role,
    publicReader,
    board.meta?.phase ?? null,
    state.publication,
  );
  const report = useCallback(
    (outcome: CommentOutcome) => {
      if (!outcome.ok) {
        controller.notify({ text: t(`comments.refusal.${outcome.problem}`), tone: 'error' });
      }
    },
    [controller, t],
  );
  const actions = useMemo<CommentActions>(
    () => ({
      me: status.welcome?.participantId ?? author.id,
      name: publicReader ? null : author.name,
      supports: state.supports,
      mayComment,
      mayResolve: role === 'facilitator',
      reply: (to, text, name) => session.comments.reply(to, text, name),
      support: (target, on) => void session.comments.support(target, on).then(report),
      resolve: (id, on) => void session.comments.resolve(id, on).then(report),
    }),
    [status.welcome, author, publicReader, state.supports, mayComment, role, session, report],
  );
  return {
    state,
    threads,
    anchorScene,
    names,
    actions,
    cannotComment: mayComment
      ? null
      : role === 'viewer'
        ? t('comments.readOnly')
        : t('comments.closed'),
    describe: (anchor: CommentAnchor) => describeAnchor(anchor, names, t),
    comment: (anchor: CommentAnchor, text: string, name: string) =>
      session.comments.comment(anchor, text, name),
    show(anchor: CommentAnchor) {
      const box = anchorBox(anchor, anchorScene);
      if (box) controller.centerAt({ x: box.x + box.w / 2, y: box.y + box.h / 2 });
    },
  };
}
