import { describe, expect, it } from 'vitest';
import { OTHER, samplesByStage } from './perfStages';

/** A sample as `perf script -F tid,ip,sym` prints it: the thread, then its frames, innermost first. */
function sample(tid: number, ...frames: string[]): string {
  return [`${tid} `, ...frames.map((frame, i) => `\t    7f00000000${i} ${frame}`), ''].join('\n');
}

describe('samplesByStage', () => {
  it("counts a thread's samples by the first stage marked in their stacks", () => {
    const script = [
      // fsync inside a quiet commit, which runs in a setImmediate: the commit, not the loop.
      sample(
        7,
        'iowrite16',
        '__x64_sys_fsync',
        'JS:^appendBatch file:///s.mjs:1:1',
        'JS:^#commitHere file:///s.mjs:2:1',
        'uv__run_check',
      ),
      // A write under Paja's broadcast counts as a write.
      sample(
        7,
        'tcp_sendmsg',
        'JS:*Socket._write node:net:969:35',
        'JS:^releaseTurn file:///s.mjs:3:1',
      ),
      sample(
        7,
        'Builtins_LoadIC',
        'JS:^judgeUpdate file:///s.mjs:4:1',
        'JS:^#admit file:///s.mjs:5:1',
        'JS:^onStreamRead node:x:1:1',
      ),
      sample(
        7,
        'JS:*integrateStructs file:///s.mjs:6:1',
        'JS:^applyUpdate file:///s.mjs:7:1',
        'JS:^onStreamRead node:x:1:1',
      ),
      // Waiting for the next event, and JavaScript a timer calls that no stage names.
      sample(7, 'finish_task_switch', 'epoll_pwait', 'uv__io_poll', 'uv_run'),
      sample(7, 'JS:^tick file:///s.mjs:8:1', 'uv__run_timers', 'uv_run'),
      // Another thread's sample is not counted.
      sample(8, 'JS:^#commitHere file:///s.mjs:2:1'),
    ].join('\n');
    const counts = samplesByStage(script, 7);
    expect(counts.get('durable commit')).toBe(1);
    expect(counts.get('socket writes')).toBe(1);
    expect(counts.get('edit check')).toBe(1);
    expect(counts.get('Yjs apply')).toBe(1);
    expect(counts.get('event loop')).toBe(1);
    expect(counts.get(OTHER)).toBe(1);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('reads a short thread id, which perf right-aligns with spaces', () => {
    const script = [
      sample(7, 'JS:^#commitHere file:///s.mjs:2:1').replace(/^7 /, ' 8245 '),
      sample(7, 'JS:^applyUpdate file:///s.mjs:7:1').replace(/^7 /, ' 8245 '),
      sample(7, 'JS:^applyUpdate file:///s.mjs:7:1').replace(/^7 /, '  901 '),
    ].join('\n');
    const counts = samplesByStage(script, 8245);
    expect(counts.get('durable commit')).toBe(1);
    expect(counts.get('Yjs apply')).toBe(1);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(2);
  });
});
