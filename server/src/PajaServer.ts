import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { boardPath, CloseCode, isBoardId, readMeta, SAVED_PARAM, SYNC_PATH } from '@paja/shared';
import { WebSocketServer } from 'ws';
import { createBoard, InvalidBoardInput } from './boards';
import { Connection } from './Connection';
import type { Config } from './config';
import { HttpError, readJson } from './http/readJson';
import { sendJson, sendText, serveClient } from './http/staticFiles';
import type { Logger } from './log';
import { RoomRegistry } from './RoomRegistry';
import type { Storage } from './storage/Storage';

const HEARTBEAT_MS = 30_000;
const MAX_JSON_BODY = 16 * 1024;

export type ServerConfig = Pick<
  Config,
  'port' | 'host' | 'clientDir' | 'publicUrl' | 'idleUnloadMs' | 'maxMessageBytes' | 'compactEvery'
>;

/**
 * The process's front door: HTTP (client files, board API, health) and the WebSocket upgrade
 * to /sync/<boardId>. Owns the room registry and the storage handed to it.
 */
export class PajaServer {
  readonly rooms: RoomRegistry;
  readonly #http: http.Server;
  readonly #wss: WebSocketServer;
  readonly #storage: Storage;
  readonly #config: ServerConfig;
  readonly #log: Logger;
  readonly #connections = new Set<Connection>();
  readonly #started = Date.now();
  #heartbeat: NodeJS.Timeout | null = null;
  #closing: Promise<void> | null = null;

  constructor(config: ServerConfig, storage: Storage, log: Logger) {
    this.#config = config;
    this.#storage = storage;
    this.#log = log;
    this.rooms = new RoomRegistry(storage, config, log);
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
    this.#heartbeat = setInterval(() => {
      for (const connection of this.#connections) connection.heartbeat();
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
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
    const httpClosed = new Promise<void>((resolve) => this.#http.close(() => resolve()));
    await this.rooms.closeAll(CloseCode.serverShutdown, 'server shutting down');
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
    this.#http.closeAllConnections();
    await httpClosed;
    await this.#storage.close();
  }

  async #onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://paja.invalid');
    const { pathname } = url;
    if (pathname === '/healthz') {
      sendJson(res, 200, this.#health());
      return;
    }
    if (pathname === '/api/boards' && req.method === 'POST') {
      await this.#createBoard(req, res);
      return;
    }
    const boardMatch = /^\/api\/boards\/([^/]+)$/.exec(pathname);
    if (boardMatch && req.method === 'GET') {
      await this.#getBoard(decodeURIComponent(boardMatch[1] ?? ''), res);
      return;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, { error: `No API route ${req.method} ${pathname}` });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed');
      return;
    }
    serveClient(this.#config.clientDir, pathname, req, res);
  }

  #health() {
    let unsavedBytes = 0;
    for (const room of this.rooms.rooms()) unsavedBytes += room.unsavedBytes;
    return {
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - this.#started) / 1000),
      boardsLoaded: this.rooms.size,
      connections: this.#connections.size,
      unsavedBytes,
    };
  }

  async #createBoard(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const body = await readJson(req, MAX_JSON_BODY);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new HttpError(400, 'Request body must be a JSON object');
      }
      const id = await createBoard(this.#storage, body);
      this.#log.info('board created', { board: id });
      sendJson(res, 201, { id, path: boardPath(id), url: `${this.url}${boardPath(id)}` });
    } catch (error) {
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
      else if (error instanceof InvalidBoardInput) sendJson(res, 400, { error: error.message });
      else throw error;
    }
  }

  async #getBoard(boardId: string, res: http.ServerResponse): Promise<void> {
    if (!isBoardId(boardId)) {
      sendJson(res, 404, { error: 'No board with that id' });
      return;
    }
    const room = await this.rooms.get(boardId);
    if (!room) {
      sendJson(res, 404, { error: 'No board with that id' });
      return;
    }
    const meta = readMeta(room.doc);
    sendJson(res, 200, { id: boardId, title: meta.title, locale: meta.locale });
  }

  async #onUpgrade(
    req: http.IncomingMessage,
    socket: import('node:stream').Duplex,
    head: Buffer,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://paja.invalid');
    const prefix = `${SYNC_PATH}/`;
    if (!url.pathname.startsWith(prefix)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const boardId = decodeURIComponent(url.pathname.slice(prefix.length));
    const log = this.#log.child({ board: boardId });
    let room = null;
    let failure: { code: number; reason: string } | null = null;
    if (!isBoardId(boardId)) {
      failure = { code: CloseCode.boardNotFound, reason: 'no such board' };
    } else {
      try {
        room = await this.rooms.get(boardId);
        if (!room) failure = { code: CloseCode.boardNotFound, reason: 'no such board' };
      } catch (error) {
        log.error('board could not be loaded', { error });
        failure = { code: CloseCode.boardUnavailable, reason: 'board could not be loaded' };
      }
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      // Close with a named code after the handshake, so the browser can tell the user why.
      if (failure || !room || room.state !== 'open') {
        const { code, reason } = failure ?? {
          code: CloseCode.serverShutdown,
          reason: 'board is unloading, reconnect',
        };
        ws.close(code, reason);
        return;
      }
      const connection = new Connection(ws, room, {
        wantsSaved: url.searchParams.get(SAVED_PARAM) === '1',
        log,
      });
      this.#connections.add(connection);
      ws.on('close', () => this.#connections.delete(connection));
    });
  }
}
