import type { Author, CommentAnchor } from '@paja/shared';
import { useCallback, useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { type AnchorScene, anchorBox } from '../canvas/commentAnchors';
import type { BoardController } from '../input/BoardController';
import type { BoardSession, BoardSnapshot } from '../session/BoardSession';
import type { Scene } from '../stage/useScene';
import { describeAnchor } from './commentText';
import { useCommentActions } from './useCommentActions';

/**
 * What the canvas's comment markers and comments panel need, derived from the session's
 * comments slice and the scene; every write is a request to the server (CommentClient), and a
 * refused support, resolve or flag is said in a notice, in the person's language.
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
  const report = useCallback(
    (text: string) => controller.notify({ text, tone: 'error' }),
    [controller],
  );
  const comments = useCommentActions(session, author, publicReader, report);
  const anchorScene = useMemo<AnchorScene>(
    () => ({ notes: scene.shown, clusters: scene.clusters, roadmap: scene.roadmapLayout.geometry }),
    [scene.shown, scene.clusters, scene.roadmapLayout.geometry],
  );
  const names = useMemo(
    () => ({ notes: scene.byId, clusters: scene.clusters, roadmap: board.roadmap }),
    [scene.byId, scene.clusters, board.roadmap],
  );
  return {
    ...comments,
    anchorScene,
    names,
    describe: (anchor: CommentAnchor) => describeAnchor(anchor, names, t),
    show(anchor: CommentAnchor) {
      const box = anchorBox(anchor, anchorScene);
      if (box) controller.centerAt({ x: box.x + box.w / 2, y: box.y + box.h / 2 });
    },
  };
}
