import { describe, expect, it } from 'vitest';
import { createBoard, newPerson, pasteText, screenshot, workshopSession } from './harness';

interface Probe {
  content(): { notes: Array<{ id: string }> };
  noteRect(id: string): { x: number; y: number; w: number; h: number } | null;
  scale(): number;
}

describe('panning the canvas', () => {
  const session = workshopSession();
  const { people } = session;

  it('draws every note on screen where the view is, at every frame of a trackpad pan', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'en-GB');
    people.push(aino);
    await createBoard(aino, session.paja.url);
    const canvas = await aino.page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await aino.page.mouse.move(canvas.x + canvas.width - 200, canvas.y + canvas.height - 150);
    await pasteText(aino, Array.from({ length: 40 }, (_, i) => `Idea ${i + 1}`).join('\n'));
    await expect.poll(() => aino.page.getByTestId('note-item').count()).toBe(40);
    await aino.page.keyboard.press('Escape');

    // A pan of one wheel event a frame, as a trackpad sends: the stage moves ahead of React
    // (stage/liveView.ts). At each frame every note whose middle is on screen must be painted
    // there on the board layer, including the ones that came in from the edge.
    const frames = await aino.page.evaluate(async () => {
      const probe = (window as unknown as { __pajaCanvas: Probe }).__pajaCanvas;
      const section = document.querySelector('[data-testid="canvas"]') as HTMLElement;
      const layer = section.querySelector('canvas') as HTMLCanvasElement;
      const context = layer.getContext('2d') as CanvasRenderingContext2D;
      const box = layer.getBoundingClientRect();
      const ratio = layer.width / box.width;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const result: Array<{ checked: number; unpainted: string[]; viewport: string }> = [];
      for (let i = 0; i < 16; i++) {
        section.dispatchEvent(
          new WheelEvent('wheel', {
            deltaX: 30,
            deltaY: 20,
            clientX: box.left + box.width / 2,
            clientY: box.top + box.height / 2,
            bubbles: true,
            cancelable: true,
          }),
        );
        await frame();
        await frame();
        let checked = 0;
        const unpainted: string[] = [];
        for (const { id } of probe.content().notes) {
          const r = probe.noteRect(id);
          if (!r) continue;
          const x = r.x + r.w / 2 - box.left;
          const y = r.y + r.h / 2 - box.top;
          if (x < 0 || y < 0 || x >= box.width || y >= box.height) continue;
          checked++;
          const alpha = context.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1)
            .data[3];
          if (alpha === 0) unpainted.push(id);
        }
        result.push({ checked, unpainted, viewport: section.getAttribute('data-viewport') ?? '' });
      }
      return result;
    });
    await screenshot(aino, 'canvas-live-pan');
    expect(frames.some((f) => f.checked > 0)).toBe(true);
    for (const f of frames) expect(f.unpainted).toEqual([]);
    // The view moved at every frame, and the canvas says where it is at every frame.
    expect(new Set(frames.map((f) => f.viewport)).size).toBe(frames.length);
  });
});
