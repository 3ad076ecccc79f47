import fs from 'node:fs';
import path from 'node:path';

/**
 * The SQLite database file in a data directory, created if needed. A module of its own so that
 * the server thread, which only starts the storage worker, never loads better-sqlite3.
 */
export function sqliteFileIn(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  return path.join(dataDir, 'paja.sqlite');
}
