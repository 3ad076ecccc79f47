import { describe, expect, it } from 'vitest';
import {
  boardLinkOf,
  createBoard,
  joinBoard,
  newPerson,
  type Person,
  pasteText,
  screenshot,
  workshopSession,
} from './harness';

interface Probe {
  content(): { notes: Array<{ id: string }> };
  noteRect(id: string): { x: number; y: number; w: number; h: number } | null;
  scale(): number;
}

interface Frame {
  checked: number;
  unpainted: string[];
  viewport: string;
  /** The CSS transform the board's canvas is shown with ('' when drawn at the view). */
  transform: string;
  /** With `watch`: the note's colour in this page's document, and the colour painted there. */
  docColor?: string;
  painted?: number[];
  /** With `outline`: the overlay's alpha on the note's left edge and 6 px left of it. */
  edge?: number;
  beside?: number;
}

interface Drive {
  frames: number;
  /** Wheel deltas of each event, flipped every `flipEvery` events (back and forth). */
  deltaX: number;
  deltaY: number;
  ctrlKey: boolean;
  flipEvery: number;
  /** A note whose colour in the document and on the canvas is read at each frame. */
  watch?: string;
  /** A selected note whose outline on the overlay layer is read at each frame. */
  outline?: string;
}

/**
 * Runs in the page: one wheel event a frame, as a trackpad sends (with ctrlKey: a pinch), and
 * after each, two frames later, checks that every note whose middle is on screen is painted
 * there on the board layer, read through the board's canvas as it is shown (the canvas is
 * larger than the screen, and moved and scaled by a CSS transform during a gesture:
 * stage/frozenStage.ts).
 */
function driveAndProbe(args: Drive): Promise<Frame[]> {
  const probe = (window as unknown as { __pajaCanvas: Probe }).__pajaCanvas;
  const doc = (
    window as unknown as {
      __paja: { doc: { getMap(n: string): { get(id: string): { get(k: string): unknown } } } };
    }
  ).__paja.doc;
  const section = document.querySelector('[data-testid="canvas"]') as HTMLElement;
  const layer = section.querySelector('canvas') as HTMLCanvasElement;
  const context = layer.getContext('2d') as CanvasRenderingContext2D;
  // The stage's layers lie on one another: board, overlay, cursors.
  const overlay = (section.querySelectorAll('canvas')[1] as HTMLCanvasElement).getContext(
    '2d',
  ) as CanvasRenderingContext2D;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  return (async () => {
    const result: Frame[] = [];
    for (let i = 0; i < args.frames; i++) {
      const screen = section.getBoundingClientRect();
      const direction = Math.floor(i / args.flipEvery) % 2 === 0 ? 1 : -1;
      section.dispatchEvent(
        new WheelEvent('wheel', {
          deltaX: args.deltaX * direction,
          deltaY: args.deltaY * direction,
          ctrlKey: args.ctrlKey,
          clientX: screen.left + screen.width / 2,
          clientY: screen.top + screen.height / 2,
          bubbles: true,
          cancelable: true,
        }),
      );
      await frame();
      await frame();
      const box = layer.getBoundingClientRect();
      const ratio = layer.width / box.width;
      const pixel = (x: number, y: number, from = context) =>
        from.getImageData(
          Math.floor((x - box.left) * ratio),
          Math.floor((y - box.top) * ratio),
          1,
          1,
        ).data;
      let checked = 0;
      const unpainted: string[] = [];
      for (const { id } of probe.content().notes) {
        const r = probe.noteRect(id);
        if (!r) continue;
        const x = r.x + r.w / 2;
        const y = r.y + r.h / 2;
        if (x < screen.left || y < screen.top || x >= screen.right || y >= screen.bottom) continue;
        checked++;
        if (pixel(x, y)[3] === 0) unpainted.push(id);
      }
      const f: Frame = {
        checked,
        unpainted,
        viewport: section.getAttribute('data-viewport') ?? '',
        transform: layer.closest('.konvajs-content')?.parentElement?.style.transform ?? '',
      };
      if (args.watch) {
        f.docColor = String(doc.getMap('notes').get(args.watch).get('color'));
        const r = probe.noteRect(args.watch);
        f.painted = r ? [...pixel(r.x + r.w / 2, r.y + r.h * 0.75).slice(0, 3)] : [];
      }
      if (args.outline) {
        const r = probe.noteRect(args.outline);
        if (r) {
          f.edge = pixel(r.x + 0.5, r.y + r.h / 2, overlay)[3];
          f.beside = pixel(r.x - 6, r.y + r.h / 2, overlay)[3];
        }
      }
      result.push(f);
    }
    return result;
  })();
}

/** Once the gesture has stopped: the board's canvas shows its own drawing, at the view's zoom. */
async function drawnForRealAfterwards(person: Person) {
  await person.page.waitForFunction(() => {
    const section = document.querySelector('[data-testid="canvas"]') as HTMLElement;
    const layer = section.querySelector('canvas') as HTMLCanvasElement;
    const container = layer.closest('.konvajs-content')?.parentElement as HTMLElement;
    return container.style.transform === '';
  });
  return person.page.evaluate(() => {
    const section = document.querySelector('[data-testid="canvas"]') as HTMLElement;
    const layer = section.querySelector('canvas') as HTMLCanvasElement;
    const konva = (
      window as unknown as {
        Konva: { stages: Array<{ container(): HTMLElement; scaleX(): number }> };
      }
    ).Konva;
    const stage = konva.stages.find((s) => s.container().contains(layer));
    const probe = (window as unknown as { __pajaCanvas: Probe }).__pajaCanvas;
    return { drawnAt: stage?.scaleX(), view: probe.scale() };
  }, undefined);
}

async function boardOfForty(person: Person, baseUrl: string) {
  await createBoard(person, baseUrl);
  const canvas = await person.page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  await person.page.mouse.move(canvas.x + canvas.width - 200, canvas.y + canvas.height - 150);
  await pasteText(person, Array.from({ length: 40 }, (_, i) => `Idea ${i + 1}`).join('\n'));
  await expect.poll(() => person.page.getByTestId('note-item').count()).toBe(40);
  await person.page.keyboard.press('Escape');
}

describe('panning the canvas', () => {
  const session = workshopSession();
  const { people } = session;

  it('draws every note on screen where the view is, at every frame of a trackpad pan', async () => {
    const aino = await newPerson(session.browser, 'Aino', 'en-GB');
    people.push(aino);
    await boardOfForty(aino, session.paja.url);

    // The view runs ahead of React (stage/liveView.ts) and the stage's drawing is moved as a
    // picture (stage/frozenStage.ts). At each frame every note whose middle is on screen must
    // be painted there, including the ones that came in from the edge.
    const frames = await aino.page.evaluate(driveAndProbe, {
      frames: 16,
      deltaX: 30,
      deltaY: 20,
      ctrlKey: false,
      flipEvery: 100,
    });
    await screenshot(aino, 'canvas-live-pan');
    expect(frames.some((f) => f.checked > 0)).toBe(true);
    for (const f of frames) expect(f.unpainted).toEqual([]);
    // The view moved at every frame, and the canvas says where it is at every frame.
    expect(new Set(frames.map((f) => f.viewport)).size).toBe(frames.length);
    // The picture was moved during the pan (not redrawn at each frame), and once the pan
    // stops the board is drawn for real at the view again.
    expect(frames.some((f) => f.transform.startsWith('translate('))).toBe(true);
    const after = await drawnForRealAfterwards(aino);
    expect(after.drawnAt).toBe(after.view);
  });

  it('draws every note where the view is at every frame of a pinch, and sharp after it', async () => {
    const aino = people[0] as Person;
    const frames = await aino.page.evaluate(driveAndProbe, {
      frames: 12,
      deltaX: 0,
      deltaY: -6,
      ctrlKey: true,
      flipEvery: 100,
    });
    expect(frames.some((f) => f.checked > 0)).toBe(true);
    for (const f of frames) expect(f.unpainted).toEqual([]);
    expect(new Set(frames.map((f) => f.viewport)).size).toBe(frames.length);
    // Zooming in, the drawn picture is scaled up until React draws the board at the new zoom.
    expect(frames.some((f) => f.transform.includes('scale('))).toBe(true);
    const after = await drawnForRealAfterwards(aino);
    expect(after.view).toBeGreaterThan(1);
    expect(after.drawnAt).toBe(after.view);
  });

  it('shows an edit that arrives during a pan at most one frame after it arrived', async () => {
    const aino = people[0] as Person;
    const pekka = await newPerson(session.browser, 'Pekka', 'en-GB');
    people.push(pekka);
    await joinBoard(pekka, await boardLinkOf(aino));
    // The note nearest the middle of Aino's screen: a pan back and forth keeps it in sight.
    const watched = await aino.page.evaluate(() => {
      const probe = (window as unknown as { __pajaCanvas: Probe }).__pajaCanvas;
      const screen = (
        document.querySelector('[data-testid="canvas"]') as HTMLElement
      ).getBoundingClientRect();
      const middle = { x: screen.left + screen.width / 2, y: screen.top + screen.height / 2 };
      const distance = (id: string) => {
        const r = probe.noteRect(id) as { x: number; y: number; w: number; h: number };
        return Math.hypot(r.x + r.w / 2 - middle.x, r.y + r.h / 2 - middle.y);
      };
      const ids = probe.content().notes.map((n) => n.id);
      return ids.sort((a, b) => distance(a) - distance(b))[0] as string;
    }, undefined);
    const panning = aino.page.evaluate(driveAndProbe, {
      frames: 60,
      deltaX: 8,
      deltaY: 4,
      ctrlKey: false,
      flipEvery: 10,
      watch: watched,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await pekka.page.evaluate((id) => {
      const doc = (
        window as unknown as {
          __paja: {
            doc: { getMap(n: string): { get(id: string): { set(k: string, v: string): void } } };
          };
        }
      ).__paja.doc;
      doc.getMap('notes').get(id).set('color', 'pink');
    }, watched);
    const frames = await panning;
    const pink = [0xf2, 0xb8, 0xd8];
    const isPink = (rgb: number[] | undefined) =>
      rgb?.every((v, i) => Math.abs(v - (pink[i] as number)) <= 4) === true;
    // The edit arrived while the pan went on, not after it.
    const arrived = frames.findIndex((f) => f.docColor === 'pink');
    expect(arrived).toBeGreaterThan(0);
    expect(arrived).toBeLessThan(frames.length - 5);
    expect(isPink(frames[arrived - 1]?.painted)).toBe(false);
    // From the frame after the one in which Aino's document had it, the note is painted pink.
    for (const f of frames.slice(arrived + 1)) expect(isPink(f.painted)).toBe(true);
    for (const f of frames) expect(f.unpainted).toEqual([]);
  });

  it('draws my selection around its note at every frame of a pan', async () => {
    const aino = people[0] as Person;
    const selected = await aino.page.evaluate(() => {
      const probe = (window as unknown as { __pajaCanvas: Probe }).__pajaCanvas;
      const screen = (
        document.querySelector('[data-testid="canvas"]') as HTMLElement
      ).getBoundingClientRect();
      const inMiddle = (id: string) => {
        const r = probe.noteRect(id) as { x: number; y: number; w: number; h: number };
        return Math.hypot(r.x + r.w / 2 - screen.left - screen.width / 2, r.y - screen.top - 300);
      };
      return probe
        .content()
        .notes.map((n) => n.id)
        .sort((a, b) => inMiddle(a) - inMiddle(b))[0] as string;
    }, undefined);
    const box = await aino.page.evaluate(
      (id) => (window as unknown as { __pajaCanvas: Probe }).__pajaCanvas.noteRect(id),
      selected,
    );
    if (!box) throw new Error('the note is not drawn');
    await aino.page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
    await expect
      .poll(() =>
        aino.page.evaluate(
          () =>
            (
              window as unknown as { __pajaCanvas: { selection(): string[] } }
            ).__pajaCanvas.selection(),
          undefined,
        ),
      )
      .toEqual([selected]);
    const frames = await aino.page.evaluate(driveAndProbe, {
      frames: 20,
      deltaX: 9,
      deltaY: 5,
      ctrlKey: false,
      flipEvery: 10,
      outline: selected,
    });
    // The outline is on the note's edge, not beside it, at every frame: the overlay moves with
    // the board (the same stage, frozenStage.ts).
    for (const f of frames) {
      expect(f.edge).toBeGreaterThan(0);
      expect(f.beside).toBe(0);
    }
  });
});
