import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from './imageFormat';
import { ImageTooLargeError, NotAnImageError, reencodeImage, THUMB_SIDE } from './reencode';

async function picture(width: number, height: number, format: 'png' | 'jpeg' | 'webp') {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#1a56db';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#ffe680';
  context.fillRect(0, 0, width / 2, height / 2);
  return format === 'png' ? canvas.encode('png') : canvas.encode(format, 80);
}

const text = (s: string) => new TextEncoder().encode(s);
const has = (bytes: Uint8Array, needle: string) => Buffer.from(bytes).includes(needle);

describe('uploaded images', () => {
  it('reads the format and size of PNG, JPEG and WebP from the header', async () => {
    expect(readImageHeader(await picture(640, 480, 'png'))).toEqual({
      format: 'png',
      width: 640,
      height: 480,
    });
    expect(readImageHeader(await picture(300, 200, 'jpeg'))).toEqual({
      format: 'jpeg',
      width: 300,
      height: 200,
    });
    expect(readImageHeader(await picture(99, 51, 'webp'))).toMatchObject({
      format: 'webp',
      width: 99,
      height: 51,
    });
  });

  it('re-encodes: a PNG stays PNG with a thumbnail, a WebP becomes PNG, a JPEG stays JPEG', async () => {
    const png = await reencodeImage(await picture(1000, 500, 'png'));
    expect(png.image).toMatchObject({ mime: 'image/png', width: 1000, height: 500 });
    expect(png.thumb).toMatchObject({ mime: 'image/png', width: THUMB_SIDE, height: 160 });
    expect(readImageHeader(png.thumb.data)?.width).toBe(THUMB_SIDE);
    const webp = await reencodeImage(await picture(120, 90, 'webp'));
    expect(webp.image.mime).toBe('image/png');
    const jpeg = await reencodeImage(await picture(200, 100, 'jpeg'));
    expect(jpeg.image.mime).toBe('image/jpeg');
    expect(readImageHeader(jpeg.image.data)).toMatchObject({ format: 'jpeg', width: 200 });
  });

  it('drops whatever rides along with the pixels (a polyglot PNG with HTML and script)', async () => {
    const png = await picture(64, 64, 'png');
    const polyglot = Buffer.concat([png, text('<html><script>alert(document.cookie)</script>')]);
    const safe = await reencodeImage(polyglot);
    expect(has(polyglot, '<script>')).toBe(true);
    expect(has(safe.image.data, '<script>')).toBe(false);
    expect(has(safe.thumb.data, 'script')).toBe(false);
    // A GIF/JavaScript polyglot: Skia reads an empty 10x10 frame; only those pixels are kept.
    const gifScript = text('GIF89a\x0a\x00\x0a\x00\x00\x00\x00/*<script>alert(1)</script>*/');
    const cleaned = await reencodeImage(gifScript);
    expect(cleaned.image).toMatchObject({ mime: 'image/png', width: 10, height: 10 });
    expect(has(cleaned.image.data, 'script')).toBe(false);
  });

  it('refuses SVG, HTML and a truncated image', async () => {
    const svg = text(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    await expect(reencodeImage(svg)).rejects.toBeInstanceOf(NotAnImageError);
    await expect(reencodeImage(text(`<!doctype html>${'<p>x'.repeat(20)}`))).rejects.toThrow(
      NotAnImageError,
    );
    const png = await picture(200, 200, 'png');
    await expect(reencodeImage(png.subarray(0, 40))).rejects.toBeInstanceOf(NotAnImageError);
  });

  it('refuses a header announcing a huge picture without decoding it (it would abort the process)', async () => {
    const png = Buffer.from(await picture(10, 10, 'png'));
    png.writeUInt32BE(30_000, 16);
    png.writeUInt32BE(30_000, 20);
    expect(readImageHeader(png)).toBeNull();
    // Told apart from a file that is no picture: the page says what is wrong with it.
    await expect(reencodeImage(png)).rejects.toBeInstanceOf(ImageTooLargeError);
    await expect(reencodeImage(png)).rejects.toThrow('30000 x 30000 pixels');
  });
});
