import pg from 'pg';
import { type RunningServer, startServer, stopServer } from '../sync/servers';

export const databaseUrl =
  process.env.PAJA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.PAJA_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type Setup =
  | 'sqlite, 1 instance'
  | 'postgresql, 1 instance'
  | 'postgresql + redis, 3 instances'
  | 'hocuspocus, postgresql, 1 instance'
  | 'hocuspocus + redis extension, postgresql, 3 instances';

export interface Instances {
  servers: RunningServer[];
  /** The PostgreSQL schema the instances share (null for SQLite). */
  schema: string | null;
  stop: () => Promise<void>;
}

/**
 * Starts the instances of a setup, each a server process as `npm start` runs it, on a
 * PostgreSQL schema of their own (dropped by `stop`). `prepare` runs after the schema exists
 * and before any instance starts (to store a board ahead, say).
 */
export async function startInstances(
  setup: Setup,
  prepare?: (schema: string) => Promise<void>,
): Promise<Instances> {
  if (setup === 'sqlite, 1 instance') {
    const server = await startServer('paja');
    return {
      servers: [server],
      schema: null,
      stop: async () => void (await stopServer(server, 'SIGKILL')),
    };
  }
  const schema = `paja_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const hocuspocus = setup.startsWith('hocuspocus');
  const count = setup.includes('1 instance') ? 1 : 3;
  const env: Record<string, string> = hocuspocus
    ? { HOCUSPOCUS_PG: url.toString(), HOCUSPOCUS_REDIS_PREFIX: schema }
    : { PAJA_DATABASE_URL: url.toString() };
  if (count > 1) env[hocuspocus ? 'HOCUSPOCUS_REDIS' : 'PAJA_REDIS_URL'] = redisUrl;
  const servers: RunningServer[] = [];
  // A profiled server (PAJA_BENCH_SERVER_NODE_ARGS=--cpu-prof) writes its profile only when it
  // exits by itself: stop it as an operator would.
  const signal = process.env.PAJA_BENCH_SERVER_NODE_ARGS?.includes('--cpu-prof')
    ? 'SIGTERM'
    : 'SIGKILL';
  const stop = async () => {
    await Promise.all(servers.map((s) => stopServer(s, signal)));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  };
  try {
    await prepare?.(schema);
    // One after the other: the first migrates the schema.
    for (let i = 0; i < count; i++) {
      servers.push(await startServer(hocuspocus ? 'hocuspocus' : 'paja', { env }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { servers, schema, stop };
}
