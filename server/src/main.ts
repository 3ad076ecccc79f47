import { loadSecret } from './auth/secret';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { PajaServer } from './PajaServer';
import { WorkerSqliteStorage } from './storage/WorkerSqliteStorage';
import { templates } from './templates';

/** Starts Paja on one machine with embedded SQLite storage. */
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
  const storage = WorkerSqliteStorage.open(config.dataDir);
  const server = new PajaServer({ ...config, secret }, storage, log);
  try {
    await server.listen();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const hint =
      code === 'EADDRINUSE' ? ` (port ${config.port} is in use: set PAJA_PORT to another)` : '';
    process.stderr.write(`Paja cannot listen on ${config.host}:${config.port}${hint}\n`);
    await storage.close();
    process.exit(1);
  }
  log.info('paja started', { url: server.url, dataDir: config.dataDir });
  process.stdout.write(`\n  Paja is running. Open ${server.url}/ in your browser.\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: saving every board', { signal });
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

void main();
