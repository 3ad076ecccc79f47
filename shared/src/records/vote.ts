import * as Y from 'yjs';
import { type DanglingRef, MAX_DOTS } from '../schema';
import { isFiniteNumber, isRefId } from '../values';

/*
 * The vote records: a session (one Y.Map per session in the top-level `voteSessions` map) and
 * the dots, one entry per (session, participant, note) in the top-level `votes` map holding a
 * count, so that one participant's dots on different notes never conflict. The operations
 * and the counting are in votes.ts.
 */

export const VoteSessionKey = {
  /** string: what is being voted on. LWW. */
  title: 'title',
  /** number: dots each participant may place in this session (1..MAX_DOTS). LWW. */
  dots: 'dots',
  /** Y.Map<true>: note ids that may receive dots; adds and removes of different notes merge. */
  candidates: 'candidates',
  /** boolean: dots may be placed. LWW. */
  open: 'open',
  /** boolean: results are shown to participants. LWW. */
  revealed: 'revealed',
  /** number: ms since epoch at creation. Set once. */
  createdAt: 'createdAt',
} as const;

/** One participant's dots on one note in one session. */
export interface Dot {
  session: string;
  participant: string;
  note: string;
}

/*
 * The vote-key codec: the only place that knows the key's format (`session:participant:note`).
 * Ids used in it are checked to contain no ':' (isRefId; newId never produces one), so the
 * key splits back into exactly its three parts. The server's edit guard reads keys with
 * parseVoteKey too: a key it cannot read is refused, never guessed at.
 */
const SEPARATOR = ':';

/** The key of one participant's dots on one note in one session; the value is a count >= 1. */
export function voteKey(session: string, participant: string, note: string): string {
  return `${session}${SEPARATOR}${participant}${SEPARATOR}${note}`;
}

/** The common beginning of every key of one participant's dots in one session. */
export function voteKeyPrefix(session: string, participant: string): string {
  return `${session}${SEPARATOR}${participant}${SEPARATOR}`;
}

/** The parts of a vote key, or null when it is not exactly three non-empty parts. */
export function parseVoteKey(key: string): Dot | null {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return null;
  const [session, participant, note] = parts as [string, string, string];
  return { session, participant, note };
}

export interface BallotView {
  participant: string;
  note: string;
  /** Dots counted (after the per-person budget is applied). */
  count: number;
}

export interface VoteSessionView {
  id: string;
  title: string;
  dotsPerPerson: number;
  /** Candidate note ids that exist, sorted. */
  candidates: string[];
  open: boolean;
  revealed: boolean;
  createdAt: number;
  /**
   * Counted dots, sorted by participant then note. Present whatever `revealed` says: the
   * document holds them anyway; hiding them is the UI's and the server's job.
   */
  ballots: BallotView[];
  /** Dots per candidate (every candidate, zero included), most dots first, ties by note id. */
  results: Array<{ note: string; count: number }>;
  /** Participants with at least one counted dot. */
  voters: number;
}

/** A session's own fields; ballots, results and voters are counted from the dots. */
export type StoredSession = Omit<VoteSessionView, 'ballots' | 'results' | 'voters'>;

/**
 * Validates one session. Candidates that no longer exist in `notes` are left out and
 * reported in `dangling`.
 */
export function readSessionEntry(
  id: string,
  s: unknown,
  notes: ReadonlySet<string>,
  dangling: DanglingRef[],
): StoredSession | string {
  if (!(s instanceof Y.Map)) return 'not a map';
  if (!isRefId(id)) return 'id contains a colon';
  const title = s.get(VoteSessionKey.title);
  if (typeof title !== 'string') return 'title is not a string';
  const dots = s.get(VoteSessionKey.dots);
  if (!isFiniteNumber(dots) || dots < 1 || dots > MAX_DOTS || !Number.isInteger(dots)) {
    return 'dots per person is not a whole number in range';
  }
  const candidates = s.get(VoteSessionKey.candidates);
  if (!(candidates instanceof Y.Map)) return 'candidates are missing';
  const open = s.get(VoteSessionKey.open);
  if (typeof open !== 'boolean') return 'open is not a boolean';
  const revealed = s.get(VoteSessionKey.revealed) ?? false;
  if (typeof revealed !== 'boolean') return 'revealed is not a boolean';
  const createdAt = s.get(VoteSessionKey.createdAt) ?? 0;
  if (!isFiniteNumber(createdAt)) return 'createdAt is not a number';
  const list: string[] = [];
  for (const [note, flag] of candidates.entries()) {
    if (flag !== true) continue;
    if (notes.has(note)) list.push(note);
    else dangling.push({ kind: 'voteSession', id, field: 'candidate', target: note });
  }
  return { id, title, dotsPerPerson: dots, candidates: list.sort(), open, revealed, createdAt };
}

/** A dot entry's count, or 0 when the stored value is not a count. */
export function countOf(value: unknown): number {
  return isFiniteNumber(value) && value >= 1 ? Math.floor(value) : 0;
}

/** Healing defaults (heal.ts) for a session whose required field an undo could not restore. */
export const SESSION_FILLS: Readonly<Record<string, () => unknown>> = {
  [VoteSessionKey.title]: () => '',
  [VoteSessionKey.dots]: () => 1,
  [VoteSessionKey.candidates]: () => new Y.Map(),
  // Closed is the safe default: nobody votes in a session whose state was lost.
  [VoteSessionKey.open]: () => false,
};

/* Migration steps: vote sessions and dots are new in v2 and unchanged since. */
