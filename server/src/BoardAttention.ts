import {
  applyTimerControl,
  encodeFollow,
  encodeTimerState,
  readTimerState,
  STOPPED,
  type TimerControl,
  type TimerState,
  type ViewRect,
} from '@paja/shared';
import { type BoardSideState, sideKind } from './BoardSideState';
import type { SaveRecipient } from './SavePipeline';

/** The timer's one record: a kind of side state, so every storage adapter keeps it. */
const timerKind = sideKind<TimerState>('timer', (value) => {
  const state = readTimerState(value);
  if (typeof state === 'string') throw new Error(state);
  return state;
});
const TIMER_KEY = 'board';

/** Who hears attention messages: Paja clients (stock y-websocket clients would not know them). */
export interface AttentionMember extends SaveRecipient {
  readonly participantId: string;
}

/**
 * A loaded board's attention: the facilitator's timer and who leads follow-me. The room owns
 * one and tells it who joins; the connection has already checked that whoever controls it is
 * a facilitator, so nothing here asks about roles.
 *
 * The timer is side state (outside the document: a timer is not part of the board's history
 * and must not be undone), stored through the board's save pipeline, so it survives a restart
 * and the facilitator's page hears "saved" only after the commit. Its times are this server's
 * clock; every state message carries that clock's `now`, from which each client derives its
 * offset, so screens agree even when their clocks do not.
 *
 * Who leads is kept in memory only: follow-me is about the people in the room now, and after a
 * restart everyone's view is wherever they left it. The leader stays the leader across her own
 * reconnects (her participant id is stable), until a facilitator stops it.
 *
 * With several instances serving one board, each has its own copy of both; relaying them
 * between instances belongs to the multi-instance work and is not done.
 */
export class BoardAttention {
  readonly #side: BoardSideState;
  readonly #members: () => Iterable<AttentionMember>;
  readonly #now: () => number;
  #leader: string | null = null;

  constructor(
    side: BoardSideState,
    members: () => Iterable<AttentionMember>,
    now: () => number = Date.now,
  ) {
    this.#side = side;
    this.#members = members;
    this.#now = now;
  }

  get timer(): TimerState {
    return this.#side.get(timerKind, TIMER_KEY) ?? STOPPED;
  }

  get leader(): string | null {
    return this.#leader;
  }

  /** A new connection learns the timer (with the server's clock) and who leads. */
  greet(member: AttentionMember): void {
    if (!member.pajaClient) return;
    member.send(this.#timerMessage());
    member.send(encodeFollow({ kind: 'leader', leader: { participantId: this.#leader } }));
  }

  /**
   * Applies a facilitator's control. A change is stored (the facilitator hears `saved` after
   * the commit) and sent to everyone; a control that changes nothing (pausing a paused timer,
   * two facilitators pressing at once) answers the sender alone with the state as it is.
   */
  controlTimer(from: AttentionMember, control: TimerControl): void {
    const before = this.timer;
    // One reading of the clock for the new state and the `serverNow` sent with it: two could
    // fall on either side of a millisecond, and the clients would see a minute of 59.999 s.
    const now = this.#now();
    const after = applyTimerControl(before, control, now);
    if (after === before) {
      if (from.pajaClient) from.send(this.#timerMessage(now));
      return;
    }
    if (after.kind === 'stopped') this.#side.delete(timerKind, TIMER_KEY, from);
    else this.#side.put(timerKind, TIMER_KEY, after, from);
    this.#broadcast(this.#timerMessage(now));
  }

  /** Everyone else's view goes to `view`, once. */
  summon(from: AttentionMember, view: ViewRect): void {
    this.#broadcast(encodeFollow({ kind: 'summoned', view, by: from.participantId }), from);
  }

  /**
   * Starts (`on`) or stops follow-me. Any facilitator may stop it, whoever leads; starting
   * makes the sender the leader.
   */
  lead(from: AttentionMember, on: boolean): void {
    const leader = on ? from.participantId : null;
    if (leader === this.#leader) return;
    this.#leader = leader;
    this.#broadcast(encodeFollow({ kind: 'leader', leader: { participantId: leader } }));
  }

  #timerMessage(now = this.#now()): Uint8Array {
    return encodeTimerState({ timer: this.timer, serverNow: now });
  }

  #broadcast(message: Uint8Array, except?: AttentionMember): void {
    for (const member of this.#members()) {
      if (member !== except && member.pajaClient) member.send(message);
    }
  }
}
