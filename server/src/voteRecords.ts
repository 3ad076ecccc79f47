import {
  type Ballot,
  dotsPlaced,
  type NamedBallot,
  tally,
  type VoteResultsRecord,
  type VoteRules,
  type VoteSessionView,
  voteRulesOf,
} from '@paja/shared';
import { sideKind } from './BoardSideState';

/*
 * The side-state kinds of dot voting (BoardVotes.ts). Their names are stored: never reuse one
 * for another meaning.
 */

/** One person's dots in the running session, held by the server until the reveal. */
export interface StoredBallot {
  session: string;
  participant: string;
  /** The name they last voted under (named results show it). */
  name: string;
  dots: Record<string, number>;
}

function parseBallot(value: unknown): StoredBallot {
  if (typeof value !== 'object' || value === null) throw new Error('ballot is not an object');
  const { session, participant, name, dots } = value as Record<string, unknown>;
  if (typeof session !== 'string' || typeof participant !== 'string') {
    throw new Error('ballot has no session or participant');
  }
  if (typeof name !== 'string' || typeof dots !== 'object' || dots === null) {
    throw new Error('ballot has no name or dots');
  }
  for (const count of Object.values(dots)) {
    if (!Number.isInteger(count) || (count as number) < 1) throw new Error('bad dot count');
  }
  return { session, participant, name, dots: dots as Record<string, number> };
}

/**
 * Ballots, by `ballotKey`. Before the roll had records of its own (ROLL), an empty ballot put
 * a person on the roll; a ballot still does.
 */
export const BALLOTS = sideKind<StoredBallot>('ballot', parseBallot);

/** A participant on a session's roll, in `ballotKey`: what they are on it is the key alone. */
interface Enrolment {
  session: string;
  participant: string;
}

function parseEnrolment(value: unknown): Enrolment {
  const { session, participant } = (value ?? {}) as Record<string, unknown>;
  if (typeof session !== 'string' || typeof participant !== 'string') {
    throw new Error('not a roll entry');
  }
  return { session, participant };
}

/**
 * Who is on the roll, one record per person. The same record written by two instances is the
 * same value, so enrolling is safe from any instance, never overwriting a ballot.
 */
export const ROLL = sideKind<Enrolment>('vote-roll', parseEnrolment);

/**
 * Participants who came while a session ran and are not on its roll, one record per person,
 * so that a facilitator on any instance sees them and can let them in.
 */
export const LATE = sideKind<Enrolment>('vote-late', parseEnrolment);

export const ballotKey = (session: string, participant: string) => `${session}/${participant}`;

/** A ballot's dots on notes that are still candidates: a deleted note gives its dots back. */
export function liveDots(rules: VoteRules, dots: Ballot): Record<string, number> {
  const live: Record<string, number> = {};
  for (const [note, count] of Object.entries(dots)) {
    if (rules.candidates.has(note)) live[note] = count;
  }
  return live;
}

/** What a reveal writes into the document: the counts, and who voted what if not anonymous. */
export function resultsOf(
  session: VoteSessionView,
  ballots: readonly StoredBallot[],
): VoteResultsRecord {
  const rules = voteRulesOf(session);
  const counted = ballots
    .map((b) => ({ ...b, dots: tally(rules, [b.dots]) }))
    .filter((b) => dotsPlaced(b.dots) > 0);
  const results: VoteResultsRecord = {
    counts: tally(
      rules,
      counted.map((b) => b.dots),
    ),
    voters: counted.length,
  };
  if (!session.anonymous) {
    results.ballots = counted
      .map((b): NamedBallot => ({ participant: b.participant, name: b.name, dots: b.dots }))
      .sort((a, b) => (a.participant < b.participant ? -1 : 1));
  }
  return results;
}
