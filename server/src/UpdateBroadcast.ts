import { encodeSyncUpdate } from '@paja/shared';
import * as Y from 'yjs';
import { atTurnEnd, MAX_HELD_BYTES } from './TurnWrites';
import { FrameRun, WireFrame } from './WireFrame';

/** What the broadcast needs of a connection. */
export interface BroadcastMember {
  /** Sends a message framed once for all (WireFrame.ts). */
  sendFrame(frame: WireFrame): void;
  /** Sends the messages of `run` but those at `without`, in one write (WireFrame.ts). */
  sendRun(run: FrameRun, without: readonly number[]): void;
}

/** A receiver that sent none of a run's updates. */
const NONE: readonly number[] = [];

/**
 * Readers (viewers, commenters, the public) hear a board's updates in batches once there are
 * this many of them; fewer get each update at once, as editors do.
 */
export const READERS_PER_BATCH_MS = 50;
/** The longest a reader's batch waits, however large the audience. */
export const MAX_READER_BATCH_MS = 200;

/**
 * How long readers' updates gather before they go out, for `readers` readers on the board:
 * nothing below READERS_PER_BATCH_MS readers, 1 ms more per READERS_PER_BATCH_MS readers
 * above (5,000 readers: 100 ms), never more than MAX_READER_BATCH_MS. An audience of thousands
 * gets a few frames a second however busy the workshop is, instead of one frame per edit per
 * reader (50 editors to 5,000 readers would be 250,000 frames a second: more than this
 * machine's `ws` stack sends, or a phone wants to read; see bench/RESULTS.md, the crowd).
 */
export function readerBatchMs(readers: number): number {
  return Math.min(MAX_READER_BATCH_MS, Math.floor(readers / READERS_PER_BATCH_MS));
}

/**
 * Updates larger than this are not gathered: they go out at once, on their own, after what was
 * gathered before them (batching gains nothing on a write that size; TurnWrites holds no more).
 */
export const MAX_GATHERED_BYTES = MAX_HELD_BYTES;

/**
 * A board's document updates on their way to its connections, encoded and framed once for all
 * (WireFrame.ts) and gathered per turn of the event loop.
 *
 * Editors (everyone who may write) hear the updates of one turn when it ends (TurnWrites'
 * atTurnEnd, before the turn's held writes leave: no turn of latency is added), each update
 * still a message of its own and never back to its sender, but all of them in ONE write per
 * socket: the turn's frames are laid back to back once (FrameRun), and each editor is written
 * that buffer, or the slices of it between its own updates. Under load the updates per turn
 * grow by themselves, and the writes per update fall; a quiet board has one update per turn
 * and pays nothing. The updates are not merged into one Yjs update: a merge cost about 20 µs
 * per small update in the server under load (profiled, bench/RESULTS.md "One write per turn"),
 * and a merge for all would have to go back to its senders too.
 *
 * Order: `sendGathered` writes what the turn gathered at once; the room calls it before any
 * other message reaches a member (Connection.sendFrame), so nothing that may depend on an
 * update (a sync answer, a comment result, side state, presence, `saved`) overtakes it.
 *
 * Readers (viewers, commenters, the public) get the same writes while they are few; past
 * READERS_PER_BATCH_MS of them their updates gather over a few milliseconds that grow with the
 * audience (readerBatchMs) and go out merged into one message, encoded once for all readers.
 * Merging changes nothing a client ends up with: Yjs applies a merged update exactly as its
 * parts.
 *
 * Nothing is stored here and nothing waits for storage: "saved" is the SavePipeline's.
 */
export class UpdateBroadcast<M extends BroadcastMember> {
  readonly #editors = new Set<M>();
  readonly #readers = new Set<M>();
  /** This turn's updates, not sent yet. */
  #gathered: Uint8Array[] = [];
  /** Which of them each member sent (indexes into #gathered): it is not sent those. */
  #sentBy = new Map<M, number[]>();
  #turnEndAsked = false;
  #forReaders: Uint8Array[] = [];
  #readerTimer: NodeJS.Timeout | null = null;
  #closed = false;

  /** Adds a connection; `reader`: it cannot write, and may hear the board a little later. */
  join(member: M, reader: boolean): void {
    (reader ? this.#readers : this.#editors).add(member);
  }

  leave(member: M): void {
    this.#editors.delete(member);
    this.#readers.delete(member);
  }

  /** An update applied to the board's document; `from` the member that sent it, if one did. */
  add(update: Uint8Array, from: M | null): void {
    if (this.#closed) return;
    if (update.byteLength > MAX_GATHERED_BYTES) {
      this.sendGathered();
      this.#send(update, from);
      return;
    }
    if (from) {
      const own = this.#sentBy.get(from);
      if (own) own.push(this.#gathered.length);
      else this.#sentBy.set(from, [this.#gathered.length]);
    }
    this.#gathered.push(update);
    if (!this.#turnEndAsked) {
      this.#turnEndAsked = true;
      atTurnEnd(this.#turnEnded);
    }
  }

  /**
   * Sends what this turn gathered, now. Called at the turn's end, and before any other message
   * to a member of the board, so that the updates arrive first.
   */
  sendGathered(): void {
    const updates = this.#gathered;
    if (updates.length === 0) return;
    const sentBy = this.#sentBy;
    this.#gathered = [];
    this.#sentBy = new Map();
    if (updates.length === 1) {
      const [from] = sentBy.keys();
      this.#send(updates[0] as Uint8Array, from ?? null);
      return;
    }
    const run = new FrameRun(updates.map((update) => new WireFrame(encodeSyncUpdate(update))));
    for (const member of this.#editors) member.sendRun(run, sentBy.get(member) ?? NONE);
    this.#toReaders(updates, (reader) => reader.sendRun(run, NONE));
  }

  /** Sends what readers wait for now (the room's last words before it closes). */
  flush(): void {
    this.sendGathered();
    if (this.#readerTimer) clearTimeout(this.#readerTimer);
    this.#sendToReaders();
  }

  /** Drops what is pending; nothing is sent after this. */
  close(): void {
    this.#closed = true;
    this.#gathered = [];
    this.#sentBy = new Map();
    this.#forReaders = [];
    if (this.#readerTimer) clearTimeout(this.#readerTimer);
    this.#readerTimer = null;
  }

  #turnEnded = (): void => {
    this.#turnEndAsked = false;
    if (!this.#closed) this.sendGathered();
  };

  /** One update to every editor but `notTo` (its sender), and to the readers. */
  #send(update: Uint8Array, notTo: M | null): void {
    const frame = new WireFrame(encodeSyncUpdate(update));
    for (const member of this.#editors) {
      if (member !== notTo) member.sendFrame(frame);
    }
    this.#toReaders([update], (reader) => reader.sendFrame(frame));
  }

  /**
   * `updates` to the readers: at once with `sendNow` while they are few and nothing waits for
   * them, otherwise into their batch (readerBatchMs).
   */
  #toReaders(updates: Uint8Array[], sendNow: (reader: M) => void): void {
    if (this.#readers.size === 0) return;
    const wait = readerBatchMs(this.#readers.size);
    if (wait === 0 && this.#forReaders.length === 0) {
      for (const reader of this.#readers) sendNow(reader);
      return;
    }
    for (const update of updates) this.#forReaders.push(update);
    this.#readerTimer ??= setTimeout(this.#sendToReaders, wait);
  }

  #sendToReaders = (): void => {
    this.#readerTimer = null;
    const updates = this.#forReaders;
    if (updates.length === 0 || this.#closed) return;
    this.#forReaders = [];
    const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
    const frame = new WireFrame(encodeSyncUpdate(merged));
    for (const member of this.#readers) member.sendFrame(frame);
  };
}
