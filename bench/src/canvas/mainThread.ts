/**
 * Main-thread work per frame, read from a Chrome trace. Frame intervals alone cannot show it:
 * headless Chromium paces frames at 60 Hz, so a frame that costs 2 ms and one that costs 15 ms
 * both arrive 16.7 ms apart. The trace records every task the page's main thread ran (input,
 * animation frame callbacks with the app's and Konva's work, React's scheduled work, style,
 * layout, hit tests, paint recording, the commit to the compositor, garbage collection), each
 * with its wall time and its thread time (CPU time the thread really ran). driveFrames
 * (page.ts) stamps the start of each frame it drives with `console.timeStamp`.
 *
 * A frame's work is the thread time of the top-level tasks that start from the task holding
 * its stamp up to the task holding the next stamp. Thread time, not wall time: on this shared
 * machine the main thread is often descheduled mid-task, which is the machine's load, not the
 * page's work; the wall-clock busy time is reported beside it.
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
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
}

/** The message driveFrames stamps at each frame. */
export const FRAME_STAMP = 'paja-bench-frame';

/** The categories to trace: top-level tasks and the timeline's stamps. */
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline'];

export interface FrameWork {
  /** CPU time the main thread ran in each frame, ms. */
  cpu: number[];
  /** Wall time the main thread was inside a task in each frame, ms. */
  busy: number[];
}

/**
 * The main thread's work in each driven frame: from the start of the task that holds a frame
 * stamp to the start of the task holding the next one (the last stamp ends the series).
 */
export function workPerFrame(trace: Buffer | string): FrameWork {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const stamps = events
    .filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === FRAME_STAMP)
    .sort((a, b) => a.ts - b.ts);
  const first = stamps[0];
  if (!first) throw new Error('the trace holds no frame stamps (was devtools.timeline traced?)');
  // The page's main thread: the one that ran the stamps. Its outermost top-level tasks only
  // (a task nests a "ThreadControllerImpl::RunTask" in its "RunTask"; count each once).
  const tasks: TraceEvent[] = [];
  let outerEnd = Number.NEGATIVE_INFINITY;
  for (const e of events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.pid === first.pid &&
        e.tid === first.tid &&
        (e.cat ?? '').split(',').includes('toplevel') &&
        typeof e.dur === 'number',
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    if (e.ts < outerEnd) continue;
    tasks.push(e);
    outerEnd = e.ts + (e.dur ?? 0);
  }
  // Each frame starts where the task around its stamp started (the stamp is inside it).
  const starts = stamps.map((stamp) => {
    const around = tasks.find((t) => t.ts <= stamp.ts && stamp.ts <= t.ts + (t.dur ?? 0));
    return around ? around.ts : stamp.ts;
  });
  const cpu: number[] = [];
  const busy: number[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const from = starts[i] as number;
    const to = starts[i + 1] as number;
    const inFrame = tasks.filter((t) => t.ts >= from && t.ts < to);
    cpu.push(inFrame.reduce((sum, t) => sum + (t.tdur ?? t.dur ?? 0), 0) / 1000);
    busy.push(inFrame.reduce((sum, t) => sum + (t.dur ?? 0), 0) / 1000);
  }
  return { cpu, busy };
}
