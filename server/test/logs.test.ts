import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../src/log';
import { PajaServer } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { connectClient, createBoardOver, type TestClient, tempDir, testConfig } from './harness';
import { type ServerProcess, spawnServer } from './serverProcess';

const processes: ServerProcess[] = [];
const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
});

function records(lines: string[]): Array<Record<string, unknown>> {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('logs under hostile traffic', () => {
  it('write the first warning of each kind and then counts, not a line per socket', async () => {
    const lines: string[] = [];
    const server = new PajaServer(
      testConfig(),
      new MemoryStorage(),
      createLogger('info', (line) => lines.push(line)),
    );
    const { port } = await server.listen();
    const board = await createBoardOver(`http://127.0.0.1:${port}`);
    const url = `ws://127.0.0.1:${port}/sync/${board.id}?token=${board.token}`;
    const garbage = async (bytes: number[]) =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('open', () => ws.send(new Uint8Array(bytes)));
        ws.on('close', () => resolve());
      });
    for (let i = 0; i < 10; i++) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => garbage([50 + ((i + j) % 40)])));
    }
    await garbage([0, 9]); // another kind: an unknown sync step is malformed too
    await server.close();

    const warnings = records(lines).filter((r) => r.msg === 'closing connection');
    expect(warnings).toHaveLength(1);
    const summary = records(lines).find((r) => r.msg === 'warnings left out');
    expect(summary?.suppressed).toEqual({ 'closing connection: malformed': 200 });
  });

  it('SIGTERM with people on a board saves it and logs "stopped" before the process exits', {
    timeout: 60_000,
  }, async () => {
    const running = await spawnServer(tempDir(), { PAJA_LOG_LEVEL: 'info' });
    processes.push(running);
    const board = await createBoardOver(running.url);
    const client = connectClient(`ws://127.0.0.1:${running.port}/sync`, board.id, {
      token: board.token,
    });
    clients.push(client);
    await client.synced;
    client.doc.getMap('notes').set('n', 1);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    const messages = records(
      running.output
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{')),
    ).map((r) => r.msg);
    expect(messages).toContain('stopping: saving every board');
    expect(messages.at(-1)).toBe('stopped');
  });
});
