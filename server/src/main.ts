import { loadSecret } from './auth/secret';
import { ConfigError, loadConfig } from './config';
import type { FanOut } from './fanout/FanOut';
import { InProcessFanOut } from './fanout/InProcessFanOut';
import { RedisFanOut } from './fanout/RedisFanOut';
import { BoardRetention } from './history/BoardRetention';
import { createLogger } from './log';
import { PajaServer } from './PajaServer';
import { openStorage } from './storage/openStorage';
import type { Storage } from './storage/Storage';
import { WorkerSqliteStorage } from './storage/WorkerSqliteStorage';
import { templates } from './templates';

/** How long start-up waits for PostgreSQL (in a compose file it may start after us). */
const STORAGE_WAIT_MS = 60_000;
/**
 * With several instances, each loaded board asks PostgreSQL this often whether the Redis relay
 * lost an update that nothing else revealed (a cheap indexed read that usually finds nothing).
 */
const CATCH_UP_EVERY_MS = 5_000;

/**
 * Starts Paja: on one machine with embedded SQLite storage, or, with PAJA_DATABASE_URL (and
 * PAJA_REDIS_URL), as one of several instances sharing PostgreSQL.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Paja cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  try {
    templates();
  } catch (error) {
    process.stderr.write(`Paja cannot start: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  let secret: string;
  try {
    secret = loadSecret(config.secret, config.dataDir, log);
  } catch (error) {
    process.stderr.write(`Paja cannot start: ${(error as Error).message}\n`);
    process.exit(2);
  }
  let storage: Storage;
  try {
    storage = await waitForStorage(() =>
      openStorage(config, log, (dir) =>
        WorkerSqliteStorage.open(dir, { commitQuietRoundsHere: config.sqliteQuietCommits }),
      ),
    );
  } catch (error) {
    process.stderr.write(`Paja cannot open its storage: ${(error as Error).message}\n`);
    process.exit(1);
  }
  // Without Redis there is no other instance to relay to; Redis may come up after us.
  const fanOut: FanOut = config.redisUrl
    ? await RedisFanOut.open(config.redisUrl, log)
    : new InProcessFanOut();
  const catchUpEveryMs = config.redisUrl ? CATCH_UP_EVERY_MS : 0;
  const server = new PajaServer(
    { ...config, secret, catchUpEveryMs },
    storage,
    log,
    fanOut,
    config.redisUrl ? { redisUrl: config.redisUrl } : null,
  );
  try {
    await server.listen();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const hint =
      code === 'EADDRINUSE' ? ` (port ${config.port} is in use: set PAJA_PORT to another)` : '';
    process.stderr.write(`Paja cannot listen on ${config.host}:${config.port}${hint}\n`);
    await Promise.all([storage.close(), fanOut.close()]);
    process.exit(1);
  }
  // SQLite opens in its worker thread, once the server listens: opened on this thread first,
  // as a check, it cost every start 15-20 ms of CPU and a wait for the disk (bench/RESULTS.md,
  // "what the compiled server does before it listens"). A database that cannot open still
  // stops the start, loudly.
  try {
    await storage.ping();
  } catch (error) {
    process.stderr.write(`Paja cannot open its storage: ${(error as Error).message}\n`);
    await server.close().catch(() => {}); // closes the storage and the fan-out too
    process.exit(1);
  }
  log.info('paja started', {
    url: server.url,
    storage: config.databaseUrl ? 'postgresql' : `sqlite in ${config.dataDir}`,
    relay: config.redisUrl ? 'redis' : 'none (one instance)',
  });
  process.stdout.write(`\n  Paja is running. Open ${server.url}/ in your browser.\n\n`);
  const retention = new BoardRetention(storage, server.rooms, config.retention.boardDays, log);
  retention.start();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: saving every board', { signal });
    retention.stop();
    server
      .close()
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((error) => {
        log.error('stop failed', { error });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function waitForStorage(open: () => Promise<Storage>): Promise<Storage> {
  const started = Date.now();
  for (;;) {
    try {
      return await open();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const unreachable = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '57P03';
      if (!unreachable || Date.now() - started > STORAGE_WAIT_MS) throw error;
      process.stderr.write(`Waiting for the database (${code}) ...\n`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

void main();
