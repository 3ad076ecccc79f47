import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { decodeSaved, MessageType, SYNC_PATH } from '@paja/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadHttpPolicy, loadLimits } from '../src/config';
import { silentLogger } from '../src/log';
import { PajaServer, type ServerConfig } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { WorkerSqliteStorage } from '../src/storage/WorkerSqliteStorage';

export function tempDir(prefix = 'paja-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface RunningServer {
  server: PajaServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  port: number;
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-paja-0123456789';

/**
 * Server settings for tests: defaults of production, a fixed secret, a free port. Tests make
 * boards and sockets by the hundred from one address, so the per-address limits are lifted;
 * the tests of those limits set their own.
 */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    clientDir: '/nonexistent-paja-client',
    publicUrl: null,
    idleUnloadMs: 60_000,
    maxMessageBytes: 1024 * 1024,
    compactEvery: 500,
    secret: TEST_SECRET,
    http: loadHttpPolicy({ PAJA_CREATE_PER_HOUR: '1000000' }),
    limits: { ...loadLimits({}), maxConnectionsPerAddress: 1_000_000 },
    ...overrides,
  };
}

/** A real Paja server with SQLite in `dataDir`, on a free port (or `port`). */
export async function startServer(
  dataDir: string,
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  const server = new PajaServer(
    testConfig(overrides),
    WorkerSqliteStorage.open(dataDir),
    silentLogger,
  );
  const address = await server.listen();
  return {
    server,
    url: server.url,
    wsUrl: `ws://127.0.0.1:${address.port}${SYNC_PATH}`,
    dataDir,
    port: address.port,
  };
}

export interface CreatedBoard {
  id: string;
  /** The facilitator's token. */
  token: string;
  url: string;
}

export async function createBoardOver(url: string, title = 'Test board'): Promise<CreatedBoard> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, locale: 'en' }),
  });
  if (response.status !== 201) throw new Error(`create board: ${response.status}`);
  return (await response.json()) as CreatedBoard;
}

/** A link token for another role, minted by the facilitator over the API. */
export async function linkFor(
  url: string,
  board: CreatedBoard,
  role: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await fetch(`${url}/api/boards/${board.id}/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.token}` },
    body: JSON.stringify({ role, ...extra }),
  });
  if (response.status !== 201) throw new Error(`mint link: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

/** A stock y-websocket client in Node, exactly as a third-party integration would use it. */
export function connectClient(
  wsUrl: string,
  boardId: string,
  params: Record<string, string> = {},
): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves with the close code of the client's connection, and stops it reconnecting. */
export function closedWith(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    client.provider.once('connection-close', (event: { code: number } | null) => {
      client.provider.shouldConnect = false; // do not reconnect: the test has its answer
      resolve(event?.code ?? -1);
    });
  });
}

export async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface SavedTracker {
  /** The durable clock the server last reported for this client's own Yjs client id. */
  clock(): number;
  /** The highest save marker the server confirmed. */
  marker(): number;
}

/** Listens to the server's `saved` (and ignores `welcome`) messages; needs `paja: '1'`. */
export function trackSaved(client: TestClient): SavedTracker {
  let clock = 0;
  let marker = 0;
  client.provider.messageHandlers[MessageType.welcome] = () => {};
  client.provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
    const saved = decodeSaved(decoder);
    if (!saved.ok) throw new Error(`undecodable saved: ${saved.error.reason}`);
    marker = Math.max(marker, saved.value.marker);
    for (const [id, durable] of saved.value.clocks) {
      if (id === client.doc.clientID) clock = Math.max(clock, durable);
    }
  };
  return { clock: () => clock, marker: () => marker };
}

/**
 * A WebSocket client made by hand on a TCP socket, for what `ws` will not do: stop reading.
 * After the upgrade it reads nothing more (the socket is paused), so whatever the server sends
 * stays queued on the server's side once the kernel's buffers are full.
 */
export interface RawSocket {
  /** Sends one binary frame, masked as a client must. */
  send(payload: Uint8Array): void;
  destroy(): void;
  /** Reads from now on, and throws it away: a close frame too, which it never answers. */
  readAndIgnore(): void;
  /** Resolves when the server has closed the TCP connection (seen only while reading). */
  closed: Promise<void>;
}

export function nonReadingSocket(port: number, path: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      if (!head.startsWith('HTTP/1.1 101')) {
        reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        return;
      }
      resolve({
        send: (payload) => socket.write(clientFrame(payload)),
        destroy: () => socket.destroy(),
        readAndIgnore: () => socket.resume(),
        closed,
      });
    };
    socket.on('data', onData);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: cGFqYS1yYXctc29ja2V0IQ==\r\n' +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    );
  });
}

function clientFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const header =
    length < 126
      ? Buffer.from([0x82, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), u64(length)]);
  const mask = crypto.randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i] = (masked[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

function u64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/** A small seeded PRNG (mulberry32) so that a failure can be replayed with its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A list of things to undo after each test of the file, last first. */
export function cleanups(): Array<() => unknown> {
  const list: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of list.splice(0).reverse()) await fn();
  });
  return list;
}

/** An in-process server on memory storage with test settings plus `limits`, closed by `cleanup`. */
export async function startInMemory(
  cleanup: Array<() => unknown>,
  limits: Partial<ServerConfig['limits']> = {},
  overrides: Partial<ServerConfig> = {},
) {
  const storage = new MemoryStorage();
  const server = new PajaServer(
    testConfig({ ...overrides, limits: { ...testConfig().limits, ...limits } }),
    storage,
    silentLogger,
  );
  const { port } = await server.listen();
  cleanup.push(() => server.close());
  const url = `http://127.0.0.1:${port}`;
  return { server, storage, port, url, wsUrl: `ws://127.0.0.1:${port}/sync` };
}

/**
 * A server on memory storage with one board and its facilitator connected (a stock client).
 * Whatever it starts is closed by `cleanup` (run it in afterEach, last in first out).
 */
export async function boardOnMemoryServer(cleanup: Array<() => unknown>) {
  const { server, url, wsUrl } = await startInMemory(cleanup);
  const board = await createBoardOver(url);
  const facilitator = connectClient(wsUrl, board.id, { token: board.token });
  cleanup.push(() => facilitator.destroy());
  await facilitator.synced;
  return { server, url, wsUrl, board, facilitator };
}

/** An awareness message setting `doc`'s client's state, as a browser sends it. */
export function awarenessMessage(doc: Y.Doc, state: Record<string, unknown> | null): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
  );
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

/** A PNG of one colour, as a camera or a screenshot tool would give one to upload. */
export async function png(width: number, height: number): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#0a7d5a';
  context.fillRect(0, 0, width, height);
  return canvas.encode('png');
}

/** A PNG of noise, which does not compress: its stored size is about 2.6 bytes a pixel. */
export async function noisyPng(side: number, seed = 7): Promise<Buffer> {
  const canvas = createCanvas(side, side);
  const context = canvas.getContext('2d');
  const pixels = context.createImageData(side, side);
  let state = seed;
  for (let i = 0; i < pixels.data.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    pixels.data[i] = i % 4 === 3 ? 255 : (state >> 16) & 255;
  }
  context.putImageData(pixels, 0, 0);
  return canvas.encode('png');
}

/** One message a `ws` client received: its type, sync step and payload, and a sync update's bytes. */
export interface ReceivedMessage {
  type: number;
  step: number | null;
  /** What follows the type (and the sync step). */
  payload: Uint8Array;
  /** For a sync update message, the update; otherwise null. */
  update: Uint8Array | null;
}

/** Records every message `ws` receives from now on, in order. */
export function recordMessages(ws: WebSocket): ReceivedMessage[] {
  const received: ReceivedMessage[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    const step = type === MessageType.sync ? decoding.readVarUint(decoder) : null;
    const payload = decoding.readTailAsUint8Array(decoder);
    const update =
      step === syncProtocol.messageYjsUpdate
        ? decoding.readVarUint8Array(decoding.createDecoder(payload))
        : null;
    received.push({ type, step, payload, update });
  });
  return received;
}
