import {
  commentsMap,
  hasReplies,
  hideInDocument,
  type ModerationAction,
  markHiddenBy,
  publishHeldComment,
  restoreInDocument,
} from '@paja/shared';
import * as Y from 'yjs';
import type { BoardSideState } from '../BoardSideState';
import type { SaveRecipient } from '../SavePipeline';
import { heldKind, originKind, trustKind } from './kinds';

/** What one decision changes: the document, moderation's side state, who hears of it. */
export interface DecisionScope {
  doc: Y.Doc;
  side: BoardSideState;
  /** A held comment of `authorId` changed (see ModerationNotices.heldChanged). */
  heldChanged(authorId: string): void;
}

/**
 * One moderator's decision on one comment, inside the caller's server transaction, so that the
 * document change and the side-state writes go in one commit. Returns false when there was
 * nothing to decide (gone, or already so).
 * - approve / restore: a held comment enters the document (a hidden one with a placeholder is
 *   restored in place); an approved pending comment adds to its author's trust. A visible
 *   flagged comment is kept and its flags marked reviewed.
 * - hide: a held one becomes hidden; a visible one leaves the document's text, keeping a
 *   placeholder.
 * - delete: gone from the side state and the document (a thread's first comment keeps its
 *   placeholder, so the replies stay readable).
 */
export function applyDecision(
  scope: DecisionScope,
  member: SaveRecipient,
  id: string,
  action: ModerationAction,
): boolean {
  const { doc, side } = scope;
  const held = side.get(heldKind, id);
  const inDocument = commentsMap(doc).get(id);
  const origin = side.get(originKind, id);
  const reviewed = () => {
    if (origin) side.put(originKind, id, { ...origin, reviewed: true }, member);
  };
  switch (action) {
    case 'approve':
    case 'restore': {
      if (held) {
        if (held.placeholder && inDocument) restoreInDocument(doc, held.content);
        else publishHeldComment(doc, held.content);
        side.delete(heldKind, id, member);
        if (held.status === 'pending' && held.content.authorId) {
          const approved = side.get(trustKind, held.content.authorId) ?? 0;
          side.put(trustKind, held.content.authorId, approved + 1, member);
        }
        scope.heldChanged(held.content.authorId);
        reviewed();
        return true;
      }
      // A visible comment that was flagged: kept, and its flags reviewed.
      if (!inDocument || !origin || origin.flags.length === 0) return false;
      reviewed();
      return true;
    }
    case 'hide': {
      if (held) {
        if (held.status === 'hidden' && held.why !== 'flags') return false;
        if (held.status === 'hidden') {
          // Flags hid it; a moderator now hides it too: its placeholder says a moderator did.
          const placeholder = commentsMap(doc).get(id);
          if (held.placeholder && placeholder instanceof Y.Map) {
            markHiddenBy(placeholder, 'moderator');
          }
          side.put(heldKind, id, { ...held, why: 'moderator' }, member);
          scope.heldChanged(held.content.authorId);
          reviewed();
          return true;
        }
        side.put(heldKind, id, { ...held, status: 'hidden', why: 'moderator' }, member);
        scope.heldChanged(held.content.authorId);
        return true;
      }
      const content = inDocument ? hideInDocument(doc, id) : null;
      if (!content) return false;
      side.put(
        heldKind,
        id,
        { content, status: 'hidden', placeholder: true, why: 'moderator' },
        member,
      );
      reviewed();
      return true;
    }
    case 'delete': {
      if (!held && !inDocument) return false;
      if (held) {
        side.delete(heldKind, id, member);
        scope.heldChanged(held.content.authorId);
      }
      if (inDocument) {
        // A thread keeps its first comment's placeholder, so the replies stay readable.
        if (hasReplies(doc, id)) hideInDocument(doc, id);
        else commentsMap(doc).delete(id);
      }
      side.delete(originKind, id, member);
      return true;
    }
  }
}
