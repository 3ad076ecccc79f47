import { createNote, readNotes } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Cluster, processSchema, startCluster } from './cluster';
import {
  connectClient,
  createBoardOver,
  type SavedTracker,
  type TestClient,
  tempDir,
  trackSaved,
  waitFor,
} from './harness';
import { type ServerProcess, spawnServer } from './serverProcess';
import { testDatabaseUrl, testRedisUrl } from './services';
import { TcpProxy } from './tcpProxy';

const databaseUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();

/** A client that writes into its own text and hears what the server says is saved. */
interface Person {
  client: TestClient;
  saved: SavedTracker;
  text: Y.Text;
}

/** Everything this person wrote so far is confirmed saved. */
const allSaved = (p: Person) =>
  p.saved.clock() >= Y.getState(p.client.doc.store, p.client.doc.clientID);

const converged = (people: readonly Person[]) =>
  people.every((p) => people.every((q) => missingIn(q.client.doc, p.client.doc) === 0));

async function readyStatus(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

async function waitForHealth(url: string, relay: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { relay?: string };
    if (health.relay === relay) return;
    if (Date.now() - started > 15_000) throw new Error(`/healthz never said relay ${relay}`);
    await pause(100);
  }
}

async function waitForReady(url: string, status: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while ((await readyStatus(url)) !== status) {
    if (Date.now() - started > timeoutMs) throw new Error(`/readyz never answered ${status}`);
    await pause(100);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function restore(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] } | null): Y.Doc {
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/** Everything of `doc` that `other` lacks (empty when `other` has all of it). */
function missingIn(other: Y.Doc, doc: Y.Doc): number {
  const theirs = Y.decodeStateVector(Y.encodeStateVector(other));
  let missing = 0;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    missing += Math.max(0, clock - (theirs.get(client) ?? 0));
  }
  return missing;
}

describe.skipIf(!databaseUrl || !redisUrl)('several instances on PostgreSQL and Redis', () => {
  let cluster: Cluster | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.close();
    cluster = null;
  });

  async function start(count: number, overrides = {}) {
    if (!databaseUrl || !redisUrl) throw new Error('no services');
    cluster = await startCluster(databaseUrl, redisUrl, count, overrides);
    const first = cluster.instances[0];
    if (!first) throw new Error('no instance');
    const board = await createBoardOver(first.url);
    /** Person `i` joins through instance `i % count`. */
    const join = (i: number): Person => {
      const instance = cluster?.instances[i % count];
      if (!instance) throw new Error('no instance');
      const client = connectClient(instance.wsUrl, board.id, { token: board.token, paja: '1' });
      clients.push(client);
      return { client, saved: trackSaved(client), text: client.doc.getText(`person-${i}`) };
    };
    return { cluster, board, join };
  }

  it('three instances, people spread over them on one board: all converge, and what one instance acknowledged the others show', {
    timeout: 60_000,
  }, async () => {
    // Compacting every few updates: the instances' compactions overlap and contend for the lease.
    const { cluster, board, join } = await start(3, { compactEvery: 4 });
    const people = Array.from({ length: 6 }, (_, i) => join(i));
    await Promise.all(people.map((p) => p.client.synced));

    for (let round = 0; round < 10; round++) {
      people.forEach((person, i) => {
        person.text.insert(person.text.length, `${round}`);
        if (round % 5 === 0) {
          createNote(person.client.doc, {
            x: i,
            y: round,
            text: `n${i}-${round}`,
            authorId: `${i}`,
            authorName: `P${i}`,
          });
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // An update acknowledged by one instance is visible on the others.
    const writer = people[0] as Person;
    const writerId = writer.client.doc.clientID;
    const own = Y.getState(writer.client.doc.store, writerId);
    await waitFor(() => writer.saved.clock() >= own, 'the first person hears it is saved', 15_000);
    const acked = writer.saved.clock();
    for (const other of people.slice(1)) {
      await waitFor(
        () => Y.getState(other.client.doc.store, writerId) >= acked,
        'the acknowledged update on the other instances',
        15_000,
      );
    }
    // Everyone converges to one document, and PostgreSQL holds exactly that.
    await waitFor(
      () => people.every((p) => people.every((q) => missingIn(q.client.doc, p.client.doc) === 0)),
      'convergence',
      20_000,
    );
    for (const p of people) expect(readNotes(p.client.doc)).toHaveLength(12);
    await waitFor(
      () =>
        people.every(
          (p) => p.saved.clock() >= Y.getState(p.client.doc.store, p.client.doc.clientID),
        ),
      'everything saved',
      15_000,
    );
    const stored = restore(await cluster.stored(board.id));
    expect(missingIn(stored, writer.client.doc)).toBe(0);
    expect(missingIn(writer.client.doc, stored)).toBe(0);
  });

  it('Redis unreachable, then back: people on one instance see each other meanwhile, and all converge through the catch-up from PostgreSQL', {
    timeout: 60_000,
  }, async () => {
    const { cluster, join } = await start(2);
    const [a, b, alsoA] = [join(0), join(1), join(2)] as [Person, Person, Person];
    await Promise.all([a, b, alsoA].map((p) => p.client.synced));
    a.text.insert(0, 'before ');
    await waitFor(() => converged([a, b, alsoA]), 'the first edit everywhere');

    await cluster.redis.stop();
    const one = cluster.instances[0] as { url: string };
    await waitForHealth(one.url, 'disconnected');
    a.text.insert(a.text.length, 'while Redis is away');
    b.text.insert(0, 'the other instance too');
    // Same instance: no relay needed.
    await waitFor(() => alsoA.client.doc.getText('person-0').toString().endsWith('away'), 'A on A');
    // Saving does not need Redis.
    await waitFor(() => allSaved(a) && allSaved(b), 'both saved while Redis is away', 15_000);
    expect(missingIn(b.client.doc, a.client.doc)).toBeGreaterThan(0); // nothing relayed it
    await pause(1_000);

    await cluster.redis.start();
    await waitFor(() => converged([a, b, alsoA]), 'convergence after Redis is back', 20_000);
    await waitForHealth(one.url, 'ok');
    // They converged through storage: what the relay lost meanwhile was fetched from it.
    const metrics = await (await fetch(`${one.url}/metrics`)).text();
    expect(Number(/^paja_relay_catch_ups_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });

  it('PostgreSQL unreachable: nothing is claimed saved, /readyz says not ready, and everything is stored once it is back', {
    timeout: 90_000,
  }, async () => {
    const { cluster, board, join } = await start(2);
    const [a, b] = [join(0), join(1)] as [Person, Person];
    await Promise.all([a, b].map((p) => p.client.synced));
    a.text.insert(0, 'stored ');
    await waitFor(() => allSaved(a), 'the first edit saved');
    const urls = cluster.instances.map((i) => i.url);

    await cluster.database.stop();
    const savedBefore = [a.saved.clock(), b.saved.clock()];
    a.text.insert(a.text.length, 'written while the database is away');
    b.text.insert(0, 'and on the other instance');
    for (const url of urls) {
      await waitForReady(url, 503, 15_000);
    }
    await pause(500);
    // Nothing was claimed saved while PostgreSQL could not commit it.
    expect([a.saved.clock(), b.saved.clock()]).toEqual(savedBefore);
    expect(allSaved(a) || allSaved(b)).toBe(false);

    await cluster.database.start();
    await waitFor(() => allSaved(a) && allSaved(b), 'everything saved once it is back', 45_000);
    for (const url of urls) await waitForReady(url, 200, 15_000);
    await waitFor(() => converged([a, b]), 'convergence', 15_000);
    const stored = restore(await cluster.stored(board.id));
    expect(missingIn(stored, a.client.doc)).toBe(0);
    expect(stored.getText('person-0').toString()).toBe('stored written while the database is away');
    expect(stored.getText('person-1').toString()).toBe('and on the other instance');
  });
});

describe.skipIf(!databaseUrl || !redisUrl)('server processes on PostgreSQL and Redis', () => {
  const processes: ServerProcess[] = [];
  const clients: TestClient[] = [];
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const p of processes.splice(0)) p.child.kill('SIGKILL');
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /**
   * Three server processes behind a balancer, six people typing through it; `disrupt` does
   * something to the instances meanwhile. Afterwards every acknowledged update is in a
   * newcomer's board and in PostgreSQL, and everyone has converged.
   */
  async function underLoad(
    disrupt: (instances: ServerProcess[], env: Record<string, string>) => Promise<void>,
  ) {
    if (!databaseUrl || !redisUrl) throw new Error('no services');
    const schema = await processSchema(databaseUrl);
    cleanup.push(schema.drop);
    const env = {
      PAJA_DATABASE_URL: schema.url,
      PAJA_REDIS_URL: redisUrl,
      PAJA_UPDATE_RATE: '100000',
      PAJA_COMPACT_EVERY: '20',
    };
    const instances = await Promise.all([0, 1, 2].map(() => spawnServer(tempDir(), env)));
    processes.push(...instances);
    const balancer = await TcpProxy.start(
      instances.map((p) => ({ host: '127.0.0.1', port: p.port })),
    );
    cleanup.push(() => balancer.stop());
    const board = await createBoardOver(`http://127.0.0.1:${balancer.port}`);
    const join = (params: Record<string, string> = {}) => {
      const client = connectClient(`ws://127.0.0.1:${balancer.port}/sync`, board.id, {
        token: board.token,
        ...params,
      });
      clients.push(client);
      return client;
    };
    const people: Person[] = Array.from({ length: 6 }, (_, i) => {
      const client = join({ paja: '1' });
      return { client, saved: trackSaved(client), text: client.doc.getText(`person-${i}`) };
    });
    await Promise.all(people.map((p) => p.client.synced));

    let typing = true;
    const typists = people.map(async (person) => {
      while (typing) {
        // Only while synced: an edit sent during the reconnect handshake, before the client's
        // own catch-up reached the server, builds on data the server lacks and is refused.
        if (person.client.provider.synced) person.text.insert(person.text.length, 'x');
        await pause(5);
      }
    });
    await waitFor(() => people.every((p) => p.saved.clock() > 40), 'acknowledged writes', 30_000);
    await disrupt(instances, env);
    const before = people.map((p) => p.saved.clock());
    // Everyone goes on, the disrupted instances' people through the others.
    await waitFor(
      () => people.every((p, i) => p.saved.clock() > (before[i] ?? 0) + 40),
      'acknowledged writes afterwards',
      45_000,
    ).catch((error) => {
      const now = people.map((p) => `${p.saved.clock()}/${p.text.length}`).join(' ');
      throw new Error(`${error.message}: saved before ${before.join(' ')}, saved/written ${now}`);
    });
    typing = false;
    await Promise.all(typists);
    const acked = people.map((p) => ({ id: p.client.doc.clientID, clock: p.saved.clock() }));
    await waitFor(() => converged(people), 'convergence', 30_000);
    for (const client of clients.splice(0)) client.destroy();

    // A newcomer, and PostgreSQL itself, hold every acknowledged update.
    const reader = join();
    await reader.synced;
    const storage = await schema.open();
    cleanup.push(() => storage.close());
    const stored = restore(await storage.loadBoard(board.id));
    for (const { id, clock } of acked) {
      expect(Y.getState(reader.doc.store, id)).toBeGreaterThanOrEqual(clock);
      expect(Y.getState(stored.store, id)).toBeGreaterThanOrEqual(clock);
    }
  }

  it('kill -9 of one instance under load: its people reconnect to another, and no acknowledged update is lost', {
    timeout: 120_000,
  }, async () => {
    await underLoad(async ([victim]) => {
      victim?.child.kill('SIGKILL');
      expect(await victim?.exited).toBe('SIGKILL');
    });
  });

  it('a rolling restart of all three instances under load loses nothing', {
    timeout: 180_000,
  }, async () => {
    await underLoad(async (instances, env) => {
      for (const [i, old] of instances.entries()) {
        old.child.kill('SIGTERM'); // saves its boards, closes its sockets
        expect(await old.exited).toBe(0);
        // The same port, so the balancer finds it again.
        const fresh = await spawnServer(tempDir(), { ...env, PAJA_PORT: String(old.port) });
        processes.push(fresh);
        instances[i] = fresh;
      }
    });
  });
});
