import {
  type BlockView,
  commentsMap,
  contentOf,
  type FlagReason,
  MAX_QUEUE_ITEMS,
  type ModerationPolicy,
  type ModerationQueue,
  type OwnHeld,
  type QueueItem,
} from '@paja/shared';
import * as Y from 'yjs';
import type { BoardSideState } from '../BoardSideState';
import { blockKind, heldKind, originKind } from './kinds';

/**
 * What moderators see at `now`: every held comment (pending or hidden) and every visible
 * comment with flags nobody reviewed, newest first (at most MAX_QUEUE_ITEMS of them), each with
 * its unreviewed flags by reason and whether its author is blocked; and the blocks in force.
 */
export function moderationQueue(
  side: BoardSideState,
  doc: Y.Doc,
  policy: ModerationPolicy,
  now: number,
): ModerationQueue {
  const blocks = side.entries(blockKind).filter(([, block]) => block.until > now);
  const blocked = (authorId: string, address: string) =>
    blocks.some(
      ([, block]) => block.authorId === authorId || (address !== '' && block.address === address),
    );
  const items: QueueItem[] = [];
  const origins = new Map(side.entries(originKind));
  const unreviewed = (id: string) => {
    const origin = origins.get(id);
    const counts: Partial<Record<FlagReason, number>> = {};
    if (origin && !origin.reviewed) {
      for (const flag of origin.flags) counts[flag.reason] = (counts[flag.reason] ?? 0) + 1;
    }
    return counts;
  };
  for (const [id, held] of side.entries(heldKind)) {
    const address = origins.get(id)?.address ?? '';
    items.push({
      ...held.content,
      status: held.status,
      why: held.why,
      flags: unreviewed(id),
      blocked: blocked(held.content.authorId, address),
    });
  }
  for (const [id, origin] of origins) {
    if (origin.reviewed || origin.flags.length === 0 || side.has(heldKind, id)) continue;
    const comment = commentsMap(doc).get(id);
    const content = comment instanceof Y.Map ? contentOf(id, comment) : null;
    if (!content) continue;
    items.push({
      ...content,
      status: 'visible',
      why: 'flagged',
      flags: unreviewed(id),
      blocked: blocked(content.authorId, origin.address),
    });
  }
  items.sort((a, b) => b.createdAt - a.createdAt);
  const blockViews: BlockView[] = blocks.map(([id, block]) => ({
    id,
    authorName: block.authorName,
    until: block.until,
    reason: block.reason,
    by: block.by,
    at: block.at,
  }));
  return {
    policy,
    items: items.slice(0, MAX_QUEUE_ITEMS),
    total: items.length,
    blocks: blockViews,
  };
}

/**
 * One person's own comments that readers do not see (only they and moderators see them): those
 * waiting for a moderator, and those a moderator hid before anyone saw them, so the writer
 * learns they were not published instead of seeing them vanish. A comment hidden after readers
 * saw it is not among them: its placeholder in the document says so to everyone.
 */
export function ownHeld(side: BoardSideState, participantId: string): OwnHeld[] {
  return side
    .entries(heldKind)
    .filter(([, held]) => held.content.authorId === participantId)
    .filter(([, held]) => held.status === 'pending' || !held.placeholder)
    .map(([, held]) => ({ ...held.content, status: held.status }));
}
