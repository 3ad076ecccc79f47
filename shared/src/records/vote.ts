import * as Y from 'yjs';
import { voteSessionsMap, votesMap } from '../roots';
import { type DanglingRef, MAX_DOTS } from '../schema';
import { isFiniteNumber, isRefId } from '../values';
import { type Ballot, type RankedResult, rankResults, tally } from '../voteRules';

/*
 * The vote session record: one Y.Map per session in the top-level `voteSessions` map. It holds
 * what everyone may see: the setup, whether voting is open, and (from the reveal on) the
 * results. The dots of a session that is not revealed are NOT here: every client receives every
 * byte of the document, so the server holds them outside it (server side state) and writes
 * only the results, in one server transaction, at the reveal. Participants never write a
 * session or a dot (the server's edit guard refuses it); the server writes sessions on a
 * facilitator's request. The operations are in votes.ts, the rules of a dot in voteRules.ts.
 *
 * The top-level `votes` map held the dots themselves up to schema v3, keyed
 * `session:participant:note`. It is read only by the v3 -> v4 migration below, which counts
 * them into their session's results and empties it; nothing writes it any more.
 */

export const VoteSessionKey = {
  /** string: what is being voted on. Set at the start. */
  title: 'title',
  /** number: dots each person may place in this session (1..MAX_DOTS). Set at the start. */
  dots: 'dots',
  /** number (v4): at most this many of one person's dots on one note; absent = `dots`. */
  maxPerItem: 'maxPerItem',
  /** Y.Map<true>: note ids that may receive dots. Deleting a note takes it off here. */
  candidates: 'candidates',
  /** boolean (v4): results list counts only; false = they also say who placed which dots. */
  anonymous: 'anonymous',
  /** boolean: dots may be placed. The server closes it (by hand, or at `endsAt`). LWW. */
  open: 'open',
  /** number (v4): server-clock ms when voting stops by itself; absent or 0 = by hand. */
  endsAt: 'endsAt',
  /** boolean: results are shown to everyone. Set with `results` in one transaction. */
  revealed: 'revealed',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
  /** plain object (v4): the results (VoteResultsRecord), written once by the server. */
  results: 'results',
} as const;

/** One person's dots in a named session's results. */
export interface NamedBallot {
  participant: string;
  /** The name they went by when they voted. */
  name: string;
  dots: Record<string, number>;
}

/** What the reveal writes into the session: plain JSON, set once. */
export interface VoteResultsRecord {
  /** Dots per note (notes without dots left out). */
  counts: Record<string, number>;
  /** People who placed at least one dot. */
  voters: number;
  /** Named sessions only: who placed which dots, sorted by participant id. */
  ballots?: NamedBallot[];
}

export interface VoteSessionView {
  id: string;
  title: string;
  dotsPerPerson: number;
  maxPerItem: number;
  /** Candidate note ids that exist, sorted. */
  candidates: string[];
  anonymous: boolean;
  open: boolean;
  /** Server-clock ms when voting stops by itself, or null when a facilitator ends it. */
  endsAt: number | null;
  revealed: boolean;
  createdAt: number;
  /**
   * Every candidate that still exists with its dots, ranked (most first, ties share a rank),
   * or null before the results were written. Shown only when `revealed`.
   */
  results: RankedResult[] | null;
  /** People who voted; 0 before the results were written. */
  voters: number;
  /** Named sessions after the reveal: who placed which dots. Empty otherwise. */
  ballots: NamedBallot[];
}

/**
 * Validates one session. Candidates that no longer exist in `notes` are left out and
 * reported in `dangling`.
 */
export function readSessionEntry(
  id: string,
  s: unknown,
  notes: ReadonlySet<string>,
  dangling: DanglingRef[],
): VoteSessionView | string {
  if (!(s instanceof Y.Map)) return 'not a map';
  if (!isRefId(id)) return 'id contains a colon';
  const title = s.get(VoteSessionKey.title);
  if (typeof title !== 'string') return 'title is not a string';
  const dots = s.get(VoteSessionKey.dots);
  if (!isDotCount(dots)) return 'dots per person is not a whole number in range';
  const maxPerItem = s.get(VoteSessionKey.maxPerItem) ?? dots;
  if (!isDotCount(maxPerItem)) return 'dots per note is not a whole number in range';
  const candidates = s.get(VoteSessionKey.candidates);
  if (!(candidates instanceof Y.Map)) return 'candidates are missing';
  const anonymous = s.get(VoteSessionKey.anonymous) ?? true;
  if (typeof anonymous !== 'boolean') return 'anonymous is not a boolean';
  const open = s.get(VoteSessionKey.open);
  if (typeof open !== 'boolean') return 'open is not a boolean';
  const endsAt = s.get(VoteSessionKey.endsAt) ?? 0;
  if (!isFiniteNumber(endsAt) || endsAt < 0) return 'endsAt is not a time';
  const revealed = s.get(VoteSessionKey.revealed) ?? false;
  if (typeof revealed !== 'boolean') return 'revealed is not a boolean';
  const createdAt = s.get(VoteSessionKey.createdAt) ?? 0;
  if (!isFiniteNumber(createdAt)) return 'createdAt is not a number';
  const stored = s.get(VoteSessionKey.results);
  const record = stored === undefined ? null : readResultsRecord(stored);
  if (record === 'invalid') return 'results are not readable';
  const list: string[] = [];
  for (const [note, flag] of candidates.entries()) {
    if (flag !== true) continue;
    if (notes.has(note)) list.push(note);
    else dangling.push({ kind: 'voteSession', id, field: 'candidate', target: note });
  }
  list.sort();
  return {
    id,
    title,
    dotsPerPerson: dots,
    maxPerItem: Math.min(maxPerItem, dots),
    candidates: list,
    anonymous,
    open,
    endsAt: endsAt > 0 ? endsAt : null,
    revealed,
    createdAt,
    results: record ? rankResults(list, record.counts) : null,
    voters: record?.voters ?? 0,
    ballots: record?.ballots ?? [],
  };
}

function isDotCount(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 1 && value <= MAX_DOTS && Number.isInteger(value);
}

function isCounts(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([note, count]) => isRefId(note) && Number.isInteger(count) && (count as number) >= 1,
  );
}

function readResultsRecord(value: unknown): VoteResultsRecord | 'invalid' {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'invalid';
  const { counts, voters, ballots } = value as Record<string, unknown>;
  if (!isCounts(counts) || !Number.isInteger(voters) || (voters as number) < 0) return 'invalid';
  if (ballots === undefined) return { counts, voters: voters as number };
  if (!Array.isArray(ballots)) return 'invalid';
  const named: NamedBallot[] = [];
  for (const b of ballots) {
    if (typeof b !== 'object' || b === null) return 'invalid';
    const { participant, name, dots } = b as Record<string, unknown>;
    if (typeof participant !== 'string' || typeof name !== 'string' || !isCounts(dots)) {
      return 'invalid';
    }
    named.push({ participant, name, dots });
  }
  return { counts, voters: voters as number, ballots: named };
}

/** Healing defaults (heal.ts) for a session whose required field an undo could not restore. */
export const SESSION_FILLS: Readonly<Record<string, () => unknown>> = {
  [VoteSessionKey.title]: () => '',
  [VoteSessionKey.dots]: () => 1,
  [VoteSessionKey.candidates]: () => new Y.Map(),
  // Closed is the safe default: nobody votes in a session whose state was lost.
  [VoteSessionKey.open]: () => false,
};

/** A v3 dot key `session:participant:note`, or null (the migration leaves such keys out). */
function parseLegacyDot(
  key: string,
): { session: string; participant: string; note: string } | null {
  const parts = key.split(':');
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return null;
  const [session, participant, note] = parts as [string, string, string];
  return { session, participant, note };
}

export const VOTE_MIGRATIONS: Readonly<Record<number, (doc: Y.Doc) => void>> = {
  /*
   * v3 -> v4: the dots leave the document. Up to v3 they were in the top-level `votes` map,
   * readable by every client, so counting them is no new disclosure: each session gets its
   * results (counted under its rules, anonymous, as the old model had no names), is closed,
   * and keeps its `revealed` flag (a facilitator reveals a session that was not). Then the
   * map is emptied, so no dot of an old board ever travels again to a client that joins.
   */
  3(doc) {
    const ballots = new Map<string, Map<string, Record<string, number>>>();
    const votes = votesMap(doc);
    for (const [key, value] of votes.entries()) {
      const dot = parseLegacyDot(key);
      if (!dot || !Number.isInteger(value) || (value as number) < 1) continue;
      const bySession = ballots.get(dot.session) ?? new Map<string, Record<string, number>>();
      const ballot = bySession.get(dot.participant) ?? {};
      ballot[dot.note] = value as number;
      bySession.set(dot.participant, ballot);
      ballots.set(dot.session, bySession);
    }
    for (const [id, s] of voteSessionsMap(doc).entries()) {
      if (!(s instanceof Y.Map) || s.has(VoteSessionKey.results)) continue;
      const candidates = s.get(VoteSessionKey.candidates);
      const dots = s.get(VoteSessionKey.dots);
      if (!(candidates instanceof Y.Map) || !isDotCount(dots)) continue;
      const rules = {
        dotsPerPerson: dots,
        maxPerItem: dots,
        candidates: new Set([...candidates.keys()]),
      };
      const cast: Ballot[] = [...(ballots.get(id)?.values() ?? [])];
      const counts = tally(rules, cast);
      const voters = cast.filter((b) => Object.keys(tally(rules, [b])).length > 0).length;
      const record: VoteResultsRecord = { counts, voters };
      s.set(VoteSessionKey.results, record);
      s.set(VoteSessionKey.open, false);
    }
    for (const key of [...votes.keys()]) votes.delete(key);
  },
};
