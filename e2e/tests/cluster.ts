import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  loadHttpPolicy,
  loadLimits,
  loadStatement,
  PajaServer,
  PostgresStorage,
  RedisFanOut,
  silentLogger,
} from '@paja/server';
import pg from 'pg';
import type { RunningPaja } from './harness';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * PostgreSQL and Redis for the browser tests of several instances, from PAJA_TEST_DATABASE_URL
 * and PAJA_TEST_REDIS_URL. Without them the test skips and says so loudly; on CI (CI set, as
 * `.ci/run` does) a missing one is an error, so it cannot skip there.
 */
export function clusterServices(): { databaseUrl: string; redisUrl: string } | null {
  const databaseUrl = process.env.PAJA_TEST_DATABASE_URL?.trim();
  const redisUrl = process.env.PAJA_TEST_REDIS_URL?.trim();
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl };
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error('PAJA_TEST_DATABASE_URL and PAJA_TEST_REDIS_URL must be set on CI');
  }
  process.stderr.write(
    '\n  !!! SKIPPING the several-instance browser test: set PAJA_TEST_DATABASE_URL and PAJA_TEST_REDIS_URL !!!\n\n',
  );
  return null;
}

export interface PajaCluster {
  instances: RunningPaja[];
  close(): Promise<void>;
}

/**
 * `count` Paja servers serving the built client, sharing a PostgreSQL schema and a Redis
 * channel prefix of their own, as separate instances behind a balancer would.
 */
export async function startPajaCluster(
  services: { databaseUrl: string; redisUrl: string },
  count: number,
  /** Settings of the limits (as environment variables would give them), e.g. a small rate. */
  limitsEnv: Record<string, string> = {},
): Promise<PajaCluster> {
  const schema = `paja_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const prefix = `paja-e2e-${randomBytes(4).toString('hex')}:`;
  const instances: RunningPaja[] = [];
  const closers: Array<() => Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const storage = await PostgresStorage.open(services.databaseUrl, silentLogger, { schema });
    const fanOut = await RedisFanOut.open(services.redisUrl, silentLogger, { prefix });
    const server = new PajaServer(
      {
        port: 0,
        host: '127.0.0.1',
        clientDir: path.join(repoRoot, 'client', 'dist'),
        publicUrl: null,
        idleUnloadMs: 60_000,
        maxMessageBytes: 1024 * 1024,
        compactEvery: 500,
        secret: 'e2e-secret-that-is-long-enough-for-paja-0123456789',
        catchUpEveryMs: 5_000,
        http: loadHttpPolicy({ PAJA_CREATE_PER_HOUR: '100000' }),
        limits: loadLimits(limitsEnv),
        statement: loadStatement({}),
      },
      storage,
      silentLogger,
      fanOut,
      // Limits and the count of people counted over the instances, as in production.
      { redisUrl: services.redisUrl, prefix },
    );
    const address = await server.listen();
    instances.push({ server, url: server.url, dataDir: '', port: address.port });
    closers.push(() => server.close());
  }
  return {
    instances,
    async close() {
      for (const close of closers) await close();
      const client = new pg.Client({ connectionString: services.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
