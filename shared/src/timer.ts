/**
 * The facilitator's workshop timer: its state and the pure rules that change it. The server
 * holds the one true state (outside the document, durably) and is the only one that applies
 * a control, with its own clock as `now`; clients only read a state and compute what is left
 * from their offset to the server's clock. Times are milliseconds; instants are the server's
 * `Date.now()`.
 */

/** The longest a timer may run or be extended to: a whole workshop day. */
export const MAX_TIMER_MS = 8 * 60 * 60 * 1000;
/** The shortest timer that may be started or extension that may be asked for. */
export const MIN_TIMER_MS = 1000;

/** `durationMs` is the whole length (start plus extensions): how full a progress bar is. */
export type TimerState =
  | { readonly kind: 'stopped' }
  /** Counting down; at `endsAt` (server clock) it reads 0 and stays "time is up". */
  | { readonly kind: 'running'; readonly endsAt: number; readonly durationMs: number }
  /** Held at `remainingMs` until resumed. */
  | { readonly kind: 'paused'; readonly remainingMs: number; readonly durationMs: number };

export const STOPPED: TimerState = { kind: 'stopped' };

export type TimerControl =
  | { readonly action: 'start'; readonly durationMs: number }
  | { readonly action: 'pause' }
  | { readonly action: 'resume' }
  | { readonly action: 'extend'; readonly ms: number }
  | { readonly action: 'stop' };

export const TIMER_ACTIONS = ['start', 'pause', 'resume', 'extend', 'stop'] as const;

export function isTimerLength(ms: unknown): ms is number {
  return (
    typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= MIN_TIMER_MS && ms <= MAX_TIMER_MS
  );
}

/** Milliseconds left at `now` (server clock), never below 0. */
export function timerRemaining(state: TimerState, now: number): number {
  switch (state.kind) {
    case 'stopped':
      return 0;
    case 'running':
      return Math.max(0, state.endsAt - now);
    case 'paused':
      return state.remainingMs;
  }
}

/** Whether the timer has run out: running and at or past its end. */
export function timerEnded(state: TimerState, now: number): boolean {
  return state.kind === 'running' && state.endsAt <= now;
}

/**
 * The state after `control` at `now`. A control that means nothing in the current state
 * (pausing a paused timer, resuming a running one, extending a stopped one, pausing one that
 * has run out) returns the same object, so the caller can tell that nothing changed. An
 * extension of a timer that has run out starts counting again from `now`; lengths are capped
 * at MAX_TIMER_MS.
 */
export function applyTimerControl(
  state: TimerState,
  control: TimerControl,
  now: number,
): TimerState {
  switch (control.action) {
    case 'start':
      return { kind: 'running', endsAt: now + control.durationMs, durationMs: control.durationMs };
    case 'stop':
      return state.kind === 'stopped' ? state : STOPPED;
    case 'pause':
      if (state.kind !== 'running' || timerEnded(state, now)) return state;
      return { kind: 'paused', remainingMs: state.endsAt - now, durationMs: state.durationMs };
    case 'resume':
      if (state.kind !== 'paused') return state;
      return { kind: 'running', endsAt: now + state.remainingMs, durationMs: state.durationMs };
    case 'extend': {
      if (state.kind === 'stopped') return state;
      // What is left never exceeds the whole length, so capping both keeps that true.
      const remaining = Math.min(MAX_TIMER_MS, timerRemaining(state, now) + control.ms);
      const durationMs = Math.min(MAX_TIMER_MS, state.durationMs + control.ms);
      return state.kind === 'running'
        ? { kind: 'running', endsAt: now + remaining, durationMs }
        : { kind: 'paused', remainingMs: remaining, durationMs };
    }
  }
}

/**
 * Reads a timer state from untrusted JSON (the wire, storage): the state, or why not. Every
 * field is checked and unknown fields are refused.
 */
export function readTimerState(value: unknown): TimerState | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'timer is not an object';
  }
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort().join(',');
  switch (v.kind) {
    case 'stopped':
      return keys === 'kind' ? STOPPED : 'a stopped timer has no other fields';
    case 'running':
      if (keys !== 'durationMs,endsAt,kind') return 'a running timer has endsAt and durationMs';
      if (!isInstant(v.endsAt)) return 'endsAt is not an instant';
      if (!isTimerLength(v.durationMs)) return 'durationMs is out of range';
      return { kind: 'running', endsAt: v.endsAt, durationMs: v.durationMs };
    case 'paused':
      if (keys !== 'durationMs,kind,remainingMs') {
        return 'a paused timer has remainingMs and durationMs';
      }
      if (!isTimerLength(v.durationMs)) return 'durationMs is out of range';
      if (!isUintAtMost(v.remainingMs, v.durationMs)) return 'remainingMs is out of range';
      return { kind: 'paused', remainingMs: v.remainingMs, durationMs: v.durationMs };
    default:
      return 'unknown timer kind';
  }
}

export function isInstant(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isUintAtMost(value: unknown, max: number): value is number {
  return isInstant(value) && value <= max;
}
