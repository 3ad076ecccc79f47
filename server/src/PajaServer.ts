import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CloseCode } from '@paja/shared';
import { WebSocketServer } from 'ws';
import { AcrossInstances, type SharedAdmission } from './acrossInstances/AcrossInstances';
import { addressKeyFor } from './auth/tokens';
import { ConnectionPools } from './ConnectionPools';
import {
  type Config,
  DEFAULT_MEDIA_GRACE_HOURS,
  type HttpPolicy,
  type Limits,
  loadHttpPolicy,
  type RetentionConfig,
  type StatementConfig,
} from './config';
import { ExportJobs } from './export/ExportJobs';
import type { FanOut } from './fanout/FanOut';
import { InProcessFanOut } from './fanout/InProcessFanOut';
import { handleApi } from './http/api';
import { clientAddress } from './http/clientAddress';
import { handleProbe } from './http/probes';
import { securityHeaders } from './http/securityHeaders';
import { sendJson, sendText, serveClient } from './http/staticFiles';
import { KeyedRateLimiter } from './KeyedRateLimiter';
import { closeAtExpiry, closeRevoked } from './linkWatch';
import { type Logger, limitWarnings, WarningLimiter } from './log';
import { Metrics } from './Metrics';
import { MediaSweep } from './media/MediaSweep';
import { socketsClosingOversizedWith } from './oversize';
import { RoomRegistry } from './RoomRegistry';
import { ServerSockets } from './ServerSockets';
import { acceptUpgrade } from './socketUpgrade';
import type { Storage } from './storage/Storage';

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
  retention?: RetentionConfig;
};

/**
 * The process's front door and its lifecycle (listen, heartbeat, close): HTTP routed to the
 * operator's probes (http/probes.ts), the board API (http/api.ts) and the client's files; the
 * WebSocket upgrade to /sync/<boardId> (socketUpgrade.ts, which decides who the caller is
 * before any byte of the board is sent); open sockets whose link expires or is revoked
 * (linkWatch.ts). Owns the room registry and the storage handed to it.
 */
export class PajaServer {
  readonly rooms: RoomRegistry;
  /** Export jobs of every board (see export/ExportJobs.ts). */
  readonly exports = new ExportJobs();
  readonly metrics = new Metrics();
  /** Deletes pictures nothing names after a grace period (media/MediaSweep.ts). */
  readonly media: MediaSweep;
  readonly #http: http.Server;
  readonly #wss: WebSocketServer;
  readonly #storage: Storage;
  readonly #fanOut: FanOut;
  readonly #config: ServerConfig;
  readonly #log: Logger;
  readonly #sockets = new ServerSockets();
  readonly #started = Date.now();
  readonly #policy: HttpPolicy;
  readonly #pools: ConnectionPools;
  readonly #acrossInstances: SharedAdmission | null;
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
    /** Several instances: the Redis where they count limits together (AcrossInstances). */
    sharedLimits: { redisUrl: string; prefix?: string } | null = null,
  ) {
    this.#config = config;
    this.#fanOut = fanOut;
    this.#storage = storage;
    this.#policy = config.http ?? loadHttpPolicy({});
    this.#warnings = new WarningLimiter((counts) => log.warn('warnings left out', counts));
    this.#log = limitWarnings(log, this.#warnings);
    this.#pools = new ConnectionPools(config.limits);
    const acrossInstances =
      sharedLimits &&
      new AcrossInstances(
        sharedLimits.redisUrl,
        this.#log,
        { sharedLimitFallback: () => this.metrics.sharedLimitFallbacks++ },
        sharedLimits.prefix,
      );
    this.#acrossInstances = acrossInstances && {
      instances: acrossInstances,
      pools: acrossInstances.pools(this.#pools),
      addresses: acrossInstances.addresses(
        this.#pools,
        (address) => addressKeyFor(config.secret, address),
        config.limits.maxConnectionsPerAddress,
      ),
    };
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
        snapshotRetentionMs: (config.retention?.snapshotDays ?? 0) * 24 * 3600_000,
        onLoaded: (room) => this.media.roomLoaded(room),
        onUnloaded: (boardId) => this.media.boardUnloaded(boardId),
        metrics: this.metrics,
        fanOut,
        ...(acrossInstances ? { acrossInstances } : {}),
        relay: {
          checkEveryMs: config.catchUpEveryMs ?? 0,
          onCaughtUp: () => this.metrics.relayCatchUps++,
        },
      },
      this.#log,
    );
    this.media = new MediaSweep(
      storage,
      this.rooms,
      config.retention?.mediaGraceHours ?? DEFAULT_MEDIA_GRACE_HOURS,
      this.#log,
    );
    this.media.start();
    this.#http = http.createServer((req, res) => {
      this.#onRequest(req, res).catch((error) => {
        this.#log.error('request failed', { error, path: req.url?.split('?')[0] });
        if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
        else res.destroy();
      });
    });
    // Larger messages make `ws` close the socket with 1009 (message too big) before buffering.
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxMessageBytes,
      // Off (as by default), and explicit: frames are built once for all receivers (WireFrame.ts).
      perMessageDeflate: false,
      // The server keeps its own (ServerSockets.ts), without a listener more on every socket.
      clientTracking: false,
      // Closes over the size limit say so with a code clients do not retry (oversize.ts).
      WebSocket: socketsClosingOversizedWith(CloseCode.messageTooLarge),
    });
    this.#http.on('upgrade', (req, socket, head) => {
      // Typed as a Duplex, but an http.Server's upgrade is always the connection's net.Socket.
      this.#onUpgrade(req, socket as Socket, head).catch((error) => {
        this.#log.error('upgrade failed', { error });
        socket.destroy();
      });
    });
  }

  get connectionCount(): number {
    return this.#sockets.open.size;
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(this.#config.port, this.#config.host, () => {
        this.#http.off('error', reject);
        resolve();
      });
    });
    this.#heartbeat = setInterval(() => this.#beat(), this.#config.limits.heartbeatMs);
    this.#heartbeat.unref();
    this.#accessCheck = setInterval(
      () => void closeRevoked(this.#storage, this.#sockets.open),
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
    const sweeps = this.media.stop();
    await this.rooms.closeAll(CloseCode.serverShutdown, 'server shutting down');
    await sweeps;
    this.#sockets.terminateClosing();
    this.#wss.close();
    this.#http.closeAllConnections();
    await httpClosed;
    await this.#fanOut.close();
    this.#acrossInstances?.instances.close();
    await this.#storage.close();
    this.#warnings.flush();
  }

  /** Pings every socket; one that did not answer the previous ping is closed. */
  #beat(): void {
    for (const connection of [...this.#sockets.open]) connection.heartbeat();
  }

  async #onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(
      securityHeaders(this.#policy, this.#config.publicUrl, req),
    )) {
      res.setHeader(name, value);
    }
    const { pathname } = new URL(req.url ?? '/', 'http://paja.invalid');
    const probes = {
      rooms: this.rooms,
      storage: this.#storage,
      fanOut: this.#fanOut,
      metrics: this.metrics,
      started: this.#started,
      connections: () => this.#sockets.open.size,
      queuedBytes: () => this.#queuedBytes(),
    };
    if (await handleProbe(probes, pathname, res)) return;
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
      media: {
        maxImageBytes: this.#config.limits.maxImageBytes,
        maxAttachmentBytes: this.#config.limits.maxAttachmentBytes,
        maxBoardBytes: this.#config.limits.maxBoardBytes,
      },
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
    for (const connection of this.#sockets.open) bytes += connection.queuedBytes;
    return bytes;
  }

  #onUpgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    return acceptUpgrade(
      {
        wss: this.#wss,
        pools: this.#pools,
        acrossInstances: this.#acrossInstances,
        rooms: this.rooms,
        storage: this.#storage,
        secret: this.#config.secret,
        trustProxy: this.#policy.trustProxy,
        limits: this.#config.limits,
        metrics: this.metrics,
        log: this.#log,
        sockets: this.#sockets,
        connected: (connection, ws) => closeAtExpiry(connection, ws),
      },
      req,
      socket,
      head,
    );
  }
}
