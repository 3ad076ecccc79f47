import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { checkInvariants } from './invariants';
import { parseVoteKey, VoteSessionKey, voteKey } from './records/vote';
import { voteSessionsMap, votesMap } from './roots';
import { fork, newDoc, note, syncAll } from './testkit';
import {
  addVoteCandidates,
  castVote,
  createVoteSession,
  deleteVoteSession,
  dotsLeft,
  readVoteSessions,
  removeVoteCandidates,
  renameVoteSession,
  retractVote,
  revealVoteResults,
  setDotsPerPerson,
  setVoteSessionOpen,
} from './votes';

function setup(dots = 3) {
  const doc = newDoc(1);
  const a = note(doc, { id: 'na' });
  const b = note(doc, { id: 'nb' });
  const session = createVoteSession(doc, {
    title: 'Priorities',
    dotsPerPerson: dots,
    candidates: [a, b, 'gone'],
    id: 's1',
    now: 5,
  });
  return { doc, a, b, session };
}

describe('vote sessions', () => {
  it('creates a session with existing candidates only', () => {
    const { doc } = setup();
    expect(readVoteSessions(doc)).toEqual([
      {
        id: 's1',
        title: 'Priorities',
        dotsPerPerson: 3,
        candidates: ['na', 'nb'],
        open: true,
        revealed: false,
        createdAt: 5,
        ballots: [],
        results: [
          { note: 'na', count: 0 },
          { note: 'nb', count: 0 },
        ],
        voters: 0,
      },
    ]);
  });

  it('changes title, dots, open and revealed', () => {
    const { doc, session } = setup();
    renameVoteSession(doc, session, 'Top 3');
    setDotsPerPerson(doc, session, 500);
    setVoteSessionOpen(doc, session, false);
    revealVoteResults(doc, session);
    expect(readVoteSessions(doc)[0]).toMatchObject({
      title: 'Top 3',
      dotsPerPerson: 100,
      open: false,
      revealed: true,
    });
  });

  it('refuses ids with a colon', () => {
    const doc = newDoc();
    expect(() => createVoteSession(doc, { title: 't', dotsPerPerson: 1, id: 'a:b' })).toThrow();
  });
});

describe('casting dots', () => {
  it('counts dots within the budget and says why it refuses more', () => {
    const { doc, a, b, session } = setup(3);
    expect(castVote(doc, { session, participant: 'p1', note: a })).toBe('ok');
    expect(castVote(doc, { session, participant: 'p1', note: a })).toBe('ok');
    expect(castVote(doc, { session, participant: 'p2', note: b })).toBe('ok');
    expect(dotsLeft(doc, session, 'p1')).toBe(1);
    expect(castVote(doc, { session, participant: 'p1', note: b })).toBe('ok');
    expect(castVote(doc, { session, participant: 'p1', note: b })).toBe('no-dots-left');
    expect(castVote(doc, { session: 'gone', participant: 'p1', note: b })).toBe('no-session');
    expect(castVote(doc, { session, participant: 'p3', note: 'x' })).toBe('not-candidate');
    expect(castVote(doc, { session, participant: 'p:3', note: a })).toBe('not-candidate');
    const view = readVoteSessions(doc)[0];
    expect(view?.ballots).toEqual([
      { participant: 'p1', note: a, count: 2 },
      { participant: 'p1', note: b, count: 1 },
      { participant: 'p2', note: b, count: 1 },
    ]);
    expect(view?.results).toEqual([
      { note: a, count: 2 },
      { note: b, count: 2 },
    ]);
    expect(view?.voters).toBe(2);
  });

  it('retracts dots and refuses everything when closed', () => {
    const { doc, a, session } = setup();
    castVote(doc, { session, participant: 'p1', note: a });
    castVote(doc, { session, participant: 'p1', note: a });
    expect(retractVote(doc, { session, participant: 'p1', note: a })).toBe(true);
    expect(readVoteSessions(doc)[0]?.ballots).toEqual([{ participant: 'p1', note: a, count: 1 }]);
    setVoteSessionOpen(doc, session, false);
    expect(castVote(doc, { session, participant: 'p1', note: a })).toBe('closed');
    expect(retractVote(doc, { session, participant: 'p1', note: a })).toBe(false);
    setVoteSessionOpen(doc, session, true);
    expect(retractVote(doc, { session, participant: 'p1', note: a })).toBe(true);
    expect(retractVote(doc, { session, participant: 'p1', note: a })).toBe(false);
    expect(votesMap(doc).size).toBe(0);
  });

  it('caps a participant who overspent on two devices, deterministically', () => {
    const { doc, a, b, session } = setup(2);
    castVote(doc, { session, participant: 'p1', note: a });
    const phone = fork(doc, 2);
    castVote(doc, { session, participant: 'p1', note: a });
    castVote(phone, { session, participant: 'p1', note: b });
    syncAll(doc, phone);
    const board = readBoard(doc);
    expect(board).toEqual(readBoard(phone));
    expect(board.voteSessions[0]?.ballots).toEqual([{ participant: 'p1', note: a, count: 2 }]);
    expect(board.dangling).toEqual([
      { kind: 'vote', id: voteKey(session, 'p1', b), field: 'budget', target: '1 over' },
    ]);
    expect(checkInvariants(board)).toEqual([]);
  });
});

describe('candidates and deletion', () => {
  it('adds and removes candidates; removal takes their dots', () => {
    const { doc, a, b, session } = setup();
    const c = note(doc);
    addVoteCandidates(doc, session, [c, 'gone']);
    castVote(doc, { session, participant: 'p1', note: c });
    castVote(doc, { session, participant: 'p1', note: a });
    removeVoteCandidates(doc, session, [c]);
    const view = readVoteSessions(doc)[0];
    expect(view?.candidates).toEqual([a, b]);
    expect(view?.ballots).toEqual([{ participant: 'p1', note: a, count: 1 }]);
  });

  it('deletes a session with its dots', () => {
    const { doc, a, session } = setup();
    castVote(doc, { session, participant: 'p1', note: a });
    deleteVoteSession(doc, session);
    expect(readVoteSessions(doc)).toEqual([]);
    expect(votesMap(doc).size).toBe(0);
  });

  it('ignores and reports dots cast concurrently on a note being deleted', () => {
    const { doc, a, session } = setup();
    const two = fork(doc, 2);
    // deleteNotes is exercised in notes.test.ts; here the candidate goes away by removal.
    removeVoteCandidates(doc, session, [a]);
    castVote(two, { session, participant: 'p1', note: a });
    syncAll(doc, two);
    const board = readBoard(two);
    expect(board.voteSessions[0]?.ballots).toEqual([]);
    expect(board.dangling).toEqual([
      { kind: 'vote', id: voteKey(session, 'p1', a), field: 'note', target: a },
    ]);
    expect(checkInvariants(board)).toEqual([]);
  });
});

describe('validation', () => {
  it('parses vote keys', () => {
    expect(parseVoteKey('s:p:n')).toEqual({ session: 's', participant: 'p', note: 'n' });
    expect(parseVoteKey('s:p')).toBeNull();
    expect(parseVoteKey('s::n')).toBeNull();
  });

  it('reports malformed sessions and dots', () => {
    const { doc, session } = setup();
    votesMap(doc).set('nonsense', 1);
    votesMap(doc).set(voteKey(session, 'p1', 'na'), 1.5);
    const broken = new Y.Map<unknown>();
    voteSessionsMap(doc).set('s2', broken);
    broken.set(VoteSessionKey.title, 'x');
    broken.set(VoteSessionKey.dots, 0);
    const board = readBoard(doc);
    expect(board.invalid).toEqual([
      { kind: 'vote', id: 'nonsense', reason: 'key is not session:participant:note' },
      { kind: 'vote', id: 's1:p1:na', reason: 'count is not a whole number >= 1' },
      { kind: 'voteSession', id: 's2', reason: 'dots per person is not a whole number in range' },
    ]);
  });
});
