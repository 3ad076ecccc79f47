import { CommentKey, commentsMap, type ModerationRefusal } from '@paja/shared';
import * as Y from 'yjs';
import type { BoardSideState } from '../BoardSideState';
import { heldKind, originKind } from './kinds';

/**
 * Why a flag from `by` on comment `id` would not count, judged before any flag rate is asked
 * (so that only a flag that counts spends a token, on one instance or across them), or null.
 * A comment that is not visible (held, hidden, removed, unknown) cannot be flagged; a person
 * flags a comment once.
 */
export function flagRefusalBeforeRate(
  doc: Y.Doc,
  side: BoardSideState,
  id: string,
  by: string,
): Extract<ModerationRefusal, 'notFound' | 'flaggedAlready'> | null {
  const comment = commentsMap(doc).get(id);
  if (!(comment instanceof Y.Map) || side.has(heldKind, id)) return 'notFound';
  if ((comment.get(CommentKey.moderation) ?? 'visible') !== 'visible') return 'notFound';
  if (side.get(originKind, id)?.flags.some((flag) => flag.by === by)) return 'flaggedAlready';
  return null;
}
