import * as decoding from 'lib0/decoding';
import {
  type BlockView,
  cleanModeratorName,
  FLAG_REASONS,
  type FlagReason,
  type HeldContent,
  isFlagReason,
  isModerationAction,
  MODERATION_LIMITS,
  type ModerationAction,
  type ModerationPolicy,
  type QueueItem,
  readHeldContent,
  readPolicy,
} from '../moderation';
import { COMMENT_MAX_TEXT } from '../schema';
import { isFiniteNumber, isRefId } from '../values';
import {
  type Decoded,
  decoded,
  encodeKindJson,
  failed,
  isUint,
  readJsonObject,
  readPayload,
} from './decode';
import { MessageType } from './messageType';

/*
 * The moderation family (107). A frame is: varUint 107, varUint kind, then a varString holding
 * a JSON object. Requests carry a `request` number chosen by the client; the server answers
 * each with `result` under the same number. Moderators (and facilitators) get the queue;
 * every author gets their own comments that wait for a moderator, and nobody else does.
 */

export const ModerationKind = {
  /** Moderator -> server: approve, hide, delete or restore comments (bulk). */
  decide: 0,
  /** Moderator -> server: block the author of a comment (identity and address) for hours. */
  block: 1,
  /** Moderator -> server: lift a block. */
  unblock: 2,
  /** Facilitator -> server: the board's moderation policy. */
  policy: 3,
  /** Anyone on the board -> server: flag a comment with a reason. */
  flag: 4,
  /** Server -> client: the answer to a request. */
  result: 5,
  /** Server -> moderators: the queue, the blocks in force, the policy. */
  queue: 6,
  /**
   * Server -> every Paja client on joining, and an author's connections when it changes: their
   * own comments that readers do not see (waiting for a moderator, or not published) and the
   * longest comment the server takes (PAJA_COMMENT_MAX_CHARS).
   */
  own: 7,
} as const;

export type ModerationRequest =
  | { kind: 'decide'; request: number; ids: string[]; action: ModerationAction; reason: string }
  | {
      kind: 'block';
      request: number;
      comment: string;
      hours: number;
      reason: string;
      /**
       * Also block the address the comment came from (all identities behind it: a workplace
       * or a school may share one). Off: only this commenter's identity.
       */
      address: boolean;
    }
  | { kind: 'unblock'; request: number; block: string; reason: string }
  | { kind: 'policy'; request: number; policy: ModerationPolicy }
  | { kind: 'flag'; request: number; comment: string; reason: FlagReason };

/** Every request may carry the sender's display name for the audit log (not verified). */
export type NamedRequest = ModerationRequest & { name: string };

export type ModerationResult =
  | { request: number; ok: true }
  | { request: number; ok: false; error: string };

export interface ModerationQueue {
  policy: ModerationPolicy;
  items: QueueItem[];
  /** How many items there are; `items` holds at most MAX_QUEUE_ITEMS of them, newest first. */
  total: number;
  blocks: BlockView[];
}

/**
 * One of a person's own comments that readers do not see: `pending` waits for a moderator;
 * `hidden` a moderator did not publish (hid it before anyone saw it). Only its author gets it.
 */
export type OwnHeld = HeldContent & { status: 'pending' | 'hidden' };

/** What every person hears of their own commenting (ModerationKind.own). */
export interface OwnCommenting {
  comments: OwnHeld[];
  /** The longest comment, in characters, this server takes (at most COMMENT_MAX_TEXT). */
  maxChars: number;
}

/** A queue message lists at most this many items (newest first); a moderator works down it. */
export const MAX_QUEUE_ITEMS = 300;

export type ModerationMessage =
  | { kind: 'request'; body: NamedRequest }
  | { kind: 'result'; result: ModerationResult }
  | { kind: 'queue'; queue: ModerationQueue }
  | ({ kind: 'own' } & OwnCommenting);

function frame(kind: number, body: unknown): Uint8Array<ArrayBuffer> {
  return encodeKindJson(MessageType.moderation, kind, body);
}

export function encodeModerationRequest(body: NamedRequest): Uint8Array<ArrayBuffer> {
  const { kind, ...rest } = body;
  return frame(ModerationKind[kind], rest);
}

export function encodeModerationResult(result: ModerationResult): Uint8Array<ArrayBuffer> {
  return frame(ModerationKind.result, result);
}

export function encodeModerationQueue(queue: ModerationQueue): Uint8Array<ArrayBuffer> {
  return frame(ModerationKind.queue, queue);
}

export function encodeOwnHeld(own: OwnCommenting): Uint8Array<ArrayBuffer> {
  return frame(ModerationKind.own, { comments: own.comments, maxChars: own.maxChars });
}

const isReason = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MODERATION_LIMITS.maxReason;

/** Decodes any kind; the caller checks that the kind is one its side may receive. */
export function decodeModeration(decoder: decoding.Decoder): Decoded<ModerationMessage> {
  return readPayload(decoder, (d): Decoded<ModerationMessage> => {
    const kind = decoding.readVarUint(d);
    switch (kind) {
      case ModerationKind.decide:
      case ModerationKind.block:
      case ModerationKind.unblock:
      case ModerationKind.policy:
      case ModerationKind.flag: {
        const body = readRequest(d, kind);
        return body.ok ? decoded({ kind: 'request', body: body.value }) : body;
      }
      case ModerationKind.result:
        return readResult(d);
      case ModerationKind.queue:
        return readQueue(d);
      case ModerationKind.own: {
        const body = readJsonObject(d, ['comments', 'maxChars']);
        if (!body.ok) return body;
        const { maxChars } = body.value;
        if (!isUint(maxChars) || maxChars < 1 || maxChars > COMMENT_MAX_TEXT) {
          return failed(`maxChars must be 1 to ${COMMENT_MAX_TEXT}`);
        }
        const comments = readOwnList(body.value.comments);
        if (typeof comments === 'string') return failed(comments);
        return decoded({ kind: 'own', comments, maxChars });
      }
      default:
        return failed('unknown moderation message kind');
    }
  });
}

const REQUEST_FIELDS: Record<number, readonly string[]> = {
  [ModerationKind.decide]: ['ids', 'action', 'reason'],
  [ModerationKind.block]: ['comment', 'hours', 'reason', 'address'],
  [ModerationKind.unblock]: ['block', 'reason'],
  [ModerationKind.policy]: ['policy'],
  [ModerationKind.flag]: ['comment', 'reason'],
};

function readRequest(d: decoding.Decoder, kind: number): Decoded<NamedRequest> {
  const body = readJsonObject(d, ['request', ...(REQUEST_FIELDS[kind] ?? [])], ['name']);
  if (!body.ok) return body;
  const v = body.value;
  if (!isUint(v.request)) return failed('request must be a whole number');
  if (v.name !== undefined && typeof v.name !== 'string') return failed('name must be a string');
  const request = v.request;
  const name = cleanModeratorName(v.name);
  switch (kind) {
    case ModerationKind.decide: {
      const ids = v.ids;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MODERATION_LIMITS.maxBulk) {
        return failed(`ids must list 1 to ${MODERATION_LIMITS.maxBulk} comments`);
      }
      if (!ids.every(isRefId)) return failed('ids must be comment ids');
      if (!isModerationAction(v.action)) return failed('unknown moderation action');
      if (!isReason(v.reason)) return failed('reason must be a short string');
      return decoded({
        kind: 'decide',
        request,
        name,
        ids: [...new Set(ids as string[])],
        action: v.action,
        reason: v.reason,
      });
    }
    case ModerationKind.block: {
      const [min, max] = MODERATION_LIMITS.blockHours;
      if (!isRefId(v.comment)) return failed('comment must be a comment id');
      if (!isUint(v.hours) || v.hours < min || v.hours > max) {
        return failed(`hours must be ${min} to ${max}`);
      }
      if (!isReason(v.reason)) return failed('reason must be a short string');
      if (typeof v.address !== 'boolean') return failed('address must be true or false');
      return decoded({
        kind: 'block',
        request,
        name,
        comment: v.comment,
        hours: v.hours,
        reason: v.reason,
        address: v.address,
      });
    }
    case ModerationKind.unblock:
      if (!isRefId(v.block)) return failed('block must be a block id');
      if (!isReason(v.reason)) return failed('reason must be a short string');
      return decoded({ kind: 'unblock', request, name, block: v.block, reason: v.reason });
    case ModerationKind.policy: {
      const policy = readPolicy(v.policy);
      if (typeof policy === 'string') return failed(policy);
      return decoded({ kind: 'policy', request, name, policy });
    }
    default: {
      if (!isRefId(v.comment)) return failed('comment must be a comment id');
      if (!isFlagReason(v.reason))
        return failed(`reason must be one of ${FLAG_REASONS.join(', ')}`);
      return decoded({ kind: 'flag', request, name, comment: v.comment, reason: v.reason });
    }
  }
}

function readResult(d: decoding.Decoder): Decoded<ModerationMessage> {
  const body = readJsonObject(d, ['request', 'ok'], ['error']);
  if (!body.ok) return body;
  const { request, ok, error } = body.value;
  if (!isUint(request)) return failed('request must be a whole number');
  if (ok === true && error === undefined)
    return decoded({ kind: 'result', result: { request, ok } });
  if (ok === false && typeof error === 'string') {
    return decoded({ kind: 'result', result: { request, ok, error } });
  }
  return failed('result is neither ok nor an error');
}

function readOwnList(value: unknown): OwnHeld[] | string {
  if (!Array.isArray(value)) return 'comments must be a list';
  const list: OwnHeld[] = [];
  for (const item of value) {
    const content = readHeldContent(item);
    if (typeof content === 'string') return content;
    const { status } = item as Record<string, unknown>;
    if (status !== 'pending' && status !== 'hidden') return 'own comment has an unknown status';
    list.push({ ...content, status });
  }
  return list;
}

const STATUSES = ['pending', 'hidden', 'visible'];
const WHYS = ['policy', 'flags', 'moderator', 'flagged'];

function readQueue(d: decoding.Decoder): Decoded<ModerationMessage> {
  const body = readJsonObject(d, ['policy', 'items', 'total', 'blocks']);
  if (!body.ok) return body;
  const { items, total, blocks } = body.value;
  const policy = readPolicy(body.value.policy);
  if (typeof policy === 'string') return failed(policy);
  if (!isUint(total) || !Array.isArray(items) || !Array.isArray(blocks)) {
    return failed('queue needs items, total and blocks');
  }
  const queueItems: QueueItem[] = [];
  for (const item of items) {
    const content = readHeldContent(item);
    if (typeof content === 'string') return failed(content);
    const { status, why, flags, blocked } = item as Record<string, unknown>;
    if (!STATUSES.includes(status as string) || !WHYS.includes(why as string)) {
      return failed('queue item has an unknown status');
    }
    if (typeof blocked !== 'boolean' || typeof flags !== 'object' || flags === null) {
      return failed('queue item lacks flags or blocked');
    }
    const counts: Partial<Record<FlagReason, number>> = {};
    for (const [reason, count] of Object.entries(flags)) {
      if (!isFlagReason(reason) || !isUint(count)) return failed('queue item has bad flags');
      counts[reason] = count;
    }
    queueItems.push({
      ...content,
      status: status as QueueItem['status'],
      why: why as QueueItem['why'],
      flags: counts,
      blocked,
    });
  }
  const blockViews: BlockView[] = [];
  for (const block of blocks) {
    const b = block as Record<string, unknown>;
    if (
      !isRefId(b.id) ||
      typeof b.authorName !== 'string' ||
      !isFiniteNumber(b.until) ||
      typeof b.reason !== 'string' ||
      typeof b.by !== 'string' ||
      !isFiniteNumber(b.at)
    ) {
      return failed('queue has a bad block');
    }
    blockViews.push({
      id: b.id,
      authorName: b.authorName,
      until: b.until,
      reason: b.reason,
      by: b.by,
      at: b.at,
    });
  }
  return decoded({
    kind: 'queue',
    queue: { policy, items: queueItems, total, blocks: blockViews },
  });
}
