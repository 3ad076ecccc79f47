import {
  type Ballot,
  createVoteSession,
  currentVoteSession,
  deleteVoteSession,
  dotsLeft,
  dotsPlaced,
  encodeVoteMessage,
  judgeDot,
  mayPerson,
  type NamedBallot,
  type Role,
  readMeta,
  readVoteSessions,
  setPhase,
  setVoteSessionOpen,
  tally,
  type VoteProgress,
  type VoteRefusal,
  type VoteRequest,
  type VoteResultsRecord,
  type VoteRules,
  type VoteSessionView,
  type VoteStatus,
  voteRulesOf,
  withDot,
  writeVoteResults,
} from '@paja/shared';
import type * as Y from 'yjs';
import { type BoardSideState, sideKind } from './BoardSideState';
import type { SaveRecipient } from './SavePipeline';

/**
 * One person's dots in the running session, held by the server (side state) until the reveal.
 * A record exists for everyone on the session's roll, dots or not: the roll is who may vote.
 */
interface StoredBallot {
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

const BALLOTS = sideKind<StoredBallot>('ballot', parseBallot);
const ballotKey = (session: string, participant: string) => `${session}/${participant}`;

/** What the votes need of a connection (Connection implements it; no import of it here). */
export interface VoteMember extends SaveRecipient {
  readonly role: Role;
  readonly participantId: string;
}

/** What the votes need of the room that owns them. */
export interface VoteHost {
  readonly doc: Y.Doc;
  readonly side: BoardSideState;
  transactAsServer<T>(change: (doc: Y.Doc) => T): T;
  /** Resolves when everything written so far (document and side state) is committed. */
  committed(): Promise<void>;
  members(): Iterable<VoteMember>;
}

/** Who may stand on a roll: the roles that vote. Facilitators vote without one (see `cast`). */
const ROLL_ROLE: Role = 'participant';

/**
 * Dot voting on one loaded board, as its room's part: the rules of every request, the ballots
 * (side state, never in the document), what each connection may see of them, the end by the
 * server's clock, and the reveal.
 *
 * Identity and the roll: a dot belongs to the connection's participant id, which the server
 * derives from the browser's secret key; a request never names a voter. Inventing a new key
 * gives a new id, so a session has a roll, fixed when it starts: the participants on the board
 * at that moment. Anyone else ("latecomers", a new key among them) may vote only after a
 * facilitator lets the people present in, seeing how many they are. A reconnect with the same
 * key keeps one's ballot. docs/ARCHITECTURE.md ("Votes") says what this defends and what not.
 *
 * Secrecy: a participant is only ever sent their own dots and how many they have left; a
 * facilitator how many people voted, and the counts only after asking (`watch`). The reveal
 * writes the results into the document and deletes the ballots in one synchronous block, so
 * both go into one commit.
 */
export class BoardVotes {
  readonly #host: VoteHost;
  /** Facilitator connections that asked to see the running counts. */
  readonly #watching = new WeakSet<VoteMember>();
  #timer: NodeJS.Timeout | null = null;

  constructor(host: VoteHost) {
    this.#host = host;
  }

  /** After the board is loaded and migrated: ends a timed session whose time ran out meanwhile. */
  resume(): void {
    this.#schedule();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  joined(member: VoteMember): void {
    const session = this.#current();
    if (!session) return;
    member.send(this.#statusFor(member, session));
    if (member.role === ROLL_ROLE) this.#tellFacilitators(session);
  }

  left(member: VoteMember): void {
    const session = this.#current();
    if (session && member.role === ROLL_ROLE) this.#tellFacilitators(session);
  }

  /** Judges and carries out one request; answers after what it wrote is committed. */
  async handle(member: VoteMember, request: VoteRequest): Promise<void> {
    const refusal = this.#apply(member, request);
    const answer =
      typeof refusal === 'string'
        ? { kind: 'answer' as const, request: request.request, ok: false as const, error: refusal }
        : {
            kind: 'answer' as const,
            request: request.request,
            ok: true as const,
            session: refusal.session,
          };
    if (answer.ok) await this.#host.committed();
    member.send(encodeVoteMessage(answer));
    if (answer.ok) this.#afterChange(member, request);
  }

  /** Refuses a request without judging it (the connection's rate limit). */
  static refuse(member: VoteMember, request: number, error: VoteRefusal): void {
    member.send(encodeVoteMessage({ kind: 'answer', request, ok: false, error }));
  }

  #apply(member: VoteMember, request: VoteRequest): VoteRefusal | { session: string } {
    switch (request.kind) {
      case 'cast':
      case 'retract':
        return this.#dot(member, request);
      case 'start':
        if (member.role !== 'facilitator') return 'facilitatorOnly';
        return this.#start(request);
      default: {
        if (member.role !== 'facilitator') return 'facilitatorOnly';
        const session = this.#current();
        if (!session || session.id !== request.session) return 'noSession';
        switch (request.kind) {
          case 'end':
            this.#host.transactAsServer((doc) => setVoteSessionOpen(doc, session.id, false));
            break;
          case 'reveal':
            this.#reveal(session);
            break;
          case 'discard':
            this.#host.transactAsServer((doc) => deleteVoteSession(doc, session.id));
            this.#deleteBallots(session.id);
            break;
          case 'admit':
            for (const id of this.#latecomers(session)) this.#enrol(session.id, id);
            break;
          case 'watch':
            if (request.counts) this.#watching.add(member);
            else this.#watching.delete(member);
            break;
        }
        return { session: session.id };
      }
    }
  }

  #dot(
    member: VoteMember,
    request: Extract<VoteRequest, { kind: 'cast' | 'retract' }>,
  ): VoteRefusal | { session: string } {
    const decision = mayPerson(member.role, 'vote', { phase: readMeta(this.#host.doc).phase });
    if (!decision.allowed) return decision.reason === 'roleCannot' ? 'roleCannot' : 'phaseOff';
    const session = this.#current();
    if (!session || session.id !== request.session) return 'noSession';
    const key = ballotKey(session.id, member.participantId);
    let ballot = this.#host.side.get(BALLOTS, key);
    if (!ballot) {
      // Facilitators run the board anyway: they vote without being on the roll.
      if (member.role !== 'facilitator') return 'notOnRoll';
      ballot = { session: session.id, participant: member.participantId, name: '', dots: {} };
    }
    const rules = voteRulesOf(session);
    const dots = liveDots(rules, ballot.dots);
    const refusal = judgeDot(request.kind, rules, dots, request.note, Date.now());
    if (refusal) return refusal;
    const next: StoredBallot = {
      ...ballot,
      name: request.kind === 'cast' && request.name ? request.name : ballot.name,
      dots: withDot(dots, request.note, request.kind === 'cast' ? 1 : -1),
    };
    this.#host.side.put(BALLOTS, key, next, member);
    return { session: session.id };
  }

  #start(request: Extract<VoteRequest, { kind: 'start' }>): VoteRefusal | { session: string } {
    if (this.#current()) return 'alreadyRunning';
    const notes = this.#host.doc.getMap('notes');
    const candidates = request.candidates.filter((id) => notes.has(id));
    if (candidates.length === 0 || request.maxPerItem > request.dotsPerPerson) return 'badSetup';
    const now = Date.now();
    const session = this.#host.transactAsServer((doc) => {
      // A facilitator who starts a vote means people to vote now: open the setting with it.
      if (!readMeta(doc).phase.vote) setPhase(doc, { vote: true });
      return createVoteSession(doc, {
        title: request.title,
        dotsPerPerson: request.dotsPerPerson,
        maxPerItem: request.maxPerItem,
        candidates,
        anonymous: request.anonymous,
        endsAt: request.durationSeconds > 0 ? now + request.durationSeconds * 1000 : null,
        now,
      });
    });
    for (const id of this.#present()) this.#enrol(session, id);
    return { session };
  }

  #reveal(session: VoteSessionView): void {
    const ballots = this.#ballots(session.id);
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
    // One synchronous block: the results and the deletion of the ballots share one commit.
    this.#host.transactAsServer((doc) => writeVoteResults(doc, session.id, results));
    this.#deleteBallots(session.id);
  }

  #afterChange(member: VoteMember, request: VoteRequest): void {
    const session = this.#current();
    if (request.kind === 'cast' || request.kind === 'retract') {
      if (!session) return;
      // The voter's other tabs see their dots too; facilitators see the progress.
      for (const other of this.#host.members()) {
        if (other.participantId === member.participantId && other.role !== 'facilitator') {
          other.send(this.#statusFor(other, session));
        }
      }
      this.#tellFacilitators(session);
      return;
    }
    if (request.kind === 'watch') {
      if (session) member.send(this.#statusFor(member, session));
      return;
    }
    this.#schedule();
    if (session) this.#tellEveryone(session);
  }

  #tellEveryone(session: VoteSessionView): void {
    for (const member of this.#host.members()) member.send(this.#statusFor(member, session));
  }

  #tellFacilitators(session: VoteSessionView): void {
    for (const member of this.#host.members()) {
      if (member.role === 'facilitator') member.send(this.#statusFor(member, session));
    }
  }

  /** Exactly what `member` may see: their own dots; progress and counts for facilitators. */
  #statusFor(member: VoteMember, session: VoteSessionView): Uint8Array {
    const rules = voteRulesOf(session);
    const ballot = this.#host.side.get(BALLOTS, ballotKey(session.id, member.participantId));
    const votes = member.role === 'facilitator' || (member.role === ROLL_ROLE && ballot);
    const mine = votes ? liveDots(rules, ballot?.dots ?? {}) : {};
    const now = Date.now();
    const status: VoteStatus = {
      session: session.id,
      open: rules.open && (rules.endsAt === null || now < rules.endsAt),
      remainingMs: rules.endsAt === null ? null : Math.max(0, Math.round(rules.endsAt - now)),
      voter: Boolean(votes),
      mine,
      left: votes ? dotsLeft(rules, mine) : 0,
    };
    if (member.role === 'facilitator') {
      status.progress = this.#progress(session);
      if (this.#watching.has(member)) {
        status.counts = tally(
          rules,
          this.#ballots(session.id).map((b) => b.dots),
        );
      }
    }
    return encodeVoteMessage({ kind: 'status', ...status });
  }

  #progress(session: VoteSessionView): VoteProgress {
    const ballots = this.#ballots(session.id);
    const rules = voteRulesOf(session);
    return {
      voted: ballots.filter((b) => dotsPlaced(liveDots(rules, b.dots)) > 0).length,
      roll: ballots.length,
      latecomers: this.#latecomers(session).length,
    };
  }

  #current(): VoteSessionView | undefined {
    return currentVoteSession(readVoteSessions(this.#host.doc));
  }

  #ballots(session: string): StoredBallot[] {
    return this.#host.side
      .entries(BALLOTS)
      .map(([, ballot]) => ballot)
      .filter((b) => b.session === session);
  }

  #enrol(session: string, participant: string): void {
    const key = ballotKey(session, participant);
    if (this.#host.side.has(BALLOTS, key)) return;
    this.#host.side.put(BALLOTS, key, { session, participant, name: '', dots: {} });
  }

  #deleteBallots(session: string): void {
    for (const ballot of this.#ballots(session)) {
      this.#host.side.delete(BALLOTS, ballotKey(session, ballot.participant));
    }
  }

  /** Distinct participant ids of the participants connected now. */
  #present(): Set<string> {
    const ids = new Set<string>();
    for (const member of this.#host.members()) {
      if (member.role === ROLL_ROLE) ids.add(member.participantId);
    }
    return ids;
  }

  #latecomers(session: VoteSessionView): string[] {
    return [...this.#present()].filter(
      (id) => !this.#host.side.has(BALLOTS, ballotKey(session.id, id)),
    );
  }

  /** Ends the running session at its end time by the server's clock. */
  #schedule(): void {
    this.stop();
    const session = this.#current();
    if (!session?.open || session.endsAt === null) return;
    const wait = session.endsAt - Date.now();
    if (wait <= 0) {
      this.#host.transactAsServer((doc) => setVoteSessionOpen(doc, session.id, false));
      this.#tellEveryone({ ...session, open: false });
      return;
    }
    // Timers fire late, never early; voting is judged by the clock anyway (judgeDot).
    this.#timer = setTimeout(() => this.#schedule(), Math.min(wait, 2 ** 31 - 1));
    this.#timer.unref();
  }
}

/** A ballot's dots on notes that are still candidates: a deleted note gives its dots back. */
function liveDots(rules: VoteRules, dots: Ballot): Record<string, number> {
  const live: Record<string, number> = {};
  for (const [note, count] of Object.entries(dots)) {
    if (rules.candidates.has(note)) live[note] = count;
  }
  return live;
}
