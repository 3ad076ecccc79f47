import type { Person } from './harness';

/*
 * Pictures and files in browser tests: handing them to the page as a person does, reading the
 * board's image and link items, and looking at what the canvas shows.
 */

export interface Item {
  id: string;
  text: string;
  media: { kind: string; blob?: string; url?: string } | null;
}

/** The board's items that have `media` (images and links), read from the page's document. */
export async function mediaItems(person: Person): Promise<Item[]> {
  return person.page.evaluate(() => {
    interface YMap {
      get(key: string): unknown;
      entries(): IterableIterator<[string, YMap]>;
    }
    const doc = (window as unknown as { __paja?: { doc: { getMap(n: string): YMap } } }).__paja
      ?.doc;
    if (!doc) return [];
    return [...doc.getMap('notes').entries()]
      .filter(([, note]) => note.get('media'))
      .map(([id, note]) => ({
        id,
        text: String(note.get('text')),
        media: note.get('media') as Item['media'],
      }));
  });
}

/**
 * Hands files to the page the way the browser does: into the "Add image" picker, or as a
 * paste (Ctrl+V of a copied picture). Pictures are drawn in the page (a canvas, as PNG).
 */
export async function giveFiles(
  person: Person,
  how: 'picker' | 'paste',
  files: Array<{ name: string; draw?: [number, number, string]; text?: string; zeros?: number }>,
) {
  await person.page.evaluate(
    async ({ how, files }) => {
      const transfer = new DataTransfer();
      for (const spec of files) {
        let blob: Blob;
        if (spec.draw) {
          const [w, h, color] = spec.draw;
          const canvas = document.createElement('canvas');
          canvas.width = w;
          canvas.height = h;
          const context = canvas.getContext('2d');
          if (!context) throw new Error('no 2d context');
          context.fillStyle = color;
          context.fillRect(0, 0, w, h);
          context.fillStyle = '#ffffff';
          context.beginPath();
          context.arc(w / 2, h / 2, Math.min(w, h) / 4, 0, Math.PI * 2);
          context.fill();
          blob = await new Promise<Blob>((done) =>
            canvas.toBlob((b) => done(b ?? new Blob()), 'image/png'),
          );
        } else if (spec.zeros) blob = new Blob([new Uint8Array(spec.zeros)]);
        else blob = new Blob([spec.text ?? '']);
        transfer.items.add(new File([blob], spec.name, { type: blob.type || 'image/png' }));
      }
      if (how === 'paste') {
        document.body.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
        return;
      }
      const input = document.querySelector<HTMLInputElement>('[data-testid="add-image-input"]');
      if (!input) throw new Error('no image picker');
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { how, files },
  );
}

/**
 * The colour the page shows at a point (page pixels), as a person sees it: a screenshot of
 * that pixel, decoded in the page. Tells a drawn picture from the grey box shown in its place
 * while (or because) its file cannot be loaded.
 */
export async function colourAt(person: Person, x: number, y: number): Promise<number[]> {
  const shot = await person.page.screenshot({
    clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 },
  });
  return person.page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, shot.toString('base64'));
}
