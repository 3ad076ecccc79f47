import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { boardLink, isBoardId, isRole, ROLES, type Role, readBoard } from '@paja/shared';
import { authorizeExists, mintToken, NoSuchBoardError } from './auth/access';
import { loadSecret } from './auth/secret';
import { createBoard } from './boards';
import { type Config, loadConfig } from './config';
import { exportLogWrite } from './export/audit';
import { importBackup } from './export/backup';
import { collectBackupFiles } from './export/backupFiles';
import { importCsvBoard } from './export/csvBoard';
import { EXPORT_FORMATS, exportBoard, isExportFormat } from './export/exportBoard';
import { loadBoardDoc } from './export/loadDoc';
import { exportImages } from './export/media';
import { parseScope } from './export/scope';
import { createLogger } from './log';
import { backupDataDir, restoreDataDir } from './storage/dataBackup';
import { openStorage } from './storage/openStorage';
import { SqliteStorage } from './storage/SqliteStorage';
import type { Storage } from './storage/Storage';

const USAGE = `Paja admin commands (they use the same PAJA_DATA_DIR or PAJA_DATABASE_URL, and PAJA_SECRET,
as the server):

  pnpm paja board create [--title T] [--locale fi|sv|en]
      Creates a board; prints its id and one link per role as JSON.
  pnpm paja link --board ID --role ROLE [--expires-hours N]
      Prints a new link for ROLE (${ROLES.join(', ')}) as JSON.
  pnpm paja export --board ID --format pdf|svg|png|md|csv|xlsx|json --out FILE
                   [--scope board|roadmap|cluster|selection] [--cluster ID] [--notes ID,ID...]
      Writes an export of the board to FILE (recorded in the board's export log). An SVG or
      PNG shows the whole board, or only the roadmap, one cluster or the notes named.
  pnpm paja import --file FILE [--format json|csv] [--title T] [--locale fi|sv|en]
      Imports a board's JSON backup (made by export --format json) as a new board, or a CSV
      file of notes (columns guessed from its header row: text, colour, topic, author,
      organisation; one topic per cluster) as a new board; prints its id and links as JSON.
  pnpm paja backup --out DIR|FILE.sqlite
      Copies the whole data directory to DIR (a new or empty directory), consistent while the
      server runs (SQLite's online backup API); to FILE.sqlite the database alone. With
      PostgreSQL use pg_dump (README.md).
  pnpm paja restore --from DIR|FILE.sqlite [--force]
      Puts a backup in the data directory. Stop the server first; a database already there
      is kept beside it (paja.sqlite.before-restore-TIME) and needs --force.
  pnpm paja revoke --board ID --role ROLE
      Revokes every link of ROLE on the board. Running servers close those sessions
      within 5 seconds; new links made afterwards work.
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses `--name value` pairs; a flag without a value or an unknown flag is a usage error. */
export function parseFlags(args: readonly string[], known: readonly string[]) {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] ?? '';
    const value = args[i + 1];
    if (!name.startsWith('--') || !known.includes(name.slice(2))) {
      throw new UsageError(`unknown option ${name}`);
    }
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`${name} needs a value`);
    }
    flags.set(name.slice(2), value);
  }
  return flags;
}

function baseUrl(config: Config): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host}:${config.port}`;
}

/**
 * A file name as the operator typed it: `pnpm paja` runs in server/, so a relative name is
 * taken from where the command was started (INIT_CWD, set by pnpm and npm).
 */
function userPath(name: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), name);
}

function needBoard(flags: Map<string, string>): string {
  const board = flags.get('board');
  if (!board) throw new UsageError('--board needs a board id');
  if (!isBoardId(board)) throw new UsageError(`"${board}" is not a board id`);
  return board;
}

function needRole(flags: Map<string, string>): Role {
  const role = flags.get('role');
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return role;
}

/** Runs one admin command; returns the JSON to print. */
export async function runCommand(
  args: readonly string[],
  config: Config,
  storage: Storage,
  secret: string,
): Promise<unknown> {
  const [command, sub, ...rest] = args;
  const base = baseUrl(config);
  if (command === 'board' && sub === 'create') {
    const flags = parseFlags(rest, ['title', 'locale', 'template']);
    const id = await createBoard(storage, {
      title: flags.get('title'),
      locale: flags.get('locale'),
      template: flags.get('template'),
    });
    const links: Record<string, string> = {};
    for (const role of ROLES) {
      links[role] = boardLink(base, id, await mintToken(secret, storage, id, role));
    }
    return { id, links };
  }
  if (command === 'link') {
    const flags = parseFlags(args.slice(1), ['board', 'role', 'expires-hours']);
    const board = needBoard(flags);
    const role = needRole(flags);
    await authorizeExists(storage, board);
    const hours = flags.has('expires-hours') ? Number(flags.get('expires-hours')) : 0;
    if (!Number.isFinite(hours) || hours < 0) {
      throw new UsageError('--expires-hours must be a positive number');
    }
    const expiresAt = hours > 0 ? Math.floor(Date.now() / 1000 + hours * 3600) : 0;
    const token = await mintToken(secret, storage, board, role, expiresAt);
    return {
      board,
      role,
      url: boardLink(base, board, token),
      expiresAt: expiresAt ? new Date(expiresAt * 1000).toISOString() : null,
    };
  }
  if (command === 'export') {
    const flags = parseFlags(args.slice(1), [
      'board',
      'format',
      'out',
      'scope',
      'cluster',
      'notes',
    ]);
    const board = needBoard(flags);
    const format = flags.get('format');
    if (!isExportFormat(format)) {
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    const out = flags.get('out');
    if (!out) throw new UsageError('--out needs a file name');
    const scope = parseScope(scopeFlags(flags));
    if (!scope) {
      throw new UsageError(
        '--scope must be board, roadmap, cluster (with --cluster ID) or selection (with --notes ID,ID...)',
      );
    }
    const doc = await loadBoardDoc(storage, board);
    if (!doc) throw new NoSuchBoardError(board);
    const started = performance.now();
    const view = readBoard(doc);
    const images = await exportImages(storage, board, view);
    const files = format === 'json' ? await collectBackupFiles(storage, board, view) : [];
    const file = await exportBoard(doc, format, undefined, { scope, images, files });
    doc.destroy();
    await writeFile(userPath(out), file.bytes);
    const record = { at: Date.now(), format, role: 'operator', name: '', via: 'cli' } as const;
    await storage.appendUpdates(board, [], [exportLogWrite(record)]);
    return {
      board,
      format,
      out: userPath(out),
      bytes: file.bytes.length,
      ms: Math.round(performance.now() - started),
    };
  }
  if (command === 'import') {
    const flags = parseFlags(args.slice(1), ['file', 'format', 'title', 'locale']);
    const file = flags.get('file');
    if (!file) throw new UsageError('--file needs a file name');
    const format = flags.get('format') ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
    if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be json or csv');
    const bytes = await readFile(userPath(file));
    let report: object = {};
    let id: string;
    if (format === 'csv') {
      const made = await importCsvBoard(storage, bytes, {
        title: flags.get('title'),
        locale: flags.get('locale'),
      });
      id = made.id;
      report = made.report;
    } else id = await importBackup(storage, bytes, config.limits);
    const links: Record<string, string> = {};
    for (const role of ROLES) {
      links[role] = boardLink(base, id, await mintToken(secret, storage, id, role));
    }
    return { id, ...report, links };
  }
  if (command === 'revoke') {
    const flags = parseFlags(args.slice(1), ['board', 'role']);
    const board = needBoard(flags);
    const role = needRole(flags);
    await authorizeExists(storage, board);
    return { board, role, generation: await storage.revokeLinks(board, role) };
  }
  throw new UsageError(
    args.length === 0 ? 'no command given' : `unknown command ${args.join(' ')}`,
  );
}

/** `backup` and `restore` of the data directory (storage/dataBackup.ts). */
export async function runDataCommand(args: readonly string[], config: Config): Promise<unknown> {
  if (config.databaseUrl) {
    throw new UsageError(
      'with PAJA_DATABASE_URL, back up with pg_dump and restore with pg_restore',
    );
  }
  if (args[0] === 'backup') {
    const out = parseFlags(args.slice(1), ['out']).get('out');
    if (!out) throw new UsageError('--out needs a directory or a .sqlite file name');
    return backupDataDir(config.dataDir, userPath(out));
  }
  const rest = args.slice(1).filter((arg) => arg !== '--force');
  const from = parseFlags(rest, ['from']).get('from');
  if (!from) throw new UsageError('--from needs a backup directory or .sqlite file');
  return restoreDataDir(userPath(from), config.dataDir, args.includes('--force'));
}

/**
 * The command line itself: `pnpm paja` runs it compiled (scripts/paja.mjs imports dist/cli.mjs
 * and calls this), `tsx src/cli.ts` from the sources. Sets process.exitCode.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  const args = argv.filter((arg) => arg !== '--');
  if (args.length === 0 || args[0] === '--help' || args[0] === 'help') {
    process.stdout.write(USAGE);
    process.exit(args.length === 0 ? 2 : 0);
  }
  let storage: Storage | null = null;
  try {
    const config = loadConfig();
    // Logs go to stderr so that stdout stays pure JSON for scripts.
    const log = createLogger(config.logLevel, (line) => process.stderr.write(`${line}\n`));
    // Backup and restore copy the files themselves: no storage is opened on them.
    let result: unknown;
    if (args[0] === 'backup' || args[0] === 'restore') result = await runDataCommand(args, config);
    else {
      storage = await openStorage(config, log, (dir) => SqliteStorage.open(dir));
      result = await runCommand(
        args,
        config,
        storage,
        loadSecret(config.secret, config.dataDir, log),
      );
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`paja: ${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  } finally {
    await storage?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli(process.argv.slice(2));

/** The export's scope from the command line, as the HTTP API takes it (scope.ts checks it). */
function scopeFlags(flags: Map<string, string>): unknown {
  const kind = flags.get('scope') ?? 'board';
  if (kind === 'cluster') return { kind, cluster: flags.get('cluster') };
  if (kind === 'selection')
    return { kind, notes: (flags.get('notes') ?? '').split(',').filter(Boolean) };
  return { kind };
}
