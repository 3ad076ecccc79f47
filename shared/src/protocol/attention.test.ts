import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { BOARD_EXTENT } from '../schema';
import type { TimerControl } from '../timer';
import { type Decoded, decodeFrame } from './decode';
import { decodeFollow, encodeFollow, FollowKind, type FollowMessage } from './follow';
import { MessageType } from './messageType';
import {
  decodeTimerMessage,
  encodeTimerControl,
  encodeTimerState,
  TimerKind,
  type TimerMessageState,
} from './timer';

/** A frame of `type` and `kind` whose JSON body is written by hand: what a hostile peer sends. */
function json(type: number, kind: number, value: unknown): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, JSON.stringify(value));
  return encoding.toUint8Array(encoder);
}

const withTrailingByte = (bytes: Uint8Array) => Uint8Array.from([...bytes, 0]);

function reasonOf<T>(result: Decoded<T>): string {
  if (result.ok) throw new Error('expected a decode failure');
  return result.error.reason;
}

const timer = (frame: Uint8Array) => decodeFrame(frame, MessageType.timer, decodeTimerMessage);
const follow = (frame: Uint8Array) => decodeFrame(frame, MessageType.follow, decodeFollow);

describe('timer messages', () => {
  const controls: TimerControl[] = [
    { action: 'start', durationMs: 300_000 },
    { action: 'pause' },
    { action: 'resume' },
    { action: 'extend', ms: 60_000 },
    { action: 'stop' },
  ];
  const states: TimerMessageState[] = [
    { timer: { kind: 'stopped' }, serverNow: 1_800_000_000_000 },
    { timer: { kind: 'running', endsAt: 1_800_000_300_000, durationMs: 300_000 }, serverNow: 5 },
    { timer: { kind: 'paused', remainingMs: 1000, durationMs: 300_000 }, serverNow: 0 },
  ];

  it('round-trip', () => {
    for (const control of controls) {
      expect(timer(encodeTimerControl(control))).toEqual({
        ok: true,
        value: { kind: 'control', control },
      });
    }
    for (const state of states) {
      expect(timer(encodeTimerState(state))).toEqual({ ok: true, value: { kind: 'state', state } });
    }
  });

  it('refuse trailing bytes, unknown kinds and frames cut short', () => {
    expect(reasonOf(timer(withTrailingByte(encodeTimerControl({ action: 'stop' }))))).toMatch(
      /trailing/,
    );
    expect(reasonOf(timer(encodeTimerControl({ action: 'pause' }).slice(0, -1)))).toMatch(
      /cut short/,
    );
    expect(reasonOf(timer(json(108, 7, {})))).toMatch(/unknown timer message kind/);
  });

  it('refuse every malformed control field', () => {
    const bad = (value: unknown) => reasonOf(timer(json(108, TimerKind.control, value)));
    expect(bad({ action: 'ring' })).toMatch(/unknown action/);
    expect(bad({ action: 'start' })).toMatch(/durationMs/);
    expect(bad({ action: 'start', durationMs: 999 })).toMatch(/durationMs/);
    expect(bad({ action: 'start', durationMs: 9 * 3600_000 })).toMatch(/durationMs/);
    expect(bad({ action: 'start', durationMs: 60_000.5 })).toMatch(/durationMs/);
    expect(bad({ action: 'start', durationMs: 60_000, ms: 1000 })).toMatch(/durationMs/);
    expect(bad({ action: 'extend', ms: '60000' })).toMatch(/ms/);
    expect(bad({ action: 'pause', ms: 1000 })).toMatch(/no other fields/);
    expect(bad({ action: 'stop', endsAt: 1 })).toMatch(/unknown field endsAt/);
    expect(bad({})).toMatch(/missing field action/);
    expect(bad([])).toMatch(/not a JSON object/);
  });

  it('refuse malformed states', () => {
    const bad = (value: unknown) => reasonOf(timer(json(108, TimerKind.state, value)));
    expect(bad({ timer: { kind: 'stopped' } })).toMatch(/missing field serverNow/);
    expect(bad({ timer: { kind: 'stopped' }, serverNow: -1 })).toMatch(/serverNow/);
    expect(bad({ timer: { kind: 'running', endsAt: 1 }, serverNow: 1 })).toMatch(/running/);
    expect(bad({ timer: 'stopped', serverNow: 1 })).toMatch(/not an object/);
  });
});

describe('follow messages', () => {
  const view = { x: -120.5, y: 40, width: 1280, height: 720 };
  const messages: FollowMessage[] = [
    { kind: 'summon', view },
    { kind: 'lead', on: true },
    { kind: 'lead', on: false },
    { kind: 'summoned', view, by: 'p-fac' },
    { kind: 'leader', leader: { participantId: 'p-fac' } },
    { kind: 'leader', leader: { participantId: null } },
  ];

  it('round-trip', () => {
    for (const message of messages) {
      expect(follow(encodeFollow(message))).toEqual({ ok: true, value: message });
    }
  });

  it('refuse trailing bytes and unknown kinds', () => {
    for (const message of messages) {
      expect(reasonOf(follow(withTrailingByte(encodeFollow(message))))).toMatch(/trailing/);
    }
    expect(reasonOf(follow(json(109, 9, {})))).toMatch(/unknown follow message kind/);
  });

  it('refuse malformed fields', () => {
    const bad = (kind: number, value: unknown) => reasonOf(follow(json(109, kind, value)));
    expect(bad(FollowKind.summon, { view: { ...view, zoom: 1 } })).toMatch(/exactly/);
    expect(bad(FollowKind.summon, { view: { ...view, width: 0 } })).toMatch(/size/);
    expect(bad(FollowKind.summon, { view: { ...view, height: -5 } })).toMatch(/size/);
    expect(bad(FollowKind.summon, { view: { ...view, x: 3 * BOARD_EXTENT } })).toMatch(/outside/);
    expect(bad(FollowKind.summon, { view: { ...view, y: 'top' } })).toMatch(/outside/);
    expect(bad(FollowKind.summon, { view, by: 'me' })).toMatch(/unknown field by/);
    expect(bad(FollowKind.lead, { on: 'yes' })).toMatch(/boolean/);
    expect(bad(FollowKind.summoned, { view, by: '' })).toMatch(/participant id/);
    expect(bad(FollowKind.leader, { participantId: 5 })).toMatch(/participant id/);
    expect(bad(FollowKind.leader, {})).toMatch(/missing field participantId/);
  });
});
