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

/**
 * How long presence changes gather before they go out, with `people` showing presence on the
 * board: one turn up to UNTHINNED_PEOPLE, then half a millisecond per person (100 people:
 * 50 ms, 20 updates a second of each cursor; 500 people: 250 ms), at most
 * MAX_PRESENCE_BATCH_MS. Each receiver then gets about 2,000 cursor states a second at most,
 * however large the board, instead of every move of every cursor: the traffic grows with
 * the people, not with their square.
 */
export function presenceBatchMs(people: number): number {
  if (people <= UNTHINNED_PEOPLE) return 0;
  return Math.min(MAX_PRESENCE_BATCH_MS, Math.floor(people / 2));
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
    this.#origins.add(origin);
    if (this.#scheduled) return;
    this.#scheduled = true;
    const wait = presenceBatchMs(this.#host.people());
    if (wait === 0) setImmediate(this.flush);
    else this.#timer = setTimeout(this.flush, wait);
  }

  /** Sends what is pending now. */
  flush = (): void => {
    this.#scheduled = false;
    this.#timer = null;
    if (this.#closed || this.#changed.size === 0) return;
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
