import {
  type AuditEntry,
  type CommentAnchor,
  CommentKey,
  commentAuthorLabel,
  commentsMap,
  contentOf,
  type HeldContent,
  isAnonymousName,
  readBoard,
  readMeta,
} from '@paja/shared';
import * as Y from 'yjs';
import type { BoardSideState } from '../BoardSideState';
import { heldKind, originKind } from './kinds';

/*
 * Exports of the commenting phase for facilitators and moderators: every comment (also those
 * held from the readers) as CSV and JSON, and the audit log as CSV. A spreadsheet runs a cell
 * that starts with = + - @ (or a tab or carriage return) as a formula, so such a cell is
 * written with a leading apostrophe: public comments are untrusted text.
 */

export interface ExportRow {
  content: HeldContent;
  /** visible, pending, hidden (a placeholder may stand in the document), resolved. */
  state: string;
  flags: number;
  resolved: boolean;
}

/** Every comment of the board: the document's, and those held from it (pending, hidden). */
export function commentRows(doc: Y.Doc, side: BoardSideState): ExportRow[] {
  const rows: ExportRow[] = [];
  const flagsOf = (id: string) => side.get(originKind, id)?.flags.length ?? 0;
  for (const [id, comment] of commentsMap(doc).entries()) {
    if (!(comment instanceof Y.Map)) continue;
    const held = side.get(heldKind, id);
    const content = held?.content ?? contentOf(id, comment);
    if (!content) continue;
    const state = held ? held.status : String(comment.get(CommentKey.moderation) ?? 'visible');
    const resolved = comment.get(CommentKey.resolved) === true;
    rows.push({ content, state, flags: flagsOf(id), resolved });
  }
  for (const [id, held] of side.entries(heldKind)) {
    if (commentsMap(doc).has(id)) continue;
    rows.push({ content: held.content, state: held.status, flags: flagsOf(id), resolved: false });
  }
  return rows.sort((a, b) => a.content.createdAt - b.content.createdAt);
}

/** One CSV cell, quoted, with formula triggers defused. */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A CSV file: a byte-order mark (so spreadsheets read UTF-8), a header, CRLF line ends. */
export function csv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** How many supports (+1) a comment has: entries `comment:<id>:<person>` of `supports`. */
function supportCounts(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of doc.getMap('supports').keys()) {
    const [kind, id] = key.split(':');
    if (kind === 'comment' && id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** A name for what a comment is about, as a reader of the board would recognise it. */
function anchorLabels(doc: Y.Doc): (anchor: CommentAnchor) => string {
  const board = readBoard(doc);
  const notes = new Map(board.notes.map((note) => [note.id, note.text]));
  const clusters = new Map(board.clusters.map((cluster) => [cluster.id, cluster.title]));
  const lanes = new Map(board.roadmap.lanes.map((lane) => [lane.id, lane.title]));
  const periods = new Map(board.roadmap.periods.map((period) => [period.id, period.title]));
  const short = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  return (anchor) => {
    switch (anchor.kind) {
      case 'board':
        return 'board';
      case 'note':
        return `note: ${short(notes.get(anchor.note))}`;
      case 'cluster':
        return `topic: ${short(clusters.get(anchor.cluster))}`;
      case 'cell':
        return `roadmap: ${short(lanes.get(anchor.lane))} / ${short(periods.get(anchor.period))}`;
      case 'point':
        return `point: ${Math.round(anchor.x)}, ${Math.round(anchor.y)}`;
    }
  };
}

function anchorId(anchor: CommentAnchor): string {
  switch (anchor.kind) {
    case 'board':
      return 'board';
    case 'note':
      return `note:${anchor.note}`;
    case 'cluster':
      return `cluster:${anchor.cluster}`;
    case 'cell':
      return `cell:${anchor.lane}/${anchor.period}`;
    case 'point':
      return `point:${anchor.x},${anchor.y}`;
  }
}

export interface ExportedComment {
  id: string;
  thread: string;
  parent: string | null;
  anchor: CommentAnchor;
  anchorLabel: string;
  /** The author's display name; an anonymous one as "anonymous" in the board's language. */
  authorName: string;
  /** The author gave no name (stored as the neutral marker, or an older localized word). */
  anonymous: boolean;
  createdAt: string;
  supports: number;
  moderation: string;
  resolved: boolean;
  flags: number;
  text: string;
}

export function exportedComments(doc: Y.Doc, rows: readonly ExportRow[]): ExportedComment[] {
  const supports = supportCounts(doc);
  const label = anchorLabels(doc);
  const { locale } = readMeta(doc);
  return rows.map(({ content, state, flags, resolved }) => {
    // A placeholder whose content is gone (a deleted thread's first comment) has no author.
    const gone = state === 'hidden' && content.text === '' && content.authorName === '';
    const anonymous = !gone && isAnonymousName(content.authorName);
    return {
      id: content.id,
      thread: content.parent ?? content.id,
      parent: content.parent,
      anchor: content.anchor,
      anchorLabel: label(content.anchor),
      authorName: anonymous ? commentAuthorLabel(content.authorName, locale) : content.authorName,
      anonymous,
      createdAt: new Date(content.createdAt).toISOString(),
      supports: supports.get(content.id) ?? 0,
      moderation: state,
      resolved,
      flags,
      text: content.text,
    };
  });
}

export function commentsCsv(comments: readonly ExportedComment[]): string {
  return csv(
    [
      'id',
      'thread',
      'parent',
      'anchor',
      'anchor_label',
      'author',
      'created',
      'supports',
      'moderation',
      'resolved',
      'flags',
      'text',
    ],
    comments.map((c) => [
      c.id,
      c.thread,
      c.parent ?? '',
      anchorId(c.anchor),
      c.anchorLabel,
      c.authorName,
      c.createdAt,
      c.supports,
      c.moderation,
      c.resolved,
      c.flags,
      c.text,
    ]),
  );
}

/**
 * The audit log as CSV. `locale` (the board's language) names an anonymous commenter in the
 * subject column; a policy change has no subject.
 */
export function auditCsv(entries: readonly AuditEntry[], locale = 'en'): string {
  return csv(
    ['seq', 'time', 'by', 'by_name', 'action', 'target', 'subject', 'reason', 'detail'],
    entries.map((e) => [
      e.seq,
      new Date(e.at).toISOString(),
      e.by,
      e.byName,
      e.action,
      e.target,
      e.action === 'policy' ? e.subject : commentAuthorLabel(e.subject, locale),
      e.reason,
      e.detail,
    ]),
  );
}
