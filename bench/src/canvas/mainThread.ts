/**
 * Main-thread work per frame, read from a Chrome trace. Frame intervals alone cannot show it:
 * headless Chromium paces frames at 60 Hz, so a frame that costs 2 ms and one that costs 15 ms
 * both arrive 16.7 ms apart. The trace records every task the page's main thread ran (input,
 * animation frame callbacks with the app's and Konva's work, React's scheduled work, style,
 * layout, paint recording, garbage collection); driveFrames (page.ts) stamps the start of each
 * frame it drives with `console.timeStamp`. A frame's work is the time the main thread was busy
 * from the task holding one stamp to the task holding the next.
 */

/** What Chromium's trace JSON holds that we read. */
interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { message?: string } };
}

/** The message driveFrames stamps at each frame. */
export const FRAME_STAMP = 'paja-bench-frame';

/** The categories to trace: top-level tasks and the timeline's stamps. */
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline'];

type Interval = [start: number, end: number];

/** Merges overlapping intervals (nested tasks count once); `intervals` sorted by start. */
function union(intervals: readonly Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const [start, end] of intervals) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Busy time of `busy` (merged, sorted) within [from, to), in ms. */
function busyWithin(busy: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const [start, end] of busy) {
    if (end <= from) continue;
    if (start >= to) break;
    total += Math.min(end, to) - Math.max(start, from);
  }
  return total / 1000;
}

/**
 * The main thread's busy ms in each driven frame: from the start of the task that holds a
 * frame stamp to the start of the task holding the next one (the last stamp ends the series).
 */
export function workPerFrame(trace: Buffer | string): number[] {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const stamps = events
    .filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === FRAME_STAMP)
    .sort((a, b) => a.ts - b.ts);
  const first = stamps[0];
  if (!first) throw new Error('the trace holds no frame stamps (was devtools.timeline traced?)');
  // The page's main thread: the one that ran the stamps.
  const onThread = (e: TraceEvent) => e.pid === first.pid && e.tid === first.tid;
  const tasks = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        onThread(e) &&
        (e.cat ?? '').split(',').includes('toplevel') &&
        typeof e.dur === 'number',
    )
    .map((e): Interval => [e.ts, e.ts + (e.dur ?? 0)])
    .sort((a, b) => a[0] - b[0]);
  const busy = union(tasks);
  // Each frame starts where the task around its stamp started (the stamp is inside it).
  const starts = stamps.map((stamp) => {
    const around = busy.find(([start, end]) => start <= stamp.ts && stamp.ts <= end);
    return around ? around[0] : stamp.ts;
  });
  const work: number[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    work.push(busyWithin(busy, starts[i] as number, starts[i + 1] as number));
  }
  return work;
}
