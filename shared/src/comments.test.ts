import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readBoard } from './board';
import { createCluster, deleteCluster } from './clusters';
import {
  addComment,
  CommentError,
  deleteComment,
  editComment,
  moderateComment,
  readComments,
  replyToComment,
  resolveComment,
} from './comments';
import { checkInvariants } from './invariants';
import {
  ANONYMOUS_AUTHOR,
  commentAuthorLabel,
  hideInDocument,
  restoreInDocument,
  storedAuthorName,
} from './moderation';
import { deleteNotes } from './notes';
import { CommentKey, readAnchor } from './records/comment';
import { addLane, addPeriod, deleteLane } from './roadmap';
import { commentsMap } from './roots';
import { fork, newDoc, note, syncAll } from './testkit';

const by = { authorName: 'Liisa', now: 10 };

describe('addComment and replies', () => {
  it('writes a thread with a reply', () => {
    const doc = newDoc();
    const n = note(doc);
    const root = addComment(doc, { anchor: { kind: 'note', note: n }, text: 'Why?', ...by });
    const reply = replyToComment(doc, root, { text: 'Because.', authorName: 'Aino', now: 11 });
    const replyToReply = replyToComment(doc, reply as string, {
      text: 'Ok',
      authorName: 'L',
      now: 12,
    });
    const comments = readComments(doc);
    expect(comments).toEqual([
      {
        id: root,
        anchor: { kind: 'note', note: n },
        parent: null,
        text: 'Why?',
        authorId: '',
        authorName: 'Liisa',
        createdAt: 10,
        moderation: 'visible',
        resolved: false,
        status: 'visible',
        orphaned: false,
      },
      expect.objectContaining({ id: reply, parent: root, anchor: { kind: 'note', note: n } }),
      expect.objectContaining({ id: replyToReply, parent: root }),
    ]);
  });

  it('anchors to a cluster, a roadmap cell, a point and the board', () => {
    const doc = newDoc();
    const cluster = createCluster(doc, { noteIds: [] });
    const lane = addLane(doc, { title: 'L' });
    const period = addPeriod(doc, { title: 'P' });
    addComment(doc, { anchor: { kind: 'cluster', cluster }, text: 'a', ...by });
    addComment(doc, { anchor: { kind: 'cell', lane, period }, text: 'b', ...by });
    addComment(doc, { anchor: { kind: 'point', x: 5, y: 6 }, text: 'c', ...by });
    addComment(doc, { anchor: { kind: 'board' }, text: 'd', ...by });
    const board = readBoard(doc);
    expect(board.comments.map((c) => c.orphaned)).toEqual([false, false, false, false]);
    expect(checkInvariants(board)).toEqual([]);
  });

  it('refuses empty text, missing names and bad anchors', () => {
    const doc = newDoc();
    const anchor = { kind: 'board' } as const;
    expect(() => addComment(doc, { anchor, text: '  ', ...by })).toThrow(CommentError);
    expect(() => addComment(doc, { anchor, text: 'x', authorName: ' ' })).toThrow(CommentError);
    expect(() => addComment(doc, { anchor, text: 'x'.repeat(5000), ...by })).toThrow(CommentError);
    expect(() =>
      addComment(doc, { anchor: { kind: 'point', x: Number.NaN, y: 0 }, text: 'x', ...by }),
    ).toThrow(/Bad anchor/);
    expect(() =>
      addComment(doc, { anchor: { kind: 'elsewhere' } as never, text: 'x', ...by }),
    ).toThrow(/unknown anchor kind/);
    expect(replyToComment(doc, 'gone', { text: 'x', ...by })).toBeNull();
    expect(readComments(doc)).toEqual([]);
  });

  it('validates anchors read from the network', () => {
    expect(readAnchor(null)).toBe('anchor is not an object');
    expect(readAnchor({ kind: 'note' })).toBe('anchor lacks note');
    expect(readAnchor({ kind: 'cluster', cluster: 1 })).toBe('anchor lacks cluster');
    expect(readAnchor({ kind: 'cell', lane: 'l' })).toBe('anchor lacks lane or period');
    expect(readAnchor({ kind: 'note', note: 'n', extra: 1 })).toEqual({ kind: 'note', note: 'n' });
  });
});

describe('resolve, moderate, edit, delete', () => {
  it('resolves the whole thread from any of its comments', () => {
    const doc = newDoc();
    const root = addComment(doc, { anchor: { kind: 'board' }, text: 'a', ...by });
    const reply = replyToComment(doc, root, { text: 'b', ...by }) as string;
    resolveComment(doc, reply);
    expect(readComments(doc).map((c) => [c.resolved, c.status])).toEqual([
      [true, 'resolved'],
      [true, 'resolved'],
    ]);
    resolveComment(doc, root, false);
    expect(readComments(doc).map((c) => c.status)).toEqual(['visible', 'visible']);
  });

  it('shows hidden and pending above resolved, even when done concurrently', () => {
    const one = newDoc(1);
    const root = addComment(one, {
      anchor: { kind: 'board' },
      text: 'spam',
      moderation: 'pending',
      ...by,
    });
    expect(readComments(one)[0]?.status).toBe('pending');
    const two = fork(one, 2);
    moderateComment(one, root, 'hidden');
    resolveComment(two, root);
    syncAll(one, two);
    expect(readComments(two)[0]).toMatchObject({ status: 'hidden', resolved: true });
    expect(() => moderateComment(one, root, 'gone' as never)).toThrow(CommentError);
  });

  it('edits the text', () => {
    const doc = newDoc();
    const id = addComment(doc, { anchor: { kind: 'board' }, text: 'tpyo', ...by });
    editComment(doc, id, 'typo');
    expect(readComments(doc)[0]?.text).toBe('typo');
    expect(() => editComment(doc, id, '')).toThrow(CommentError);
  });

  it('deletes a thread with its replies', () => {
    const doc = newDoc();
    const root = addComment(doc, { anchor: { kind: 'board' }, text: 'a', ...by });
    replyToComment(doc, root, { text: 'b', ...by });
    const other = addComment(doc, { anchor: { kind: 'board' }, text: 'c', ...by });
    deleteComment(doc, root);
    expect(readComments(doc).map((c) => c.id)).toEqual([other]);
  });
});

describe('orphans', () => {
  it('keeps comments whose note, cluster or lane was deleted, marked orphaned', () => {
    const doc = newDoc();
    const n = note(doc);
    const cluster = createCluster(doc, { noteIds: [] });
    const lane = addLane(doc, { title: 'L' });
    const period = addPeriod(doc, { title: 'P' });
    addComment(doc, { anchor: { kind: 'note', note: n }, text: 'a', ...by, now: 1 });
    addComment(doc, { anchor: { kind: 'cluster', cluster }, text: 'b', ...by, now: 2 });
    addComment(doc, { anchor: { kind: 'cell', lane, period }, text: 'c', ...by, now: 3 });
    deleteNotes(doc, [n]);
    deleteCluster(doc, cluster);
    deleteLane(doc, lane);
    const board = readBoard(doc);
    expect(board.comments.map((c) => [c.text, c.orphaned])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
    expect(board.dangling.map((d) => [d.kind, d.field])).toEqual([
      ['comment', 'anchor'],
      ['comment', 'anchor'],
      ['comment', 'anchor'],
    ]);
    expect(checkInvariants(board)).toEqual([]);
  });

  it('keeps a reply written while its thread was deleted, marked orphaned', () => {
    const one = newDoc(1);
    const root = addComment(one, { anchor: { kind: 'board' }, text: 'a', ...by });
    const two = fork(one, 2);
    deleteComment(one, root);
    const reply = replyToComment(two, root, { text: 'b', ...by });
    syncAll(one, two);
    const board = readBoard(one);
    expect(board.comments).toEqual([expect.objectContaining({ id: reply, orphaned: true })]);
    expect(board).toEqual(readBoard(two));
    expect(checkInvariants(board)).toEqual([]);
  });
});

describe('validation', () => {
  it.each([
    [CommentKey.anchor, 'note', 'anchor is not an object'],
    [CommentKey.text, 5, 'text is not a string'],
    [CommentKey.moderation, 'deleted', 'unknown moderation deleted'],
    [CommentKey.resolved, 'no', 'resolved is not a boolean'],
    [CommentKey.parent, 3, 'parent is not a string'],
    [CommentKey.createdAt, undefined, 'createdAt is not a number'],
  ])('reports %s = %j', (key, value, reason) => {
    const doc = newDoc();
    const id = addComment(doc, { anchor: { kind: 'board' }, text: 'a', ...by });
    const map = commentsMap(doc).get(id) as Y.Map<unknown>;
    if (value === undefined) map.delete(key);
    else map.set(key, value);
    expect(readBoard(doc).invalid).toEqual([{ kind: 'comment', id, reason }]);
    expect(readBoard(doc).comments).toEqual([]);
  });
});

describe('anonymous authors and who hid a comment', () => {
  it('stores "anonymous" in any language as the neutral marker, and edits it like any comment', () => {
    const doc = newDoc();
    const ids = ['anonymous', 'Anonym', ' Nimetön ', 'Anonymous'].map((authorName) =>
      addComment(doc, { anchor: { kind: 'board' }, text: `By ${authorName}`, authorName }),
    );
    for (const id of ids) {
      expect(commentsMap(doc).get(id)?.get(CommentKey.authorName)).toBe(ANONYMOUS_AUTHOR);
    }
    const reply = replyToComment(doc, ids[0] as string, { text: 'Me too', authorName: 'anonym' });
    expect(
      commentsMap(doc)
        .get(reply as string)
        ?.get(CommentKey.authorName),
    ).toBe('');
    const named = addComment(doc, { anchor: { kind: 'board' }, text: 'Hi', authorName: ' Aino ' });
    expect(commentsMap(doc).get(named)?.get(CommentKey.authorName)).toBe('Aino');
    // A name is still needed: an empty one is refused, not taken for anonymous.
    expect(() =>
      addComment(doc, { anchor: { kind: 'board' }, text: 'x', authorName: '  ' }),
    ).toThrow(CommentError);
    // An anonymous comment's text can be edited (its stored name is empty on purpose).
    editComment(doc, ids[0] as string, 'Edited');
    expect(readComments(doc).find((c) => c.id === ids[0])?.text).toBe('Edited');
  });

  it('names an anonymous author in the reader’s language, old localized words too', () => {
    for (const stored of ['', 'Anonym', 'Anonymous', 'Nimetön', 'anonyymi']) {
      expect(commentAuthorLabel(stored, 'fi')).toBe('Nimetön');
      expect(commentAuthorLabel(stored, 'sv')).toBe('Anonym');
      expect(commentAuthorLabel(stored, 'en')).toBe('Anonymous');
    }
    expect(commentAuthorLabel('Aino', 'sv')).toBe('Aino');
    expect(commentAuthorLabel('', 'se')).toBe('Anonymous');
    expect(storedAuthorName('Anonym')).toBe('');
    expect(storedAuthorName(' Kaisa ')).toBe('Kaisa');
  });

  it('reads who hid a placeholder: flags until a moderator takes it over or restores it', () => {
    const doc = newDoc();
    const id = addComment(doc, { anchor: { kind: 'board' }, text: 'Spam', ...by });
    const content = hideInDocument(doc, id, 'flags');
    expect(readComments(doc)[0]).toMatchObject({ status: 'hidden', hiddenBy: 'flags', text: '' });
    hideInDocument(doc, id);
    expect(readComments(doc)[0]?.hiddenBy).toBeUndefined();
    hideInDocument(doc, id, 'flags');
    restoreInDocument(doc, content as NonNullable<typeof content>);
    expect(readComments(doc)[0]).toMatchObject({ status: 'visible', text: 'Spam' });
    expect(commentsMap(doc).get(id)?.has(CommentKey.hiddenBy)).toBe(false);
    // Only a hidden comment can have been hidden by flags.
    commentsMap(doc).get(id)?.set(CommentKey.hiddenBy, 'flags');
    expect(readComments(doc)[0]?.hiddenBy).toBeUndefined();
    checkInvariants(readBoard(doc));
  });
});
