import type { Logger } from '../log';
import type { Committed, NumberedSideWrite, SideWrite, Storage } from '../storage/Storage';
import type { Channel, FanOut } from './FanOut';
import { decodeRelayMessage, encodeRelayCommit, encodeRelayHead } from './relayMessages';
import { SequencedTrack } from './SequencedTrack';

/** What the relay does to the board's room. */
export interface RelayTarget {
  /**
   * Applies updates that are stored already (another instance's commits, or a catch-up from
   * storage): to the document, to the room's clients, never to storage again. Yjs applies
   * what the document has already as nothing, so a duplicate is harmless.
   */
  applyStored(updates: readonly Uint8Array[]): void;
  /**
   * Applies side-state writes that are stored already, in number order (BoardSideState's
   * `applyStored`). `reset`: they are every record storage holds through `through`.
   */
  applySide(writes: readonly NumberedSideWrite[], reset: boolean, through: number): void;
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

/**
 * A commit larger than this is not relayed whole: the others hear its numbers (a head) and
 * fetch it from storage at once, so that a history snapshot of a large board (a side record
 * of megabytes) does not travel through Redis to every instance.
 */
const MAX_RELAYED_BYTES = 1024 * 1024;

/**
 * The board's link to the same board on other instances: storage is the truth, the fan-out a
 * fast but lossy shortcut. After a commit, the room publishes what it stored (updates and
 * side-state writes) with their sequence numbers. Each of the two numbered streams is a
 * SequencedTrack: applied in number order (a later update may build on an earlier one; a
 * later write of a record replaces an earlier one), early arrivals held, and a hole that the
 * fan-out does not fill within `graceMs`, a `gap()` from the fan-out (it reconnected), another
 * instance's head past ours, or the periodic check makes it fetch what it missed from storage.
 * The two parts of one commit arrive in one message and are applied in the same turn.
 *
 * Lifecycle: `join` (before the board is read from storage, so nothing written meanwhile is
 * missed), `start` with the loaded sequence numbers, `leave` on unload.
 */
export class BoardRelay {
  readonly #boardId: string;
  readonly #storage: Storage;
  readonly #log: Logger;
  readonly #onCaughtUp: (() => void) | undefined;
  readonly #updates: SequencedTrack<Uint8Array>;
  readonly #side: SequencedTrack<NumberedSideWrite>;
  #target: RelayTarget | null = null;
  #channel: Channel | null = null;
  #checkTimer: NodeJS.Timeout | null = null;
  #catchingUp: Promise<void> | null = null;
  #again = false;
  #left = false;

  private constructor(boardId: string, storage: Storage, log: Logger, options: RelayOptions) {
    this.#boardId = boardId;
    this.#storage = storage;
    this.#log = log;
    this.#onCaughtUp = options.onCaughtUp;
    const graceMs = options.graceMs ?? 250;
    const catchUp = () => this.#catchUp();
    this.#updates = new SequencedTrack({
      graceMs,
      catchUp,
      apply: (updates) => this.#target?.applyStored(updates),
    });
    this.#side = new SequencedTrack({
      graceMs,
      catchUp,
      apply: (writes) => this.#target?.applySide(writes, false, this.#side.applied),
    });
    const every = options.checkEveryMs ?? 0;
    if (every > 0) {
      // Spread the checks of many boards and instances instead of beating in step.
      this.#checkTimer = setInterval(catchUp, every * (0.8 + Math.random() * 0.4));
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

  /** The room is loaded through these numbers: from now on the relay applies what others store. */
  start(lastSeq: number, lastSideSeq: number, target: RelayTarget): void {
    this.#target = target;
    this.#updates.start(lastSeq);
    this.#side.start(lastSideSeq);
  }

  /** Through which sequence number this instance has every stored update of the board. */
  get applied(): number {
    return this.#updates.applied;
  }

  /** Through which side sequence number this instance has every stored side write. */
  get appliedSide(): number {
    return this.#side.applied;
  }

  /** The room committed `updates` and `side` with these numbers: tell the other instances. */
  committed(numbers: Committed, updates: readonly Uint8Array[], side: readonly SideWrite[]): void {
    if (this.#left || (updates.length === 0 && side.length === 0)) return;
    this.#updates.own(numbers.lastSeq, updates.length);
    this.#side.own(numbers.lastSideSeq, side.length);
    this.#updates.advance();
    this.#side.advance();
    // One instance: nobody to tell, and the message would copy every update of the commit.
    if (!this.#channel?.othersMayHear()) return;
    const firstSeq = numbers.lastSeq - updates.length + 1;
    const firstSideSeq = numbers.lastSideSeq - side.length + 1;
    const message = encodeRelayCommit(firstSeq, updates, firstSideSeq, side);
    this.#channel.publish(
      message.byteLength <= MAX_RELAYED_BYTES
        ? message
        : encodeRelayHead(numbers.lastSeq, numbers.lastSideSeq),
    );
  }

  /**
   * Fetches from storage at once whatever the fan-out has not brought yet, and resolves when
   * that is applied: for a decision that must see every instance's writes (a vote's reveal).
   */
  async catchUpNow(): Promise<void> {
    await this.#catchingUp;
    this.#catchUp();
    await this.#catchingUp;
  }

  publishPresence(message: Uint8Array): void {
    if (!this.#left) this.#channel?.publishPresence(message);
  }

  async leave(): Promise<void> {
    this.#left = true;
    this.#target = null;
    if (this.#checkTimer) clearInterval(this.#checkTimer);
    this.#updates.stop();
    this.#side.stop();
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
      this.#updates.heard(message.lastSeq);
      this.#side.heard(message.lastSideSeq);
      // Nothing else will bring what the head announces: fetch it now.
      if (this.#updates.behind || this.#side.behind) this.#catchUp();
      return;
    }
    this.#updates.received(message.firstSeq, message.updates);
    this.#side.received(
      message.firstSideSeq,
      message.side.map((write, i) => ({ ...write, seq: message.firstSideSeq + i })),
    );
    this.#updates.advance();
    this.#side.advance();
  }

  /** The fan-out lost messages: fetch what we missed, and say what we hold, at once. */
  #onGap(): void {
    if (this.#left || !this.#updates.started) return;
    this.#catchUp();
    this.#channel?.publish(encodeRelayHead(this.#updates.known, this.#side.known));
  }

  /** Fetches everything stored after `applied`; one fetch at a time, again if asked meanwhile. */
  #catchUp(): void {
    if (this.#left || !this.#updates.started) return;
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
    const from = this.#updates.applied;
    const fromSide = this.#side.applied;
    let tail: Awaited<ReturnType<Storage['updatesSince']>>;
    let sideTail: Awaited<ReturnType<Storage['sideSince']>>;
    try {
      [tail, sideTail] = await Promise.all([
        this.#storage.updatesSince(this.#boardId, from),
        this.#storage.sideSince(this.#boardId, fromSide),
      ]);
    } catch (error) {
      // Storage is down; the periodic check or the next hole tries again.
      this.#log.warn('could not catch up from storage', { error });
      return;
    }
    if (!tail || !sideTail || !this.#target || this.#left) return;
    // The document first: side state (a vote's ballots) may refer to what it holds.
    const updates = tail.snapshot ? [tail.snapshot, ...tail.updates] : tail.updates;
    if (updates.length > 0 || sideTail.writes.length > 0 || sideTail.reset) {
      this.#log.debug('caught up from storage', { from, to: tail.lastSeq, fromSide });
      this.#onCaughtUp?.();
    }
    if (updates.length > 0) this.#target.applyStored(updates);
    if (sideTail.writes.length > 0 || sideTail.reset) {
      this.#target.applySide(sideTail.writes, sideTail.reset, sideTail.lastSideSeq);
    }
    this.#updates.caughtUp(tail.lastSeq);
    this.#side.caughtUp(sideTail.lastSideSeq);
  }
}
