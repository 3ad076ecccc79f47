import type { BoardSideState } from './BoardSideState';
import { BALLOTS, ballotKey, LATE, ROLL, type StoredBallot } from './voteRecords';

/**
 * Who may vote in a session, and their ballots, as side state (BoardVotes decides, this
 * reads and writes): the roll (ROLL records, and anyone holding a ballot), latecomers written
 * down by any instance (LATE), and the ballots. Every write here is either a whole record
 * that two instances would write alike (enrolment, a latecomer) or the voter's own ballot.
 */
export class VoteRoll {
  readonly #side: BoardSideState;

  constructor(side: BoardSideState) {
    this.#side = side;
  }

  ballots(session: string): StoredBallot[] {
    return this.#side
      .entries(BALLOTS)
      .map(([, ballot]) => ballot)
      .filter((b) => b.session === session);
  }

  /** Everyone on the session's roll: enrolled, or holding a ballot. */
  roll(session: string): Set<string> {
    const roll = new Set(this.ballots(session).map((b) => b.participant));
    for (const [, entry] of this.#side.entries(ROLL)) {
      if (entry.session === session) roll.add(entry.participant);
    }
    return roll;
  }

  onRoll(session: string, participant: string): boolean {
    const key = ballotKey(session, participant);
    return this.#side.has(ROLL, key) || this.#side.has(BALLOTS, key);
  }

  enrol(session: string, participant: string): void {
    if (this.onRoll(session, participant)) return;
    const key = ballotKey(session, participant);
    this.#side.put(ROLL, key, { session, participant });
    this.#side.delete(LATE, key);
  }

  /** A participant came while the session ran and is not on its roll: written down. */
  markLate(session: string, participant: string): void {
    const key = ballotKey(session, participant);
    if (this.onRoll(session, participant) || this.#side.has(LATE, key)) return;
    this.#side.put(LATE, key, { session, participant });
  }

  /** A latecomer left (this instance's last connection of theirs): no longer waiting. */
  leftLate(session: string, participant: string): void {
    this.#side.delete(LATE, ballotKey(session, participant));
  }

  /** Latecomers any instance wrote down who are still not on the roll. */
  late(session: string): Set<string> {
    const late = new Set<string>();
    for (const [, entry] of this.#side.entries(LATE)) {
      if (entry.session === session && !this.onRoll(session, entry.participant)) {
        late.add(entry.participant);
      }
    }
    return late;
  }

  /** The session's ballots, roll and latecomers go (revealed or discarded). */
  forget(session: string): void {
    for (const kind of [BALLOTS, ROLL, LATE]) {
      for (const [key, record] of this.#side.entries<{ session: string }>(kind)) {
        if (record.session === session) this.#side.delete(kind, key);
      }
    }
  }
}
