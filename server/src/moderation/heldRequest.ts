import {
  CommentKey,
  type CommentRequest,
  cleanModeratorName,
  commentsMap,
  type HeldContent,
  mayParticipant,
  newId,
  REFUSAL_MESSAGES,
  type Role,
  readAnchor,
  readMeta,
  storedAuthorName,
} from '@paja/shared';
import * as Y from 'yjs';

/**
 * What a comment request the policy holds becomes: refused with a sentence, held as `content`,
 * or null: not held, so that the document path gives its usual answer (empty text, no name,
 * no place to comment on).
 */
export type ToHold = { ok: false; error: string } | { ok: true; content: HeldContent } | null;

/**
 * The content to hold for a moderator, built from `request` as the document path would write
 * it: the author is the connection's participant id, a reply joins its thread's first comment
 * and anchor. The permission table is asked as for a comment written at once
 * (commentRequests.ts), so nothing a person may not write is held either.
 */
export function contentToHold(
  doc: Y.Doc,
  author: { role: Role; participantId: string },
  request: CommentRequest,
  now: number,
): ToHold {
  if (author.role !== 'facilitator') {
    const decision = mayParticipant('comment', { phase: readMeta(doc).phase });
    if (!decision.allowed) return { ok: false, error: REFUSAL_MESSAGES[decision.reason] };
  }
  const authorName = cleanModeratorName(request.authorName);
  if (request.text.trim().length === 0 || authorName.length === 0) return null;
  let anchor = 'anchor' in request ? request.anchor : null;
  let parent: string | null = null;
  if ('replyTo' in request) {
    const thread = threadOf(doc, request.replyTo);
    if (!thread) return { ok: false, error: 'that comment thread no longer exists' };
    ({ anchor, parent } = thread);
  }
  if (anchor === null) return null;
  const content: HeldContent = {
    id: newId(),
    anchor,
    parent,
    text: request.text,
    authorId: author.participantId,
    // As the document path stores it: "anonymous" in any language as the neutral marker.
    authorName: storedAuthorName(authorName),
    createdAt: now,
  };
  return { ok: true, content };
}

/** The thread a reply joins: its first comment's id and anchor, or null if it is gone. */
function threadOf(
  doc: Y.Doc,
  id: string,
): { parent: string; anchor: HeldContent['anchor'] } | null {
  const comment = commentsMap(doc).get(id);
  if (!(comment instanceof Y.Map)) return null;
  const parent = comment.get(CommentKey.parent);
  const rootId = typeof parent === 'string' ? parent : id;
  const root = commentsMap(doc).get(rootId);
  if (!(root instanceof Y.Map)) return null;
  const anchor = readAnchor(root.get(CommentKey.anchor));
  return typeof anchor === 'string' ? null : { parent: rootId, anchor };
}
