import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  CloseCode,
  closeCodeMetric,
  isBoardId,
  PAJA_CLIENT_PARAM,
  PARTICIPANT_KEY_PARAM,
  PROTOCOL_VERSION_PARAM,
  PUBLIC_PARAM,
  type Role,
  readPublication,
  SYNC_PATH,
  speaksClientVersion,
  TOKEN_PARAM,
} from '@paja/shared';
import { WebSocketServer } from 'ws';
import { type AccessResult, authorize, stillValid } from './auth/access';
import { addressKeyFor, participantIdFor, randomParticipantId } from './auth/tokens';
import { Connection } from './Connection';
import { ConnectionPools } from './ConnectionPools';
import {
  type Config,
  type HttpPolicy,
  type Limits,
  loadHttpPolicy,
  type StatementConfig,
} from './config';
import { ExportJobs } from './export/ExportJobs';
import type { FanOut } from './fanout/FanOut';
import { InProcessFanOut } from './fanout/InProcessFanOut';
import { handleApi } from './http/api';
import { clientAddress } from './http/clientAddress';
import { securityHeaders } from './http/securityHeaders';
import { sendJson, sendText, serveClient } from './http/staticFiles';
import { KeyedRateLimiter } from './KeyedRateLimiter';
import { type Logger, limitWarnings, WarningLimiter } from './log';
import { Metrics } from './Metrics';
import { RoomRegistry } from './RoomRegistry';
import type { Storage } from './storage/Storage';

const HEARTBEAT_MS = 30_000;
const READY_TIMEOUT_MS = 2_000;
/** setTimeout's longest delay; an expiry further away is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A participant key is a random string the browser keeps; longer ones are not keys. */
const MAX_PARTICIPANT_KEY = 128;

export type ServerConfig = Pick<
  Config,
  'port' | 'host' | 'clientDir' | 'publicUrl' | 'idleUnloadMs' | 'maxMessageBytes' | 'compactEvery'
> & {
  /** The resolved link-signing key (see auth/secret.ts). */
  secret: string;
  limits: Limits;
  /**
   * How often each loaded board asks storage whether the fan-out lost an update (0: never;
   * worth it only when other instances write the same boards).
   */
  catchUpEveryMs?: number;
  /** Board creation and response headers; the defaults of loadHttpPolicy when left out. */
  http?: HttpPolicy;
  /** The operator's parts of the accessibility statement (none: the page says so). */
  statement?: StatementConfig;
};

/**
 * The process's front door: HTTP (client files, board API, health, metrics) and the
 * WebSocket upgrade to /sync/<boardId>, where it decides who the caller is and what they may
 * do before any byte of the board is sent. Owns the room registry and the storage handed to it.
 */
export class PajaServer {
  readonly rooms: RoomRegistry;
  /** Export jobs of every board (see export/ExportJobs.ts). */
  readonly exports = new ExportJobs();
  readonly metrics = new Metrics();
  readonly #http: http.Server;
  readonly #wss: WebSocketServer;
  readonly #storage: Storage;
  readonly #fanOut: FanOut;
  readonly #config: ServerConfig;
  readonly #log: Logger;
  readonly #connections = new Set<Connection>();
  readonly #started = Date.now();
  readonly #policy: HttpPolicy;
  readonly #pools: ConnectionPools;
  readonly #creations: KeyedRateLimiter;
  readonly #warnings: WarningLimiter;
  #heartbeat: NodeJS.Timeout | null = null;
  #accessCheck: NodeJS.Timeout | null = null;
  #closing: Promise<void> | null = null;

  constructor(
    config: ServerConfig,
    storage: Storage,
    log: Logger,
    fanOut: FanOut = new InProcessFanOut(),
  ) {
    this.#config = config;
    this.#fanOut = fanOut;
    this.#storage = storage;
    this.#policy = config.http ?? loadHttpPolicy({});
    this.#warnings = new WarningLimiter((counts) => log.warn('warnings left out', counts));
    this.#log = limitWarnings(log, this.#warnings);
    this.#pools = new ConnectionPools(config.limits);
    this.#creations = new KeyedRateLimiter(
      this.#policy.createPerHour / 3600,
      Math.max(1, Math.ceil(this.#policy.createPerHour / 3)),
    );
    this.rooms = new RoomRegistry(
      storage,
      {
        compactEvery: config.compactEvery,
        idleUnloadMs: config.idleUnloadMs,
        maxBoardBytes: config.limits.maxBoardBytes,
        structure: {
          maxDepth: config.limits.maxUpdateDepth,
          maxUpdateEntries: config.limits.maxUpdateEntries,
          maxBoardItems: config.limits.maxBoardItems,
          maxBoardMemoryBytes: config.limits.maxBoardMemoryBytes,
        },
        maxUnsavedBytes: config.limits.maxUnsavedBytes,
        comments: config.limits.comments,
        metrics: this.metrics,
        fanOut,
        relay: {
          checkEveryMs: config.catchUpEveryMs ?? 0,
          onCaughtUp: () => this.metrics.relayCatchUps++,
        },
      },
      this.#log,
    );
    this.#http = http.createServer((req, res) => {
      this.#onRequest(req, res).catch((error) => {
        this.#log.error('request failed', { error, path: req.url?.split('?')[0] });
        if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
        else res.destroy();
      });
    });
    // Larger messages make `ws` close the socket with 1009 (message too big) before buffering.
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
    this.#http.on('upgrade', (req, socket, head) => {
      this.#onUpgrade(req, socket, head).catch((error) => {
        this.#log.error('upgrade failed', { error });
        socket.destroy();
      });
    });
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(this.#config.port, this.#config.host, () => {
        this.#http.off('error', reject);
        resolve();
      });
    });
    this.#heartbeat = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
    this.#accessCheck = setInterval(
      () => void this.#checkAccess(),
      this.#config.limits.accessCheckMs,
    );
    this.#accessCheck.unref();
    return this.#http.address() as AddressInfo;
  }

  /** The URL people open, e.g. http://127.0.0.1:8080. */
  get url(): string {
    if (this.#config.publicUrl) return this.#config.publicUrl;
    const address = this.#http.address() as AddressInfo;
    const host =
      address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
    const shown = host.includes(':') ? `[${host}]` : host;
    return `http://${shown}:${address.port}`;
  }

  /** Stops accepting, closes every connection, flushes every board, closes storage. */
  close(): Promise<void> {
    if (!this.#closing) this.#closing = this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    if (this.#accessCheck) clearInterval(this.#accessCheck);
    const httpClosed = new Promise<void>((resolve) => this.#http.close(() => resolve()));
    await this.rooms.closeAll(CloseCode.serverShutdown, 'server shutting down');
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
    this.#http.closeAllConnections();
    await httpClosed;
    await this.#fanOut.close();
    await this.#storage.close();
    this.#warnings.flush();
  }

  /** Pings every socket; one that did not answer the previous ping is closed. */
  #beat(): void {
    for (const connection of [...this.#connections]) connection.heartbeat();
  }

  /**
   * Closes the open sessions whose role's links were revoked meanwhile, also by another process
   * (the command line, another instance). One storage read per board and role, not per socket.
   */
  async #checkAccess(): Promise<void> {
    const verdicts = new Map<string, Promise<boolean>>();
    for (const connection of [...this.#connections]) {
      const claims = connection.claims;
      if (!claims || connection.closed) continue;
      const key = `${claims.b}\n${claims.r}\n${claims.g}`;
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = stillValid(this.#storage, claims);
        verdicts.set(key, verdict);
      }
      try {
        if (!(await verdict))
          connection.close(CloseCode.unauthorized, 'this link has been revoked');
      } catch {
        // Storage down: keep the connection; readiness reports the failure.
      }
    }
  }

  /**
   * Closes `connection` when its link expires, to the second: an expired link must not keep
   * working because its socket happened to be open.
   */
  #closeAtExpiry(connection: Connection, ws: { once(event: 'close', f: () => void): void }): void {
    const expiresAt = connection.claims?.e ?? 0;
    if (expiresAt === 0) return;
    let timer: NodeJS.Timeout;
    const arm = () => {
      const left = expiresAt * 1000 - Date.now();
      if (left <= 0) {
        connection.close(CloseCode.linkExpired, 'this link has expired');
        return;
      }
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      timer.unref();
    };
    arm();
    ws.once('close', () => clearTimeout(timer));
  }

  async #onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(
      securityHeaders(this.#policy, this.#config.publicUrl, req),
    )) {
      res.setHeader(name, value);
    }
    const { pathname } = new URL(req.url ?? '/', 'http://paja.invalid');
    switch (pathname) {
      case '/healthz':
        sendJson(res, 200, this.#health());
        return;
      case '/readyz':
        await this.#ready(res);
        return;
      case '/metrics':
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(
          this.metrics.render({
            connections: this.#connections.size,
            boardsLoaded: this.rooms.size,
            unsavedBytes: this.#unsavedBytes(),
            queuedBytes: this.#queuedBytes(),
          }),
        );
        return;
    }
    const api = {
      storage: this.#storage,
      secret: this.#config.secret,
      rooms: this.rooms,
      statement: this.#config.statement ?? null,
      exports: this.exports,
      baseUrl: () => this.url,
      log: this.#log,
      policy: this.#policy,
      creations: this.#creations,
      address: clientAddress(req, this.#policy.trustProxy),
      refused: (reason: string) => this.metrics.reject(reason),
    };
    if (await handleApi(api, req, res, pathname)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed');
      return;
    }
    serveClient(this.#config.clientDir, pathname, req, res);
  }

  #queuedBytes(): number {
    let bytes = 0;
    for (const connection of this.#connections) bytes += connection.queuedBytes;
    return bytes;
  }

  #unsavedBytes(): number {
    let bytes = 0;
    for (const room of this.rooms.rooms()) bytes += room.unsavedBytes;
    return bytes;
  }

  #health() {
    const failing = [...this.rooms.rooms()].filter((room) => room.lastStorageError !== null);
    const relayDown = !this.#fanOut.connected;
    return {
      status: failing.length > 0 || relayDown ? 'degraded' : 'ok',
      storage: failing.length > 0 ? 'failing' : 'ok',
      // Down: other instances see this one's edits only through storage (within seconds).
      relay: relayDown ? 'disconnected' : 'ok',
      uptimeSeconds: Math.round((Date.now() - this.#started) / 1000),
      boardsLoaded: this.rooms.size,
      connections: this.#connections.size,
      unsavedBytes: this.#unsavedBytes(),
    };
  }

  async #ready(res: http.ServerResponse): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#storage.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('storage did not answer')), READY_TIMEOUT_MS);
        }),
      ]);
      sendJson(res, 200, { ready: true });
    } catch (error) {
      sendJson(res, 503, { ready: false, error: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }

  async #onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://paja.invalid');
    const prefix = `${SYNC_PATH}/`;
    if (!url.pathname.startsWith(prefix)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    let boardId = '';
    try {
      boardId = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {}
    const log = this.#log.child({ board: boardId });
    // The socket holds its places (its address's, its pool's) until it closes, however the
    // upgrade ends.
    const ticket = this.#pools.enter(clientAddress(req, this.#policy.trustProxy));
    socket.once('close', ticket.release);
    const refuse = (code: number, reason: string) => {
      this.metrics.reject(closeCodeMetric(code));
      // Complete the handshake, then close with a named code: browsers cannot read an HTTP
      // error status of a failed upgrade, but they can read a close code and reason.
      this.#wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
    };

    // First, before any storage is asked: whatever else is wrong, this page must reload to
    // understand the answer. Stock y-websocket clients (no `paja=1`) are never refused here.
    const pajaClient = url.searchParams.get(PAJA_CLIENT_PARAM) === '1';
    if (pajaClient && !speaksClientVersion(url.searchParams.get(PROTOCOL_VERSION_PARAM))) {
      return refuse(CloseCode.clientOutdated, 'Paja was updated: reload the page');
    }

    // Without a token, `public=1` asks for the board's public address: allowed while the board
    // is published, as a commenter whose comments count only while the publication says so.
    const token = url.searchParams.get(TOKEN_PARAM);
    const publicReader = !token && url.searchParams.get(PUBLIC_PARAM) === '1';
    let access: AccessResult | { ok: true; role: Role; claims: null } | null;
    if (publicReader) {
      access = isBoardId(boardId)
        ? { ok: true, role: 'commenter', claims: null }
        : { ok: false, status: 404, closeCode: CloseCode.boardNotFound, reason: 'no such board' };
    } else {
      access = await authorize(this.#config.secret, this.#storage, boardId, token).catch(
        (error) => {
          log.error('authorization failed: storage error', { error });
          return null;
        },
      );
    }
    if (!access) return refuse(CloseCode.boardUnavailable, 'storage unavailable');
    if (!access.ok) return refuse(access.closeCode, access.reason);
    const full = ticket.admit(boardId, access.role);
    if (full) return refuse(full.code, full.reason);

    let room = null;
    try {
      room = await this.rooms.get(boardId);
    } catch (error) {
      log.error('board could not be loaded', { error });
      return refuse(CloseCode.boardUnavailable, 'board could not be loaded');
    }
    if (!room) return refuse(CloseCode.boardNotFound, 'no such board');
    if (publicReader && readPublication(room.doc) === null) {
      return refuse(CloseCode.unpublished, 'this board is not published');
    }
    const key = url.searchParams.get(PARTICIPANT_KEY_PARAM);
    const participantId =
      key && key.length <= MAX_PARTICIPANT_KEY
        ? participantIdFor(this.#config.secret, boardId, key)
        : randomParticipantId();

    const joined = room;
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      if (joined.state !== 'open') {
        ws.close(CloseCode.serverShutdown, 'board is unloading, reconnect');
        return;
      }
      // Unpublished while the upgrade completed: the room's watch would not see this one.
      if (publicReader && readPublication(joined.doc) === null) {
        ws.close(CloseCode.unpublished, 'this board is not published');
        return;
      }
      const connection = new Connection(ws, joined, {
        role: access.role,
        participantId,
        addressKey: addressKeyFor(this.#config.secret, clientAddress(req, this.#policy.trustProxy)),
        claims: access.claims,
        publicReader,
        pajaClient,
        limits: this.#config.limits,
        metrics: this.metrics,
        log,
      });
      this.#connections.add(connection);
      ws.on('close', () => this.#connections.delete(connection));
      this.#closeAtExpiry(connection, ws);
    });
  }
}
