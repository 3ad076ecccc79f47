import type { VoteRefusal } from './protocol/votes';

/*
 * The rules of a dot, as pure functions over plain data. The server judges every cast and
 * take-back with them against the ballots it holds (the only judgement that counts); the
 * client asks the same functions to disable a dot control and to say why before it asks.
 */

/** What the rules need to know about a session. */
export interface VoteRules {
  dotsPerPerson: number;
  maxPerItem: number;
  candidates: ReadonlySet<string>;
  open: boolean;
  /** Server-clock ms when voting stops by itself, or null when a facilitator ends it. */
  endsAt: number | null;
}

/** One person's dots in one session, by note id. Counts are >= 1; absent means none. */
export type Ballot = Readonly<Record<string, number>>;

export function dotsPlaced(ballot: Ballot): number {
  let placed = 0;
  for (const count of Object.values(ballot)) placed += count;
  return placed;
}

export function dotsLeft(rules: Pick<VoteRules, 'dotsPerPerson'>, ballot: Ballot): number {
  return Math.max(0, rules.dotsPerPerson - dotsPlaced(ballot));
}

/** Whether dots may still be placed or taken back at `now` (server clock). */
export function isVotingOpen(rules: Pick<VoteRules, 'open' | 'endsAt'>, now: number): boolean {
  return rules.open && (rules.endsAt === null || now < rules.endsAt);
}

/**
 * May this person place (`cast`) or take back (`retract`) one dot on `note` now? Null when
 * they may, else the refusal. Who the person is (role, phase setting, the roll) is judged
 * before this; this is only about the session and the person's own ballot.
 */
export function judgeDot(
  op: 'cast' | 'retract',
  rules: VoteRules,
  ballot: Ballot,
  note: string,
  now: number,
): VoteRefusal | null {
  if (!isVotingOpen(rules, now)) return 'closed';
  if (op === 'retract') return (ballot[note] ?? 0) > 0 ? null : 'noDot';
  if (!rules.candidates.has(note)) return 'notCandidate';
  if (dotsLeft(rules, ballot) < 1) return 'overBudget';
  if ((ballot[note] ?? 0) >= rules.maxPerItem) return 'itemCap';
  return null;
}

/** The ballot with one dot more (+1) or less (-1) on `note`; a count of 0 leaves the key out. */
export function withDot(ballot: Ballot, note: string, delta: 1 | -1): Record<string, number> {
  const next = { ...ballot };
  const count = (next[note] ?? 0) + delta;
  if (count > 0) next[note] = count;
  else delete next[note];
  return next;
}

/**
 * Dots per candidate over all ballots. Applies the rules again (only candidates, at most
 * `maxPerItem` per note and `dotsPerPerson` per ballot, in note-id order), so a ballot stored
 * under older rules, or edited outside the server, can never count for more than one person's.
 */
export function tally(
  rules: Pick<VoteRules, 'dotsPerPerson' | 'maxPerItem' | 'candidates'>,
  ballots: Iterable<Ballot>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ballot of ballots) {
    let budget = rules.dotsPerPerson;
    for (const note of Object.keys(ballot).sort()) {
      if (!rules.candidates.has(note) || budget <= 0) continue;
      const count = Math.min(ballot[note] ?? 0, rules.maxPerItem, budget);
      if (count <= 0) continue;
      budget -= count;
      counts[note] = (counts[note] ?? 0) + count;
    }
  }
  return counts;
}

export interface RankedResult {
  note: string;
  count: number;
  /** 1 for the most dots; equal counts share a rank (1, 1, 3). */
  rank: number;
}

/** Every candidate with its count, most dots first, ties by note id (the same everywhere). */
export function rankResults(
  candidates: Iterable<string>,
  counts: Readonly<Record<string, number>>,
): RankedResult[] {
  const sorted = [...new Set(candidates)]
    .map((note) => ({ note, count: counts[note] ?? 0 }))
    .sort((a, b) => b.count - a.count || (a.note < b.note ? -1 : a.note > b.note ? 1 : 0));
  let rank = 0;
  return sorted.map((result, i) => {
    if (i === 0 || result.count !== sorted[i - 1]?.count) rank = i + 1;
    return { ...result, rank };
  });
}
