import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, readPolicy, waitsForModerator } from '../moderation';
import { decodeFrame } from './decode';
import { MessageType } from './messageType';
import {
  decodeModeration,
  encodeModerationQueue,
  encodeModerationRequest,
  encodeModerationResult,
  encodeOwnHeld,
  ModerationKind,
  type NamedRequest,
} from './moderation';

const decode = (frame: Uint8Array) => decodeFrame(frame, MessageType.moderation, decodeModeration);

function raw(kind: number, body: unknown, trailing = false): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.moderation);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, JSON.stringify(body));
  if (trailing) encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

const COMMENT = {
  id: 'c1',
  anchor: { kind: 'note', note: 'n1' },
  parent: null,
  text: 'Hyvä idea',
  authorId: 'p1',
  authorName: 'Kaisa',
  createdAt: 5,
} as const;

describe('the moderation family (107)', () => {
  it('round-trips every request, result, queue and own list', () => {
    const requests: NamedRequest[] = [
      { kind: 'decide', request: 1, name: 'Mona', ids: ['a', 'b'], action: 'approve', reason: '' },
      {
        kind: 'block',
        request: 2,
        name: 'Mona',
        comment: 'a',
        hours: 24,
        reason: 'spam',
        address: true,
      },
      { kind: 'unblock', request: 3, name: '', block: 'b1', reason: 'ok' },
      { kind: 'policy', request: 4, name: 'Aino', policy: { ...DEFAULT_POLICY, mode: 'preNew' } },
      { kind: 'flag', request: 5, name: '', comment: 'a', reason: 'personal' },
    ];
    for (const body of requests) {
      expect(decode(encodeModerationRequest(body))).toEqual({
        ok: true,
        value: { kind: 'request', body },
      });
    }
    expect(decode(encodeModerationResult({ request: 7, ok: false, error: 'no' }))).toEqual({
      ok: true,
      value: { kind: 'result', result: { request: 7, ok: false, error: 'no' } },
    });
    const queue = {
      policy: DEFAULT_POLICY,
      items: [{ ...COMMENT, status: 'pending', why: 'policy', flags: { spam: 2 }, blocked: false }],
      total: 1,
      blocks: [{ id: 'b1', authorName: 'K', until: 10, reason: '', by: 'Mona', at: 1 }],
    } as const;
    expect(decode(encodeModerationQueue(structuredClone(queue) as never))).toEqual({
      ok: true,
      value: { kind: 'queue', queue },
    });
    const own = [
      { ...COMMENT, status: 'pending' },
      { ...COMMENT, id: 'c2', status: 'hidden' },
    ] as const;
    expect(decode(encodeOwnHeld({ comments: [...own], maxChars: 2000 }))).toEqual({
      ok: true,
      value: { kind: 'own', comments: own, maxChars: 2000 },
    });
  });

  it('refuses trailing bytes, unknown fields and every malformed field', () => {
    const decide = { request: 1, ids: ['a'], action: 'approve', reason: '' };
    expect(decode(raw(ModerationKind.decide, decide)).ok).toBe(true);
    expect(decode(raw(ModerationKind.decide, decide, true)).ok).toBe(false);
    const bad: [number, unknown][] = [
      [ModerationKind.decide, { ...decide, extra: 1 }],
      [ModerationKind.decide, { ...decide, ids: [] }],
      [ModerationKind.decide, { ...decide, ids: Array(501).fill('a') }],
      [ModerationKind.decide, { ...decide, ids: [''] }],
      [ModerationKind.decide, { ...decide, action: 'ban' }],
      [ModerationKind.decide, { ...decide, reason: 'x'.repeat(501) }],
      [ModerationKind.decide, { ...decide, request: -1 }],
      [ModerationKind.decide, { ...decide, name: 5 }],
      [ModerationKind.block, { request: 1, comment: 'a', hours: 0, reason: '', address: false }],
      [ModerationKind.block, { request: 1, comment: 'a', hours: 2161, reason: '', address: false }],
      [ModerationKind.block, { request: 1, comment: 'a', hours: 1, reason: '' }],
      [ModerationKind.policy, { request: 1, policy: { ...DEFAULT_POLICY, mode: 'maybe' } }],
      [ModerationKind.policy, { request: 1, policy: { ...DEFAULT_POLICY, flagThreshold: 0 } }],
      [ModerationKind.flag, { request: 1, comment: 'a', reason: 'boring' }],
      [ModerationKind.result, { request: 1, ok: true, error: 'x' }],
      [
        ModerationKind.own,
        { comments: [{ ...COMMENT, status: 'pending', anchor: { kind: 'nowhere' } }], maxChars: 9 },
      ],
      [ModerationKind.own, { comments: [{ ...COMMENT, status: 'visible' }], maxChars: 9 }],
      [ModerationKind.own, { comments: [], maxChars: 0 }],
      [ModerationKind.own, { comments: [], maxChars: 4001 }],
      [ModerationKind.own, { comments: [] }],
      [99, {}],
    ];
    for (const [kind, body] of bad)
      expect(decode(raw(kind, body)).ok, JSON.stringify(body)).toBe(false);
  });
});

describe('the moderation policy', () => {
  it('holds what each mode says, and reads only valid policies', () => {
    const policy = (mode: string) => ({ ...DEFAULT_POLICY, mode, trustAfter: 2 }) as never;
    const named = { name: 'Kaisa', approved: 0 };
    expect(waitsForModerator(policy('off'), named)).toBe(false);
    expect(waitsForModerator(policy('post'), named)).toBe(false);
    expect(waitsForModerator(policy('preAll'), { name: 'Kaisa', approved: 99 })).toBe(true);
    expect(waitsForModerator(policy('preNew'), named)).toBe(true);
    expect(waitsForModerator(policy('preNew'), { name: 'Kaisa', approved: 2 })).toBe(false);
    expect(waitsForModerator(policy('preNew'), { name: ' Anonyymi ', approved: 5 })).toBe(true);
    expect(readPolicy({ ...DEFAULT_POLICY, extra: true })).toBeTypeOf('string');
    expect(readPolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });
});
