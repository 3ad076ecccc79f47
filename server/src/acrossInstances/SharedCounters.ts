import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Logger } from '../log';

/** A Redis answer slower than this counts as no answer: a join or a comment must not hang. */
const ANSWER_WAIT_MS = 500;
/** How often each instance restates what it counts (its pools' places, its people). */
export const HEARTBEAT_MS = 1_000;
/**
 * What an instance last stated is forgotten after this long without a heartbeat, so the
 * sockets of an instance that was killed stop counting within seconds.
 */
export const STALE_MS = 5_000;

/** What shared counting tells the operator (Metrics). */
export interface FallbackCounter {
  /** A check across instances could not be made: this instance counted alone. */
  sharedLimitFallback(): void;
}

/**
 * The Redis that counts limits per board across every instance (comment rates and
 * duplicates, connection pools, the count of people). Redis is a lossy helper here, never the
 * truth: when it does not answer within ANSWER_WAIT_MS, or is unreachable, every check falls
 * back to this instance's own counting (which always runs too), nobody is refused for it and
 * nothing waits; the fallback is logged once per outage and counted in
 * `paja_shared_limit_fallbacks_total`.
 *
 * Each instance names itself with a random id; what it counts is stated under that id with
 * the time Redis gave it (Redis's clock, so instances' clocks need not agree), restated every
 * HEARTBEAT_MS, and ignored by everyone after STALE_MS.
 */
export class SharedCounters {
  readonly instance = randomBytes(8).toString('hex');
  readonly prefix: string;
  readonly #redis: Redis;
  readonly #log: Logger;
  readonly #fallbacks: FallbackCounter;
  readonly #beats = new Set<() => Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #outage = false;
  #closed = false;

  constructor(url: string, log: Logger, fallbacks: FallbackCounter, prefix = 'paja:') {
    this.prefix = prefix;
    this.#log = log;
    this.#fallbacks = fallbacks;
    // Loaded here, not at the top: a single instance (no PAJA_REDIS_URL) never loads ioredis,
    // which would add about 0.2 s to every start (see server/build.mjs).
    const { Redis: RedisClient } = createRequire(import.meta.url)(
      'ioredis',
    ) as typeof import('ioredis');
    this.#redis = new RedisClient(url, {
      // Fail at once while disconnected: a count is only worth asking now.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(100 * times, 2_000),
      connectTimeout: 5_000,
      connectionName: 'paja-limits',
    });
    // Reported through #fallback when a check needs Redis; ioredis repeats every retry.
    this.#redis.on('error', () => {});
    this.#redis.on('ready', () => {
      if (!this.#outage) return;
      this.#outage = false;
      this.#log.info('redis is back: limits count across instances again');
    });
    this.#timer = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#timer.unref();
  }

  /**
   * Runs `command` on Redis; its answer, or null (logged and counted) when Redis is
   * unreachable, fails, or is slower than ANSWER_WAIT_MS. Never throws.
   */
  async ask<T>(what: string, command: (redis: Redis) => Promise<T>): Promise<T | null> {
    if (this.#closed) return null;
    if (this.#redis.status !== 'ready') return this.#fallback(what, null);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        command(this.#redis),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('redis answered too late')), ANSWER_WAIT_MS);
        }),
      ]);
    } catch (error) {
      return this.#fallback(what, error);
    } finally {
      clearTimeout(timer);
    }
  }

  #fallback(what: string, error: unknown): null {
    this.#fallbacks.sharedLimitFallback();
    if (!this.#outage) {
      this.#outage = true;
      this.#log.warn('redis unreachable: limits count per instance until it is back', {
        what,
        error,
      });
    }
    return null;
  }

  /** Adds a restatement run every HEARTBEAT_MS; returns how to remove it. */
  everyBeat(beat: () => Promise<void>): () => void {
    this.#beats.add(beat);
    return () => this.#beats.delete(beat);
  }

  #beat(): void {
    if (this.#redis.status !== 'ready') return;
    for (const beat of this.#beats) beat().catch(() => {});
  }

  /** Stops restating and disconnects; what this instance stated goes stale by itself. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#beats.clear();
    this.#redis.disconnect();
  }
}
