import { encodeSyncUpdate } from '@paja/shared';
import * as Y from 'yjs';
import { atTurnEnd, MAX_HELD_BYTES } from './TurnWrites';
import { WireFrame } from './WireFrame';

/** What the broadcast needs of a connection. */
export interface BroadcastMember {
  /** Sends a message framed once for all (WireFrame.ts). */
  sendFrame(frame: WireFrame): void;
}

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
 * gathered before them. Merging a board-sized update (a joiner's offline work) into a turn's
 * small ones would cost more than the sends it saves. (The size TurnWrites holds, too.)
 */
export const MAX_GATHERED_BYTES = MAX_HELD_BYTES;

/**
 * A board's document updates on their way to its connections, gathered per turn of the event
 * loop and encoded and framed once for all (WireFrame.ts).
 *
 * Editors (everyone who may write) hear the updates of one turn when it ends (TurnWrites'
 * atTurnEnd, before the turn's held writes leave: no turn of latency is added). Several are
 * merged ONCE (Y.mergeUpdates; one update goes as it came) and framed once. If one member sent
 * all of them, every editor but that member hears them. If several did (or the server), every
 * editor hears them, the senders included: a Yjs client applying its own update again changes
 * nothing (y-websocket's server always sends every update back to its sender), whereas leaving
 * each sender's own out would need a merge per sender, which is why editors' updates were once
 * not merged at all. A quiet board has one update per turn and pays nothing; under load the
 * updates per turn grow by themselves and the sends per update fall: with 50 writers, one
 * frame per editor per turn instead of one per update per editor (bench/RESULTS.md, "One
 * broadcast per turn").
 *
 * Order: `sendGathered` writes what the turn gathered at once; the room calls it before any
 * other message reaches a member (Connection.sendFrame), so nothing that may depend on an
 * update (a sync answer, side state, presence, `saved`) overtakes it.
 *
 * Readers (viewers, commenters, the public) get the same frame while they are few; past
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
  /** The member that sent every one of them; null once another member or the server did. */
  #soleSender: M | null = null;
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
    if (this.#gathered.length === 0) this.#soleSender = from;
    else if (from !== this.#soleSender) this.#soleSender = null;
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
    this.#gathered = [];
    const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
    this.#send(merged, this.#soleSender);
    this.#soleSender = null;
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
    this.#forReaders = [];
    if (this.#readerTimer) clearTimeout(this.#readerTimer);
    this.#readerTimer = null;
  }

  #turnEnded = (): void => {
    this.#turnEndAsked = false;
    if (!this.#closed) this.sendGathered();
  };

  /** `update` to every editor but `notTo` (who sent all of it), and to the readers. */
  #send(update: Uint8Array, notTo: M | null): void {
    const frame = new WireFrame(encodeSyncUpdate(update));
    for (const member of this.#editors) {
      if (member !== notTo) member.sendFrame(frame);
    }
    if (this.#readers.size === 0) return;
    const wait = readerBatchMs(this.#readers.size);
    if (wait === 0 && this.#forReaders.length === 0) {
      for (const member of this.#readers) member.sendFrame(frame);
      return;
    }
    this.#forReaders.push(update);
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
