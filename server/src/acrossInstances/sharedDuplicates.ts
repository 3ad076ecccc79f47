import type { Redis } from 'ioredis';
import { isNearCopy, normalizeText, shingles } from '../moderation/abuse';

/** The newest texts kept per identity; older ones fall off first. */
const KEEP = 50;

/**
 * What each identity wrote lately on one board, in Redis so that a copy written
 * on another instance is caught too: per key a sorted set of normalised texts scored by when.
 * The same comparison as DuplicateFilter (abuse.ts), made here on the texts Redis returns.
 */
export async function isSharedDuplicate(
  redis: Redis,
  keys: readonly string[],
  text: string,
  windowMs: number,
  now: number,
): Promise<boolean> {
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.zrangebyscore(key, now - windowMs, '+inf');
  const answers = (await pipeline.exec()) ?? [];
  const normalized = normalizeText(text);
  const mine = shingles(normalized);
  for (const [error, members] of answers) {
    if (error) throw error;
    for (const member of members as string[]) {
      const earlier = member.slice(member.indexOf(':') + 1);
      if (isNearCopy(earlier, shingles(earlier), normalized, mine)) return true;
    }
  }
  return false;
}

/** Remembers `text` under each of `keys` for `windowMs`. */
export async function rememberShared(
  redis: Redis,
  keys: readonly string[],
  text: string,
  windowMs: number,
  now: number,
): Promise<void> {
  const normalized = normalizeText(text);
  const pipeline = redis.multi();
  for (const key of keys) {
    // The time in the member keeps two writes of one text apart (each is a write of its own).
    pipeline.zadd(key, now, `${now}:${normalized}`);
    pipeline.zremrangebyscore(key, '-inf', now - windowMs);
    pipeline.zremrangebyrank(key, 0, -KEEP - 1);
    pipeline.pexpire(key, windowMs);
  }
  await pipeline.exec();
}
