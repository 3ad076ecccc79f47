import { describe, expect, it } from 'vitest';
import {
  type Ballot,
  dotsLeft,
  isVotingOpen,
  judgeDot,
  rankResults,
  tally,
  type VoteRules,
  withDot,
} from './voteRules';

const rules: VoteRules = {
  dotsPerPerson: 3,
  maxPerItem: 2,
  candidates: new Set(['a', 'b', 'c']),
  open: true,
  endsAt: null,
};

describe('judgeDot', () => {
  it('lets a dot be placed on a candidate within budget and cap', () => {
    expect(judgeDot('cast', rules, {}, 'a', 0)).toBeNull();
    expect(judgeDot('cast', rules, { a: 1 }, 'a', 0)).toBeNull();
  });

  it('refuses a closed or timed-out session', () => {
    expect(judgeDot('cast', { ...rules, open: false }, {}, 'a', 0)).toBe('closed');
    expect(judgeDot('retract', { ...rules, open: false }, { a: 1 }, 'a', 0)).toBe('closed');
    const timed = { ...rules, endsAt: 1000 };
    expect(judgeDot('cast', timed, {}, 'a', 999)).toBeNull();
    expect(judgeDot('cast', timed, {}, 'a', 1000)).toBe('closed');
    expect(isVotingOpen(timed, 1001)).toBe(false);
  });

  it('refuses a note that is not a candidate', () => {
    expect(judgeDot('cast', rules, {}, 'z', 0)).toBe('notCandidate');
  });

  it('refuses past the budget, then past the per-note cap', () => {
    const full: Ballot = { a: 2, b: 1 };
    expect(dotsLeft(rules, full)).toBe(0);
    expect(judgeDot('cast', rules, full, 'c', 0)).toBe('overBudget');
    expect(judgeDot('cast', rules, { a: 2 }, 'a', 0)).toBe('itemCap');
  });

  it('takes back only a dot that is there', () => {
    expect(judgeDot('retract', rules, { a: 1 }, 'a', 0)).toBeNull();
    expect(judgeDot('retract', rules, {}, 'a', 0)).toBe('noDot');
  });
});

describe('ballots and results', () => {
  it('adds and removes dots without leaving zeros', () => {
    const one = withDot({}, 'a', 1);
    expect(one).toEqual({ a: 1 });
    expect(withDot(one, 'a', -1)).toEqual({});
  });

  it('counts each ballot at most once under the rules', () => {
    const ballots: Ballot[] = [
      { a: 2, b: 1 },
      { a: 1 },
      // Stored outside the rules: 9 on one note, a non-candidate. Counts 2 + 1 at most.
      { a: 9, c: 9, z: 5 },
    ];
    expect(tally(rules, ballots)).toEqual({ a: 5, b: 1, c: 1 });
  });

  it('ranks every candidate, ties sharing a rank, the same order everywhere', () => {
    expect(rankResults(['c', 'b', 'a', 'd'], { a: 3, b: 3, c: 1 })).toEqual([
      { note: 'a', count: 3, rank: 1 },
      { note: 'b', count: 3, rank: 1 },
      { note: 'c', count: 1, rank: 3 },
      { note: 'd', count: 0, rank: 4 },
    ]);
  });
});
