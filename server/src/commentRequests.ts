import {
  addComment,
  COMMENT_REFUSALS,
  CommentError,
  type CommentRequest,
  type CommentResult,
  replyToComment,
} from '@paja/shared';
import type * as Y from 'yjs';
import { type CommentAuthor, commentRefusal } from './commentActions';

/**
 * Applies one decoded comment request (shared `decodeComment` checked its fields) to the
 * board as the server, in one transaction. The author id is the connection's participant id,
 * never what the request says, so nobody can comment in another person's name. Returns what
 * to answer.
 */
export function applyCommentRequest(
  doc: Y.Doc,
  body: CommentRequest,
  author: CommentAuthor,
  origin: unknown,
): CommentResult {
  const { request } = body;
  const refuse = (error: string): CommentResult => ({ request, ok: false, error });
  const refusal = commentRefusal(doc, author);
  if (refusal !== null) return refuse(COMMENT_REFUSALS[refusal]);
  const input = {
    text: body.text,
    authorName: body.authorName,
    authorId: author.participantId,
  };
  let id: string | null = null;
  try {
    doc.transact(() => {
      if ('replyTo' in body) {
        id = replyToComment(doc, body.replyTo, input);
      } else {
        id = addComment(doc, { ...input, anchor: body.anchor });
      }
    }, origin);
  } catch (error) {
    if (error instanceof CommentError) return refuse(error.message);
    throw error;
  }
  if (id === null) return refuse(COMMENT_REFUSALS.threadGone);
  return { request, ok: true, id };
}
