import * as decoding from 'lib0/decoding';
import {
  isInstant,
  isTimerLength,
  readTimerState,
  TIMER_ACTIONS,
  type TimerControl,
  type TimerState,
} from '../timer';
import {
  type Decoded,
  decoded,
  encodeKindJson,
  failed,
  readJsonObject,
  readPayload,
} from './decode';
import { MessageType } from './messageType';

/*
 * The timer family (108). A frame is: varUint 108, varUint kind, then a varString holding a
 * JSON object. Facilitators control the timer (`control`); the server applies each control
 * with its own clock and sends the resulting state (`state`) to everyone on the board, and to
 * each connection when it joins. The state carries the server's clock so that each client
 * computes what is left from its own offset to it: screens agree even when their clocks do not.
 */

export const TimerKind = {
  /** Client (facilitator) -> server: start, pause, resume, extend or stop. */
  control: 0,
  /** Server -> client: the timer as it is now, and the server's clock. */
  state: 1,
} as const;

export interface TimerMessageState {
  timer: TimerState;
  /** The server's `Date.now()` when it sent the message. */
  serverNow: number;
}

export type TimerMessage =
  | { kind: 'control'; control: TimerControl }
  | { kind: 'state'; state: TimerMessageState };

function frame(kind: number, body: unknown): Uint8Array<ArrayBuffer> {
  return encodeKindJson(MessageType.timer, kind, body);
}

export function encodeTimerControl(control: TimerControl): Uint8Array<ArrayBuffer> {
  switch (control.action) {
    case 'start':
      return frame(TimerKind.control, { action: 'start', durationMs: control.durationMs });
    case 'extend':
      return frame(TimerKind.control, { action: 'extend', ms: control.ms });
    default:
      return frame(TimerKind.control, { action: control.action });
  }
}

export function encodeTimerState(state: TimerMessageState): Uint8Array<ArrayBuffer> {
  return frame(TimerKind.state, { timer: state.timer, serverNow: state.serverNow });
}

/** Decodes either kind; the caller checks that the kind is one its side may receive. */
export function decodeTimerMessage(decoder: decoding.Decoder): Decoded<TimerMessage> {
  return readPayload(decoder, (d): Decoded<TimerMessage> => {
    const kind = decoding.readVarUint(d);
    if (kind === TimerKind.control) {
      const control = readControl(d);
      return control.ok ? decoded({ kind: 'control', control: control.value }) : control;
    }
    if (kind === TimerKind.state) {
      const body = readJsonObject(d, ['timer', 'serverNow']);
      if (!body.ok) return body;
      const timer = readTimerState(body.value.timer);
      if (typeof timer === 'string') return failed(timer);
      const serverNow = body.value.serverNow;
      if (!isInstant(serverNow)) return failed('serverNow is not an instant');
      return decoded({ kind: 'state', state: { timer, serverNow } });
    }
    return failed('unknown timer message kind');
  });
}

function readControl(d: decoding.Decoder): Decoded<TimerControl> {
  const body = readJsonObject(d, ['action'], ['durationMs', 'ms']);
  if (!body.ok) return body;
  const { action, durationMs, ms } = body.value;
  if (!TIMER_ACTIONS.includes(action as TimerControl['action'])) return failed('unknown action');
  const only = (field: string | null) =>
    (field === 'durationMs' || durationMs === undefined) && (field === 'ms' || ms === undefined);
  switch (action as TimerControl['action']) {
    case 'start':
      if (!only('durationMs') || !isTimerLength(durationMs)) {
        return failed('start takes a durationMs of 1 s to 8 h');
      }
      return decoded({ action: 'start', durationMs });
    case 'extend':
      if (!only('ms') || !isTimerLength(ms)) return failed('extend takes an ms of 1 s to 8 h');
      return decoded({ action: 'extend', ms });
    case 'pause':
    case 'resume':
    case 'stop':
      if (!only(null)) return failed(`${String(action)} takes no other fields`);
      return decoded({ action: action as 'pause' | 'resume' | 'stop' });
  }
}
