import * as Y from 'yjs';
import { CommentKey, type CommentView, readAnchor } from './records/comment';
import { commentsMap } from './roots';
import { COMMENT_MAX_TEXT, type Locale, NAME_MAX } from './schema';
import { cleanName, isFiniteNumber, isRefId } from './values';

/*
 * Moderation of comments: the board's policy, flag reasons, what a moderator sees in the
 * queue, and the document writes of approve, hide and restore. Pending and hidden comments
 * are never in the shared document (every reader receives every byte of it): the server holds
 * them as side state and writes a comment into the document only when it may be read. A
 * hidden comment that readers had already seen leaves a placeholder (no text, no author), so
 * its thread stays readable and shows "removed by a moderator".
 */

/**
 * off      every comment is shown at once; flags are not counted
 * post     every comment is shown at once; moderators hide afterwards; enough flags hide it
 * preNew   anonymous commenters and those with fewer than `trustAfter` approved comments wait
 *          for a moderator; others as `post`
 * preAll   every comment waits for a moderator (facilitators' and moderators' own do not)
 */
export const MODERATION_MODES = ['off', 'post', 'preNew', 'preAll'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

export interface ModerationPolicy {
  mode: ModerationMode;
  /** preNew: approved comments after which a commenter's comments are shown at once. */
  trustAfter: number;
  /** post, preNew, preAll: flags from different people that hide a comment until decided. */
  flagThreshold: number;
}

export const POLICY_LIMITS = { trustAfter: [1, 100], flagThreshold: [1, 100] } as const;

export const DEFAULT_POLICY: ModerationPolicy = { mode: 'post', trustAfter: 3, flagThreshold: 3 };

export function isModerationMode(value: unknown): value is ModerationMode {
  return typeof value === 'string' && (MODERATION_MODES as readonly string[]).includes(value);
}

function inRange(value: unknown, [min, max]: readonly [number, number]): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Validates a policy (from the wire or from storage); a fresh copy, or why not. */
export function readPolicy(value: unknown): ModerationPolicy | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'policy is not an object';
  }
  const { mode, trustAfter, flagThreshold, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return 'policy has unknown fields';
  if (!isModerationMode(mode)) return 'unknown moderation mode';
  if (!inRange(trustAfter, POLICY_LIMITS.trustAfter)) return 'trustAfter must be 1 to 100';
  if (!inRange(flagThreshold, POLICY_LIMITS.flagThreshold)) {
    return 'flagThreshold must be 1 to 100';
  }
  return { mode, trustAfter, flagThreshold };
}

/**
 * Names that mean "I give no name": the stored marker (""), the word Paja's comment form sends
 * (ANONYMOUS_REQUEST_NAME), and the localized words older clients sent and older boards
 * stored. Whatever language it was written in, it counts as anonymous for preNew, is stored as
 * the marker and is shown in each reader's language.
 */
const ANONYMOUS_NAMES = new Set(['', 'anonymous', 'anonyymi', 'anonym', 'anon', 'nimetön']);

export function isAnonymousName(name: string): boolean {
  return ANONYMOUS_NAMES.has(cleanName(name).toLowerCase());
}

/**
 * How an anonymous comment's author is stored (document, held comments, blocks, the audit
 * log's subject): no name at all, so no one language is written into the board. Readers show
 * it in their own language (anonymousLabel); the exports in the board's.
 */
export const ANONYMOUS_AUTHOR = '';

/** The name a comment request carries when its writer ticked "comment anonymously". */
export const ANONYMOUS_REQUEST_NAME = 'anonymous';

/** A comment author's name as stored: the anonymous marker, or the name trimmed. */
export function storedAuthorName(name: string): string {
  return isAnonymousName(name) ? ANONYMOUS_AUTHOR : cleanName(name);
}

/** "Anonymous" in each of Paja's languages, for the server's files (the client has its own). */
export const ANONYMOUS_LABELS: Readonly<Record<Locale, string>> = {
  fi: 'Nimetön',
  sv: 'Anonym',
  en: 'Anonymous',
};

/**
 * A comment author's name as a reader of `locale` reads it: the name, or "anonymous" in that
 * language for the stored marker and the older stored words (e.g. a Swedish "Anonym" reads
 * "Nimetön" in a Finnish board's export).
 */
export function commentAuthorLabel(name: string, locale: string): string {
  if (!isAnonymousName(name)) return name;
  return ANONYMOUS_LABELS[locale as Locale] ?? ANONYMOUS_LABELS.en;
}

/** Whether a new comment must wait for a moderator under `policy`. */
export function waitsForModerator(
  policy: ModerationPolicy,
  author: { name: string; approved: number },
): boolean {
  switch (policy.mode) {
    case 'off':
    case 'post':
      return false;
    case 'preAll':
      return true;
    case 'preNew':
      return isAnonymousName(author.name) || author.approved < policy.trustAfter;
  }
}

/** Whether `flags` flags hide a comment that no moderator has decided on yet. */
export function hiddenByFlags(policy: ModerationPolicy, flags: number): boolean {
  return policy.mode !== 'off' && flags >= policy.flagThreshold;
}

export const FLAG_REASONS = ['spam', 'hateful', 'personal', 'offTopic'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export function isFlagReason(value: unknown): value is FlagReason {
  return typeof value === 'string' && (FLAG_REASONS as readonly string[]).includes(value);
}

/**
 * approve  a pending comment is shown (written into the document)
 * hide     a comment leaves the readers' view; if they had seen it, a placeholder stays
 * delete   removed for good: its text is gone from the server too (a thread's first comment
 *          with replies keeps its placeholder)
 * restore  a hidden comment is shown again (also: a flagged one is kept, flags reviewed)
 */
export const MODERATION_ACTIONS = ['approve', 'hide', 'delete', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(value);
}

/** Limits of moderation requests. */
export const MODERATION_LIMITS = {
  /** Comments one decision may cover (bulk). */
  maxBulk: 500,
  /** A moderator's reason, in characters. */
  maxReason: 500,
  /** Blocks last 1 hour to 90 days. */
  blockHours: [1, 24 * 90],
} as const;

/** A comment's content, as the server holds it while it is pending or hidden. */
export type HeldContent = Pick<
  CommentView,
  'id' | 'anchor' | 'parent' | 'text' | 'authorId' | 'authorName' | 'createdAt'
>;

/** Validates held content (from storage); a fresh copy, or why not. */
export function readHeldContent(value: unknown): HeldContent | string {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const v = value as Record<string, unknown>;
  const anchor = readAnchor(v.anchor);
  if (typeof anchor === 'string') return anchor;
  if (!isRefId(v.id)) return 'bad id';
  if (v.parent !== null && !isRefId(v.parent)) return 'bad parent';
  if (typeof v.text !== 'string' || v.text.length > COMMENT_MAX_TEXT) return 'bad text';
  if (typeof v.authorId !== 'string' || typeof v.authorName !== 'string') return 'bad author';
  if (!isFiniteNumber(v.createdAt)) return 'bad createdAt';
  return {
    id: v.id,
    anchor,
    parent: v.parent,
    text: v.text,
    authorId: v.authorId,
    authorName: v.authorName,
    createdAt: v.createdAt,
  };
}

/** What a moderator sees of one comment in the queue. */
export interface QueueItem extends HeldContent {
  /** pending: never shown yet; hidden: taken from view; visible: shown, but flagged. */
  status: 'pending' | 'hidden' | 'visible';
  /** Why it is in the queue: the policy held it, flags hid it, a moderator hid it, flagged. */
  why: 'policy' | 'flags' | 'moderator' | 'flagged';
  /** Flags not yet reviewed by a moderator, per reason. */
  flags: Partial<Record<FlagReason, number>>;
  /** The author (identity or address) is blocked now. */
  blocked: boolean;
}

/** A block as moderators see it (never the address: only the server knows it). */
export interface BlockView {
  id: string;
  /** The blocked commenter's name on the comment the block was made from. */
  authorName: string;
  /** ms since epoch. */
  until: number;
  reason: string;
  by: string;
  at: number;
}

/** One line of the append-only audit log. */
export interface AuditEntry {
  /** 1, 2, 3, ... per board. */
  seq: number;
  at: number;
  /** Participant id of the moderator, or "system" for automatic actions. */
  by: string;
  /** The name the moderator's page gave (not verified), or "" for the system. */
  byName: string;
  action: ModerationAction | 'autoHide' | 'block' | 'unblock' | 'policy';
  /** A comment id, a block id, or "" for a policy change. */
  target: string;
  /** The display name of the comment's author, or of the blocked commenter ("" if none). */
  subject: string;
  /** The moderator's words, as typed. */
  reason: string;
  /**
   * Machine-readable details: the policy set (JSON), a block's `comment=<id> hours=<n>
   * address=<true|false>`, the flags that hid a comment (`spam:2,offTopic:1`).
   */
  detail: string;
}

/** Reads a name a moderator's page sends for the audit log: trimmed, at most NAME_MAX. */
export function cleanModeratorName(name: unknown): string {
  return typeof name === 'string' ? cleanName(name).slice(0, NAME_MAX) : '';
}

/**
 * The English sentence of each refusal of a comment, flag or moderation request; the client
 * finds the reason from the sentence (moderationRefusalOf) and shows its own translation.
 */
export const MODERATION_REFUSALS = {
  blocked: 'you cannot comment on this board for now',
  tooLong: 'that comment is too long',
  tooFast: 'too many comments from you; wait a moment',
  duplicate: 'you already wrote this comment',
  flaggedAlready: 'you have already flagged this comment',
  tooManyFlags: 'too many flags from you; wait a moment',
  notFound: 'that comment is no longer there',
  notYours: 'only moderators can do that',
  facilitatorOnly: 'only a facilitator can change the moderation policy',
} as const;
export type ModerationRefusal = keyof typeof MODERATION_REFUSALS;

export function moderationRefusalOf(error: string): ModerationRefusal | null {
  for (const [reason, text] of Object.entries(MODERATION_REFUSALS)) {
    if (error === text) return reason as ModerationRefusal;
  }
  return null;
}

/* ---- Document writes (the server's, as server transactions) -------------------------- */

/**
 * Writes an approved comment into the document, visible, with its own id and time. Used for
 * a pending comment (the record is new) and for one hidden before anyone saw it.
 */
export function publishHeldComment(doc: Y.Doc, content: HeldContent, resolved = false): void {
  doc.transact(() => {
    const comment = new Y.Map<unknown>();
    comment.set(CommentKey.anchor, content.anchor);
    if (content.parent !== null) comment.set(CommentKey.parent, content.parent);
    comment.set(CommentKey.text, content.text);
    comment.set(CommentKey.authorId, content.authorId);
    comment.set(CommentKey.authorName, content.authorName);
    comment.set(CommentKey.createdAt, content.createdAt);
    comment.set(CommentKey.moderation, 'visible');
    comment.set(CommentKey.resolved, resolved);
    commentsMap(doc).set(content.id, comment);
  });
}

/**
 * Takes a comment's text and author out of the document, leaving a placeholder (anchor,
 * thread, time, resolved; moderation "hidden"). Returns the content taken, or null if there
 * is no such comment. Yjs garbage-collects the overwritten values, so a reader who joins later
 * receives none of the old text.
 */
export function hideInDocument(
  doc: Y.Doc,
  id: string,
  by: 'moderator' | 'flags' = 'moderator',
): HeldContent | null {
  const comment = commentsMap(doc).get(id);
  if (!(comment instanceof Y.Map)) return null;
  const content = contentOf(id, comment);
  if (!content) return null;
  doc.transact(() => {
    comment.set(CommentKey.text, '');
    comment.set(CommentKey.authorId, '');
    comment.set(CommentKey.authorName, '');
    comment.set(CommentKey.moderation, 'hidden');
    markHiddenBy(comment, by);
  });
  return content;
}

/**
 * Says on a placeholder who hid it: readers' flags (until a moderator decides) or a moderator.
 * A moderator who hides a comment flags had hidden already takes it over (its readers then
 * read "removed by moderator").
 */
export function markHiddenBy(comment: Y.Map<unknown>, by: 'moderator' | 'flags'): void {
  if (by === 'flags') {
    if (comment.get(CommentKey.hiddenBy) !== 'flags') comment.set(CommentKey.hiddenBy, 'flags');
  } else if (comment.has(CommentKey.hiddenBy)) {
    comment.delete(CommentKey.hiddenBy);
  }
}

/** Puts hidden content back into its placeholder (or writes it anew if the record is gone). */
export function restoreInDocument(doc: Y.Doc, content: HeldContent): void {
  const comment = commentsMap(doc).get(content.id);
  if (!(comment instanceof Y.Map)) {
    publishHeldComment(doc, content);
    return;
  }
  doc.transact(() => {
    comment.set(CommentKey.text, content.text);
    comment.set(CommentKey.authorId, content.authorId);
    comment.set(CommentKey.authorName, content.authorName);
    comment.set(CommentKey.moderation, 'visible');
    markHiddenBy(comment, 'moderator');
  });
}

/** Whether any comment in the document answers thread `id`. */
export function hasReplies(doc: Y.Doc, id: string): boolean {
  for (const comment of commentsMap(doc).values()) {
    if (comment instanceof Y.Map && comment.get(CommentKey.parent) === id) return true;
  }
  return false;
}

/** A comment's content as the document holds it, or null if it is not a valid comment. */
export function contentOf(id: string, comment: Y.Map<unknown>): HeldContent | null {
  const anchor = readAnchor(comment.get(CommentKey.anchor));
  const parent = comment.get(CommentKey.parent) ?? null;
  const text = comment.get(CommentKey.text);
  const authorId = comment.get(CommentKey.authorId) ?? '';
  const authorName = comment.get(CommentKey.authorName) ?? '';
  const createdAt = comment.get(CommentKey.createdAt);
  if (typeof anchor === 'string' || (parent !== null && typeof parent !== 'string')) return null;
  if (typeof text !== 'string' || typeof authorId !== 'string') return null;
  if (typeof authorName !== 'string' || !isFiniteNumber(createdAt)) return null;
  return { id, anchor, parent, text, authorId, authorName, createdAt };
}
