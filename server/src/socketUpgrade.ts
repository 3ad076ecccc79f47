import type http from 'node:http';
import type net from 'node:net';
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
import type { WebSocket, WebSocketServer } from 'ws';
import type { SharedAdmission } from './acrossInstances/AcrossInstances';
import { type AccessResult, authorize } from './auth/access';
import { addressKeyFor, participantIdFor, randomParticipantId } from './auth/tokens';
import { Connection } from './Connection';
import type { ConnectionPools, PoolTicket } from './ConnectionPools';
import type { Limits } from './config';
import { clientAddress } from './http/clientAddress';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import type { RoomRegistry } from './RoomRegistry';
import type { ServerSockets } from './ServerSockets';
import type { Storage } from './storage/Storage';

/** A participant key is a random string the browser keeps; longer ones are not keys. */
const MAX_PARTICIPANT_KEY = 128;

/**
 * Each socket's pool ticket, for one 'close' listener that every socket shares: not a closure
 * per socket, which would live as long as the socket.
 */
const ticketOf = new WeakMap<net.Socket, PoolTicket>();

function releaseTicket(this: net.Socket): void {
  ticketOf.get(this)?.release();
}

/** What the upgrade needs of the server. */
export interface UpgradeContext {
  wss: WebSocketServer;
  pools: ConnectionPools;
  /** Several instances: the pools counted over all of them, and the boards' comment limits. */
  acrossInstances: SharedAdmission | null;
  rooms: RoomRegistry;
  storage: Storage;
  /** The link-signing key. */
  secret: string;
  /** Read the client's address from X-Forwarded-For (PAJA_TRUST_PROXY). */
  trustProxy: boolean;
  limits: Limits;
  metrics: Metrics;
  log: Logger;
  /** The server's sockets, open connections and sockets closing. */
  sockets: ServerSockets;
  /** The socket was admitted and is now a connection of its board's room. */
  connected(connection: Connection, ws: WebSocket): void;
}

/**
 * A WebSocket upgrade to /sync/<boardId>: decides who the caller is and what they may do
 * before any byte of the board is sent. In order: a Paja client's protocol version, the link
 * (or the board's public address), the pools (per role and board, per address), the board
 * loaded, its publication for the public. Every refusal completes the handshake and closes
 * with a named code: browsers cannot read an HTTP error status of a failed upgrade, but they
 * can read a close code and reason.
 */
export async function acceptUpgrade(
  context: UpgradeContext,
  req: http.IncomingMessage,
  socket: net.Socket,
  head: Buffer,
): Promise<void> {
  const { wss, metrics, secret } = context;
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
  // Made only when something goes wrong: a crowd arriving must not cost a logger each.
  const log = () => context.log.child({ board: boardId });
  // The socket holds its places (its address's, its pool's) until it closes, however the
  // upgrade ends.
  const address = clientAddress(req, context.trustProxy);
  const ticket = context.pools.enter(address);
  ticketOf.set(socket, ticket);
  // `on`, not `once`: a socket closes once, and `once` wraps each listener (a crowd's worth).
  socket.on('close', releaseTicket);
  const refuse = (code: number, reason: string) => {
    metrics.reject(closeCodeMetric(code));
    wss.handleUpgrade(req, socket, head, (ws) => context.sockets.refuse(ws, code, reason));
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
    access = await authorize(secret, context.storage, boardId, token).catch((error) => {
      log().error('authorization failed: storage error', { error });
      return null;
    });
  }
  if (!access) return refuse(CloseCode.boardUnavailable, 'storage unavailable');
  if (!access.ok) return refuse(access.closeCode, access.reason);
  // This instance's counts first; then, with several instances, everyone's (facilitators are
  // never turned away for their address, here or there).
  const shared = context.acrossInstances;
  const full =
    ticket.admit(boardId, access.role) ??
    (shared && access.role !== 'facilitator' ? await shared.addresses.admit(address) : null) ??
    (await shared?.pools.admit(boardId, access.role));
  if (full) return refuse(full.code, full.reason);

  let room = null;
  try {
    room = await context.rooms.get(boardId);
  } catch (error) {
    log().error('board could not be loaded', { error });
    return refuse(CloseCode.boardUnavailable, 'board could not be loaded');
  }
  if (!room) return refuse(CloseCode.boardNotFound, 'no such board');
  if (publicReader && readPublication(room.doc) === null) {
    return refuse(CloseCode.unpublished, 'this board is not published');
  }
  const key = url.searchParams.get(PARTICIPANT_KEY_PARAM);
  const participantId =
    key && key.length <= MAX_PARTICIPANT_KEY
      ? participantIdFor(secret, boardId, key)
      : randomParticipantId();

  const joined = room;
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (joined.state !== 'open') {
      context.sockets.refuse(ws, CloseCode.serverShutdown, 'board is unloading, reconnect');
      return;
    }
    // Unpublished while the upgrade completed: the room's watch would not see this one.
    if (publicReader && readPublication(joined.doc) === null) {
      context.sockets.refuse(ws, CloseCode.unpublished, 'this board is not published');
      return;
    }
    const connection = new Connection(ws, joined, {
      role: access.role,
      participantId,
      addressKey: addressKeyFor(secret, address),
      claims: access.claims,
      publicReader,
      pajaClient,
      limits: context.limits,
      metrics,
      sharedComments: context.acrossInstances?.instances.comments(boardId, context.limits.comments),
      // The board's logger, shared by its connections.
      log: joined.log,
      socket,
      sockets: context.sockets,
    });
    context.connected(connection, ws);
  });
}
