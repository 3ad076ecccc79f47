import type { Config } from '../config';
import type { Logger } from '../log';
import { PostgresStorage } from './PostgresStorage';
import type { Storage } from './Storage';

/**
 * The storage the configuration asks for: PostgreSQL when PAJA_DATABASE_URL is set (schema
 * migrated before anything else touches it), otherwise SQLite in the data directory, made by
 * `embedded` (the server runs it in a worker thread, the command line in its own thread).
 */
export async function openStorage(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: Logger,
  embedded: (dataDir: string) => Storage,
): Promise<Storage> {
  if (config.databaseUrl) return PostgresStorage.open(config.databaseUrl, log);
  return embedded(config.dataDir);
}
