/**
 * Where one thread's CPU goes, by stage of an update's way through a server, from the samples
 * of `perf record -g` (read back with `perf script -F tid,ip,sym`). bench:threads --stages
 * records the server's own thread and prints this, so that "Paja spends more per update" comes
 * with which part of the way it spends it on.
 *
 * A sample belongs to the first stage below whose mark is anywhere in its call stack: the
 * durable commit before the socket writes (a commit sends no frames, but `saved` is sent after
 * it from the same turn), the writes before the Yjs apply (the peers broadcast from inside
 * Yjs's update event), and so on. JavaScript frames are named only when the server runs with
 * --perf-basic-prof; without it, most samples land in "other".
 */

/** A stage and the frame names that mark it (a regular expression over one frame). */
export interface Stage {
  name: string;
  mark: RegExp;
  /** A sample with a frame matching this is not of the stage, even if it holds the mark. */
  unless?: RegExp;
}

export const STAGES: readonly Stage[] = [
  // Paja's append, on the server thread (quiet rounds) or handed to its storage thread.
  { name: 'durable commit', mark: /#commitHere|appendBatch|sqliteTransaction|sqlite3_/ },
  {
    name: 'socket writes',
    mark: /Socket\._write|Socket\._writev|writeGeneric|writevGeneric|LibuvStreamWrap::DoTryWrite/,
  },
  // Paja's edit guard and limits; the peers have none.
  { name: 'edit check', mark: /#admit\b|admitUpdate|judgeUpdate/ },
  { name: 'Yjs apply', mark: /applyUpdate/ },
  // Paja's broadcast at the turn's end or when its pacing has passed, short of the writes.
  { name: 'broadcast', mark: /releaseTurn|sendGathered|#broadcastDue/ },
  // Paja: the save pipeline's turn, the storage thread's answers, `saved` built.
  { name: 'save handoff', mark: /#flushLoop|SavePipeline|MessagePort::OnMessage|encodeSaved/ },
  { name: 'receive and decode', mark: /onStreamRead|uv__read|receiverOnMessage/ },
  { name: 'garbage collection', mark: /Heap::|Scavenge|MarkCompact|GarbageCollect/ },
  // Waiting and polling, not the JavaScript the loop calls (that is "other").
  {
    name: 'event loop',
    mark: /uv__io_poll|epoll_pwait|uv__run_timers|uv__run_check/,
    unless: /^JS:/,
  },
];

export const OTHER = 'other';

/** Samples per stage (and OTHER) of thread `tid`, from `perf script -F tid,ip,sym` output. */
export function samplesByStage(perfScript: string, tid: number): Map<string, number> {
  const counts = new Map<string, number>([...STAGES.map((s) => [s.name, 0] as const), [OTHER, 0]]);
  for (const stack of samplesOf(perfScript, tid)) {
    const stage = STAGES.find(
      (s) =>
        stack.some((frame) => s.mark.test(frame)) &&
        !(s.unless && stack.some((frame) => s.unless?.test(frame))),
    );
    const name = stage?.name ?? OTHER;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/**
 * The call stacks (frame names, innermost first) of thread `tid`'s samples. perf script
 * prints a sample as a header line holding the thread id, then one line per frame, indented
 * with a tab: an address and a symbol. The header is indented too when the id is short (perf
 * right-aligns it in five columns: " 8245 "), so only a tab marks a frame.
 */
function* samplesOf(perfScript: string, tid: number): Generator<string[]> {
  let stack: string[] | null = null;
  for (const line of perfScript.split('\n')) {
    if (line.trim() === '') continue;
    if (!line.startsWith('\t')) {
      if (stack) yield stack;
      stack = Number(line.trim().split(/\s+/)[0]) === tid ? [] : null;
      continue;
    }
    const frame = line.trim().replace(/^[0-9a-f]+\s+/, '');
    stack?.push(frame);
  }
  if (stack) yield stack;
}
