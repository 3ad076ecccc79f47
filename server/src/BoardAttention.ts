import {
  applyTimerControl,
  encodeFollow,
  encodeTimerState,
  readTimerState,
  readViewRect,
  STOPPED,
  type TimerControl,
  type TimerState,
  type ViewRect,
} from '@paja/shared';
import { type BoardSideState, readChange, type SideChange, sideKind } from './BoardSideState';
import type { SaveRecipient } from './SavePipeline';

/** The timer's one record: a kind of side state, so every storage adapter keeps it. */
const timerKind = sideKind<TimerState>('timer', (value) => {
  const state = readTimerState(value);
  if (typeof state === 'string') throw new Error(state);
  return state;
});
const TIMER_KEY = 'board';

/** Who leads follow-me: side state too, so that every instance serving the board agrees. */
const leaderKind = sideKind<string>('follow-leader', (value) => {
  if (typeof value !== 'string' || value.length === 0) throw new Error('not a participant id');
  return value;
});

/**
 * The last "bring everyone here": stored only to reach the people on other instances (through
 * the relay, or storage after a relay outage). A summons older than SUMMON_FRESH_MS when it
 * arrives is not acted on: jumping everyone's view long after the facilitator asked would
 * confuse more than it helps.
 */
interface Summons {
  view: ViewRect;
  by: string;
  at: number;
}
const summonsKind = sideKind<Summons>('follow-summons', (value) => {
  const { view, by, at } = (value ?? {}) as Record<string, unknown>;
  const rect = readViewRect(view);
  if (typeof rect === 'string') throw new Error(rect);
  if (typeof by !== 'string' || typeof at !== 'number') throw new Error('not a summons');
  return { view: rect, by, at };
});
const SUMMON_FRESH_MS = 10_000;
const CURRENT = 'board';

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
 * Who leads is side state as well: with several instances serving one board, the people on
 * each must follow the same leader, and an instance restarted in a rolling upgrade must not
 * forget that someone leads. The leader stays the leader across her own reconnects (her
 * participant id is stable), until a facilitator stops it. "Bring everyone here" reaches the
 * other instances as a side record too (see Summons).
 *
 * Changes another instance stored arrive through the side state's `onStored`: the timer, the
 * leader or a fresh summons is then sent to this instance's connections.
 */
export class BoardAttention {
  readonly #side: BoardSideState;
  readonly #members: () => Iterable<AttentionMember>;
  readonly #now: () => number;

  constructor(
    side: BoardSideState,
    members: () => Iterable<AttentionMember>,
    now: () => number = Date.now,
  ) {
    this.#side = side;
    this.#members = members;
    this.#now = now;
    side.onStored([timerKind, leaderKind, summonsKind], (changes) =>
      this.#storedElsewhere(changes),
    );
  }

  get timer(): TimerState {
    return this.#side.get(timerKind, TIMER_KEY) ?? STOPPED;
  }

  get leader(): string | null {
    return this.#side.get(leaderKind, CURRENT) ?? null;
  }

  /** A new connection learns the timer (with the server's clock) and who leads. */
  greet(member: AttentionMember): void {
    if (!member.pajaClient) return;
    member.send(this.#timerMessage());
    member.send(this.#leaderMessage());
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
    const summons: Summons = { view, by: from.participantId, at: this.#now() };
    this.#side.put(summonsKind, CURRENT, summons);
    this.#broadcast(encodeFollow({ kind: 'summoned', view, by: from.participantId }), from);
  }

  /**
   * Starts (`on`) or stops follow-me. Any facilitator may stop it, whoever leads; starting
   * makes the sender the leader.
   */
  lead(from: AttentionMember, on: boolean): void {
    const leader = on ? from.participantId : null;
    if (leader === this.leader) return;
    if (leader === null) this.#side.delete(leaderKind, CURRENT, from);
    else this.#side.put(leaderKind, CURRENT, leader, from);
    this.#broadcast(this.#leaderMessage());
  }

  /** Another instance changed the timer, the leader or summoned everyone: tell ours. */
  #storedElsewhere(changes: readonly SideChange[]): void {
    for (const change of changes) {
      if (change.kind === timerKind.name) this.#broadcast(this.#timerMessage());
      else if (change.kind === leaderKind.name) this.#broadcast(this.#leaderMessage());
      else {
        const summons = readChange(summonsKind, change.after);
        if (summons && Math.abs(this.#now() - summons.at) < SUMMON_FRESH_MS) {
          this.#broadcast(encodeFollow({ kind: 'summoned', view: summons.view, by: summons.by }));
        }
      }
    }
  }

  #leaderMessage(): Uint8Array {
    return encodeFollow({ kind: 'leader', leader: { participantId: this.leader } });
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
