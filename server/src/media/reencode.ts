import { fork } from 'node:child_process';
import { IMAGE_MAX_SIDE } from '@paja/shared';
import {
  declaredImageSize,
  type ImageHeader,
  MAX_SOURCE_PIXELS,
  MAX_SOURCE_SIDE,
  readImageHeader,
} from './imageFormat';

/**
 * An upload made safe to serve: decoded to pixels and encoded anew, so whatever else the file
 * carried (a script after the image data, an HTML or JavaScript polyglot, metadata with the
 * camera's position) is gone; only pixels are stored. Photos (JPEG) stay JPEG; everything
 * else becomes PNG (a GIF keeps its first frame; WebP becomes PNG for every browser and
 * resvg). Larger than IMAGE_MAX_SIDE is scaled down; the thumbnail's longer side is THUMB_SIDE.
 *
 * Decoding runs in a child process of its own (decodeChild.mjs), never in the server: the
 * decoder (Skia) segfaults on some malformed files, and a crash there must refuse one upload,
 * not stop every workshop. At most MAX_DECODERS run at once; the rest wait in order.
 */
export const THUMB_SIDE = 320;
const MAX_DECODERS = 2;
/** Uploads waiting for a decoder; past it an upload is refused at once (each holds its file). */
const MAX_WAITING = 16;
const DECODE_TIMEOUT_MS = 20_000;

export interface Encoded {
  data: Buffer;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

export interface ReencodedImage {
  image: Encoded;
  thumb: Encoded;
  source: ImageHeader;
}

export class NotAnImageError extends Error {
  override name = 'NotAnImageError';
}

/** A real image, with more pixels than Paja decodes (imageFormat.ts: MAX_SOURCE_PIXELS). */
export class ImageTooLargeError extends Error {
  override name = 'ImageTooLargeError';
}

export class DecoderBusyError extends Error {
  override name = 'DecoderBusyError';
}

export async function reencodeImage(bytes: Uint8Array): Promise<ReencodedImage> {
  const source = readImageHeader(bytes);
  if (!source) {
    const declared = declaredImageSize(bytes);
    if (declared) {
      throw new ImageTooLargeError(
        `${declared.width} x ${declared.height} pixels: at most ${MAX_SOURCE_PIXELS} pixels and ${MAX_SOURCE_SIDE} on a side`,
      );
    }
    throw new NotAnImageError('not a PNG, JPEG, WebP or GIF image');
  }
  const photo = source.format === 'jpeg';
  const mime = photo ? 'image/jpeg' : 'image/png';
  const [image, thumb] = await decodeInChild(bytes, source, photo);
  if (!image || !thumb) throw new NotAnImageError('the image could not be decoded');
  return { image: { ...image, mime }, thumb: { ...thumb, mime }, source };
}

type Drawn = Omit<Encoded, 'mime'>;

let running = 0;
const waiting: Array<() => void> = [];

async function decodeInChild(bytes: Uint8Array, source: ImageHeader, photo: boolean) {
  if (running >= MAX_DECODERS) {
    if (waiting.length >= MAX_WAITING) throw new DecoderBusyError('too many images at once');
    await new Promise<void>((go) => waiting.push(go));
  }
  running += 1;
  try {
    return await runChild(bytes, source, photo);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function runChild(bytes: Uint8Array, source: ImageHeader, photo: boolean): Promise<Drawn[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./decodeChild.mjs', import.meta.url), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      execArgv: [],
    });
    let settled = false;
    const done = (error: Error | null, drawn?: Drawn[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(drawn ?? []);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(new NotAnImageError('the image took too long to decode'));
    }, DECODE_TIMEOUT_MS);
    child.on('message', (answer: { ok: boolean; out?: Drawn[]; error?: string }) => {
      if (answer.ok && answer.out) {
        done(
          null,
          answer.out.map((d) => ({ ...d, data: Buffer.from(d.data) })),
        );
      } else done(new NotAnImageError(answer.error ?? 'the image could not be decoded'));
    });
    child.on('error', (error) => done(error));
    child.on('exit', (code, signal) => {
      done(new NotAnImageError(`the image could not be decoded (decoder ${signal ?? code})`));
    });
    child.send({
      bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      width: source.width,
      height: source.height,
      photo,
      sides: [IMAGE_MAX_SIDE, THUMB_SIDE],
    });
  });
}
