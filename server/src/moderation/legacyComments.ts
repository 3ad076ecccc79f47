import { CommentKey, commentsMap, contentOf, type HeldContent, hideInDocument } from '@paja/shared';
import * as Y from 'yjs';
import type { Held } from './kinds';

/**
 * Comments that an older version of Paja kept in the document as pending, or hidden with
 * their text (every client could read them): taken out of it, a hidden one leaving its
 * placeholder, and handed to `hold` (moderation's side state). Run in the caller's server
 * transaction when a board is loaded, before anyone syncs. Returns how many moved.
 */
export function adoptDocumentComments(
  doc: Y.Doc,
  hold: (
    content: HeldContent,
    status: Held['status'],
    placeholder: boolean,
    why: Held['why'],
  ) => void,
): number {
  let moved = 0;
  for (const [id, comment] of [...commentsMap(doc).entries()]) {
    if (!(comment instanceof Y.Map)) continue;
    const moderation = comment.get(CommentKey.moderation);
    if (moderation === 'pending') {
      const content = contentOf(id, comment);
      if (!content) continue;
      commentsMap(doc).delete(id);
      hold(content, 'pending', false, 'policy');
      moved++;
    } else if (moderation === 'hidden' && comment.get(CommentKey.text) !== '') {
      const content = hideInDocument(doc, id);
      if (!content) continue;
      hold(content, 'hidden', true, 'moderator');
      moved++;
    }
  }
  return moved;
}
