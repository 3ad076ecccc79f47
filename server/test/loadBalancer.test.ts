import { createNote, readNotes } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { processSchema } from './cluster';
import {
  connectClient,
  createBoardOver,
  linkFor,
  type TestClient,
  tempDir,
  waitFor,
} from './harness';
import { findNginx, type RunningNginx, startNginx } from './nginx';
import { type Peer, peer } from './peer';
import { type ServerProcess, spawnServer } from './serverProcess';
import { testDatabaseUrl, testRedisUrl } from './services';

const databaseUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();
const nginx = findNginx();

if (!nginx) {
  process.stderr.write(
    'the load-balancer test skips: nginx not found (apt-get install nginx, or set PAJA_NGINX)\n',
  );
}

/** Every one of `docs` adds a note of its own. */
function writeOneNoteEach(docs: Y.Doc[], prefix: string): void {
  docs.forEach((doc, i) => {
    const note = { id: `${prefix}-${i}`, x: i * 220, y: 0, text: `${prefix} ${i}` };
    createNote(doc, { ...note, authorId: 'x', authorName: 'X' });
  });
}

/**
 * The example deployment (deploy/) as far as this machine can run it without containers:
 * three Paja processes as `npm start` runs them, on PostgreSQL and Redis, behind nginx with
 * deploy/nginx.conf itself (only the upstream addresses and the listening port changed,
 * nginx.ts). Everyone reaches the board through nginx only.
 */
describe.skipIf(!databaseUrl || !redisUrl || !nginx)(
  'three instances behind deploy/nginx.conf',
  { timeout: 120_000 },
  () => {
    const processes: ServerProcess[] = [];
    const peers: Peer[] = [];
    const clients: TestClient[] = [];
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const p of peers.splice(0)) p.close();
      for (const c of clients.splice(0)) c.destroy();
      for (const p of processes.splice(0)) p.child.kill('SIGKILL');
      for (const fn of cleanup.splice(0).reverse()) await fn();
    });

    async function deployment() {
      const schema = await processSchema(databaseUrl as string);
      cleanup.push(schema.drop);
      // As deploy/compose.yaml sets them (behind nginx, addresses come from X-Forwarded-For).
      const env = {
        PAJA_DATABASE_URL: schema.url,
        PAJA_REDIS_URL: redisUrl as string,
        PAJA_TRUST_PROXY: '1',
      };
      const instances = await Promise.all([0, 1, 2].map(() => spawnServer(tempDir(), env)));
      processes.push(...instances);
      const balancer: RunningNginx = await startNginx(
        nginx as string,
        instances.map((p) => p.port),
      );
      cleanup.push(() => balancer.stop());
      return { instances, balancer };
    }

    /** Sockets each instance holds, asked of the instance itself (not through nginx). */
    const socketsOn = async (instance: ServerProcess) =>
      ((await (await fetch(`${instance.url}/healthz`)).json()) as { connections: number })
        .connections;

    it('people joining through nginx are spread over the instances, write one board together and see how many they are', async () => {
      const { instances, balancer } = await deployment();
      const board = await createBoardOver(balancer.url);
      // A viewer through nginx too: links made through nginx work on every instance.
      const viewer = await linkFor(balancer.url, board, 'viewer');
      // Paja's own protocol (peer) and a stock y-websocket client, all through nginx; the
      // facilitator's link, so that each may write a note with any author.
      for (let i = 0; i < 4; i++) {
        peers.push(await peer(balancer.wsUrl, board.id, board.token, `person-${i}`));
      }
      peers.push(await peer(balancer.wsUrl, board.id, viewer, 'reader'));
      const stock = connectClient(balancer.wsUrl, board.id, { token: board.token });
      clients.push(stock);
      await stock.synced;

      // least_conn: every instance holds some of the six.
      const spread = await Promise.all(instances.map(socketsOn));
      expect(spread.every((n) => n > 0)).toBe(true);
      expect(spread.reduce((a, b) => a + b, 0)).toBe(6);

      const writers = [...peers.slice(0, 4).map((p) => p.doc), stock.doc];
      const docs = [...writers, peers[4]?.doc as Y.Doc];
      writeOneNoteEach(writers, 'before');
      await waitFor(
        () => docs.every((doc) => readNotes(doc).length === writers.length),
        'every note on every client, across instances',
        20_000,
      );
      // The count of people is of the whole board, not of one instance (stock clients count
      // too; only Paja's client hears the count).
      await waitFor(
        () => peers.every((p) => p.heard.people.at(-1) === 6),
        'everyone hears six people',
        15_000,
      );
      // Metrics stay inside the network: nginx does not pass them on.
      expect((await fetch(`${balancer.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${instances[0]?.url}/metrics`)).status).toBe(200);

      // nginx logs a socket when it closes: then its access log (deploy/nginx.conf's format)
      // has every socket's path, and no token.
      for (const p of peers.splice(0)) p.close();
      for (const c of clients.splice(0)) c.destroy();
      await waitFor(
        () => balancer.accessLog().split(`/sync/${board.id}`).length > 6,
        'the closed sockets in the access log',
        10_000,
      );
      const logged = balancer.accessLog();
      expect(logged).not.toContain(board.token);
      expect(logged).not.toContain(viewer);
      expect(logged).not.toContain('token=');
    });

    it('kill -9 of an instance: its people reconnect through nginx to the others and go on', async () => {
      const { instances, balancer } = await deployment();
      const board = await createBoardOver(balancer.url);
      for (let i = 0; i < 6; i++) {
        clients.push(connectClient(balancer.wsUrl, board.id, { token: board.token }));
      }
      await Promise.all(clients.map((c) => c.synced));
      const spread = await Promise.all(instances.map(socketsOn));
      const victim = instances[spread.findIndex((n) => n > 0)] as ServerProcess;
      victim.child.kill('SIGKILL');
      await victim.exited;

      writeOneNoteEach(
        clients.map((c) => c.doc),
        'after',
      );
      await waitFor(
        () => clients.every((c) => c.provider.synced && readNotes(c.doc).length === clients.length),
        'every note on every client after the kill',
        45_000,
      );
      const survivors = instances.filter((p) => p !== victim);
      const after = await Promise.all(survivors.map(socketsOn));
      expect(after.reduce((a, b) => a + b, 0)).toBe(6);
      // The killed instance's sockets failed at nginx: its error log holds no request line,
      // so no token (deploy/nginx.conf keeps only critical errors).
      expect(balancer.errorLog()).not.toContain('token=');
      expect(balancer.errorLog()).not.toContain(board.token);
    });
  },
);
