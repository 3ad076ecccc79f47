import { CloseCode, closeCodeMetric } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { cleanups, connectClient, createBoardOver, startInMemory } from './harness';

const cleanup = cleanups();

describe('a message over the size limit', () => {
  it('stops a stock client for good after one try, instead of a retry storm', {
    timeout: 30_000,
  }, async () => {
    const { server, port } = await startInMemory(cleanup);
    const board = await createBoardOver(`http://127.0.0.1:${port}`);
    const client = connectClient(`ws://127.0.0.1:${port}/sync`, board.id, { token: board.token });
    cleanup.push(() => client.destroy());
    await client.synced;
    let closes = 0;
    client.provider.on('connection-close', () => closes++);
    const final = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.once('closed', resolve),
    );
    // 3 MiB in one edit: the frame is over the 1 MiB limit, and every reconnect of a stock
    // client would send it again in its sync step 2.
    client.doc.getText('big').insert(0, 'x'.repeat(3 * 1024 * 1024));
    const { code } = await final;
    // y-websocket's own rule: a close in 4400-4499 is final; 1009 would be retried.
    expect(code).toBe(CloseCode.messageTooLarge);
    expect(code).toBeGreaterThanOrEqual(4400);
    expect(code).toBeLessThan(4500);
    expect(client.provider.shouldConnect).toBe(false);
    expect(closes).toBe(1);
    expect(server.metrics.rejected.get(closeCodeMetric(CloseCode.messageTooLarge))).toBe(1);
  });
});
