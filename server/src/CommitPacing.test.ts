import { describe, expect, it } from 'vitest';
import { COMMIT_GATHER_MS, CommitPacing } from './CommitPacing';

const elapsed = async (run: () => Promise<void>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

describe('CommitPacing', () => {
  it('lets a quiet board commit at once', async () => {
    const pacing = new CommitPacing(50);
    expect(await elapsed(() => pacing.gather())).toBeLessThan(25);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await elapsed(() => pacing.gather())).toBeLessThan(25);
  });

  it('spaces the starts of commits under load by the gathering time, no more', async () => {
    const pacing = new CommitPacing(50);
    await pacing.gather();
    const second = await elapsed(() => pacing.gather());
    const third = await elapsed(() => pacing.gather());
    // Timers fire no earlier than asked (give 2 ms for their millisecond rounding).
    expect(second).toBeGreaterThanOrEqual(48);
    expect(third).toBeGreaterThanOrEqual(48);
    expect(second + third).toBeLessThan(400);
  });

  it('counts the wait from the start of the last commit, not its end', async () => {
    const pacing = new CommitPacing(50);
    await pacing.gather();
    // A commit that took 40 ms of the 50: the next waits only the rest.
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await elapsed(() => pacing.gather())).toBeLessThan(40);
  });

  it('gathers a busy board for 10 ms by default: at most 100 commits a second', async () => {
    expect(COMMIT_GATHER_MS).toBe(10);
    const pacing = new CommitPacing();
    await pacing.gather();
    expect(await elapsed(() => pacing.gather())).toBeGreaterThanOrEqual(COMMIT_GATHER_MS - 2);
  });
});
