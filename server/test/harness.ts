import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeSaved, MessageType, SYNC_PATH } from '@paja/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadHttpPolicy, loadLimits } from '../src/config';
import { silentLogger } from '../src/log';
import { PajaServer, type ServerConfig } from '../src/PajaServer';
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
