import * as Y from 'yjs';
import { COMMENT_REFUSALS } from './commentRefusals';
import { newId } from './ids';
import { storedAuthorName } from './moderation';
import {
  type CommentAnchor,
  CommentKey,
  type CommentStatus,
  type CommentView,
  isModeration,
  type Moderation,
  readAnchor,
  readCommentEntry,
  type StoredComment,
} from './records/comment';
import { clustersMap, commentsMap, lanesMap, notesMap, periodsMap, transact } from './roots';
import { COMMENT_MAX_TEXT, type DanglingRef, type InvalidEntry } from './schema';
import { cleanName, sortByCreation } from './values';

/*
 * Comments are plain maps (one author each, so text is a plain string), keyed by id. A reply
 * names its thread's first comment in `parent`; threads are one level deep, which is what a
 * public commenting round needs and keeps "reply to a reply" from building chains that a
 * concurrent delete could cut in the middle. A comment whose target is deleted is kept and
 * read as orphaned: public input is never lost because a note was tidied away.
 */

export class CommentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommentError';
  }
}

export interface NewComment {
  anchor: CommentAnchor;
  text: string;
  authorName: string;
  authorId?: string;
  /** 'pending' when comments must be approved by a moderator first; default 'visible'. */
  moderation?: Moderation;
  id?: string;
  now?: number;
}

export type NewReply = Omit<NewComment, 'anchor'>;

function checkBody(text: string): void {
  if (text.trim().length === 0) throw new CommentError(COMMENT_REFUSALS.empty);
  if (text.length > COMMENT_MAX_TEXT) throw new CommentError(COMMENT_REFUSALS.tooLong);
}

/** A new comment needs text and a name: a display name, or a word for "anonymous". */
function checkText(text: string, authorName: string): void {
  checkBody(text);
  if (cleanName(authorName).length === 0) throw new CommentError(COMMENT_REFUSALS.noName);
}

function writeComment(
  doc: Y.Doc,
  input: NewReply,
  anchor: CommentAnchor,
  parent: string | null,
): string {
  const id = input.id ?? newId();
  const moderation = input.moderation ?? 'visible';
  if (!isModeration(moderation)) throw new CommentError(`Unknown moderation ${String(moderation)}`);
  transact(doc, () => {
    const comment = new Y.Map<unknown>();
    comment.set(CommentKey.anchor, anchor);
    if (parent !== null) comment.set(CommentKey.parent, parent);
    comment.set(CommentKey.text, input.text);
    comment.set(CommentKey.authorId, input.authorId ?? '');
    // "Anonymous" in any language is stored as the neutral marker, shown in each reader's.
    comment.set(CommentKey.authorName, storedAuthorName(input.authorName));
    comment.set(CommentKey.createdAt, input.now ?? Date.now());
    comment.set(CommentKey.moderation, moderation);
    comment.set(CommentKey.resolved, false);
    commentsMap(doc).set(id, comment);
  });
  return id;
}

/** Starts a comment thread; returns its id. Throws CommentError for unusable input. */
export function addComment(doc: Y.Doc, input: NewComment): string {
  const anchor = readAnchor(input.anchor);
  if (typeof anchor === 'string') throw new CommentError(`Bad anchor: ${anchor}`);
  checkText(input.text, input.authorName);
  return writeComment(doc, input, anchor, null);
}

/** The id of the thread a comment belongs to (itself for a first comment), or null. */
function threadOf(doc: Y.Doc, id: string): { root: string; map: Y.Map<unknown> } | null {
  const comment = commentsMap(doc).get(id);
  if (!(comment instanceof Y.Map)) return null;
  const parent = comment.get(CommentKey.parent);
  if (typeof parent !== 'string') return { root: id, map: comment };
  const root = commentsMap(doc).get(parent);
  return root instanceof Y.Map ? { root: parent, map: root } : null;
}

/**
 * Replies to a comment (a reply to a reply joins the same thread). Returns the new id, or
 * null if the thread no longer exists here.
 */
export function replyToComment(doc: Y.Doc, to: string, input: NewReply): string | null {
  checkText(input.text, input.authorName);
  const thread = threadOf(doc, to);
  if (!thread) return null;
  const anchor = readAnchor(thread.map.get(CommentKey.anchor));
  if (typeof anchor === 'string') return null;
  return writeComment(doc, input, anchor, thread.root);
}

/** Resolves (or reopens) the thread the comment belongs to. */
export function resolveComment(doc: Y.Doc, id: string, resolved = true): void {
  const thread = threadOf(doc, id);
  if (!thread || thread.map.get(CommentKey.resolved) === resolved) return;
  transact(doc, () => thread.map.set(CommentKey.resolved, resolved));
}

/** Approves ('visible'), holds ('pending') or hides ('hidden') one comment. */
export function moderateComment(doc: Y.Doc, id: string, moderation: Moderation): void {
  if (!isModeration(moderation)) throw new CommentError(`Unknown moderation ${String(moderation)}`);
  const comment = commentsMap(doc).get(id);
  if (!(comment instanceof Y.Map) || comment.get(CommentKey.moderation) === moderation) return;
  transact(doc, () => comment.set(CommentKey.moderation, moderation));
}

export function editComment(doc: Y.Doc, id: string, text: string): void {
  const comment = commentsMap(doc).get(id);
  if (!(comment instanceof Y.Map)) return;
  checkBody(text);
  if (comment.get(CommentKey.text) !== text) {
    transact(doc, () => comment.set(CommentKey.text, text));
  }
}

/**
 * Removes a comment for good (moderation's "remove"); removing a thread's first comment
 * removes its replies. A reply written concurrently survives and reads as orphaned.
 */
export function deleteComment(doc: Y.Doc, id: string): void {
  transact(doc, () => {
    const comments = commentsMap(doc);
    if (!comments.has(id)) return;
    for (const [otherId, other] of [...comments.entries()]) {
      if (other instanceof Y.Map && other.get(CommentKey.parent) === id) comments.delete(otherId);
    }
    comments.delete(id);
  });
}

/** What exists, for deciding whether a comment is orphaned. */
export interface CommentRefContext {
  notes: ReadonlySet<string>;
  clusters: ReadonlySet<string>;
  lanes: ReadonlySet<string>;
  periods: ReadonlySet<string>;
  dangling: DanglingRef[];
}

function existingRefs(doc: Y.Doc): CommentRefContext {
  return {
    notes: new Set(notesMap(doc).keys()),
    clusters: new Set(clustersMap(doc).keys()),
    lanes: new Set(lanesMap(doc).keys()),
    periods: new Set(periodsMap(doc).keys()),
    dangling: [],
  };
}

function anchorTarget(anchor: CommentAnchor, refs: CommentRefContext): string | null {
  switch (anchor.kind) {
    case 'board':
    case 'point':
      return null;
    case 'note':
      return refs.notes.has(anchor.note) ? null : anchor.note;
    case 'cluster':
      return refs.clusters.has(anchor.cluster) ? null : anchor.cluster;
    case 'cell':
      return refs.lanes.has(anchor.lane) && refs.periods.has(anchor.period)
        ? null
        : `${anchor.lane}/${anchor.period}`;
  }
}

/** Valid comments in creation order, with their derived status and orphaned flag. */
export function readComments(
  doc: Y.Doc,
  invalid: InvalidEntry[] = [],
  refs: CommentRefContext = existingRefs(doc),
): CommentView[] {
  const stored = new Map<string, StoredComment>();
  for (const [id, comment] of commentsMap(doc).entries()) {
    const view = readCommentEntry(id, comment);
    if (typeof view === 'string') invalid.push({ kind: 'comment', id, reason: view });
    else stored.set(id, view);
  }
  const result: CommentView[] = [];
  for (const { ownResolved, ...comment } of stored.values()) {
    const root = comment.parent === null ? undefined : stored.get(comment.parent);
    let orphaned = false;
    if (comment.parent !== null && (!root || root.parent !== null)) {
      orphaned = true;
      refs.dangling.push({
        kind: 'comment',
        id: comment.id,
        field: 'parent',
        target: comment.parent,
      });
    }
    const target = anchorTarget(comment.anchor, refs);
    if (target !== null) {
      orphaned = true;
      refs.dangling.push({ kind: 'comment', id: comment.id, field: 'anchor', target });
    }
    const resolved = comment.parent === null ? ownResolved : (root?.ownResolved ?? false);
    result.push({ ...comment, resolved, status: statusOf(comment.moderation, resolved), orphaned });
  }
  return sortByCreation(result);
}

function statusOf(moderation: Moderation, resolved: boolean): CommentStatus {
  if (moderation !== 'visible') return moderation;
  return resolved ? 'resolved' : 'visible';
}
