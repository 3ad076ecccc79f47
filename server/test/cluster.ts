import { SYNC_PATH } from '@paja/shared';
import pg from 'pg';
import { RedisFanOut } from '../src/fanout/RedisFanOut';
import { silentLogger } from '../src/log';
import { PajaServer, type ServerConfig } from '../src/PajaServer';
import { PostgresStorage } from '../src/storage/PostgresStorage';
import type { StoredBoard } from '../src/storage/Storage';
import { testConfig } from './harness';
import { dropSchemas, uniquePrefix, uniqueSchema } from './services';
import { TcpProxy } from './tcpProxy';

/**
 * One Paja instance of a cluster, in this process, with its own PostgreSQL pool and Redis
 * connections (the relay's, and the limits counted across instances).
 */
export interface ClusterInstance {
  server: PajaServer;
  url: string;
  wsUrl: string;
}

export interface Cluster {
  instances: ClusterInstance[];
  /** Every instance reaches PostgreSQL through this: stop it to cut them all off. */
  database: TcpProxy;
  /** Every instance's relay reaches Redis through this. */
  redis: TcpProxy;
  /**
   * Each instance's limits (AcrossInstances) reach Redis through its own: stopping one cuts
   * that instance off without a goodbye, as Redis sees an instance that was killed.
   */
  limitsRedis: TcpProxy[];
  /** The board as PostgreSQL holds it, read directly (not through the proxy). */
  stored(boardId: string): Promise<StoredBoard | null>;
  close(): Promise<void>;
}

/**
 * `count` PajaServers sharing one PostgreSQL schema of their own and one Redis channel prefix
 * of their own, as separate instances would (each has its own pool and Redis connections).
 */
export async function startCluster(
  databaseUrl: string,
  redisUrl: string,
  count: number,
  overrides: Partial<ServerConfig> = {},
): Promise<Cluster> {
  const schema = uniqueSchema();
  const prefix = uniquePrefix();
  const database = await TcpProxy.forUrl(databaseUrl);
  const redis = await TcpProxy.forUrl(redisUrl);
  const instances: ClusterInstance[] = [];
  const limitsRedis: TcpProxy[] = [];
  for (let i = 0; i < count; i++) {
    const limits = await TcpProxy.forUrl(redisUrl);
    limitsRedis.push(limits);
    const storage = await PostgresStorage.open(database.rewrite(databaseUrl), silentLogger, {
      schema,
      poolSize: 4,
      connectTimeoutMs: 2_000,
      queryTimeoutMs: 5_000,
    });
    const fanOut = await RedisFanOut.open(redis.rewrite(redisUrl), silentLogger, { prefix });
    const server = new PajaServer(
      testConfig({ catchUpEveryMs: 0, ...overrides }),
      storage,
      silentLogger,
      fanOut,
      { redisUrl: limits.rewrite(redisUrl), prefix },
    );
    const address = await server.listen();
    instances.push({
      server,
      url: server.url,
      wsUrl: `ws://127.0.0.1:${address.port}${SYNC_PATH}`,
    });
  }
  const reader = await PostgresStorage.open(databaseUrl, silentLogger, { schema });
  return {
    instances,
    database,
    redis,
    limitsRedis,
    stored: (boardId) => reader.loadBoard(boardId),
    async close() {
      await Promise.all([database.start(), redis.start()]);
      await Promise.all(instances.map((instance) => instance.server.close()));
      await reader.close();
      await Promise.all([database.stop(), redis.stop(), ...limitsRedis.map((p) => p.stop())]);
      await dropSchemas(databaseUrl, [schema]);
    },
  };
}

/**
 * A schema made ahead for server processes, which reach it through the connection URL's
 * search_path (PAJA_DATABASE_URL is all a process gets).
 */
export async function processSchema(databaseUrl: string) {
  const schema = uniqueSchema();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    open: () => PostgresStorage.open(databaseUrl, silentLogger, { schema }),
    drop: () => dropSchemas(databaseUrl, [schema]),
  };
}
