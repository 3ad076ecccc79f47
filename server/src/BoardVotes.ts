import {
  createVoteSession,
  deleteVoteSession,
  dotsLeft,
  dotsPlaced,
  encodeVoteMessage,
  judgeDot,
  mayPerson,
  type Role,
  readMeta,
  setPhase,
  setVoteSessionOpen,
  tally,
  type VoteProgress,
  type VoteRefusal,
  type VoteRequest,
  type VoteSessionView,
  type VoteStatus,
  voteRulesOf,
  withDot,
  writeVoteResults,
} from '@paja/shared';
import type * as Y from 'yjs';
import { type BoardSideState, readChange, type SideChange } from './BoardSideState';
import { CurrentVoteSession } from './CurrentVoteSession';
import type { SaveRecipient } from './SavePipeline';
import { VoteRoll } from './VoteRoll';
import {
  BALLOTS,
  ballotKey,
  LATE,
  liveDots,
  ROLL,
  resultsOf,
  type StoredBallot,
} from './voteRecords';

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
  /** Resolves when whatever other instances stored before now is applied here. */
  catchUp(): Promise<void>;
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
 *
 * Several instances: ballots, the roll and latecomers are side state, so every instance
 * serving the board holds them (BoardSideState relays them). An instance that learns of a new
 * session from another puts the participants connected to it on the roll; the budget is
 * judged against the voter's ballot as this instance has it, and each stored ballot is a whole
 * valid ballot, so no interleaving can exceed it (a person voting in two tabs on two instances
 * in the same few milliseconds may see one of the two dots not kept). The reveal first fetches
 * what other instances stored, so it counts every dot stored before it.
 */
export class BoardVotes {
  readonly #host: VoteHost;
  /** Facilitator connections that asked to see the running counts. */
  readonly #watching = new WeakSet<VoteMember>();
  readonly #roll: VoteRoll;
  readonly #session: CurrentVoteSession;
  #timer: NodeJS.Timeout | null = null;
  /** The session (id, open, end) as this instance last told its connections. */
  #told = '';

  constructor(host: VoteHost) {
    this.#host = host;
    this.#session = new CurrentVoteSession(host.doc);
    this.#roll = new VoteRoll(host.side);
    host.side.onStored([BALLOTS, ROLL, LATE], (changes) => this.#storedElsewhere(changes));
  }

  /** After the board is loaded and migrated: ends a timed session whose time ran out meanwhile. */
  resume(): void {
    this.#told = this.#signature();
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
    if (member.role !== ROLL_ROLE) return;
    // Written down, so that a facilitator on another instance sees the latecomer too.
    this.#roll.markLate(session.id, member.participantId);
    this.#tellFacilitators(session);
  }

  /**
   * Another instance changed the document (relayed): if it started, ended, reopened or
   * dropped a vote session, this instance's connections hear their status, and a session
   * started elsewhere gets the participants connected here on its roll.
   */
  documentChanged(): void {
    const signature = this.#signature();
    if (signature === this.#told) return;
    const session = this.#current();
    const started = session && !this.#told.startsWith(`${session.id}:`);
    this.#told = signature;
    if (session && started && session.open) {
      for (const id of this.#present()) this.#roll.enrol(session.id, id);
    }
    this.#schedule();
    if (session) this.#tellEveryone(session);
  }

  /** Ballots, the roll or latecomers changed on another instance. */
  #storedElsewhere(changes: readonly SideChange[]): void {
    const session = this.#current();
    if (!session) return;
    const voters = new Set<string>();
    for (const { kind, before, after } of changes) {
      if (kind === LATE.name) continue;
      const parse = kind === BALLOTS.name ? BALLOTS : ROLL;
      const record = readChange(parse, after) ?? readChange(parse, before);
      if (record?.session === session.id) voters.add(record.participant);
    }
    for (const member of this.#host.members()) {
      if (voters.has(member.participantId) && member.role !== 'facilitator') {
        member.send(this.#statusFor(member, session));
      }
    }
    this.#tellFacilitators(session);
  }

  #signature(): string {
    const session = this.#current();
    return session ? `${session.id}:${session.open}:${session.endsAt}` : '';
  }

  left(member: VoteMember): void {
    const session = this.#current();
    if (!session || member.role !== ROLL_ROLE) return;
    const id = member.participantId;
    if (![...this.#host.members()].some((other) => other.participantId === id)) {
      this.#roll.leftLate(session.id, id); // a latecomer who left is no longer waiting
    }
    this.#tellFacilitators(session);
  }

  /** Judges and carries out one request; answers after what it wrote is committed. */
  async handle(member: VoteMember, request: VoteRequest): Promise<void> {
    // Every dot stored on any instance before the reveal is counted: fetch them first.
    if (request.kind === 'reveal' && member.role === 'facilitator') await this.#host.catchUp();
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
            this.#roll.forget(session.id);
            break;
          case 'admit':
            for (const id of this.#latecomers(session)) this.#roll.enrol(session.id, id);
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
      if (member.role !== 'facilitator' && !this.#host.side.has(ROLL, key)) return 'notOnRoll';
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
    for (const id of this.#present()) this.#roll.enrol(session, id);
    return { session };
  }

  #reveal(session: VoteSessionView): void {
    const results = resultsOf(session, this.#roll.ballots(session.id));
    // One synchronous block: the results and the deletion of the ballots share one commit.
    this.#host.transactAsServer((doc) => writeVoteResults(doc, session.id, results));
    this.#roll.forget(session.id);
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
    this.#told = this.#signature();
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
    const onRoll = this.#roll.onRoll(session.id, member.participantId);
    const votes = member.role === 'facilitator' || (member.role === ROLL_ROLE && onRoll);
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
          this.#roll.ballots(session.id).map((b) => b.dots),
        );
      }
    }
    return encodeVoteMessage({ kind: 'status', ...status });
  }

  #progress(session: VoteSessionView): VoteProgress {
    const ballots = this.#roll.ballots(session.id);
    const rules = voteRulesOf(session);
    return {
      voted: ballots.filter((b) => dotsPlaced(liveDots(rules, b.dots)) > 0).length,
      roll: this.#roll.roll(session.id).size,
      latecomers: this.#latecomers(session).length,
    };
  }

  #current(): VoteSessionView | undefined {
    return this.#session.get();
  }

  /** Distinct participant ids of the participants connected now. */
  #present(): Set<string> {
    const ids = new Set<string>();
    for (const member of this.#host.members()) {
      if (member.role === ROLL_ROLE) ids.add(member.participantId);
    }
    return ids;
  }

  /** Participants here now, or written down by any instance, who are not on the roll. */
  #latecomers(session: VoteSessionView): string[] {
    const late = this.#roll.late(session.id);
    for (const id of this.#present()) if (!this.#roll.onRoll(session.id, id)) late.add(id);
    return [...late];
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
