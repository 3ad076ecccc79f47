import { afterEach, describe, expect, it } from 'vitest';
import { loadHttpPolicy } from '../src/config';
import { silentLogger } from '../src/log';
import { PajaServer, type ServerConfig } from '../src/PajaServer';
import { MemoryStorage } from '../src/storage/MemoryStorage';
import { createBoardOver, testConfig, waitFor } from './harness';

const servers: PajaServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A server and its local address (its `url` is the public one, which may not resolve here). */
async function start(overrides: Partial<ServerConfig> = {}) {
  const server = new PajaServer(testConfig(overrides), new MemoryStorage(), silentLogger);
  const { port } = await server.listen();
  servers.push(server);
  return { url: `http://127.0.0.1:${port}`, rooms: server.rooms };
}

function create(url: string, init: { type?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': init.type ?? 'application/json', ...init.headers },
    body: JSON.stringify({ title: 'x', locale: 'en' }),
  });
}

describe('security headers', () => {
  it('are on every response: pages, API, errors, health and metrics', async () => {
    const server = await start();
    const board = await createBoardOver(server.url);
    const responses = [
      await fetch(`${server.url}/`),
      await fetch(`${server.url}/b/${board.id}`),
      await fetch(`${server.url}/assets/missing.js`),
      await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${board.token}` },
      }),
      await fetch(`${server.url}/api/boards/nope-nope-nope`),
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/metrics`),
      await create(server.url),
    ];
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      // Plain HTTP: HSTS would mean nothing (and pin a name that has no TLS).
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('name the framers an operator allows, and send HSTS when served over TLS', async () => {
    const framed = await start({
      http: loadHttpPolicy({ PAJA_FRAME_ANCESTORS: "'self' https://intra.example.fi" }),
      publicUrl: 'https://paja.example.fi',
    });
    const response = await fetch(`${framed.url}/healthz`);
    expect(response.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self' https://intra.example.fi",
    );
    // X-Frame-Options cannot name another origin: CSP alone speaks.
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain(
      "connect-src 'self' wss://paja.example.fi",
    );
    expect(response.headers.get('strict-transport-security')).toBe('max-age=15552000');

    const proxied = await start({ http: loadHttpPolicy({ PAJA_TRUST_PROXY: '1' }) });
    const overTls = await fetch(`${proxied.url}/healthz`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(overTls.headers.get('strict-transport-security')).toBe('max-age=15552000');
    const plain = await fetch(`${proxied.url}/healthz`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('board creation', () => {
  it('takes JSON only, so that no other site can make a browser create boards', async () => {
    const server = await start();
    expect((await create(server.url, { type: 'text/plain;charset=UTF-8' })).status).toBe(415);
    expect((await create(server.url, { type: 'application/x-www-form-urlencoded' })).status).toBe(
      415,
    );
    expect((await create(server.url, { type: 'multipart/form-data' })).status).toBe(415);
    expect((await create(server.url, { type: 'application/json; charset=utf-8' })).status).toBe(
      201,
    );
  });

  it('is throttled per address, and each address behind a trusted proxy has its own budget', async () => {
    // 30 an hour: a burst of 10, then one every two minutes.
    const server = await start({ http: loadHttpPolicy({ PAJA_CREATE_PER_HOUR: '30' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await create(server.url)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429]);
    const refused = await create(server.url);
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many boards/i);
    // Without a trusted proxy, X-Forwarded-For is the client's invention and changes nothing.
    const forged = { headers: { 'x-forwarded-for': '203.0.113.9' } };
    expect((await create(server.url, forged)).status).toBe(429);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^paja_rejected_total\{reason="create_throttled"\} 7$/m);

    const proxied = await start({
      http: loadHttpPolicy({ PAJA_CREATE_PER_HOUR: '3', PAJA_TRUST_PROXY: '1' }),
    });
    const from = (address: string) => ({ headers: { 'x-forwarded-for': `10.9.9.9, ${address}` } });
    expect((await create(proxied.url, from('198.51.100.1'))).status).toBe(201);
    expect((await create(proxied.url, from('198.51.100.1'))).status).toBe(429);
    expect((await create(proxied.url, from('198.51.100.2'))).status).toBe(201);
    // One IPv6 host has a whole /64: it counts as one address.
    expect((await create(proxied.url, from('2001:db8:1:2::1'))).status).toBe(201);
    expect((await create(proxied.url, from('2001:db8:1:2:ffff::9'))).status).toBe(429);
  });

  it('can be kept to operators, who are not throttled', async () => {
    const operatorToken = 'operator-token-long-enough-0123456789abcdef';
    const server = await start({
      http: loadHttpPolicy({
        PAJA_BOARD_CREATION: 'operators',
        PAJA_OPERATOR_TOKEN: operatorToken,
        PAJA_CREATE_PER_HOUR: '1',
      }),
    });
    const anonymous = await create(server.url);
    expect(anonymous.status).toBe(403);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/operators/);
    const wrong = { headers: { authorization: `Bearer ${operatorToken}x` } };
    expect((await create(server.url, wrong)).status).toBe(403);
    const operator = { headers: { authorization: `Bearer ${operatorToken}` } };
    for (let i = 0; i < 3; i++) expect((await create(server.url, operator)).status).toBe(201);
  });
});

describe('boards read over HTTP', () => {
  it('are unloaded when idle, like boards whose last connection left', async () => {
    const server = await start({ idleUnloadMs: 20 });
    const boards = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createBoardOver(server.url, `API ${i}`)),
    );
    for (const board of boards) {
      const response = await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${board.token}` },
      });
      expect(response.status).toBe(200);
    }
    await waitFor(() => server.rooms.size === 0, 'every board read over HTTP to unload');
  });
});
