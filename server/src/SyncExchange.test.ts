import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { RateLimiter } from './RateLimiter';
import type { SyncAnswers } from './SyncAnswers';
import { SyncExchange } from './SyncExchange';

afterEach(() => {
  vi.useRealTimers();
});

/** An exchange whose answers are the state vectors they answer, and what it sent. */
function exchange() {
  const sent: Uint8Array[] = [];
  const member = { send: (message: Uint8Array) => sent.push(message) };
  const answers = { for: (stateVector: Uint8Array) => stateVector } as unknown as SyncAnswers;
  const room = { answers, doc: new Y.Doc(), requestSaved: () => {} };
  return { sync: new SyncExchange(member, room, { resyncs: 0 }), sent };
}

const vector = (n: number) => Y.encodeStateVector(new Map([[n, 1]]));

describe('SyncExchange', () => {
  it('answers a burst of three step 1 requests, then one per 10 s, the newest waiting one', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { sync, sent } = exchange();
    for (let i = 1; i <= 5; i++) sync.stepOne(vector(i));
    expect(sent).toEqual([vector(1), vector(2), vector(3)]);
    vi.advanceTimersByTime(9_000);
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(1_100);
    // The fourth was overtaken by the fifth while it waited: one answer, to the newest.
    expect(sent).toEqual([vector(1), vector(2), vector(3), vector(5)]);
    sync.stepOne(vector(6));
    vi.advanceTimersByTime(10_100);
    expect(sent.at(-1)).toEqual(vector(6));
    sync.close();
  });
});

describe('RateLimiter.afterOne', () => {
  it('is a bucket with its first token already spent', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const limiter = RateLimiter.afterOne(1, 3);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, false]);
    vi.advanceTimersByTime(1_000);
    expect(limiter.take()).toBe(true);
  });
});
