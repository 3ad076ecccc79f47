import { commentsMap, contentOf } from '@paja/shared';
import * as Y from 'yjs';
import type { BoardSideState } from '../BoardSideState';
import { type Block, blockKind, heldKind, originKind } from './kinds';

/**
 * The block that keeps this identity or address from commenting at `now`, if any. Blocks that
 * have run out are deleted on the way.
 */
export function activeBlockOf(
  side: BoardSideState,
  authorId: string,
  address: string,
  now: number,
): Block | null {
  for (const [id, block] of side.entries(blockKind)) {
    if (block.until <= now) {
      side.delete(blockKind, id);
      continue;
    }
    if (block.authorId === authorId || (block.address !== '' && block.address === address)) {
      return block;
    }
  }
  return null;
}

/** Who wrote a comment (held or in the document) and the address key it came from. */
export function commentAuthor(
  doc: Y.Doc,
  side: BoardSideState,
  id: string,
): { authorId: string; authorName: string; address: string } | null {
  const address = side.get(originKind, id)?.address ?? '';
  const held = side.get(heldKind, id);
  if (held)
    return { authorId: held.content.authorId, authorName: held.content.authorName, address };
  const comment = commentsMap(doc).get(id);
  const content = comment instanceof Y.Map ? contentOf(id, comment) : null;
  if (!content) return null;
  return { authorId: content.authorId, authorName: content.authorName, address };
}
