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

/** What the exchange needs of its connection and room. */
export interface SyncParty {
  send(message: Uint8Array): void;
  /** The room's answers to step 1 requests. */
  readonly answers: SyncAnswers;
  /** The room's document, for the step 1 that asks the client for what it lacks. */
  readonly doc: Y.Doc;
  /** Asks the room to confirm the marker once everything sent before it is stored. */
  requestSaved(marker: number): void;
  /** Counts a resync (metrics). */
  resynced(): void;
}

/**
 * One connection's side of the sync protocol beyond applying updates: answering its step 1
 * requests (rate-limited, coalesced, shared answers), and the resync after an update that
 * overtook a reconnect's step 2. While a resync is open, a save request is held: "everything I
 * sent before this" includes the part the server dropped and asked for again, so it is
 * confirmed only once the client's step 2 has brought it.
 */
export class SyncExchange {
  readonly #party: SyncParty;
  readonly #step1 = new RateLimiter(STEP1_PER_SECOND, STEP1_BURST);
  #waiting: Uint8Array | null = null;
  #timer: NodeJS.Timeout | null = null;
  #resyncing = false;
  #heldMarker: number | null = null;
  #closed = false;

  constructor(party: SyncParty) {
    this.#party = party;
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
      if (!this.#resyncing) this.#party.send(encodeSyncStep1(this.#party.doc));
      this.#resyncing = true;
      this.#party.resynced();
      return;
    }
    if (isStep2 && this.#resyncing) {
      this.#resyncing = false;
      if (this.#heldMarker !== null) this.#party.requestSaved(this.#heldMarker);
      this.#heldMarker = null;
    }
  }

  saveRequested(marker: number): void {
    if (this.#resyncing) this.#heldMarker = Math.max(this.#heldMarker ?? 0, marker);
    else this.#party.requestSaved(marker);
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Answers the waiting step 1 now if the rate allows, else when it will. */
  #answer(): void {
    if (this.#timer || this.#waiting === null || this.#closed) return;
    if (!this.#step1.take()) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#answer();
      }, this.#step1.msUntilToken());
      this.#timer.unref();
      return;
    }
    const stateVector = this.#waiting;
    this.#waiting = null;
    this.#party.send(this.#party.answers.for(stateVector, Y.decodeStateVector(stateVector)));
  }
}
