import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board';
import { checkInvariants } from './invariants';
import { migrate } from './migrations';
import { MetaKey } from './records/meta';
import { VoteSessionKey } from './records/vote';
import { metaMap, voteSessionsMap, votesMap } from './roots';
import { fork, newDoc, note, syncAll } from './testkit';
import {
  createVoteSession,
  currentVoteSession,
  deleteVoteSession,
  readVoteSessions,
  revealVoteResults,
  setVoteSessionOpen,
  voteRulesOf,
  writeVoteResults,
} from './votes';

function setup() {
  const doc = newDoc(1);
  const a = note(doc, { id: 'na' });
  const b = note(doc, { id: 'nb' });
  const session = createVoteSession(doc, {
    title: 'Priorities',
    dotsPerPerson: 3,
    maxPerItem: 2,
    candidates: [a, b, 'gone'],
    anonymous: false,
    endsAt: 9000,
    id: 's1',
    now: 5,
  });
  return { doc, a, b, session };
}

describe('vote sessions', () => {
  it('creates a session with existing candidates only, and no dots in the document', () => {
    const { doc } = setup();
    expect(readVoteSessions(doc)).toEqual([
      {
        id: 's1',
        title: 'Priorities',
        dotsPerPerson: 3,
        maxPerItem: 2,
        candidates: ['na', 'nb'],
        anonymous: false,
        open: true,
        endsAt: 9000,
        revealed: false,
        createdAt: 5,
        results: null,
        voters: 0,
        ballots: [],
      },
    ]);
    expect(votesMap(doc).size).toBe(0);
    expect(currentVoteSession(readVoteSessions(doc))?.id).toBe('s1');
    expect(voteRulesOf(readVoteSessions(doc)[0] as never)).toMatchObject({
      dotsPerPerson: 3,
      maxPerItem: 2,
      endsAt: 9000,
      open: true,
    });
  });

  it('never allows more dots per note than per person', () => {
    const doc = newDoc(1);
    createVoteSession(doc, { title: 'x', dotsPerPerson: 2, maxPerItem: 5, id: 's' });
    expect(readVoteSessions(doc)[0]?.maxPerItem).toBe(2);
  });

  it('writes the results, closed and revealed, in one transaction', () => {
    const { doc, a, b, session } = setup();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    writeVoteResults(doc, session, {
      counts: { [a]: 2, [b]: 4 },
      voters: 2,
      ballots: [{ participant: 'p1', name: 'Aino', dots: { [b]: 2 } }],
    });
    expect(updates).toHaveLength(1);
    const view = readVoteSessions(doc)[0];
    expect(view).toMatchObject({ open: false, revealed: true, voters: 2 });
    expect(view?.results).toEqual([
      { note: b, count: 4, rank: 1 },
      { note: a, count: 2, rank: 2 },
    ]);
    expect(view?.ballots).toEqual([{ participant: 'p1', name: 'Aino', dots: { [b]: 2 } }]);
    expect(currentVoteSession(readVoteSessions(doc))).toBeUndefined();
    expect(checkInvariants(readBoard(doc))).toEqual([]);
  });

  it('reveals nothing that was not written', () => {
    const { doc, session } = setup();
    revealVoteResults(doc, session);
    expect(readVoteSessions(doc)[0]?.revealed).toBe(false);
    setVoteSessionOpen(doc, session, false);
    expect(readVoteSessions(doc)[0]?.open).toBe(false);
  });

  it('keeps a deleted candidate out of the ranking, on every replica', () => {
    const { doc, a, b, session } = setup();
    const two = fork(doc, 2);
    writeVoteResults(doc, session, { counts: { [a]: 1, [b]: 2 }, voters: 1 });
    two.getMap('notes').delete(b);
    syncAll(doc, two);
    expect(readVoteSessions(doc)[0]?.results).toEqual([{ note: a, count: 1, rank: 1 }]);
    expect(readBoard(doc)).toEqual(readBoard(two));
  });

  it('reports unreadable results instead of guessing', () => {
    const { doc, session } = setup();
    voteSessionsMap(doc)
      .get(session)
      ?.set(VoteSessionKey.results, { counts: { na: -1 } });
    const board = readBoard(doc);
    expect(board.voteSessions).toEqual([]);
    expect(board.invalid).toEqual([
      { kind: 'voteSession', id: session, reason: 'results are not readable' },
    ]);
  });

  it('deletes a session', () => {
    const { doc, session } = setup();
    deleteVoteSession(doc, session);
    expect(readVoteSessions(doc)).toEqual([]);
  });
});

describe('migration 3 -> 4', () => {
  /** A v3 board with two sessions and their dots in the document, as v3 kept them. */
  function v3Board() {
    const doc = new Y.Doc();
    doc.clientID = 7;
    doc.transact(() => {
      metaMap(doc).set(MetaKey.schemaVersion, 3);
      for (const id of ['na', 'nb', 'nc']) {
        const n = new Y.Map<unknown>();
        n.set('text', new Y.Text(id));
        doc.getMap('notes').set(id, n);
      }
      const session = (id: string, revealed: boolean) => {
        const s = new Y.Map<unknown>();
        s.set('title', id);
        s.set('dots', 2);
        const candidates = new Y.Map<unknown>();
        for (const c of ['na', 'nb']) candidates.set(c, true);
        s.set('candidates', candidates);
        s.set('open', true);
        s.set('revealed', revealed);
        s.set('createdAt', 1);
        voteSessionsMap(doc).set(id, s);
      };
      session('old', true);
      session('hidden', false);
      const votes = votesMap(doc);
      votes.set('old:p1:na', 2);
      votes.set('old:p2:na', 1);
      votes.set('old:p2:nb', 5); // over p2's budget of 2: counts 1
      votes.set('old:p3:nc', 1); // not a candidate: p3 did not vote
      votes.set('hidden:p1:nb', 1);
      votes.set('nonsense', 3);
    });
    return doc;
  }

  it('counts the dots into results, closes the sessions and empties the votes map', () => {
    const doc = v3Board();
    expect(migrate(doc)).toEqual([3, 4]);
    expect(votesMap(doc).size).toBe(0);
    const sessions = readVoteSessions(doc);
    const old = sessions.find((s) => s.id === 'old');
    expect(old).toMatchObject({ open: false, revealed: true, voters: 2, anonymous: true });
    expect(old?.results).toEqual([
      { note: 'na', count: 3, rank: 1 },
      { note: 'nb', count: 1, rank: 2 },
    ]);
    const hidden = sessions.find((s) => s.id === 'hidden');
    expect(hidden).toMatchObject({ open: false, revealed: false, voters: 1 });
    // Not a running session: its results wait for a facilitator to reveal them.
    expect(currentVoteSession(sessions)).toBeUndefined();
    revealVoteResults(doc, 'hidden');
    expect(readVoteSessions(doc).find((s) => s.id === 'hidden')?.revealed).toBe(true);
  });

  it('is idempotent on a replica that migrated concurrently', () => {
    const one = v3Board();
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    migrate(one);
    migrate(two);
    syncAll(one, two);
    expect(readBoard(one)).toEqual(readBoard(two));
    expect(readVoteSessions(one).find((s) => s.id === 'old')?.voters).toBe(2);
  });
});
