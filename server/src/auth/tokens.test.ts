import { describe, expect, it } from 'vitest';
import { addressKeyFor, participantIdFor, signToken, verifyToken } from './tokens';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!!';
const claims = { b: 'board12345', r: 'participant' as const, g: 0, e: 0 };

describe('link tokens', () => {
  it('verifies what it signed', () => {
    expect(verifyToken(SECRET, signToken(SECRET, claims), 1000)).toEqual({ ok: true, claims });
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken(`${SECRET}x`, claims);
    expect(verifyToken(SECRET, token, 1000)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses a token whose claims were changed (a viewer making itself facilitator)', () => {
    const token = signToken(SECRET, { ...claims, r: 'viewer' });
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...claims, r: 'facilitator' })).toString('base64url')}.${mac}`;
    expect(verifyToken(SECRET, forged, 1000)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses an expired token and accepts it before expiry', () => {
    const token = signToken(SECRET, { ...claims, e: 2000 });
    expect(verifyToken(SECRET, token, 1999).ok).toBe(true);
    expect(verifyToken(SECRET, token, 2000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const bad of ['', '.', 'abc', 'a.b.c', `${'x'.repeat(600)}.y`, '%%%.%%%']) {
      expect(verifyToken(SECRET, bad, 1000).ok).toBe(false);
    }
    const unsignedJunk = signToken(SECRET, { ...claims, r: 'king' as never });
    expect(verifyToken(SECRET, unsignedJunk, 1000)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('derives a stable participant id per board from the browser key', () => {
    const one = participantIdFor(SECRET, 'board-a', 'key-1');
    expect(participantIdFor(SECRET, 'board-a', 'key-1')).toBe(one);
    expect(participantIdFor(SECRET, 'board-a', 'key-2')).not.toBe(one);
    expect(participantIdFor(SECRET, 'board-b', 'key-1')).not.toBe(one);
  });

  it('keeps the ids and address keys it made before: stored blocks and authors must still match', () => {
    // The values of the first versions, which took the leading characters of the digest.
    expect(participantIdFor(SECRET, 'board-a', 'key-1')).toBe('7m5_leQf1HuL_F5i');
    expect(addressKeyFor(SECRET, '203.0.113.7')).toBe('tDHKVsQXzVq1wPcT10OEEY');
  });
});
