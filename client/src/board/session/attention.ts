import {
  decodeFollow,
  decodeTimerMessage,
  encodeFollow,
  encodeTimerControl,
  MessageType,
  STOPPED,
  type TimerControl,
  type TimerState,
  type ViewRect,
} from '@paja/shared';
import { ServerClock } from './serverClock';
import { Store } from './store';
import type { SyncChannel } from './syncChannel';

/** The timer as this page knows it, and how far the server's clock is from this browser's. */
export interface TimerSnapshot {
  timer: TimerState;
  /** Add to `Date.now()` to get the server's clock (ServerClock's estimate). */
  offsetMs: number;
}

/** A facilitator's "bring everyone here": where to go, and who asked. */
export interface Summons {
  view: ViewRect;
  by: string;
  /** Counts summons, so two to the same view are two events. */
  seq: number;
}

/**
 * The session's slice for the timer (108) and follow (109) families: what the server says,
 * in stores of their own (only the timer re-renders each second, only the follow notice when
 * a leader changes), and the facilitator's requests. The server decides who may send them;
 * the page offers them to facilitators only.
 */
export class AttentionSlice {
  readonly timer = new Store<TimerSnapshot>({ timer: STOPPED, offsetMs: 0 });
  /** The participant id of whoever leads follow-me, or null. */
  readonly leader = new Store<string | null>(null);
  readonly summons = new Store<Summons | null>(null);
  readonly #channel: SyncChannel;
  readonly #clock = new ServerClock();
  readonly #cleanup: Array<() => void> = [];

  constructor(channel: SyncChannel, now: () => number = Date.now) {
    this.#channel = channel;
    channel.handle(MessageType.timer, (decoder) => {
      const message = decodeTimerMessage(decoder);
      // A server of this protocol version sends only states; anything else is ignored.
      if (!message.ok || message.value.kind !== 'state') return;
      const { timer, serverNow } = message.value.state;
      const local = now();
      this.#clock.observe(serverNow, local);
      this.timer.set({ timer, offsetMs: this.#clock.now(local) - local });
    });
    channel.handle(MessageType.follow, (decoder) => {
      const message = decodeFollow(decoder);
      if (!message.ok) return;
      const follow = message.value;
      if (follow.kind === 'leader') this.leader.set(follow.leader.participantId);
      if (follow.kind === 'summoned') {
        const seq = (this.summons.get()?.seq ?? 0) + 1;
        this.summons.set({ view: follow.view, by: follow.by, seq });
      }
    });
    // Each connection measures the offset afresh: the local clock may have changed meanwhile.
    this.#cleanup.push(
      channel.onStatus((status) => {
        if (status === 'connected') this.#clock.reset();
      }),
    );
  }

  /** Sends a facilitator's timer control; false when not connected (nothing was sent). */
  controlTimer(control: TimerControl): boolean {
    return this.#channel.send(encodeTimerControl(control));
  }

  /** Brings everyone else to `view`, once. */
  summon(view: ViewRect): boolean {
    return this.#channel.send(encodeFollow({ kind: 'summon', view }));
  }

  /** Starts or stops leading follow-me. */
  lead(on: boolean): boolean {
    return this.#channel.send(encodeFollow({ kind: 'lead', on }));
  }

  destroy(): void {
    for (const cleanup of this.#cleanup.splice(0)) cleanup();
  }
}
