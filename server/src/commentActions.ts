import {
  COMMENT_REFUSALS,
  type CommentAction,
  CommentKey,
  type CommentRefusal,
  type CommentResult,
  commentsMap,
  giveSupport,
  mayParticipant,
  notesMap,
  readMeta,
  readPublication,
  resolveComment,
  type SupportTarget,
  withdrawSupport,
} from '@paja/shared';
import type * as Y from 'yjs';

export interface CommentAuthor {
  participantId: string;
  /** Facilitators may comment even while the board's comment phase is closed. */
  facilitator: boolean;
  /** Came through the public address (no token): may comment only while the publication says. */
  publicReader: boolean;
}

/**
 * Whether `author` may comment, reply or support on this board now, or why not. One rule for
 * every comment message: facilitators always; the public only while the board is published
 * with comments; everyone else while the phase's comment setting is on (the permission table
 * in shared/src/permissions.ts, as the edit guard asks it).
 */
export function commentRefusal(doc: Y.Doc, author: CommentAuthor): CommentRefusal | null {
  if (author.facilitator) return null;
  if (author.publicReader && readPublication(doc)?.comments !== true) return 'notPublic';
  const decision = mayParticipant('comment', { phase: readMeta(doc).phase });
  return decision.allowed ? null : 'closed';
}

/**
 * Applies one decoded comment action (shared `decodeCommentAction` checked its fields) as the
 * server, in one transaction with `origin`. The supporter is the connection's participant id,
 * so a person supports an item at most once, whatever the request says. Returns the answer.
 */
export function applyCommentAction(
  doc: Y.Doc,
  body: CommentAction,
  author: CommentAuthor,
  origin: unknown,
): CommentResult {
  const { request, target } = body;
  const refuse = (reason: CommentRefusal): CommentResult => ({
    request,
    ok: false,
    error: COMMENT_REFUSALS[reason],
  });
  const refusal = commentRefusal(doc, author);
  if (refusal !== null) return refuse(refusal);
  switch (body.action) {
    case 'resolve':
    case 'reopen':
      if (!author.facilitator) return refuse('facilitatorOnly');
      if (!commentsMap(doc).has(target.id)) return refuse('itemGone');
      doc.transact(() => resolveComment(doc, target.id, body.action === 'resolve'), origin);
      break;
    case 'support':
      if (!supportable(doc, target)) return refuse('itemGone');
      doc.transact(() => giveSupport(doc, target, author.participantId), origin);
      break;
    case 'unsupport':
      // Taking one's support back is always possible, also from an item deleted meanwhile.
      doc.transact(() => withdrawSupport(doc, target, author.participantId), origin);
      break;
  }
  return { request, ok: true, id: target.id };
}

/** A note that exists, or a comment that exists and is shown (not pending, not hidden). */
function supportable(doc: Y.Doc, target: SupportTarget): boolean {
  if (target.kind === 'note') return notesMap(doc).has(target.id);
  const comment = commentsMap(doc).get(target.id);
  const moderation = comment?.get(CommentKey.moderation) ?? 'visible';
  return comment !== undefined && moderation === 'visible';
}
