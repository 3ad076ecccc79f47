import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { addComment } from './comments';
import { forgetPerson, peopleOnBoard } from './personalData';
import { giveSupport, readSupports } from './supports';
import { fork, newDoc, note } from './testkit';
import { createVoteSession, revealVoteResults, writeVoteResults } from './votes';

function board() {
  const doc = newDoc(1);
  const a = note(doc, { text: 'Pyöräily', authorId: 'p1', authorName: 'Aino Virtanen', id: 'a' });
  note(doc, { text: 'Kirjasto', authorId: 'p2', authorName: 'Ville', id: 'b' });
  note(doc, { text: 'Tuotu', authorId: '', authorName: 'Aino Virtanen', id: 'c' });
  addComment(doc, {
    anchor: { kind: 'note', note: 'b' },
    text: 'Samaa mieltä',
    authorId: 'p1',
    authorName: 'Aino Virtanen',
    id: 'x1',
  });
  addComment(doc, {
    anchor: { kind: 'note', note: 'a' },
    text: 'Hyvä',
    authorId: 'p2',
    authorName: 'Ville',
    id: 'x2',
  });
  giveSupport(doc, { kind: 'note', id: 'b' }, 'p1');
  createVoteSession(doc, {
    title: 'Äänestys',
    dotsPerPerson: 3,
    candidates: [a, 'b'],
    anonymous: false,
    id: 'v1',
  });
  writeVoteResults(doc, 'v1', {
    counts: { a: 1, b: 3 },
    voters: 2,
    ballots: [
      { participant: 'p1', name: 'Aino Virtanen', dots: { b: 2 } },
      { participant: 'p2', name: 'Ville', dots: { a: 1, b: 1 } },
    ],
  });
  revealVoteResults(doc, 'v1');
  return doc;
}

const bytesHold = (doc: Y.Doc, text: string) =>
  Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(text, 'utf8'));

describe('one person on a board', () => {
  it('lists people by participant id, or by name when a note has no id', () => {
    expect(peopleOnBoard(board())).toEqual([
      { key: 'name:Aino Virtanen', names: ['Aino Virtanen'], notes: 1, comments: 0, votes: 0 },
      { key: 'p1', names: ['Aino Virtanen'], notes: 1, comments: 1, votes: 1 },
      { key: 'p2', names: ['Ville'], notes: 1, comments: 1, votes: 1 },
    ]);
  });

  it('removes their notes, comments, supports and dots, and the name leaves the bytes', () => {
    const doc = board();
    const other = fork(doc, 7);
    doc.on('update', (u: Uint8Array) => Y.applyUpdate(other, u));
    expect(forgetPerson(doc, 'p1', 'remove', '', 'x')).toBe(4);
    forgetPerson(doc, 'name:Aino Virtanen', 'remove', '', 'x');
    const after = readBoard(other);
    expect(after.notes.map((n) => n.id)).toEqual(['b']);
    expect(after.comments.map((c) => c.id)).toEqual(['x2']);
    expect(readSupports(other).size).toBe(0);
    const vote = after.voteSessions[0];
    expect(vote?.voters).toBe(1);
    expect(vote?.ballots.map((b) => b.name)).toEqual(['Ville']);
    expect(vote?.results?.map((r) => [r.note, r.count])).toEqual([['b', 1]]);
    expect(bytesHold(doc, 'Aino Virtanen')).toBe(false);
    expect(bytesHold(doc, 'Ville')).toBe(true);
  });

  it('pseudonymises: everything stays under another name and id', () => {
    const doc = board();
    forgetPerson(doc, 'p1', 'pseudonymise', 'Osallistuja 1', 'anon1');
    const after = readBoard(doc);
    expect(after.notes.find((n) => n.id === 'a')?.authorName).toBe('Osallistuja 1');
    expect(after.notes.find((n) => n.id === 'a')?.authorId).toBe('anon1');
    expect(after.comments.find((c) => c.id === 'x1')?.authorName).toBe('Osallistuja 1');
    expect(after.voteSessions[0]?.ballots.map((b) => b.name)).toEqual(['Osallistuja 1', 'Ville']);
    expect(peopleOnBoard(doc).map((p) => p.key)).toEqual(['anon1', 'name:Aino Virtanen', 'p2']);
  });
});
