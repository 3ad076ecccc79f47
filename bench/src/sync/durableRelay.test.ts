import fs from 'node:fs';
import path from 'node:path';
import { decodeSaved, encodeSaveRequest, MessageType } from '@paja/shared';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningServer, startServer, stopServer } from './servers';

/** A Yjs sync message, "update", carrying these (not decoded by the relay) bytes. */
const syncUpdate = (...bytes: number[]) => Uint8Array.of(0, 2, bytes.length, ...bytes);

function open(server: RunningServer, board: string): Promise<{ ws: WebSocket; got: Buffer[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/${board}`);
  const got: Buffer[] = [];
  ws.on('message', (data: Buffer) => got.push(data));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, got }));
    ws.once('error', reject);
  });
}

async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nothing arrived in 2 s');
}

const savedMarker = (message: Buffer): number | undefined => {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== MessageType.saved) return undefined;
  const saved = decodeSaved(decoder);
  return saved.ok ? saved.value.marker : undefined;
};

describe('the durable relay (the floor of a server that answers saved)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer('durable-relay');
  });
  afterAll(async () => {
    await stopServer(server);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('relays an update verbatim and answers saved once it is in SQLite', async () => {
    const writer = await open(server, 'floor-a');
    const observer = await open(server, 'floor-a');
    const update = syncUpdate(1, 2, 3);
    writer.ws.send(update);
    writer.ws.send(encodeSaveRequest(1));
    writer.ws.send(syncUpdate(4));
    writer.ws.send(encodeSaveRequest(2));

    const marker = await until(() => writer.got.map(savedMarker).findLast((m) => m === 2));
    expect(marker).toBe(2);
    const db = new Database(path.join(server.dataDir, 'relay.sqlite'), { readonly: true });
    const rows = db
      .prepare('SELECT seq, data FROM log WHERE board = ? ORDER BY seq')
      .all('/floor-a');
    db.close();
    expect(rows).toEqual([
      { seq: 1, data: Buffer.from(update) },
      { seq: 2, data: Buffer.from(syncUpdate(4)) },
    ]);
    await until(() => (observer.got.length >= 2 ? true : undefined));
    expect(observer.got.slice(0, 2)).toEqual([Buffer.from(update), Buffer.from(syncUpdate(4))]);
    // The save requests are the relay's to answer, not the other sockets' to hear.
    expect(observer.got.some((m) => m[0] === MessageType.saveRequest)).toBe(false);
    writer.ws.close();
    observer.ws.close();
  });

  it('answers a save request at once when nothing waits for a commit', async () => {
    const writer = await open(server, 'floor-b');
    writer.ws.send(encodeSaveRequest(7));
    expect(await until(() => writer.got.map(savedMarker).find((m) => m !== undefined))).toBe(7);
    writer.ws.close();
  });
});
