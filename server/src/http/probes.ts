import type http from 'node:http';
import type { FanOut } from '../fanout/FanOut';
import type { Metrics } from '../Metrics';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
import { sendJson } from './staticFiles';

const READY_TIMEOUT_MS = 2_000;

/** What the operator's endpoints read of the running server. */
export interface ProbeContext {
  rooms: RoomRegistry;
  storage: Storage;
  fanOut: FanOut;
  metrics: Metrics;
  /** When the process started (Date.now()). */
  started: number;
  connections(): number;
  /** Bytes waiting in every socket for its client to read. */
  queuedBytes(): number;
}

/**
 * The operator's endpoints: `/healthz` (is every board saving, is the relay up), `/readyz`
 * (does storage answer, within 2 s) and `/metrics` (Prometheus). Returns false for any other
 * path.
 */
export async function handleProbe(
  context: ProbeContext,
  pathname: string,
  res: http.ServerResponse,
): Promise<boolean> {
  switch (pathname) {
    case '/healthz':
      sendJson(res, 200, health(context));
      return true;
    case '/readyz':
      await ready(context.storage, res);
      return true;
    case '/metrics':
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(
        context.metrics.render({
          connections: context.connections(),
          boardsLoaded: context.rooms.size,
          unsavedBytes: unsavedBytes(context.rooms),
          queuedBytes: context.queuedBytes(),
        }),
      );
      return true;
    default:
      return false;
  }
}

function unsavedBytes(rooms: RoomRegistry): number {
  let bytes = 0;
  for (const room of rooms.rooms()) bytes += room.unsavedBytes;
  return bytes;
}

function health(context: ProbeContext) {
  const { rooms } = context;
  const failing = [...rooms.rooms()].filter((room) => room.lastStorageError !== null);
  const relayDown = !context.fanOut.connected;
  return {
    status: failing.length > 0 || relayDown ? 'degraded' : 'ok',
    storage: failing.length > 0 ? 'failing' : 'ok',
    // Down: other instances see this one's edits only through storage (within seconds).
    relay: relayDown ? 'disconnected' : 'ok',
    uptimeSeconds: Math.round((Date.now() - context.started) / 1000),
    boardsLoaded: rooms.size,
    connections: context.connections(),
    unsavedBytes: unsavedBytes(rooms),
  };
}

async function ready(storage: Storage, res: http.ServerResponse): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      storage.ping(),
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
