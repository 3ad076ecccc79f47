import {
  addComment,
  type CommentAnchor,
  CommentError,
  readMeta,
  replyToComment,
} from '@paja/shared';
import type * as Y from 'yjs';

export type CommentResult =
  | { request: number; ok: true; id: string }
  | { request: number; ok: false; error: string };

export interface CommentAuthor {
  participantId: string;
  /** Facilitators may comment even while the board's comment phase is closed. */
  facilitator: boolean;
}

/** A comment request that cannot even be read: the connection sending it is closed. */
export class UnreadableCommentRequest extends Error {
  override name = 'UnreadableCommentRequest';
}

/**
 * Applies one comment request to the board as the server, in one transaction. The author id
 * is the connection's participant id, never what the request says, so nobody can comment in
 * another person's name. Returns what to answer; throws UnreadableCommentRequest only for input
 * that is not a comment request at all.
 */
export function applyCommentRequest(
  doc: Y.Doc,
  json: string,
  author: CommentAuthor,
  origin: unknown,
): CommentResult {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    body = parsed as Record<string, unknown>;
  } catch {
    throw new UnreadableCommentRequest('comment request is not a JSON object');
  }
  const request = body.request;
  if (typeof request !== 'number' || !Number.isSafeInteger(request)) {
    throw new UnreadableCommentRequest('comment request has no request number');
  }
  const refuse = (error: string): CommentResult => ({ request, ok: false, error });
  if (typeof body.text !== 'string' || typeof body.authorName !== 'string') {
    return refuse('text and authorName must be strings');
  }
  if (!author.facilitator && !readMeta(doc).phase.comment) {
    return refuse('commenting is closed on this board right now');
  }
  const input = {
    text: body.text,
    authorName: body.authorName,
    authorId: author.participantId,
  };
  let id: string | null = null;
  try {
    doc.transact(() => {
      if (typeof body.replyTo === 'string') {
        id = replyToComment(doc, body.replyTo, input);
      } else {
        id = addComment(doc, { ...input, anchor: body.anchor as CommentAnchor });
      }
    }, origin);
  } catch (error) {
    if (error instanceof CommentError) return refuse(error.message);
    throw error;
  }
  if (id === null) return refuse('that comment thread no longer exists');
  return { request, ok: true, id };
}
