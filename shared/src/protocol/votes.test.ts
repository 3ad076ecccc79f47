import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode';
import { MessageType } from './messageType';
import { decodeVoteMessage, encodeVoteMessage, VoteKind, type VoteMessage } from './votes';

const read = (frame: Uint8Array) => decodeFrame(frame, MessageType.votes, decodeVoteMessage);

/** A vote frame of `kind` with any JSON body: what a hostile peer can send. */
function raw(kind: number, body: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.votes);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, typeof body === 'string' ? body : JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

function reason(frame: Uint8Array): string {
  const result = read(frame);
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error.reason;
}

const start: VoteMessage = {
  kind: 'start',
  request: 1,
  title: 'Which themes first?',
  dotsPerPerson: 3,
  maxPerItem: 2,
  candidates: ['n1', 'n2', 'n3'],
  anonymous: true,
  durationSeconds: 300,
};

const every: VoteMessage[] = [
  start,
  { kind: 'cast', request: 2, session: 's1', note: 'n1', name: 'Aino' },
  { kind: 'retract', request: 3, session: 's1', note: 'n1' },
  { kind: 'end', request: 4, session: 's1' },
  { kind: 'reveal', request: 5, session: 's1' },
  { kind: 'discard', request: 6, session: 's1' },
  { kind: 'admit', request: 7, session: 's1' },
  { kind: 'watch', request: 8, session: 's1', counts: true },
  { kind: 'answer', request: 9, ok: true, session: 's1' },
  { kind: 'answer', request: 10, ok: false, error: 'overBudget' },
  {
    kind: 'status',
    session: 's1',
    open: true,
    remainingMs: 12_000,
    voter: true,
    mine: { n1: 2 },
    left: 1,
  },
  {
    kind: 'status',
    session: 's1',
    open: false,
    remainingMs: null,
    voter: false,
    mine: {},
    left: 0,
    progress: { voted: 2, roll: 3, latecomers: 1 },
    counts: { n1: 4, n2: 1 },
  },
];

describe('votes (105)', () => {
  it('round-trips every kind', () => {
    for (const message of every) {
      expect(read(encodeVoteMessage(message))).toEqual({ ok: true, value: message });
    }
  });

  it('numbers every kind once', () => {
    const numbers = Object.values(VoteKind);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('refuses trailing bytes, an unknown kind and a cut frame', () => {
    for (const message of every) {
      expect(reason(Uint8Array.from([...encodeVoteMessage(message), 0]))).toMatch(/trailing/);
    }
    expect(reason(raw(99, { request: 1 }))).toMatch(/unknown vote message kind/);
    expect(reason(Uint8Array.from([MessageType.votes]))).toMatch(/cut short/);
    expect(reason(raw(VoteKind.cast, '{'))).toMatch(/not JSON/);
  });

  it('refuses unknown and missing fields', () => {
    expect(reason(raw(VoteKind.end, { request: 1, session: 's', extra: 1 }))).toMatch(/unknown/);
    expect(reason(raw(VoteKind.cast, { request: 1, session: 's' }))).toMatch(/missing field note/);
    // The voter is the connection, never a field: a request naming one is refused.
    expect(
      reason(raw(VoteKind.cast, { request: 1, session: 's', note: 'n', participant: 'p' })),
    ).toMatch(/unknown field participant/);
  });

  it('refuses each malformed start field', () => {
    const bad = (patch: Record<string, unknown>) =>
      reason(raw(VoteKind.start, { ...start, kind: undefined, ...patch }));
    expect(bad({ request: -1 })).toMatch(/request/);
    expect(bad({ title: 7 })).toMatch(/title/);
    expect(bad({ title: 'x'.repeat(201) })).toMatch(/title/);
    expect(bad({ dotsPerPerson: 0 })).toMatch(/dotsPerPerson/);
    expect(bad({ dotsPerPerson: 101 })).toMatch(/dotsPerPerson/);
    expect(bad({ dotsPerPerson: 2.5 })).toMatch(/dotsPerPerson/);
    expect(bad({ maxPerItem: 0 })).toMatch(/maxPerItem/);
    expect(bad({ candidates: 'n1' })).toMatch(/candidates/);
    expect(bad({ candidates: ['n1', 'n1'] })).toMatch(/candidates/);
    expect(bad({ candidates: ['a:b'] })).toMatch(/candidates/);
    expect(bad({ candidates: Array.from({ length: 1001 }, (_, i) => `n${i}`) })).toMatch(
      /candidates/,
    );
    expect(bad({ anonymous: 'yes' })).toMatch(/anonymous/);
    expect(bad({ durationSeconds: -5 })).toMatch(/durationSeconds/);
    expect(bad({ durationSeconds: 86_401 })).toMatch(/durationSeconds/);
  });

  it('refuses malformed dots, answers and statuses', () => {
    expect(reason(raw(VoteKind.cast, { request: 1, session: 's', note: '' }))).toMatch(/cast/);
    expect(reason(raw(VoteKind.retract, { request: 1, session: 's:x', note: 'n' }))).toMatch(
      /retract/,
    );
    expect(
      reason(raw(VoteKind.cast, { request: 1, session: 's', note: 'n', name: 'x'.repeat(81) })),
    ).toMatch(/name/);
    expect(
      reason(raw(VoteKind.retract, { request: 1, session: 's', note: 'n', name: 'A' })),
    ).toMatch(/unknown field name/);
    expect(reason(raw(VoteKind.watch, { request: 1, session: 's', counts: 1 }))).toMatch(/watch/);
    expect(reason(raw(VoteKind.answer, { request: 1, ok: false, error: 'nope' }))).toMatch(
      /refusal/,
    );
    expect(reason(raw(VoteKind.answer, { request: 1, ok: true }))).toMatch(/answer/);
    const status = { session: 's', open: true, remainingMs: null, voter: true, mine: {}, left: 0 };
    expect(reason(raw(VoteKind.status, { ...status, mine: { n1: 0 } }))).toMatch(/mine/);
    expect(reason(raw(VoteKind.status, { ...status, left: -1 }))).toMatch(/left/);
    expect(reason(raw(VoteKind.status, { ...status, remainingMs: 1.5 }))).toMatch(/remainingMs/);
    expect(reason(raw(VoteKind.status, { ...status, progress: { voted: 1, roll: 2 } }))).toMatch(
      /progress/,
    );
    expect(reason(raw(VoteKind.status, { ...status, counts: [1] }))).toMatch(/counts/);
  });

  it('never writes a field another kind owns', () => {
    const cast = { kind: 'cast', request: 1, session: 's', note: 'n', name: 'A', counts: true };
    const text = new TextDecoder().decode(encodeVoteMessage(cast as VoteMessage));
    expect(text).not.toContain('counts');
  });
});
