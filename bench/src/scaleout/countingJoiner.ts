import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { now } from '../sync/client';

/**
 * Where every CountingJoiner of this process reads its socket into: one buffer, reused by
 * every read (a read is consumed before the next starts: nothing keeps a view of it past
 * `#read`). Node otherwise allocates a fresh 64 KiB buffer for each read, so 50 joiners of a
 * 20 MB board made 16,000 buffers for the garbage collector; with 1 MiB a read also takes
 * everything the kernel holds for the socket in fewer system calls.
 */
const READ_BUFFER = Buffer.allocUnsafe(1024 * 1024);

/** y-websocket's sync message, step 1, with an empty state vector: "send me everything". */
const STEP1_EMPTY = Uint8Array.from([0, 0, 1, 0]);

/**
 * A joiner that costs its process almost nothing beyond the kernel's copy: a WebSocket client
 * on a bare TCP socket that sends sync step 1 and then only parses frame headers, counting
 * payload bytes and keeping none. It is synced when the last byte of the server's sync step 2
 * message (payload starting 0, 1) has arrived: the moment a stock client would hold the whole
 * board, without the copies `ws` makes to hand each 20 MB message over. Used by the joiners
 * measurement, where a stock client per joiner made the generator the bottleneck.
 */
export class CountingJoiner {
  readonly startedAt = now();
  syncedAt: number | null = null;
  /** When the first bytes of the board (the sync step 2 message) arrived: the server had it. */
  boardStartedAt: number | null = null;
  closeCode: number | null = null;
  bytesIn = 0;
  readonly done: Promise<void>;
  readonly #socket: net.Socket;
  #finish!: () => void;
  #upgraded = false;
  #head = Buffer.alloc(0);
  /** What remains of the current frame's payload, and its first bytes seen so far. */
  #payloadLeft = 0;
  #opcode = 0;
  #prefix: number[] = [];

  constructor(url: string) {
    const { hostname, port, pathname, search } = new URL(url);
    this.done = new Promise((resolve) => {
      this.#finish = resolve;
    });
    const onread = {
      buffer: READ_BUFFER,
      callback: (bytes: number, buffer: Uint8Array) => {
        this.#read(Buffer.from(buffer.buffer, buffer.byteOffset, bytes));
        return true; // keep reading (false would pause the socket)
      },
    };
    this.#socket = net.connect({ port: Number(port), host: hostname, onread }, () => {
      const key = randomBytes(16).toString('base64');
      this.#socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    this.#socket.on('error', () => {});
    this.#socket.on('close', () => {
      this.closeCode ??= this.syncedAt === null ? -1 : null;
      this.#finish();
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #read(chunk: Buffer): void {
    this.bytesIn += chunk.byteLength;
    let data = chunk;
    if (!this.#upgraded) {
      this.#head = Buffer.concat([this.#head, data]);
      const end = this.#head.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!this.#head.subarray(0, 12).toString().includes(' 101')) {
        this.closeCode = -2;
        this.#socket.destroy();
        return;
      }
      this.#upgraded = true;
      data = this.#head.subarray(end + 4);
      this.#head = Buffer.alloc(0);
      // A client frame must be masked; a zero mask leaves the payload as it is.
      const frame = Buffer.concat([
        Buffer.from([0x82, 0x80 | STEP1_EMPTY.length, 0, 0, 0, 0]),
        STEP1_EMPTY,
      ]);
      this.#socket.write(frame);
    }
    while (data.byteLength > 0) {
      if (this.#payloadLeft > 0) {
        const take = Math.min(this.#payloadLeft, data.byteLength);
        for (let i = 0; i < take && this.#prefix.length < 2; i++) this.#prefix.push(data[i] ?? 0);
        if (this.#opcode === 0x2 && this.#prefix[0] === 0 && this.#prefix[1] === 1) {
          this.boardStartedAt ??= now();
        }
        this.#payloadLeft -= take;
        data = data.subarray(take);
        if (this.#payloadLeft === 0) this.#frameEnded();
        continue;
      }
      // A frame header: 2 bytes, then 2 or 8 bytes of length (servers do not mask).
      this.#head = Buffer.concat([this.#head, data]);
      const header = this.#header();
      if (header === null) return;
      data = this.#head.subarray(header.size);
      this.#head = Buffer.alloc(0);
      this.#opcode = header.opcode;
      this.#prefix = [];
      this.#payloadLeft = header.length;
      if (header.length === 0) this.#frameEnded();
    }
  }

  #header(): { size: number; length: number; opcode: number } | null {
    const head = this.#head;
    if (head.byteLength < 2) return null;
    const opcode = (head[0] ?? 0) & 0x0f;
    const short = (head[1] ?? 0) & 0x7f;
    if (short < 126) return { size: 2, length: short, opcode };
    if (short === 126) {
      return head.byteLength < 4 ? null : { size: 4, length: head.readUInt16BE(2), opcode };
    }
    return head.byteLength < 10
      ? null
      : { size: 10, length: Number(head.readBigUInt64BE(2)), opcode };
  }

  #frameEnded(): void {
    if (this.#opcode === 0x8) {
      this.closeCode = ((this.#prefix[0] ?? 0) << 8) | (this.#prefix[1] ?? 0);
      this.#socket.destroy();
      return;
    }
    if (this.#opcode === 0x2 && this.#prefix[0] === 0 && this.#prefix[1] === 1) {
      this.syncedAt ??= now();
      this.#finish();
    }
  }
}
