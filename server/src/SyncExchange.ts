import * as Y from 'yjs';
import type { Admission } from './admission';
import { RateLimiter } from './RateLimiter';
import type { SyncAnswers } from './SyncAnswers';
import { encodeSyncStep1 } from './syncFrames';

/**
 * Sync step 1 requests: a client sends one per connection (some also on an interval to
 * resync). Each answer may be the whole board, so a burst of 3 and then one per 10 s; a
 * request over the rate waits and is answered then, and only the newest waiting one counts.
 */
const STEP1_BURST = 3;
const STEP1_PER_SECOND = 0.1;

/** What the exchange needs of its connection. */
export interface SyncMember {
  send(message: Uint8Array): void;
}

/** What the exchange needs of its room. */
export interface SyncRoom<Member extends SyncMember> {
  /** The room's answers to step 1 requests. */
  readonly answers: SyncAnswers;
  /** The room's document, for the step 1 that asks the client for what it lacks. */
  readonly doc: Y.Doc;
  /** Confirms `marker` to `member` once everything it sent before it is stored. */
  requestSaved(member: Member, marker: number): void;
}

/**
 * One connection's side of the sync protocol beyond applying updates: answering its step 1
 * requests (rate-limited, coalesced, shared answers), and the resync after an update that
 * overtook a reconnect's step 2. While a resync is open, a save request is held: "everything I
 * sent before this" includes the part the server dropped and asked for again, so it is
 * confirmed only once the client's step 2 has brought it.
 */
export class SyncExchange<Member extends SyncMember> {
  // The connection, its room and the metrics themselves, not closures over them: one of these
  // lives as long as each socket, and closures were most of its size.
  readonly #member: Member;
  readonly #room: SyncRoom<Member>;
  readonly #metrics: { resyncs: number };
  /** Made at the second step 1 (RateLimiter.afterOne): most sockets send one. */
  #step1: RateLimiter | null = null;
  #askedBefore = false;
  #waiting: Uint8Array | null = null;
  #timer: NodeJS.Timeout | null = null;
  #resyncing = false;
  #heldMarker: number | null = null;
  #closed = false;

  constructor(member: Member, room: SyncRoom<Member>, metrics: { resyncs: number }) {
    this.#member = member;
    this.#room = room;
    this.#metrics = metrics;
  }

  /** A step 1 arrived (its state vector is decoded already, so it is well formed). */
  stepOne(stateVector: Uint8Array): void {
    this.#waiting = stateVector;
    this.#answer();
  }

  /** An update or step 2 of the client went through admission with `admission`. */
  received(admission: Admission & { ok: true }, isStep2: boolean): void {
    if (admission.apply && admission.missing) {
      // Keep the connection and ask the client for everything the server lacks: its answer (a
      // step 2) holds the dropped part too. Asked once per wait, however many updates race.
      if (!this.#resyncing) this.#member.send(encodeSyncStep1(this.#room.doc));
      this.#resyncing = true;
      this.#metrics.resyncs++;
      return;
    }
    if (isStep2 && this.#resyncing) {
      this.#resyncing = false;
      if (this.#heldMarker !== null) this.#room.requestSaved(this.#member, this.#heldMarker);
      this.#heldMarker = null;
    }
  }

  saveRequested(marker: number): void {
    if (this.#resyncing) this.#heldMarker = Math.max(this.#heldMarker ?? 0, marker);
    else this.#room.requestSaved(this.#member, marker);
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Answers the waiting step 1 now if the rate allows, else when it will. */
  #answer(): void {
    if (this.#timer || this.#waiting === null || this.#closed) return;
    if (this.#askedBefore) this.#step1 ??= RateLimiter.afterOne(STEP1_PER_SECOND, STEP1_BURST);
    this.#askedBefore = true;
    if (this.#step1 && !this.#step1.take()) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#answer();
      }, this.#step1.msUntilToken());
      this.#timer.unref();
      return;
    }
    const stateVector = this.#waiting;
    this.#waiting = null;
    this.#member.send(this.#room.answers.for(stateVector, Y.decodeStateVector(stateVector)));
  }
}
