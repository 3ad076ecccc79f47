import { describe, expect, it } from 'vitest';
import {
  type AwarenessEntry,
  type AwarenessSender,
  ownAwarenessEntries,
  type Standing,
} from './awarenessCheck';

const rules = { participantId: 'me', maxStateBytes: 100, maxOwned: 2, maxIntroduced: 3 };

function sender(standings: Record<number, Standing>, owned = 0, introduced = 0): AwarenessSender {
  return { standing: (id) => standings[id] ?? 'absent', owned, introduced };
}

const entry = (clientId: number, state: unknown): AwarenessEntry => ({
  clientId,
  clock: 1,
  json: JSON.stringify(state),
});

describe('ownAwarenessEntries', () => {
  it('keeps its own entries and skips what others own, what another instance relays, and removals of absent ids', () => {
    const verdict = ownAwarenessEntries(
      [entry(1, { c: 1 }), entry(2, { c: 2 }), entry(3, { c: 3 }), entry(4, null)],
      sender({ 1: 'own', 2: 'other', 3: 'present' }, 1),
      rules,
    );
    expect(verdict).toEqual({ ok: true, entries: [entry(1, { c: 1 })], introduced: 0 });
  });

  it('counts each new id of one message, against ids held at once', () => {
    expect(ownAwarenessEntries([entry(7, {}), entry(8, {})], sender({}), rules)).toMatchObject({
      ok: true,
      introduced: 2,
    });
    expect(
      ownAwarenessEntries([entry(7, {}), entry(8, {}), entry(9, {})], sender({}), rules),
    ).toEqual({ ok: false, reason: 'too many awareness clients' });
    // The same new id twice in a message is one id.
    expect(ownAwarenessEntries([entry(7, {}), entry(7, {})], sender({}, 1), rules)).toMatchObject({
      ok: true,
      introduced: 1,
    });
  });

  it('counts ids over the connection’s life, not only those held now', () => {
    expect(ownAwarenessEntries([entry(9, {})], sender({}, 0, 3), rules)).toEqual({
      ok: false,
      reason: 'too many awareness clients over time',
    });
  });

  it('checks size and identity before anything is kept', () => {
    expect(ownAwarenessEntries([entry(1, { x: 'y'.repeat(200) })], sender({}), rules)).toEqual({
      ok: false,
      reason: 'awareness state too large',
    });
    expect(ownAwarenessEntries([entry(1, { user: { id: 'you' } })], sender({}), rules)).toEqual({
      ok: false,
      reason: "claims another participant's id",
    });
    expect(
      ownAwarenessEntries([{ clientId: 1, clock: 1, json: '{' }], sender({ 1: 'own' }), rules),
    ).toEqual({ ok: false, reason: 'awareness state is not JSON' });
  });
});
