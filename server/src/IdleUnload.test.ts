import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleUnload } from './IdleUnload';

function room(state: { idle: boolean; unsaved: boolean }) {
  const calls = { flushed: 0, closed: 0 };
  const unloadable = {
    flush: async () => {
      calls.flushed++;
    },
    idle: () => state.idle,
    hasUnsaved: () => state.unsaved,
    close: async () => {
      calls.closed++;
    },
  };
  return { calls, unloadable };
}

describe('idle unload', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes an idle room after the wait, having flushed it', async () => {
    const { calls, unloadable } = room({ idle: true, unsaved: false });
    new IdleUnload(1000, unloadable).start();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls.closed).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual({ flushed: 1, closed: 1 });
  });

  it('does nothing when cancelled (someone joined)', async () => {
    const { calls, unloadable } = room({ idle: true, unsaved: false });
    const unload = new IdleUnload(1000, unloadable);
    unload.start();
    unload.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual({ flushed: 0, closed: 0 });
  });

  it('keeps a room that is no longer idle when the wait ends', async () => {
    const state = { idle: true, unsaved: false };
    const { calls, unloadable } = room(state);
    new IdleUnload(1000, unloadable).start();
    state.idle = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.closed).toBe(0);
  });

  it('keeps a room holding the only copy of unsaved edits, and tries again', async () => {
    const state = { idle: true, unsaved: true };
    const { calls, unloadable } = room(state);
    new IdleUnload(1000, unloadable).start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual({ flushed: 1, closed: 0 });
    state.unsaved = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual({ flushed: 2, closed: 1 });
  });
});
