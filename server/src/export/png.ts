import { crc32, createDeflate } from 'node:zlib';
import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { SVG_FONT_FAMILY, type SvgResult } from './svg';

/** Draws the board, or with `frame` one rectangle of it, as SVG (svg.ts's renderSvg). */
export type DrawSvg = (frame?: { x: number; y: number; w: number; h: number }) => SvgResult;
export type Extent = { x: number; y: number; w: number; h: number };

/**
 * The board as one PNG, rasterised on the server with resvg in horizontal strips that are
 * stitched as they come into one PNG stream. A browser caps one canvas at about 16.7 million
 * pixels; here no strip is larger than STRIP_PIXELS, so a big board is drawn at full size (a
 * board of 60 million pixels is four strips) and only a board beyond PNG_MAX_PIXELS is
 * scaled down (never cut). Memory is one strip of raw pixels plus the compressed file.
 * The cap is time: the 10,000-note board (18,000 x 21,000 units) took 436 s at 200 Mpx on a
 * loaded 2-core machine against 35 s at 16 Mpx (bench/RESULTS.md), so 64 Mpx, four strips.
 */
export const PNG_MAX_PIXELS = 64_000_000;
export const STRIP_PIXELS = 16_000_000;
/** The PNG format allows 2^31 - 1 per side; image viewers are happier far below. */
export const PNG_MAX_SIDE = 65_535;

export function pngScale(width: number, height: number): number {
  return Math.min(
    1,
    Math.sqrt(PNG_MAX_PIXELS / (width * height)),
    PNG_MAX_SIDE / width,
    PNG_MAX_SIDE / height,
  );
}

const RESVG_FONTS = {
  fontFiles: [FONT_REGULAR, FONT_BOLD],
  loadSystemFonts: false,
  defaultFontFamily: SVG_FONT_FAMILY,
};

/**
 * Each strip is its own SVG of only what overlaps it (`draw` with a frame), so resvg parses
 * and outlines the text of one strip at a time, never the whole board once per strip.
 */
export async function renderPng(
  draw: DrawSvg,
  extent: Extent,
  progress: (fraction: number) => void = () => {},
): Promise<{ png: Buffer; scale: number; strips: number }> {
  // Loaded on first use like the other export libraries, so that start-up does not wait for it.
  const { Resvg } = await import('@resvg/resvg-js');
  const scale = pngScale(extent.w, extent.h);
  const width = Math.max(1, Math.floor(extent.w * scale));
  const height = Math.max(1, Math.floor(extent.h * scale));
  const stripHeight = Math.max(1, Math.min(height, Math.floor(STRIP_PIXELS / width)));
  const png = new PngWriter(width, height);
  let strips = 0;
  for (let top = 0; top < height; top += stripHeight) {
    const rows = Math.min(stripHeight, height - top);
    // This strip's part of the board, in board units, drawn `width` pixels wide.
    const frame = { x: extent.x, y: extent.y + top / scale, w: extent.w, h: rows / scale };
    const rendered = new Resvg(draw(frame).svg, {
      fitTo: { mode: 'width', value: width },
      font: RESVG_FONTS,
    }).render();
    await png.addRows(rendered.pixels, rendered.width, Math.min(rows, rendered.height), rows);
    strips += 1;
    progress(0.3 + (0.7 * (top + rows)) / height);
  }
  return { png: await png.finish(), scale, strips };
}

/**
 * A PNG written row by row: 8-bit RGBA, no interlacing, each row with filter 0, the rows
 * deflated as one zlib stream and cut into IDAT chunks. The pixels resvg gives are
 * premultiplied; the board's background is opaque, so they equal straight RGBA.
 */
class PngWriter {
  readonly #chunks: Buffer[] = [];
  readonly #deflate = createDeflate({ level: 6 });
  readonly #compressed: Buffer[] = [];
  readonly #width: number;
  readonly #ended: Promise<void>;

  constructor(width: number, height: number) {
    this.#width = width;
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8; // bit depth
    header[9] = 6; // RGBA
    this.#chunks.push(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header));
    this.#deflate.on('data', (data: Buffer) => this.#compressed.push(data));
    this.#ended = new Promise((resolve, reject) => {
      this.#deflate.on('end', resolve);
      this.#deflate.on('error', reject);
    });
  }

  /** Appends `rows` rows; rows beyond what was rendered (rounding) repeat its last row. */
  async addRows(pixels: Buffer, renderedWidth: number, renderedRows: number, rows: number) {
    const stride = this.#width * 4;
    const out = Buffer.alloc(rows * (stride + 1));
    for (let row = 0; row < rows; row++) {
      const source = Math.min(row, renderedRows - 1) * renderedWidth * 4;
      const at = row * (stride + 1);
      out[at] = 0;
      pixels.copy(out, at + 1, source, source + Math.min(stride, renderedWidth * 4));
    }
    if (!this.#deflate.write(out)) {
      await new Promise((resolve) => this.#deflate.once('drain', resolve));
    }
  }

  async finish(): Promise<Buffer> {
    this.#deflate.end();
    await this.#ended;
    const data = Buffer.concat(this.#compressed);
    for (let at = 0; at < data.length; at += 1 << 20) {
      this.#chunks.push(chunk('IDAT', data.subarray(at, at + (1 << 20))));
    }
    this.#chunks.push(chunk('IEND', Buffer.alloc(0)));
    return Buffer.concat(this.#chunks);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, tail]);
}
