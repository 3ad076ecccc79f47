import type { Author, CommentAnchor } from '@paja/shared';
import { useCallback, useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { type AnchorScene, anchorBox, threadsOf } from '../canvas/commentAnchors';
import type { BoardController } from '../input/BoardController';
import type { BoardSession, BoardSnapshot } from '../session/BoardSession';
import { type CommentOutcome, mayCommentNow } from '../session/CommentClient';
import { useStore } from '../session/store';
import type { Scene } from '../stage/useScene';
import type { CommentActions } from './CommentThread';
import { describeAnchor } from './commentText';

/**
 * What the comment markers and the comments panel need, derived from the session's comments
 * slice and the scene; every write is a request to the server (CommentClient), and a refused
 * support or resolve is said in a notice, in the person's language.
 */
export function useCommentsView(
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
