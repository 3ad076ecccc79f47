/**
 * A WebSocket client for load generators that must read tens of thousands of small messages a
 * second (the writers scenario): a bare TCP socket, the upgrade written by hand, frames parsed
 * in place. A message that lies whole in what one read returned is handed over as a view into
 * it, without the copy and the event `ws` makes per message. Binary messages only; pings are
 * answered; a close frame or a closed socket ends it.
 *
 * Its own frames are masked with a zero key (a client must mask; a zero key leaves the payload
 * as it is), so that a message can be framed once and sent as bytes (`frame`, `sendFrame`).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

/** A whole client frame (FIN, zero mask) carrying `payload`, opcode binary unless given. */
export function frame(payload: Uint8Array, opcode = BINARY): Buffer {
  const length = payload.byteLength;
  const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + 4 + length);
  out[0] = 0x80 | opcode;
  if (head === 2) out[1] = 0x80 | length;
  else if (head === 4) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(length), 2);
  }
  out.writeUInt32BE(0, head); // the mask key
  out.set(payload, head + 4);
  return out;
}

export class LightSocket {
  closeCode: number | null = null;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  readonly #socket: net.Socket;
  readonly #onMessage: (message: Buffer) => void;
  #upgraded = false;
  /** The upgrade's answer, or an unfinished frame's bytes, kept until the rest arrives. */
  #pending: Buffer | null = null;
  /** Reads of an unfinished frame, their bytes, and the bytes its frame needs (0: unknown). */
  #chunks: Buffer[] = [];
  #have = 0;
  #need = 0;

  constructor(url: string, onMessage: (message: Buffer) => void) {
    this.#onMessage = onMessage;
    const { hostname, port, pathname, search } = new URL(url);
    let opened!: () => void;
    let failed!: (error: Error) => void;
    this.opened = new Promise((resolve, reject) => {
      opened = resolve;
      failed = reject;
    });
    let ended!: (code: number) => void;
    this.closed = new Promise((resolve) => {
      ended = resolve;
    });
    this.#socket = net.connect(Number(port), hostname, () => {
      this.#socket.setNoDelay(true);
      const key = randomBytes(16).toString('base64');
      this.#socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    this.#socket.on('data', (chunk: Buffer) => {
      if (this.#upgraded) return this.#read(chunk);
      const head = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        this.#pending = head;
        return;
      }
      this.#pending = null;
      if (!head.subarray(0, 12).toString().includes(' 101')) {
        failed(new Error(`upgrade refused: ${head.subarray(0, end).toString().split('\r\n')[0]}`));
        this.#socket.destroy();
        return;
      }
      this.#upgraded = true;
      opened();
      if (head.byteLength > end + 4) this.#read(head.subarray(end + 4));
    });
    this.#socket.on('error', (error) => failed(error));
    this.#socket.on('close', () => {
      this.closeCode ??= -1;
      failed(new Error(`closed (${this.closeCode}) before open`));
      ended(this.closeCode);
    });
  }

  get open(): boolean {
    return this.#upgraded && this.closeCode === null && !this.#socket.destroyed;
  }

  send(payload: Uint8Array): boolean {
    return this.sendFrame(frame(payload));
  }

  /** Sends a frame made beforehand (`frame`). */
  sendFrame(bytes: Uint8Array): boolean {
    if (!this.open) return false;
    this.#socket.write(bytes);
    return true;
  }

  /** Runs `send`, whose frames then leave in one system call. */
  batch(send: () => void): void {
    this.#socket.cork();
    send();
    this.#socket.uncork();
  }

  close(): void {
    this.closeCode ??= 1000;
    this.#socket.destroy();
  }

  #read(chunk: Buffer): void {
    let data = chunk;
    if (this.#chunks.length > 0) {
      // A large message (a board at the handshake) comes in many reads: join them once.
      this.#chunks.push(chunk);
      this.#have += chunk.byteLength;
      if (this.#have < this.#need) return;
      data = Buffer.concat(this.#chunks);
      this.#chunks = [];
    }
    // Bytes the frame at the start of `data` needs: 0 while its header is incomplete.
    let need = 0;
    while (data.byteLength >= 2) {
      const opcode = (data[0] as number) & 0x0f;
      const short = (data[1] as number) & 0x7f;
      const head = short < 126 ? 2 : short === 126 ? 4 : 10;
      if (data.byteLength < head) break;
      const length =
        short < 126
          ? short
          : short === 126
            ? data.readUInt16BE(2)
            : Number(data.readBigUInt64BE(2));
      if (data.byteLength < head + length) {
        need = head + length;
        break;
      }
      const payload = data.subarray(head, head + length);
      data = data.subarray(head + length);
      if (opcode === BINARY) this.#onMessage(payload);
      else if (opcode === PING) this.sendFrame(frame(payload, PONG));
      else if (opcode === CLOSE) {
        this.closeCode = payload.byteLength >= 2 ? payload.readUInt16BE(0) : 1005;
        this.#socket.destroy();
        return;
      }
    }
    if (data.byteLength > 0) {
      this.#chunks = [data];
      this.#have = data.byteLength;
      this.#need = need;
    }
  }
}
