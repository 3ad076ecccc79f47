import { createNote } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { connectClient, createBoardOver, testConfig } from './harness';

class PingableStorage extends MemoryStorage {
  down = false;
  override async ping(): Promise<void> {
    if (this.down) throw new Error('database connection refused');
  }
}

describe('health, readiness and metrics', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('answers /readyz by whether storage answers', async () => {
    const storage = new PingableStorage();
    const server = new PajaServer(testConfig(), storage, silentLogger);
    await server.listen();
    cleanup.push(() => server.close());
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    storage.down = true;
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toMatch(/refused/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // alive, just not ready
  });

  it('counts connections, boards, traffic, rejections and commit latency in /metrics', async () => {
    const server = new PajaServer(testConfig(), new MemoryStorage(), silentLogger);
    const address = await server.listen();
    cleanup.push(() => server.close());
    const wsUrl = `ws://127.0.0.1:${address.port}/sync`;
    const board = await createBoardOver(server.url);
    const client = connectClient(wsUrl, board.id, { token: board.token });
    cleanup.push(() => client.destroy());
    await client.synced;
    createNote(client.doc, { x: 0, y: 0, text: 'counted', authorId: 'a', authorName: 'A' });
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/${board.id}?token=${board.token}`);
      ws.on('open', () => ws.send(new Uint8Array([42])));
      ws.on('close', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/${board.id}`);
      ws.on('close', () => resolve());
    });
    // The commit is asynchronous: read until it shows.
    let text = '';
    for (let tries = 0; tries < 100 && !/paja_persist_seconds_count [1-9]/.test(text); tries++) {
      text = await (await fetch(`${server.url}/metrics`)).text();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toMatch(/^paja_connections 1$/m);
    expect(text).toMatch(/^paja_boards_loaded 1$/m);
    expect(text).toMatch(/^paja_messages_in_total [1-9]\d*$/m);
    expect(text).toMatch(/^paja_bytes_out_total [1-9]\d*$/m);
    expect(text).toMatch(/^paja_rejected_total\{reason="malformed"\} 1$/m);
    expect(text).toMatch(/^paja_rejected_total\{reason="unauthorized"\} 1$/m);
    expect(text).toMatch(/^# TYPE paja_persist_seconds histogram$/m);
  });
});
