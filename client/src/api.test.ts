import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateBoardError, createBoard } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answering(status: number, body: unknown = { error: 'no' }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status })),
  );
}

describe('creating a board', () => {
  it('tells a throttled or restricted creation from other failures', async () => {
    for (const [status, kind] of [
      [429, 'throttled'],
      [403, 'restricted'],
      [500, 'failed'],
      [415, 'failed'],
    ] as const) {
      answering(status);
      const failure = await createBoard({ locale: 'fi' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CreateBoardError);
      expect((failure as CreateBoardError).reason).toBe(kind);
    }
  });

  it('sends JSON, the only body the server takes', async () => {
    answering(201, { id: 'abcdefgh12345678', token: 't', path: '/b/abcdefgh12345678' });
    await createBoard({ locale: 'sv', title: 'Tavla' });
    const [, init] = (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock
      .calls[0] as [string, RequestInit];
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
  });
});
