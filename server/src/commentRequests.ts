import {
  addComment,
  CommentError,
  type CommentRequest,
  type CommentResult,
  mayParticipant,
  REFUSAL_MESSAGES,
  readMeta,
  replyToComment,
} from '@paja/shared';
import type * as Y from 'yjs';

export interface CommentAuthor {
  participantId: string;
  /** Facilitators may comment even while the board's comment phase is closed. */
  facilitator: boolean;
}

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
  if (!author.facilitator) {
    // The same permission table as the edit guard's (shared/src/permissions.ts).
    const decision = mayParticipant('comment', { phase: readMeta(doc).phase });
    if (!decision.allowed) return refuse(REFUSAL_MESSAGES[decision.reason]);
  }
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
  if (id === null) return refuse('that comment thread no longer exists');
  return { request, ok: true, id };
}
