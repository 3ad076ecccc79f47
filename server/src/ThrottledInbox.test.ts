import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './RateLimiter';
import { ThrottledInbox } from './ThrottledInbox';

afterEach(() => {
  vi.useRealTimers();
});

describe('ThrottledInbox', () => {
  it('handles messages in order, pauses the socket over the update rate, and drops none', () => {
    vi.useFakeTimers();
    let now = 0;
    const limiter = new RateLimiter(10, 2, () => now);
    const socket = { paused: false, pause: vi.fn(), resume: vi.fn() };
    socket.pause.mockImplementation(() => {
      socket.paused = true;
    });
    socket.resume.mockImplementation(() => {
      socket.paused = false;
    });
    const handled: string[] = [];
    const inbox = new ThrottledInbox(limiter, socket, {
      receive: (m) => handled.push(String(m[2])),
    });
    const update = (n: number) => new Uint8Array([0, 2, n]);
    const awareness = (n: number) => new Uint8Array([1, 0, n]);
    inbox.push(update(1));
    inbox.push(update(2));
    inbox.push(update(3));
    inbox.push(awareness(4)); // behind the waiting update: order is kept
    expect(handled).toEqual(['1', '2']);
    expect(socket.paused).toBe(true);
    now += 100;
    vi.advanceTimersByTime(100);
    expect(handled).toEqual(['1', '2', '3', '4']);
    expect(socket.paused).toBe(false);
    inbox.close();
    inbox.push(update(5));
    expect(handled).toHaveLength(4);
  });
});
