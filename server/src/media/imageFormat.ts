/**
 * What an uploaded file really is, read from its first bytes, never from its name or the
 * Content-Type the uploader sent: PNG, JPEG, WebP or GIF, and its size in pixels from the
 * header. Anything else (SVG, HTML, a script, a PDF) is not an image here.
 *
 * The pixel size is read before anything decodes the file, because the decoder (Skia, in
 * @napi-rs/canvas) allocates the whole bitmap the header announces, and an allocation it
 * cannot make aborts the process: a 40-byte file claiming 30,000 x 30,000 pixels would take
 * the server down (tried). So a file whose header cannot be read, or announces more than
 * MAX_SOURCE_PIXELS, is refused without decoding.
 */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Largest picture decoded: 50 Mpx (a 200 MB bitmap), more than any phone camera takes. */
export const MAX_SOURCE_PIXELS = 50_000_000;
export const MAX_SOURCE_SIDE = 20_000;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, at: number, text: string) =>
  startsWith(
    bytes,
    [...text].map((c) => c.charCodeAt(0)),
    at,
  );

/**
 * The format and size a file's header declares when it is an image of a kind Paja takes, whatever
 * its size: so that a picture too large to decode is told apart from a file that is no picture.
 */
export function declaredImageSize(bytes: Uint8Array): ImageHeader | null {
  return sniff(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The format and pixel size the file's header declares, or null if it is no image we take. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = sniff(bytes, view);
  if (!header) return null;
  const { width, height } = header;
  if (width < 1 || height < 1 || width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE) return null;
  if (width * height > MAX_SOURCE_PIXELS) return null;
  return header;
}

function sniff(bytes: Uint8Array, view: DataView): ImageHeader | null {
  if (bytes.length < 32) return null;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    // The first chunk must be IHDR: width and height, 4 bytes each, big-endian.
    if (!ascii(bytes, 12, 'IHDR')) return null;
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) {
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return webp(bytes, view);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes, view);
  return null;
}

function webp(bytes: Uint8Array, view: DataView): ImageHeader | null {
  if (ascii(bytes, 12, 'VP8X')) {
    const w = 1 + (view.getUint16(24, true) | (view.getUint8(26) << 16));
    const h = 1 + (view.getUint16(27, true) | (view.getUint8(29) << 16));
    return { format: 'webp', width: w, height: h };
  }
  if (ascii(bytes, 12, 'VP8 ')) {
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return null;
    return {
      format: 'webp',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  if (ascii(bytes, 12, 'VP8L')) {
    if (bytes[20] !== 0x2f) return null;
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return null;
}

/** Walks the JPEG's segments to its frame header (SOF0-SOF15 except DHT, JPG and DAC). */
function jpeg(bytes: Uint8Array, view: DataView): ImageHeader | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = view.getUint16(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      return { format: 'jpeg', width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    if (marker === 0xda || marker === 0xd9 || length < 2) return null; // scan before a frame
    at += 2 + length;
  }
  return null;
}
