import * as Y from 'yjs';
import { isFiniteNumber } from '../values';

/*
 * The comment record: one Y.Map per comment or reply in the top-level `comments` map, keyed
 * by id. Comments arrive through the server's validated comment message (participants and
 * commenters never write this map through sync). The operations are in comments.ts.
 */

export const CommentKey = {
  /** CommentAnchor: what the comment is about. Set once; replies copy their thread's anchor. */
  anchor: 'anchor',
  /** string | absent: id of the thread's first comment, for replies. Set once. */
  parent: 'parent',
  /** string: the comment's text; one author, so a plain string, not a Y.Text. LWW. */
  text: 'text',
  /** string: participant id, if the commenter has one (public commenters may not). Set once. */
  authorId: 'authorId',
  /**
   * string: the display name the commenter gave. Set once. `""` on a visible comment is an
   * anonymous one (the neutral marker, ANONYMOUS_AUTHOR in moderation.ts: every reader shows
   * it in their own language); boards from before it hold the localized word ("Anonymous",
   * "Nimetön", "Anonym"), which reads as anonymous too (isAnonymousName).
   */
  authorName: 'authorName',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
  /**
   * Moderation: 'visible' | 'pending' | 'hidden'. LWW. Kept apart from `resolved` so that a
   * moderator hiding a comment and a facilitator resolving its thread at the same time both
   * take effect: hidden is shown as hidden whatever `resolved` says.
   */
  moderation: 'moderation',
  /** boolean: the thread is resolved (only meaningful on a thread's first comment). LWW. */
  resolved: 'resolved',
  /**
   * 'flags' | absent: who hid a `hidden` placeholder. 'flags': readers' reports hid it
   * automatically and no moderator has decided yet; absent: a moderator. Written by the
   * server only, with `moderation`; new in v2 without a migration (absent reads "a moderator").
   */
  hiddenBy: 'hiddenBy',
} as const;

export type Moderation = 'visible' | 'pending' | 'hidden';
export const MODERATIONS: readonly Moderation[] = ['visible', 'pending', 'hidden'];
/** What a reader shows: hidden beats pending beats resolved beats visible. */
export type CommentStatus = 'visible' | 'pending' | 'hidden' | 'resolved';

export function isModeration(value: unknown): value is Moderation {
  return typeof value === 'string' && (MODERATIONS as readonly string[]).includes(value);
}

export type CommentAnchor =
  | { kind: 'board' }
  | { kind: 'note'; note: string }
  | { kind: 'cluster'; cluster: string }
  | { kind: 'cell'; lane: string; period: string }
  | { kind: 'point'; x: number; y: number };

export interface CommentView {
  id: string;
  anchor: CommentAnchor;
  /** The thread's first comment for a reply; null for a thread's first comment. */
  parent: string | null;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  moderation: Moderation;
  /** The thread's resolved flag (a reply reports its thread's). */
  resolved: boolean;
  status: CommentStatus;
  /**
   * On a hidden placeholder: 'flags' when readers' reports hid it and no moderator has decided
   * yet (readers are told so, not "removed by moderator"); absent otherwise.
   */
  hiddenBy?: 'flags';
  /**
   * True when what the comment is about is gone: its note, cluster, lane or period was
   * deleted, or (for a reply) its thread's first comment was. Kept and shown, never dropped.
   */
  orphaned: boolean;
}

/** Validates an anchor and returns a fresh copy, or a reason. */
export function readAnchor(value: unknown): CommentAnchor | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'anchor is not an object';
  }
  const a = value as Record<string, unknown>;
  switch (a.kind) {
    case 'board':
      return { kind: 'board' };
    case 'note':
      return typeof a.note === 'string' ? { kind: 'note', note: a.note } : 'anchor lacks note';
    case 'cluster':
      return typeof a.cluster === 'string'
        ? { kind: 'cluster', cluster: a.cluster }
        : 'anchor lacks cluster';
    case 'cell':
      return typeof a.lane === 'string' && typeof a.period === 'string'
        ? { kind: 'cell', lane: a.lane, period: a.period }
        : 'anchor lacks lane or period';
    case 'point':
      return isFiniteNumber(a.x) && isFiniteNumber(a.y)
        ? { kind: 'point', x: a.x, y: a.y }
        : 'anchor point is not two numbers';
    default:
      return `unknown anchor kind ${String(a.kind)}`;
  }
}

/** A comment's own fields as stored; status, orphaned and the thread's resolved are derived. */
export type StoredComment = Omit<CommentView, 'status' | 'orphaned' | 'resolved'> & {
  ownResolved: boolean;
};

/** Validates one comment's own fields. */
export function readCommentEntry(id: string, comment: unknown): StoredComment | string {
  if (!(comment instanceof Y.Map)) return 'not a map';
  const anchor = readAnchor(comment.get(CommentKey.anchor));
  if (typeof anchor === 'string') return anchor;
  const parent = comment.get(CommentKey.parent) ?? null;
  if (parent !== null && typeof parent !== 'string') return 'parent is not a string';
  const text = comment.get(CommentKey.text);
  if (typeof text !== 'string') return 'text is not a string';
  const authorId = comment.get(CommentKey.authorId) ?? '';
  if (typeof authorId !== 'string') return 'authorId is not a string';
  const authorName = comment.get(CommentKey.authorName);
  if (typeof authorName !== 'string') return 'authorName is not a string';
  const createdAt = comment.get(CommentKey.createdAt);
  if (!isFiniteNumber(createdAt)) return 'createdAt is not a number';
  const moderation = comment.get(CommentKey.moderation) ?? 'visible';
  if (!isModeration(moderation)) return `unknown moderation ${String(moderation)}`;
  const resolved = comment.get(CommentKey.resolved) ?? false;
  if (typeof resolved !== 'boolean') return 'resolved is not a boolean';
  // Unknown values read as "a moderator": the older, stricter wording.
  const hiddenBy = moderation === 'hidden' && comment.get(CommentKey.hiddenBy) === 'flags';
  return {
    id,
    anchor,
    parent,
    text,
    authorId,
    authorName,
    createdAt,
    moderation,
    ...(hiddenBy ? { hiddenBy: 'flags' as const } : {}),
    ownResolved: resolved,
  };
}

/** Healing defaults (heal.ts) for a comment whose required field an undo could not restore. */
export const COMMENT_FILLS: Readonly<Record<string, () => unknown>> = {
  [CommentKey.anchor]: () => ({ kind: 'board' }),
  [CommentKey.text]: () => '',
  [CommentKey.authorName]: () => '',
  [CommentKey.createdAt]: () => 0,
};

/* Migration steps: comments are new in v2 and unchanged since. */
