import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from './sqliteMigrations';

/**
 * `pnpm paja backup` and `pnpm paja restore` for the embedded storage: the whole data
 * directory (the SQLite file and everything beside it: the generated secret that signs links,
 * files other parts keep there). The database is copied with SQLite's online backup API, which
 * copies a consistent state of the file while the server goes on writing (a plain file copy of
 * a WAL database may catch a commit half way). PostgreSQL is backed up with its own tools
 * (pg_dump; README.md, "Backup and restore").
 */
const DB_FILE = 'paja.sqlite';
/** The database's companions: never copied as files (the backup API reads through them). */
const DB_COMPANIONS = [`${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`];

export class DataBackupError extends Error {
  override name = 'DataBackupError';
}

export interface BackupResult {
  out: string;
  /** Boards in the copied database. */
  boards: number;
  /** Other files copied beside it (names relative to the data directory). */
  files: string[];
  bytes: number;
}

/** A FILE ending in .sqlite or .db gets the database alone; anything else is a directory. */
function isDatabaseFile(out: string): boolean {
  return /\.(sqlite|db)$/i.test(out);
}

function otherFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter(
      (name) =>
        name !== DB_FILE && !DB_COMPANIONS.includes(name) && !name.includes('.before-restore-'),
    );
}

/** Checks a copied database: intact, and a schema this Paja can open. Returns its boards. */
function verify(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new DataBackupError(`${file} is damaged: ${String(check)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new DataBackupError(`${file} was written by a newer Paja (schema ${version})`);
    }
    return (db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export async function backupDataDir(dataDir: string, out: string): Promise<BackupResult> {
  const source = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(source)) throw new DataBackupError(`no Paja database in ${dataDir}`);
  const toFile = isDatabaseFile(out);
  const dir = toFile ? path.dirname(out) : out;
  const target = toFile ? out : path.join(out, DB_FILE);
  if (fs.existsSync(target)) throw new DataBackupError(`${target} exists: choose a new name`);
  if (!toFile && fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new DataBackupError(`${dir} is not empty: choose a new directory`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  const boards = verify(target);
  const files = toFile ? [] : otherFiles(dataDir);
  for (const name of files) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.copyFileSync(path.join(dataDir, name), path.join(out, name));
  }
  return { out, boards, files, bytes: fs.statSync(target).size };
}

export interface RestoreResult {
  dataDir: string;
  boards: number;
  /** Where the database that was there before now is, or null if there was none. */
  keptAs: string | null;
}

/**
 * Puts a backup (a directory made by `backup`, or a database file) in the data directory. The
 * server must be stopped: a running server would go on writing to the file it has open. A
 * database already there is kept beside, renamed, never deleted; without `force` it refuses.
 */
export function restoreDataDir(from: string, dataDir: string, force: boolean): RestoreResult {
  const fromFile = isDatabaseFile(from) ? from : path.join(from, DB_FILE);
  if (!fs.existsSync(fromFile)) throw new DataBackupError(`no Paja backup at ${from}`);
  const boards = verify(fromFile);
  fs.mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, DB_FILE);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    if (!force) {
      throw new DataBackupError(
        `${dataDir} holds a database already: stop the server, then run restore with --force (the old database is kept beside it)`,
      );
    }
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, keptAs);
    // The old file's log goes with it: left here, SQLite would replay it into the restored file.
    for (const companion of DB_COMPANIONS) {
      const file = path.join(dataDir, companion);
      if (fs.existsSync(file)) fs.renameSync(file, `${keptAs}${companion.slice(DB_FILE.length)}`);
    }
  }
  fs.copyFileSync(fromFile, target);
  if (!isDatabaseFile(from)) {
    for (const name of otherFiles(from)) {
      fs.mkdirSync(path.dirname(path.join(dataDir, name)), { recursive: true });
      fs.copyFileSync(path.join(from, name), path.join(dataDir, name));
    }
  }
  return { dataDir, boards, keptAs };
}
