import type { Logger } from '../log';
import type { Storage } from '../storage/Storage';
import type { Channel, FanOut } from './FanOut';
import { decodeRelayMessage, encodeRelayHead, encodeRelayUpdates } from './relayMessages';

/** What the relay does to the board's room. */
export interface RelayTarget {
  /**
   * Applies updates that are stored already (another instance's commits, or a catch-up from
   * storage): to the document, to the room's clients, never to storage again. Yjs applies
   * what the document has already as nothing, so a duplicate is harmless.
   */
  applyStored(updates: readonly Uint8Array[]): void;
  /** Applies presence another instance relayed. */
  applyPresence(message: Uint8Array): void;
}

export interface RelayOptions {
  /** Out-of-order messages wait this long for the missing ones before storage is asked. */
  graceMs?: number;
  /** Also ask storage this often whether anything was missed (0: never). */
  checkEveryMs?: number;
  /** A fetch from storage found updates the fan-out had not brought (for metrics). */
  onCaughtUp?: () => void;
}

/** Past this many messages held back waiting for a missing one, drop them and ask storage. */
const MAX_HELD = 5_000;

/**
 * The board's link to the same board on other instances: storage is the truth, the fan-out a
 * fast but lossy shortcut. After a commit, the room publishes what it stored with its
 * sequence numbers. Every instance tracks `applied`: the highest sequence number through
 * which it has every stored update. Relayed updates are applied in sequence order (a later
 * one may build on an earlier one); a hole in the numbers that the fan-out does not fill
 * within `graceMs`, a `gap()` from the fan-out (it reconnected), another instance's head past
 * ours, or the periodic check makes it fetch what it missed from storage.
 *
 * Lifecycle: `join` (before the board is read from storage, so nothing written meanwhile is
 * missed), `start` with the loaded sequence number, `leave` on unload.
 */
export class BoardRelay {
  readonly #boardId: string;
  readonly #storage: Storage;
  readonly #log: Logger;
  readonly #graceMs: number;
  readonly #onCaughtUp: (() => void) | undefined;
  #target: RelayTarget | null = null;
  #channel: Channel | null = null;
  /** Every stored update through this sequence number is in the document; -1 before start. */
  #applied = -1;
  /** Updates after `applied` that arrived early, by sequence number (null: our own commit). */
  readonly #held = new Map<number, Uint8Array | null>();
  /** The highest sequence number storage is known to hold. */
  #known = 0;
  #graceTimer: NodeJS.Timeout | null = null;
  #checkTimer: NodeJS.Timeout | null = null;
  #catchingUp: Promise<void> | null = null;
  #again = false;
  #left = false;

  private constructor(boardId: string, storage: Storage, log: Logger, options: RelayOptions) {
    this.#boardId = boardId;
    this.#storage = storage;
    this.#log = log;
    this.#graceMs = options.graceMs ?? 250;
    this.#onCaughtUp = options.onCaughtUp;
    const every = options.checkEveryMs ?? 0;
    if (every > 0) {
      // Spread the checks of many boards and instances instead of beating in step.
      this.#checkTimer = setInterval(() => this.#catchUp(), every * (0.8 + Math.random() * 0.4));
      this.#checkTimer.unref();
    }
  }

  static async join(
    boardId: string,
    fanOut: FanOut,
    storage: Storage,
    log: Logger,
    options: RelayOptions = {},
  ): Promise<BoardRelay> {
    const relay = new BoardRelay(boardId, storage, log, options);
    relay.#channel = await fanOut.join(boardId, {
      message: (message) => relay.#onMessage(message),
      presence: (message) => relay.#target?.applyPresence(message),
      gap: () => relay.#onGap(),
    });
    return relay;
  }

  /** The room is loaded through `lastSeq`: from now on the relay applies what others store. */
  start(lastSeq: number, target: RelayTarget): void {
    this.#target = target;
    this.#applied = lastSeq;
    this.#known = Math.max(this.#known, lastSeq);
    this.#advance();
  }

  /** Through which sequence number this instance has every stored update of the board. */
  get applied(): number {
    return this.#applied;
  }

  /** The room committed `updates`, the last with `lastSeq`: tell the other instances. */
  committed(lastSeq: number, updates: readonly Uint8Array[]): void {
    if (this.#left || updates.length === 0) return;
    const firstSeq = lastSeq - updates.length + 1;
    for (let seq = firstSeq; seq <= lastSeq; seq++) {
      if (seq > this.#applied) this.#held.set(seq, null);
    }
    this.#known = Math.max(this.#known, lastSeq);
    this.#advance();
    this.#channel?.publish(encodeRelayUpdates(firstSeq, updates));
  }

  publishPresence(message: Uint8Array): void {
    if (!this.#left) this.#channel?.publishPresence(message);
  }

  async leave(): Promise<void> {
    this.#left = true;
    this.#target = null;
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    if (this.#checkTimer) clearInterval(this.#checkTimer);
    this.#held.clear();
    await this.#channel?.leave();
  }

  #onMessage(bytes: Uint8Array): void {
    if (this.#left) return;
    let message: ReturnType<typeof decodeRelayMessage>;
    try {
      message = decodeRelayMessage(bytes);
    } catch (error) {
      // Instances trust each other, but a bad relay must not take the room down.
      this.#log.error('unreadable relay message', { error });
      return;
    }
    if (message.kind === 'head') {
      this.#known = Math.max(this.#known, message.lastSeq);
    } else {
      message.updates.forEach((update, i) => {
        const seq = message.firstSeq + i;
        if (seq > this.#applied && !this.#held.has(seq)) this.#held.set(seq, update);
      });
      this.#known = Math.max(this.#known, message.firstSeq + message.updates.length - 1);
      if (this.#held.size > MAX_HELD) {
        this.#held.clear();
        this.#catchUp();
        return;
      }
    }
    this.#advance();
  }

  /** The fan-out lost messages: fetch what we missed, and say what we hold, at once. */
  #onGap(): void {
    if (this.#left || this.#applied < 0) return;
    this.#catchUp();
    this.#channel?.publish(encodeRelayHead(this.#known));
  }

  /** Applies held updates that continue `applied`; waits for a hole, then asks storage. */
  #advance(): void {
    if (!this.#target) return; // not started: hold everything
    const ready: Uint8Array[] = [];
    for (const seq of [...this.#held.keys()]) if (seq <= this.#applied) this.#held.delete(seq);
    for (;;) {
      const next = this.#applied + 1;
      if (!this.#held.has(next)) break;
      const update = this.#held.get(next);
      this.#held.delete(next);
      if (update) ready.push(update);
      this.#applied = next;
    }
    if (ready.length > 0) this.#target.applyStored(ready);
    if (this.#known > this.#applied) {
      if (!this.#graceTimer) {
        this.#graceTimer = setTimeout(() => {
          this.#graceTimer = null;
          if (this.#known > this.#applied) this.#catchUp();
        }, this.#graceMs);
        this.#graceTimer.unref();
      }
    } else if (this.#graceTimer) {
      clearTimeout(this.#graceTimer);
      this.#graceTimer = null;
    }
  }

  /** Fetches everything stored after `applied`; one fetch at a time, again if asked meanwhile. */
  #catchUp(): void {
    if (this.#left || this.#applied < 0) return;
    if (this.#catchingUp) {
      this.#again = true;
      return;
    }
    this.#catchingUp = this.#fetch().finally(() => {
      this.#catchingUp = null;
      if (this.#again) {
        this.#again = false;
        this.#catchUp();
      }
    });
  }

  async #fetch(): Promise<void> {
    const from = this.#applied;
    let tail: Awaited<ReturnType<Storage['updatesSince']>>;
    try {
      tail = await this.#storage.updatesSince(this.#boardId, from);
    } catch (error) {
      // Storage is down; the periodic check or the next hole tries again.
      this.#log.warn('could not catch up from storage', { error });
      return;
    }
    if (!tail || !this.#target || this.#left) return;
    const updates = tail.snapshot ? [tail.snapshot, ...tail.updates] : tail.updates;
    if (updates.length > 0) {
      this.#log.debug('caught up from storage', { from, to: tail.lastSeq });
      this.#onCaughtUp?.();
      this.#target.applyStored(updates);
    }
    this.#applied = Math.max(this.#applied, tail.lastSeq);
    this.#known = Math.max(this.#known, tail.lastSeq);
    this.#advance();
  }
}
