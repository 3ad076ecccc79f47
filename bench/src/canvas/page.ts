/**
 * Code that runs inside the page (passed to page.evaluate / addInitScript, so each function
 * is self-contained: no imports, no closures over Node values).
 */

/**
 * Installed before the app loads: records performance.now() at the first animation frame in
 * which the board's document holds `expected` notes and the canvas has drawn some. That is
 * "interactive": the notes are on screen and the next input is handled.
 */
export function watchInteractive(expected: number): void {
  interface Marks {
    interactiveAt?: number;
    syncedAt?: number;
    openedAt?: number;
    connectedAt?: number;
  }
  const w = window as unknown as {
    __bench?: Marks;
    __paja?: {
      doc: { getMap(name: string): { size: number } };
      provider: { wsconnected: boolean };
    };
  };
  w.__bench = {};
  const check = () => {
    const bench = w.__bench as Marks;
    const now = performance.now();
    if (w.__paja && bench.openedAt === undefined) bench.openedAt = now;
    if (w.__paja?.provider.wsconnected && bench.connectedAt === undefined) bench.connectedAt = now;
    const notes = w.__paja?.doc.getMap('notes').size ?? 0;
    if (notes >= expected && bench.syncedAt === undefined) bench.syncedAt = now;
    const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement | null;
    const drawn = Number(canvas?.dataset.drawn ?? 0);
    if (bench.syncedAt !== undefined && drawn > 0 && document.querySelector('canvas')) {
      // The frame after the one that committed the notes: they have been painted.
      requestAnimationFrame(() => {
        bench.interactiveAt = performance.now();
      });
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * Drives the canvas with wheel events, one per animation frame, as a trackpad does (small
 * pixel deltas pan; ctrl+wheel zooms around the pointer), and returns the intervals between
 * frames in ms. Each frame is stamped in a trace (console.timeStamp, 'paja-bench-frame' as
 * mainThread.ts's FRAME_STAMP; a no-op when nothing traces) so its main-thread work can be read.
 */
export function driveFrames(args: { kind: 'pan' | 'zoom'; frames: number }): Promise<number[]> {
  const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement;
  const rect = canvas.getBoundingClientRect();
  const clientX = rect.left + rect.width / 2;
  const clientY = rect.top + rect.height / 2;
  return new Promise((resolve) => {
    const intervals: number[] = [];
    let last = -1;
    let i = 0;
    const step = (now: number) => {
      console.timeStamp('paja-bench-frame');
      if (last >= 0) intervals.push(now - last);
      last = now;
      if (i >= args.frames) {
        resolve(intervals);
        return;
      }
      // Back and forth, so the view stays over the notes.
      const direction = Math.floor(i / 30) % 2 === 0 ? 1 : -1;
      const init: WheelEventInit =
        args.kind === 'pan'
          ? { deltaX: 9 * direction, deltaY: 5 * direction, deltaMode: 0 }
          : { deltaY: 12 * direction, deltaMode: 0, ctrlKey: true };
      canvas.dispatchEvent(
        new WheelEvent('wheel', { ...init, clientX, clientY, bubbles: true, cancelable: true }),
      );
      i++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}
