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
  /** Keeps what is written to it in this turn together, to leave in one write at its end. */
  holdWrites(): void;
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

/** Gathered updates go out at once when together they pass this many bytes, paced or not. */
export const MAX_GATHERED_RUN_BYTES = 64 * 1024;

/** Milliseconds a board's broadcasts are paced per editor on it (editorPacingMs). */
export const PACING_MS_PER_EDITOR = 0.4;
/** The longest an editor waits for a busy board's updates, however many editors it has. */
export const MAX_EDITOR_PACING_MS = 20;

/**
 * The shortest time between two broadcasts of a board to its `editors` editors:
 * PACING_MS_PER_EDITOR per editor, rounded down (fewer than 3 editors: none, every turn's
 * updates go out when the turn ends; 10 editors: 4 ms; 25: 10 ms), never more than
 * MAX_EDITOR_PACING_MS (from 50 editors on). A broadcast costs a write per editor, so the
 * larger the board's audience, the longer its updates may gather; a quiet board is not paced
 * at all (its next update goes out at its turn's end when the last broadcast was long enough
 * ago), and a busy one sends at most 1000 / pacing broadcasts a second: 50 writers at 30 Hz
 * make 50 writes a second to each editor, the frame rate of a smooth drag, instead of one per
 * turn that read an update (about 1,500). What each costs in latency and CPU is measured in
 * bench/RESULTS.md ("Fifty writers on one board, paced to 50 broadcasts a second").
 */
export function editorPacingMs(editors: number): number {
  return Math.min(MAX_EDITOR_PACING_MS, Math.floor(editors * PACING_MS_PER_EDITOR));
}

/**
 * A board's document updates on their way to its connections, encoded and framed once for all
 * (WireFrame.ts) and gathered: per turn of the event loop, and on a busy board with many
 * editors for a few milliseconds (editorPacingMs).
 *
 * Editors (everyone who may write) hear the gathered updates when the turn ends (TurnWrites'
 * atTurnEnd, before the turn's held writes leave: no turn of latency is added) or, when the
 * board's last broadcast was less than its pacing ago, when the pacing has passed. Each update
 * is still a message of its own and never goes back to its sender, but all of them leave in
 * ONE write per socket: the frames are laid back to back once (FrameRun), and each editor is
 * written that buffer, or the slices of it between its own updates. Under load the updates per
 * broadcast grow by themselves, and the writes per update fall; a quiet board has one update
 * per turn and pays nothing. The updates are not merged into one Yjs update: a merge cost about
 * 20 µs per small update in the server under load (profiled, bench/RESULTS.md "One write per
 * turn"), and a merge for all would have to go back to its senders too.
 *
 * Order: before any other message reaches a member (Connection.sendFrame), the room calls
 * `sendGatheredTo` for it, which writes it what was gathered and not yet sent to it, so nothing
 * that may depend on an update (a sync answer, a comment result, side state, presence, `saved`)
 * overtakes it. The broadcast then leaves out what that member already has.
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
  /** The updates gathered for the next broadcast, and their frames once one was needed. */
  #gathered: Uint8Array[] = [];
  #frames: Array<WireFrame | undefined> = [];
  /** All of them as one run, once one was needed (#runOfGathered). */
  #run: FrameRun | null = null;
  #gatheredBytes = 0;
  /** Which of them each member sent (indexes into #gathered): it is not sent those. */
  #sentBy = new Map<M, number[]>();
  /** Members sent the first n of them already (sendGatheredTo): the broadcast skips those. */
  #sentAhead = new Map<M, number>();
  #broadcastAsked = false;
  #pacingTimer: NodeJS.Timeout | null = null;
  /** When the last broadcast left (performance.now()). */
  #lastBroadcast = Number.NEGATIVE_INFINITY;
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
    this.#gatheredBytes += update.byteLength;
    if (this.#gatheredBytes > MAX_GATHERED_RUN_BYTES) this.sendGathered();
    else this.#askBroadcast();
  }

  /**
   * Sends what was gathered to everyone, now. Called when the turn ends or the pacing has
   * passed, and before a large update.
   */
  sendGathered(): void {
    const updates = this.#gathered;
    if (updates.length === 0) return;
    const sentBy = this.#sentBy;
    const sentAhead = this.#sentAhead;
    const run = updates.length > 1 || sentAhead.size > 0 ? this.#runOfGathered() : null;
    this.#gathered = [];
    this.#frames = [];
    this.#run = null;
    this.#gatheredBytes = 0;
    this.#sentBy = new Map();
    this.#sentAhead = new Map();
    this.#lastBroadcast = performance.now();
    if (!run) {
      const [from] = sentBy.keys();
      this.#send(updates[0] as Uint8Array, from ?? null);
      return;
    }
    for (const member of this.#editors) {
      member.sendRun(run, leftOut(sentAhead.get(member), sentBy.get(member)));
    }
    this.#toReaders(updates, (reader) => reader.sendRun(run, leftOut(sentAhead.get(reader))));
  }

  /**
   * Sends `member` what was gathered and not sent to it yet, now: the room calls this before
   * any other message to the member, so that the updates arrive first. (Readers whose updates
   * are batched are not held to that: their batch is late by design.)
   */
  sendGatheredTo(member: M): void {
    // Called before every message to every member: most often nothing is gathered.
    const to = this.#gathered.length;
    if (to === 0) return;
    const from = this.#sentAhead.get(member) ?? 0;
    if (from >= to) return;
    if (!this.#editors.has(member) && !(this.#readers.has(member) && this.#readersHearAtOnce())) {
      return;
    }
    // First, so that sending (which asks again) finds nothing left for it.
    this.#sentAhead.set(member, to);
    // The message the member is sent after these follows them in the same write.
    member.holdWrites();
    member.sendRun(this.#runOfGathered(), leftOut(from, this.#sentBy.get(member)));
  }

  /**
   * The gathered updates framed and laid back to back, built once for as long as nothing is
   * added: after a commit, every writer in it is sent its share of the same run (with `saved`),
   * and the broadcast that follows uses it too.
   */
  #runOfGathered(): FrameRun {
    const run = this.#run;
    if (run && run.frames.length === this.#gathered.length) return run;
    const frames = this.#gathered.map((update, i) => {
      this.#frames[i] ??= frameOf(update);
      return this.#frames[i] as WireFrame;
    });
    this.#run = new FrameRun(frames);
    return this.#run;
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
    this.#frames = [];
    this.#run = null;
    this.#sentBy = new Map();
    this.#sentAhead = new Map();
    this.#forReaders = [];
    if (this.#pacingTimer) clearTimeout(this.#pacingTimer);
    this.#pacingTimer = null;
    if (this.#readerTimer) clearTimeout(this.#readerTimer);
    this.#readerTimer = null;
  }

  /**
   * Asks for the next broadcast: when this turn ends, or, if the last one left less than the
   * board's pacing ago (editorPacingMs), when the pacing has passed.
   */
  #askBroadcast(): void {
    if (this.#broadcastAsked) return;
    this.#broadcastAsked = true;
    const wait = this.#lastBroadcast + editorPacingMs(this.#editors.size) - performance.now();
    if (wait <= 0) atTurnEnd(this.#broadcastDue);
    else this.#pacingTimer = setTimeout(this.#broadcastDue, wait);
  }

  #broadcastDue = (): void => {
    this.#broadcastAsked = false;
    this.#pacingTimer = null;
    if (!this.#closed) this.sendGathered();
  };

  #readersHearAtOnce(): boolean {
    return readerBatchMs(this.#readers.size) === 0 && this.#forReaders.length === 0;
  }

  /** One update to every editor but `notTo` (its sender), and to the readers. */
  #send(update: Uint8Array, notTo: M | null): void {
    const frame = frameOf(update);
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
    if (this.#readersHearAtOnce()) {
      for (const reader of this.#readers) sendNow(reader);
      return;
    }
    for (const update of updates) this.#forReaders.push(update);
    this.#readerTimer ??= setTimeout(this.#sendToReaders, readerBatchMs(this.#readers.size));
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

function frameOf(update: Uint8Array): WireFrame {
  return new WireFrame(encodeSyncUpdate(update));
}

/**
 * The indexes of a run a member is not sent (ascending, as FrameRun.slicesWithout takes them):
 * the first `ahead` (sent to it already) and its own updates after them.
 */
function leftOut(ahead = 0, own: readonly number[] = NONE): readonly number[] {
  if (ahead === 0) return own;
  const left: number[] = [];
  for (let i = 0; i < ahead; i++) left.push(i);
  for (const i of own) if (i >= ahead) left.push(i);
  return left;
}
