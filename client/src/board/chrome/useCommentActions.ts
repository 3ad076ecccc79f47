import { type Author, type CommentAnchor, can } from '@paja/shared';
import { useEffect, useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { threadsOf, withOwnPending } from '../canvas/commentAnchors';
import type { BoardSession } from '../session/BoardSession';
import { type CommentOutcome, mayCommentNow } from '../session/CommentClient';
import { useStore } from '../session/store';
import type { CommentActions } from './CommentThread';

/**
 * What every comment view needs (the canvas's panel and the outline): the threads this person
 * may read (their own comments waiting for a moderator included, in their threads), what they
 * may do, and the requests, each judged by the server. `report` says a refused support, resolve
 * or flag in the view's own way (a notice on the canvas, a live region in the outline).
 */
export function useCommentActions(
  session: BoardSession,
  author: Author,
  publicReader: boolean,
  report: (text: string) => void,
) {
  const { t } = useI18n();
  const state = useStore(session.comments.state);
  const { own } = useStore(session.moderation.state);
  const status = useStore(session.status);
  const { meta } = useStore(session.board);
  const role = status.welcome?.role ?? null;
  const comments = useMemo(() => withOwnPending(state.comments, own), [state.comments, own]);
  const threads = useMemo(() => threadsOf(comments), [comments]);
  const mayComment = mayCommentNow(role, publicReader, meta?.phase ?? null, state.publication);
  const mayModerate = role !== null && can(role, 'moderate');
  // A decision made under a comment is recorded in the audit log with this person's name.
  useEffect(() => {
    if (mayModerate) session.moderation.name = author.name;
  }, [mayModerate, session, author.name]);
  const actions = useMemo<CommentActions>(() => {
    const said = (outcome: CommentOutcome) => {
      if (!outcome.ok) report(t(`comments.refusal.${outcome.problem}`));
    };
    return {
      me: status.welcome?.participantId ?? author.id,
      name: publicReader ? null : author.name,
      supports: state.supports,
      mayComment,
      mayResolve: role === 'facilitator',
      mayModerate,
      moderation: session.moderation,
      reply: (to, text, name, website) => session.comments.reply(to, text, name, website),
      support: (target, on) => void session.comments.support(target, on).then(said),
      resolve: (id, on) => void session.comments.resolve(id, on).then(said),
      moderate: (id, action) =>
        void session.moderation.decide([id], action).then((answer) => {
          if (!answer.ok) report(t(`mod.problem.${answer.problem}`));
        }),
    };
  }, [
    status.welcome,
    author,
    publicReader,
    state.supports,
    mayComment,
    mayModerate,
    role,
    session,
    report,
    t,
  ]);
  return {
    state,
    threads,
    actions,
    mayComment,
    /** Why this person cannot comment now (shown instead of a form), or null. */
    cannotComment: mayComment
      ? null
      : role === 'viewer'
        ? t('comments.readOnly')
        : t('comments.closed'),
    comment: (anchor: CommentAnchor, text: string, name: string, website: string) =>
      session.comments.comment(anchor, text, name, website),
  };
}
