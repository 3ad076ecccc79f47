import { WireFrame } from './WireFrame';

/** What a presence batch needs of a connection. */
export interface PresenceReceiver {
  /** Sends a message framed once for all (WireFrame.ts). */
  sendFrame(frame: WireFrame): void;
}

/** Up to this many people showing presence, a batch is one turn of the event loop. */
export const UNTHINNED_PEOPLE = 20;
/** The longest a batch waits, however many people move their cursors. */
export const MAX_PRESENCE_BATCH_MS = 500;
/** Cursor states a second that each receiver gets at most: past it, cursors are thinned. */
export const MAX_STATES_PER_RECEIVER = 2000;
/** Presence messages a second that one board sends at most, to all its receivers together. */
export const MAX_PRESENCE_MESSAGES = 20_000;

/** The board's rate of presence changes is measured over at least this long. */
const RATE_WINDOW_MS = 200;

/**
 * The shortest time between two presence batches of a board, with `people` showing presence
 * and `changesPerSecond` presence changes arriving on it (every move of every cursor):
 * - up to UNTHINNED_PEOPLE, none: every turn's changes go out when the turn ends;
 * - past that, long enough that the board sends at most MAX_PRESENCE_MESSAGES messages a
 *   second (people / 20 ms: 100 people, 5 ms), since each batch is a write to every receiver;
 * - and while the changes are more than a receiver should get (MAX_STATES_PER_RECEIVER), long
 *   enough to thin them to that: a batch holds at most one state per person, so people / 2 ms
 *   (500 people moving at 10 Hz: 250 ms, each receiver about 2,000 states a second instead of
 *   5,000, and the traffic grows with the people, not with their square);
 * - never more than MAX_PRESENCE_BATCH_MS.
 * A board of 100 people moving their cursors at 10 Hz (1,000 changes a second) is not thinned:
 * it waited 50 ms per batch once, people / 2 whatever the changes, which cost every cursor
 * 25-50 ms of latency that a receiver's 1,000 states a second did not need.
 */
export function presenceBatchMs(people: number, changesPerSecond: number): number {
  if (people <= UNTHINNED_PEOPLE) return 0;
  const forMessages = (people * 1000) / MAX_PRESENCE_MESSAGES;
  const forStates =
    changesPerSecond > MAX_STATES_PER_RECEIVER ? (people * 1000) / MAX_STATES_PER_RECEIVER : 0;
  return Math.min(MAX_PRESENCE_BATCH_MS, Math.floor(Math.max(forMessages, forStates)));
}

export interface PresenceBatchHost<M> {
  /** The board's connections now. */
  members(): Iterable<M>;
  /** How many awareness states the board holds (people showing presence). */
  people(): number;
  /** One awareness message with the current state (or removal) of each of `clientIds`. */
  encode(clientIds: readonly number[]): Uint8Array;
  /** Hands a message of this instance's own changes to the other instances. */
  publish(message: Uint8Array): void;
}

/**
 * Presence on its way to the board's connections: the awareness client ids that changed are
 * collected, and each batch sends ONE message with the latest state of every one of them,
 * encoded once for everyone. Thinning drops only intermediate positions of a moving cursor: a
 * state that appeared or went away (a join, a leave) is in the next batch, always. Changes
 * that came from another instance go to the members here but are not published again.
 */
export class PresenceBatch<M extends PresenceReceiver> {
  readonly #host: PresenceBatchHost<M>;
  #changed = new Set<number>();
  #local = new Set<number>();
  /** Who caused the changes of this batch: a single member is spared its own states. */
  #origins = new Set<unknown>();
  #scheduled = false;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** When the last batch went out. */
  #lastFlush = Number.NEGATIVE_INFINITY;
  /** Changes counted since `#countedFrom`, and the rate of the last RATE_WINDOW_MS or more. */
  #changes = 0;
  #countedFrom = performance.now();
  #changesPerSecond = 0;

  constructor(host: PresenceBatchHost<M>) {
    this.#host = host;
  }

  /** Awareness ids changed by `origin`; `local`: not relayed from another instance. */
  add(clientIds: readonly number[], origin: unknown, local: boolean): void {
    if (this.#closed || clientIds.length === 0) return;
    for (const id of clientIds) {
      this.#changed.add(id);
      if (local) this.#local.add(id);
    }
    this.#changes += clientIds.length;
    this.#origins.add(origin);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Paced: at once (when this turn ends) if the last batch left long enough ago.
    const batchMs = presenceBatchMs(this.#host.people(), this.#changesPerSecond);
    const wait = this.#lastFlush + batchMs - performance.now();
    if (wait <= 0) setImmediate(this.flush);
    else this.#timer = setTimeout(this.flush, wait);
  }

  /** Sends what is pending now. */
  flush = (): void => {
    this.#scheduled = false;
    this.#timer = null;
    if (this.#closed || this.#changed.size === 0) return;
    const now = performance.now();
    this.#lastFlush = now;
    const counted = now - this.#countedFrom;
    if (counted >= RATE_WINDOW_MS) {
      this.#changesPerSecond = (this.#changes * 1000) / counted;
      this.#changes = 0;
      this.#countedFrom = now;
    }
    const changed = [...this.#changed];
    const local = [...this.#local];
    const [onlyOrigin] = this.#origins.size === 1 ? this.#origins : [undefined];
    this.#changed = new Set();
    this.#local = new Set();
    this.#origins = new Set();
    const message = this.#host.encode(changed);
    const frame = new WireFrame(message);
    for (const member of this.#host.members()) {
      if (member !== onlyOrigin) member.sendFrame(frame);
    }
    if (local.length > 0) {
      this.#host.publish(local.length === changed.length ? message : this.#host.encode(local));
    }
  };

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
