import path from 'node:path';
import { COMMENT_MAX_TEXT } from '@paja/shared';

export interface Config {
  /** TCP port for HTTP and WebSocket. PAJA_PORT, default 8080; 0 picks a free port. */
  port: number;
  /** Interface to listen on. PAJA_HOST, default 127.0.0.1 (set 0.0.0.0 to serve a LAN). */
  host: string;
  /** Where the SQLite file and the generated secret live. PAJA_DATA_DIR, default ./data. */
  dataDir: string;
  /** Built client to serve. PAJA_CLIENT_DIR, default client/dist of this checkout. */
  clientDir: string;
  /** Public base URL printed and used in links, e.g. https://paja.example.fi. PAJA_PUBLIC_URL. */
  publicUrl: string | null;
  /** A loaded board with no connection is unloaded after this long. PAJA_IDLE_UNLOAD_MS. */
  idleUnloadMs: number;
  /** Largest inbound WebSocket message in bytes. PAJA_MAX_MESSAGE_BYTES, default 1 MiB. */
  maxMessageBytes: number;
  /**
   * Compact a board's update log into a snapshot after this many updates at the latest (the
   * pipeline compacts earlier by bytes: SavePipeline.compactionDue).
   */
  compactEvery: number;
  /**
   * Whether a quiet board's commit to the embedded SQLite may be made on the server thread
   * (WorkerSqliteStorage, QuietCommitBudget). PAJA_SQLITE_QUIET_COMMITS, default 1; 0 keeps
   * every commit in the storage thread, for a data directory on storage that can stall.
   */
  sqliteQuietCommits: boolean;
  /** Minimum log level: debug, info, warn, error. PAJA_LOG_LEVEL, default info. */
  logLevel: LogLevel;
  /** Signs board links. PAJA_SECRET; if unset, a random one is kept in the data directory. */
  secret: string | null;
  /**
   * PostgreSQL instead of SQLite, e.g. postgres://paja@db/paja. PAJA_DATABASE_URL; unset: the
   * embedded SQLite file in the data directory.
   */
  databaseUrl: string | null;
  /**
   * Redis, to relay updates and presence between instances serving the same boards, e.g.
   * redis://cache:6379. PAJA_REDIS_URL; unset: one instance, nothing to relay. Needs
   * PAJA_DATABASE_URL and PAJA_SECRET (every instance must see the same boards and links).
   */
  redisUrl: string | null;
  /** Response headers that protect the pages and the API (see http/securityHeaders.ts). */
  http: HttpPolicy;
  limits: Limits;
  statement: StatementConfig;
  retention: RetentionConfig;
}

/**
 * How long history and boards are kept (personal data should not be kept longer than it is
 * needed). 0 keeps them until someone deletes them.
 */
export interface RetentionConfig {
  /** PAJA_SNAPSHOT_RETENTION_DAYS: automatic snapshots older than this are deleted. */
  snapshotDays: number;
  /**
   * PAJA_BOARD_RETENTION_DAYS: boards nobody changed for longer than this (counted from the
   * last stored change, or the creation of a board never changed) are deleted with their
   * snapshots, side state and links (checked at start and every hour, by one instance at a time).
   */
  boardDays: number;
  /**
   * PAJA_MEDIA_GRACE_HOURS: a picture no item of the board or of its snapshots names is
   * deleted from storage after this many hours (undo within them brings it back).
   */
  mediaGraceHours: number;
}

export const DEFAULT_MEDIA_GRACE_HOURS = 24;

/**
 * The operator's parts of the accessibility statement (the page /accessibility): the law wants
 * the one who provides the service named, a way to give feedback, and the statement's date.
 */
export interface StatementConfig {
  /** PAJA_OPERATOR_NAME: the organisation that runs this Paja, e.g. "City of Espoo". */
  operator: string | null;
  /** PAJA_ACCESSIBILITY_CONTACT: where to report accessibility problems (an e-mail or a URL). */
  contact: string | null;
  /** PAJA_ACCESSIBILITY_DATE: when the statement was last reviewed, YYYY-MM-DD. */
  date: string | null;
}

/** Who may create boards over HTTP, and the headers every response carries. */
export interface HttpPolicy {
  /**
   * PAJA_BOARD_CREATION: `anyone` (the landing page's button works for everyone) or
   * `operators` (only with PAJA_OPERATOR_TOKEN, or from the command line): for a public
   * deployment where only the hosting agency opens boards.
   */
  boardCreation: 'anyone' | 'operators';
  /** PAJA_OPERATOR_TOKEN: a bearer token that may create boards in any mode, unthrottled. */
  operatorToken: string | null;
  /** PAJA_CREATE_PER_HOUR: boards one address may create per hour (bursts of a third of it). */
  createPerHour: number;
  /**
   * PAJA_FRAME_ANCESTORS: who may show Paja in a frame, as CSP frame-ancestors sources;
   * default `'none'` (nobody: no clickjacking).
   */
  frameAncestors: string;
  /** PAJA_HSTS_SECONDS: Strict-Transport-Security max-age when served over TLS; 0: never sent. */
  hstsSeconds: number;
  /**
   * PAJA_TRUST_PROXY: behind a reverse proxy, take the client's address from the last
   * X-Forwarded-For entry and the scheme from X-Forwarded-Proto. Off by default: otherwise
   * anyone could claim any address and slip past the per-address limits.
   */
  trustProxy: boolean;
}

/** Per-connection and per-board limits; each is one PAJA_* variable (see README). */
export interface Limits {
  /**
   * Connections per board, in separate pools per role, so that readers (a leaked viewer link,
   * hundreds of idle tabs) can never take the places of the people who run and do the workshop.
   * PAJA_MAX_FACILITATORS_PER_BOARD, PAJA_MAX_PARTICIPANTS_PER_BOARD, PAJA_MAX_READERS_PER_BOARD
   * (commenters and viewers together). A full pool refuses with 4409.
   */
  maxFacilitatorsPerBoard: number;
  maxParticipantsPerBoard: number;
  maxReadersPerBoard: number;
  /**
   * PAJA_MAX_CONNECTIONS_PER_ADDRESS: open sockets from one client address (IPv6: one /64),
   * facilitators not counted. A workshop room behind one NAT needs room, one script does not.
   */
  maxConnectionsPerAddress: number;
  /** PAJA_ACCESS_CHECK_MS: how often open connections re-check that their link is not revoked. */
  accessCheckMs: number;
  /**
   * PAJA_MAX_BOARD_BYTES: updates that would grow a board's stored size past it are refused;
   * uploaded images and attachments count toward it too (an upload past it is refused).
   */
  maxBoardBytes: number;
  /** PAJA_MAX_IMAGE_BYTES: largest image upload (before re-encoding). */
  maxImageBytes: number;
  /** PAJA_MAX_ATTACHMENT_BYTES: largest attached file. */
  maxAttachmentBytes: number;
  /**
   * PAJA_MAX_BOARD_ITEMS and PAJA_MAX_BOARD_MEMORY_BYTES: how many structs a board's document
   * may hold and how much memory it may take (estimated; see updateLimits.ts). Stored bytes
   * alone do not bound memory: a flood of tiny entries costs 30-60 bytes of heap per byte.
   */
  maxBoardItems: number;
  maxBoardMemoryBytes: number;
  /**
   * PAJA_MAX_UPDATE_DEPTH and PAJA_MAX_UPDATE_ENTRIES: how deep one update may nest shared types
   * and values, and how many structs and deletions it may hold (over them: 4415).
   */
  maxUpdateDepth: number;
  maxUpdateEntries: number;
  /**
   * PAJA_MAX_QUEUED_BYTES: bytes waiting in one socket for its client to read, beyond which a
   * client that does not keep up is closed (4507) instead of holding the server's memory.
   */
  maxQueuedBytes: number;
  /** PAJA_HANDSHAKE_TIMEOUT_MS: a socket that has not sent sync step 1 by then is closed. */
  handshakeTimeoutMs: number;
  /**
   * PAJA_HEARTBEAT_MS: how often every socket is pinged; one that sent nothing between two
   * pings, not even the pong, is dead and closed (a phone that lost its network says nothing).
   */
  heartbeatMs: number;
  /** PAJA_UPDATE_RATE: document updates per second per connection (bursts of twice that). */
  updatesPerSecond: number;
  /** PAJA_AWARENESS_RATE: awareness messages per second per connection; extra are dropped. */
  awarenessPerSecond: number;
  /** PAJA_MAX_AWARENESS_BYTES: largest awareness state (a cursor and a name) per client. */
  maxAwarenessBytes: number;
  /**
   * PAJA_MAX_UNSAVED_BYTES: while storage fails, a board holds at most this much unsaved
   * edits in memory; past it new edits are refused (clients keep them and retry later).
   */
  maxUnsavedBytes: number;
  /** Public commenting; kept per identity and per address, so reconnecting does not reset it. */
  comments: CommentLimits;
}

/** Abuse controls of commenting (server/src/moderation/abuse.ts); one PAJA_* variable each. */
export interface CommentLimits {
  /** PAJA_COMMENT_RATE: comments per minute per commenter identity (bursts of the next). */
  perMinute: number;
  /** PAJA_COMMENT_BURST: comments one identity may write in a row before the rate applies. */
  burst: number;
  /** PAJA_COMMENT_ADDRESS_RATE: comments per minute from one client address (all identities). */
  perAddressPerMinute: number;
  /** PAJA_COMMENT_ADDRESS_BURST: the same, in a row. */
  addressBurst: number;
  /** PAJA_COMMENT_MAX_CHARS: longest comment, in characters (at most COMMENT_MAX_TEXT, 4000). */
  maxChars: number;
  /** PAJA_COMMENT_DUPLICATE_MINUTES: a (near) copy of one's own comment within this is refused. */
  duplicateMinutes: number;
  /** PAJA_FLAG_RATE: flags per minute per identity. */
  flagsPerMinute: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

const DEFAULT_CLIENT_DIR = path.resolve(import.meta.dirname, '../../client/dist');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads PAJA_* variables; a malformed value is an error naming the variable, not a default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PAJA_PORT', 8080, 0, 65535),
    host: env.PAJA_HOST?.trim() || '127.0.0.1',
    // Relative to where the user ran the command: pnpm runs package scripts inside server/,
    // but tells the original directory in INIT_CWD.
    dataDir: path.resolve(env.INIT_CWD || process.cwd(), env.PAJA_DATA_DIR?.trim() || 'data'),
    clientDir: path.resolve(env.PAJA_CLIENT_DIR?.trim() || DEFAULT_CLIENT_DIR),
    publicUrl: publicUrl(env.PAJA_PUBLIC_URL),
    idleUnloadMs: integer(env, 'PAJA_IDLE_UNLOAD_MS', 30_000, 0, 24 * 3600_000),
    maxMessageBytes: integer(env, 'PAJA_MAX_MESSAGE_BYTES', 1024 * 1024, 1024, 256 * 1024 * 1024),
    compactEvery: integer(env, 'PAJA_COMPACT_EVERY', 5000, 1, 1_000_000),
    sqliteQuietCommits: env.PAJA_SQLITE_QUIET_COMMITS?.trim()
      ? flag(env, 'PAJA_SQLITE_QUIET_COMMITS')
      : true,
    logLevel: logLevel(env.PAJA_LOG_LEVEL),
    secret: env.PAJA_SECRET?.trim() || null,
    ...scaleOut(env),
    http: loadHttpPolicy(env),
    limits: loadLimits(env),
    statement: loadStatement(env),
    retention: {
      snapshotDays: integer(env, 'PAJA_SNAPSHOT_RETENTION_DAYS', 0, 0, 36_500),
      boardDays: integer(env, 'PAJA_BOARD_RETENTION_DAYS', 0, 0, 36_500),
      mediaGraceHours: integer(
        env,
        'PAJA_MEDIA_GRACE_HOURS',
        DEFAULT_MEDIA_GRACE_HOURS,
        0,
        24 * 365,
      ),
    },
  };
}

export function loadStatement(env: NodeJS.ProcessEnv = {}): StatementConfig {
  const date = env.PAJA_ACCESSIBILITY_DATE?.trim() || null;
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new ConfigError('PAJA_ACCESSIBILITY_DATE must be a date like 2026-12-01');
  }
  return {
    operator: env.PAJA_OPERATOR_NAME?.trim().slice(0, 200) || null,
    contact: env.PAJA_ACCESSIBILITY_CONTACT?.trim().slice(0, 300) || null,
    date,
  };
}

function scaleOut(env: NodeJS.ProcessEnv): Pick<Config, 'databaseUrl' | 'redisUrl'> {
  const databaseUrl = serviceUrl(env, 'PAJA_DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = serviceUrl(env, 'PAJA_REDIS_URL', ['redis:', 'rediss:']);
  if (redisUrl && !databaseUrl) {
    throw new ConfigError(
      'PAJA_REDIS_URL needs PAJA_DATABASE_URL: instances that share boards must share storage',
    );
  }
  if (redisUrl && !env.PAJA_SECRET?.trim()) {
    throw new ConfigError(
      'PAJA_REDIS_URL needs PAJA_SECRET: every instance must check links with the same key',
    );
  }
  return { databaseUrl, redisUrl };
}

function serviceUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const value = env[name]?.trim();
  if (!value) return null;
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {}
  if (!protocols.includes(protocol)) {
    // The value may hold a password: name the variable, never echo it.
    throw new ConfigError(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
  }
  return value;
}

export function loadHttpPolicy(env: NodeJS.ProcessEnv = {}): HttpPolicy {
  const creation = env.PAJA_BOARD_CREATION?.trim() || 'anyone';
  if (creation !== 'anyone' && creation !== 'operators') {
    throw new ConfigError(`PAJA_BOARD_CREATION must be anyone or operators; got "${creation}"`);
  }
  const operatorToken = env.PAJA_OPERATOR_TOKEN?.trim() || null;
  if (operatorToken !== null && operatorToken.length < 32) {
    throw new ConfigError('PAJA_OPERATOR_TOKEN must be at least 32 characters');
  }
  const frameAncestors = env.PAJA_FRAME_ANCESTORS?.trim() || "'none'";
  // One CSP directive's sources: nothing that could end the directive or start a header.
  if (!/^[\w\s'.:/*-]+$/.test(frameAncestors)) {
    throw new ConfigError(
      `PAJA_FRAME_ANCESTORS must be CSP sources such as 'none', 'self' or https://intra.example.fi; got "${frameAncestors}"`,
    );
  }
  return {
    boardCreation: creation,
    operatorToken,
    createPerHour: integer(env, 'PAJA_CREATE_PER_HOUR', 30, 1, 1_000_000),
    frameAncestors,
    hstsSeconds: integer(env, 'PAJA_HSTS_SECONDS', 15_552_000, 0, 63_072_000),
    trustProxy: flag(env, 'PAJA_TRUST_PROXY'),
  };
}

export function loadLimits(env: NodeJS.ProcessEnv = {}): Limits {
  if (env.PAJA_MAX_CONNECTIONS_PER_BOARD?.trim()) {
    throw new ConfigError(
      'PAJA_MAX_CONNECTIONS_PER_BOARD is replaced by PAJA_MAX_FACILITATORS_PER_BOARD, PAJA_MAX_PARTICIPANTS_PER_BOARD and PAJA_MAX_READERS_PER_BOARD',
    );
  }
  return {
    maxFacilitatorsPerBoard: integer(env, 'PAJA_MAX_FACILITATORS_PER_BOARD', 25, 1, 100_000),
    maxParticipantsPerBoard: integer(env, 'PAJA_MAX_PARTICIPANTS_PER_BOARD', 250, 1, 100_000),
    // 5,000: measured with 50 editors working (bench/RESULTS.md, the crowd): every update
    // reached every reader, about 6.5 kB of heap per idle reader.
    maxReadersPerBoard: integer(env, 'PAJA_MAX_READERS_PER_BOARD', 5000, 1, 100_000),
    maxConnectionsPerAddress: integer(env, 'PAJA_MAX_CONNECTIONS_PER_ADDRESS', 200, 1, 1_000_000),
    accessCheckMs: integer(env, 'PAJA_ACCESS_CHECK_MS', 5_000, 100, 3_600_000),
    maxBoardBytes: integer(env, 'PAJA_MAX_BOARD_BYTES', 64 * 1024 * 1024, 1024, 2 ** 31),
    maxImageBytes: integer(env, 'PAJA_MAX_IMAGE_BYTES', 10 * 1024 * 1024, 1024, 2 ** 30),
    maxAttachmentBytes: integer(env, 'PAJA_MAX_ATTACHMENT_BYTES', 20 * 1024 * 1024, 1024, 2 ** 30),
    maxBoardItems: integer(env, 'PAJA_MAX_BOARD_ITEMS', 1_000_000, 100, 100_000_000),
    maxBoardMemoryBytes: integer(
      env,
      'PAJA_MAX_BOARD_MEMORY_BYTES',
      512 * 1024 * 1024,
      1024 * 1024,
      2 ** 40,
    ),
    maxUpdateDepth: integer(env, 'PAJA_MAX_UPDATE_DEPTH', 16, 4, 1000),
    maxUpdateEntries: integer(env, 'PAJA_MAX_UPDATE_ENTRIES', 100_000, 100, 10_000_000),
    maxQueuedBytes: integer(env, 'PAJA_MAX_QUEUED_BYTES', 4 * 1024 * 1024, 64 * 1024, 2 ** 31),
    handshakeTimeoutMs: integer(env, 'PAJA_HANDSHAKE_TIMEOUT_MS', 10_000, 100, 600_000),
    heartbeatMs: integer(env, 'PAJA_HEARTBEAT_MS', 30_000, 100, 600_000),
    updatesPerSecond: integer(env, 'PAJA_UPDATE_RATE', 120, 1, 100_000),
    awarenessPerSecond: integer(env, 'PAJA_AWARENESS_RATE', 30, 1, 10_000),
    maxAwarenessBytes: integer(env, 'PAJA_MAX_AWARENESS_BYTES', 8 * 1024, 256, 1024 * 1024),
    maxUnsavedBytes: integer(env, 'PAJA_MAX_UNSAVED_BYTES', 32 * 1024 * 1024, 1024, 2 ** 31),
    comments: loadCommentLimits(env),
  };
}

export function loadCommentLimits(env: NodeJS.ProcessEnv = {}): CommentLimits {
  return {
    perMinute: integer(env, 'PAJA_COMMENT_RATE', 6, 1, 10_000),
    burst: integer(env, 'PAJA_COMMENT_BURST', 5, 1, 10_000),
    perAddressPerMinute: integer(env, 'PAJA_COMMENT_ADDRESS_RATE', 60, 1, 100_000),
    addressBurst: integer(env, 'PAJA_COMMENT_ADDRESS_BURST', 30, 1, 100_000),
    // At most what a comment may hold at all (the document's and the wire's limit).
    maxChars: integer(env, 'PAJA_COMMENT_MAX_CHARS', 2000, 1, COMMENT_MAX_TEXT),
    duplicateMinutes: integer(env, 'PAJA_COMMENT_DUPLICATE_MINUTES', 60, 0, 7 * 24 * 60),
    flagsPerMinute: integer(env, 'PAJA_FLAG_RATE', 10, 1, 10_000),
  };
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigError(`${name} must be 1 or 0; got "${env[name]}"`);
}

function publicUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`PAJA_PUBLIC_URL must be an http(s) URL; got "${value}"`);
  }
}

function logLevel(raw: string | undefined): LogLevel {
  const value = raw?.trim().toLowerCase();
  if (!value) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new ConfigError(`PAJA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${raw}"`);
}
