import { closeCodeMetric } from '@paja/shared';
import type { LogLevel } from './config';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured JSON lines on stdout (one object per line), for log shippers. Error objects are
 * reduced to name and message; fields named like credentials are redacted so that a token
 * passed by mistake never reaches a log file.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  base: LogFields = {},
): Logger {
  const emit = (at: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[at] < RANK[level]) return;
    const record: LogFields = { time: new Date().toISOString(), level: at, msg, ...base };
    for (const [key, value] of Object.entries(fields ?? {})) record[key] = clean(key, value);
    write(JSON.stringify(record));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

const SECRET_KEY = /token|secret|password|authorization|cookie/i;

function clean(key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

export const silentLogger: Logger = createLogger('error', () => {});

/** Kinds of warning told apart per interval; the rest are counted together as "other". */
const MAX_KINDS = 100;

/**
 * Hostile input makes warnings by the thousand (one per refused socket), and a log that grows
 * by megabytes an hour hides what matters. Per kind of warning (its message and close code),
 * the first in each interval is written; the rest are counted, and once the interval is over
 * one line says how many of each were left out.
 */
export class WarningLimiter {
  readonly #intervalMs: number;
  readonly #write: (summary: { suppressed: Record<string, number> }) => void;
  readonly #seen = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    write: (summary: { suppressed: Record<string, number> }) => void,
    intervalMs = 60_000,
  ) {
    this.#write = write;
    this.#intervalMs = intervalMs;
  }

  /** Whether a warning of this kind may be written now. */
  admit(kind: string): boolean {
    if (!this.#seen.has(kind) && this.#seen.size >= MAX_KINDS) kind = 'other';
    const count = this.#seen.get(kind);
    this.#seen.set(kind, (count ?? 0) + 1);
    if (!this.#timer) {
      this.#timer = setTimeout(() => this.flush(), this.#intervalMs);
      this.#timer.unref();
    }
    return count === undefined;
  }

  /** Writes the counts of what was left out, and starts a new interval. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const suppressed: Record<string, number> = {};
    for (const [kind, count] of this.#seen) if (count > 1) suppressed[kind] = count - 1;
    this.#seen.clear();
    if (Object.keys(suppressed).length > 0) this.#write({ suppressed });
  }
}

/** `logger` whose warnings (its children's too) go through `limiter`. */
export function limitWarnings(logger: Logger, limiter: WarningLimiter): Logger {
  return {
    ...logger,
    warn: (msg, fields) => {
      // By close code where there is one: reasons carry details (a message type, a size).
      const code = fields?.code;
      if (limiter.admit(typeof code === 'number' ? `${msg}: ${closeCodeMetric(code)}` : msg)) {
        logger.warn(msg, fields);
      }
    },
    child: (fields) => limitWarnings(logger.child(fields), limiter),
  };
}
