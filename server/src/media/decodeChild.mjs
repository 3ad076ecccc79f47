// The image decoder's own process (see reencode.ts): Skia, inside @napi-rs/canvas, crashes the
// whole process on some malformed files (a PNG cut after 40 bytes is a segfault), so it never
// decodes anything in the server's process. One child per image: it gets the bytes, sends back
// the re-encoded image and thumbnail (or an error), and exits. Plain JavaScript, so it starts
// without a TypeScript loader.
import { createCanvas, loadImage } from '@napi-rs/canvas';

process.once('message', async ({ bytes, width, height, photo, sides }) => {
  try {
    const decoded = await loadImage(Buffer.from(bytes));
    if (decoded.width !== width || decoded.height !== height) {
      throw new Error('the image is not what its header says');
    }
    const out = [];
    for (const side of sides) {
      const scale = Math.min(1, side / Math.max(width, height));
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      const canvas = createCanvas(w, h);
      const context = canvas.getContext('2d');
      if (photo) {
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, w, h);
      }
      context.drawImage(decoded, 0, 0, w, h);
      const data = photo ? await canvas.encode('jpeg', 85) : await canvas.encode('png');
      out.push({ data, width: w, height: h });
    }
    process.send({ ok: true, out }, () => process.exit(0));
  } catch (error) {
    process.send({ ok: false, error: String(error?.message ?? error) }, () => process.exit(0));
  }
});
