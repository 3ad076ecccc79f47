import WebSocket from 'ws';

/*
 * A server's WebSocket frames are not masked (RFC 6455 5.1), so one message's frame is the
 * same bytes for every receiver. `ws` builds a header (and an options object and a Buffer view
 * of the payload) per `send`, that is per message per socket: with one writer to 500 observers
 * that was most of what Paja spent per delivery beyond the system call. A WireFrame is built
 * once per message and written as-is to every receiver's socket.
 */

/** At most this many payload bytes are copied behind the header, so a frame is one write. */
export const MAX_COPIED_PAYLOAD = 16 * 1024;

/** One binary WebSocket message (a single final frame), framed once for any number of sockets. */
export class WireFrame {
  /** The message itself, unframed (what `ws.send` would be given). */
  readonly payload: Uint8Array;
  /**
   * The frame's bytes: header and payload in one buffer for a payload up to
   * MAX_COPIED_PAYLOAD; otherwise the header alone, and `body` follows it (a board of several
   * megabytes is not copied to save one write).
   */
  readonly head: Buffer;
  readonly body: Buffer | null;

  constructor(payload: Uint8Array) {
    this.payload = payload;
    const length = payload.byteLength;
    const headerBytes = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const copied = length <= MAX_COPIED_PAYLOAD;
    const head = Buffer.allocUnsafe(headerBytes + (copied ? length : 0));
    writeBinaryHeader(head, length);
    const view = Buffer.from(payload.buffer, payload.byteOffset, length);
    if (copied) view.copy(head, headerBytes);
    this.head = head;
    this.body = copied ? null : view;
  }

  /** The payload's length: what a send counts in the metrics and against the send budget. */
  get byteLength(): number {
    return this.payload.byteLength;
  }
}

/**
 * Several messages framed once and laid back to back in one buffer, so that a socket is sent
 * all of them with one write (UpdateBroadcast: a board's updates of one turn). Each stays a
 * message of its own: the client receives exactly what the frames one by one would give it.
 * A receiver may be left out of some of them (its own updates): it is written the slices
 * between them, views of the same buffer.
 */
export class FrameRun {
  readonly frames: readonly WireFrame[];
  readonly bytes: Buffer;
  /** Where each frame starts in `bytes`, and (last) where the run ends. */
  readonly #starts: number[];

  constructor(frames: readonly WireFrame[]) {
    this.frames = frames;
    const chunks: Buffer[] = [];
    this.#starts = [0];
    let at = 0;
    for (const frame of frames) {
      chunks.push(frame.head);
      at += frame.head.byteLength;
      if (frame.body) {
        chunks.push(frame.body);
        at += frame.body.byteLength;
      }
      this.#starts.push(at);
    }
    this.bytes = Buffer.concat(chunks, at);
  }

  /** The run's bytes without the frames at `left` (indexes, ascending): one slice or more. */
  slicesWithout(left: readonly number[]): Buffer[] {
    if (left.length === 0) return [this.bytes];
    const slices: Buffer[] = [];
    let from = 0;
    for (const index of left) {
      const start = this.#starts[index] as number;
      if (start > from) slices.push(this.bytes.subarray(from, start));
      from = this.#starts[index + 1] as number;
    }
    if (from < this.bytes.byteLength) slices.push(this.bytes.subarray(from));
    return slices;
  }
}

/**
 * RFC 6455 5.2: FIN set, opcode 2 (binary), no RSV bits (no extension), no mask (a server's
 * frames are never masked), then the payload length in 7 bits, or 126 and 16 bits, or 127 and
 * 64 bits, big-endian.
 */
function writeBinaryHeader(target: Buffer, length: number): void {
  target[0] = 0x82;
  if (length < 126) {
    target[1] = length;
  } else if (length < 65536) {
    target[1] = 126;
    target.writeUInt16BE(length, 2);
  } else {
    target[1] = 127;
    target.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    target.writeUInt32BE(length >>> 0, 6);
  }
}

/** What writing needs of the TCP socket under a `ws` WebSocket (net.Socket has all of it). */
export interface FrameSocket {
  cork(): void;
  uncork(): void;
  write(chunk: Buffer): boolean;
  readonly destroyed: boolean;
  /** Bytes received so far (Connection's heartbeat: anything since a ping shows life). */
  readonly bytesRead: number;
}

/**
 * Whether frames may be written to `socket` beside `ws`, instead of through `ws.send`. Only
 * with no extension negotiated: permessage-deflate would need the RSV1 bit and compressed
 * payloads per socket (Paja's WebSocketServer turns it off; this checks the socket itself).
 * Everything else `ws` writes for a socket (ping, pong, close) is a complete frame written at
 * once, so frames written here never split one of its frames; and as long as every message of
 * the socket goes through writeFrame, `ws`'s own send queue (used only while it compresses or
 * reads a Blob) stays empty, so nothing of `ws` waits to be written after ours.
 */
export function mayWriteFrames(ws: WebSocket): boolean {
  return ws.extensions === '';
}

/**
 * Writes `frame` to the socket under `ws`. Only while `ws` is OPEN: from `close()` or
 * `terminate()` on (and on a close frame from the client, or a socket error or end) `ws` is
 * CLOSING, a close frame may be queued or sent, and nothing may follow it (RFC 6455 5.5.1).
 * Returns whether it wrote. The bytes count in the socket's writable length, which is what
 * `ws.bufferedAmount` reads, so a send budget on `bufferedAmount` sees them as before.
 */
export function writeFrame(ws: WebSocket, socket: FrameSocket, frame: WireFrame): boolean {
  if (ws.readyState !== WebSocket.OPEN || socket.destroyed) return false;
  if (frame.body === null) {
    socket.write(frame.head);
    return true;
  }
  // Corks nest with TurnWrites' (as `ws` does for its own header and payload).
  socket.cork();
  socket.write(frame.head);
  socket.write(frame.body);
  socket.uncork();
  return true;
}

/** Writes whole frames' bytes (a FrameRun's slices), as `writeFrame` does, in one write. */
export function writeBytes(ws: WebSocket, socket: FrameSocket, chunks: readonly Buffer[]): boolean {
  if (ws.readyState !== WebSocket.OPEN || socket.destroyed) return false;
  if (chunks.length === 1) {
    socket.write(chunks[0] as Buffer);
    return true;
  }
  socket.cork();
  for (const chunk of chunks) socket.write(chunk);
  socket.uncork();
  return true;
}
