import { CLOSE_CODES, CloseCode } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, reconnectDecision } from './reconnect';

const low = () => 0;
const high = () => 0.999999;

describe('reconnectDecision', () => {
  it('stops only where a retry cannot help', () => {
    const stops = CLOSE_CODES.filter((e) => reconnectDecision(e.code, 1).kind === 'stop').map(
      (e) => e.name,
    );
    expect(stops.sort()).toEqual(
      [
        'badAwareness',
        'boardNotFound',
        'boardTooLarge',
        'changeRefused',
        'clientOutdated',
        'forbidden',
        'linkExpired',
        'messageTooLarge',
        'unauthorized',
        'updateTooComplex',
        'unpublished',
      ].sort(),
    );
    expect(reconnectDecision(CloseCode.clientOutdated, 1)).toEqual({ kind: 'stop', why: 'reload' });
    expect(reconnectDecision(CloseCode.unauthorized, 1)).toEqual({ kind: 'stop', why: 'never' });
  });

  it('retries transient refusals, 4400 included (the reconnect race), and unknown codes', () => {
    for (const code of [
      CloseCode.malformed,
      CloseCode.rateLimited,
      CloseCode.boardFull,
      CloseCode.boardUnavailable,
      CloseCode.serverShutdown,
      CloseCode.handshakeTimeout,
      1006,
      4999,
    ]) {
      expect(reconnectDecision(code, 1).kind).toBe('retry');
    }
  });

  it('backs off exponentially with jitter, up to the cap', () => {
    const delay = (attempt: number, random: () => number) => {
      const decision = reconnectDecision(CloseCode.rateLimited, attempt, random);
      if (decision.kind !== 'retry') throw new Error('expected a retry');
      return decision.delayMs;
    };
    expect([1, 2, 3, 4].map((n) => delay(n, low))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((n) => delay(n, high))).toEqual([200, 400, 800, 1600]);
    expect(delay(30, low)).toBe(MAX_BACKOFF_MS / 2);
    expect(delay(30, high)).toBe(MAX_BACKOFF_MS);
    // Never longer than y-websocket's own step for that attempt, which it caps us by.
    for (let attempt = 1; attempt < 20; attempt++) {
      expect(delay(attempt, high)).toBeLessThanOrEqual(100 * 2 ** attempt);
    }
  });
});
