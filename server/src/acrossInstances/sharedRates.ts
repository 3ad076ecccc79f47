import type { Redis } from 'ioredis';

/**
 * Token buckets in Redis, one per key, all taken from at once or none: the same arithmetic
 * as RateLimiter, done atomically by Redis so that instances share each bucket. Redis's own
 * clock measures the refill. A bucket's key expires once it would have refilled.
 * KEYS: the buckets; ARGV: tokens per millisecond, burst, expiry in milliseconds.
 * Returns 1 when a token was taken from every bucket, else 0 (and nothing taken).
 */
const TAKE_ALL = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local levels = {}
for i, key in ipairs(KEYS) do
  local stored = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(stored[1]) or burst
  local at = tonumber(stored[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
  if tokens < 1 then return 0 end
  levels[i] = tokens
end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
  redis.call('PEXPIRE', key, ARGV[3])
end
return 1
`;

/** Takes one token from each of `keys` (buckets of `perMinute`, bursts of `burst`). */
export async function takeShared(
  redis: Redis,
  keys: readonly string[],
  perMinute: number,
  burst: number,
): Promise<boolean> {
  const perMs = perMinute / 60_000;
  const refillMs = Math.ceil(burst / Math.max(perMs, 1e-9));
  const taken = await redis.eval(TAKE_ALL, keys.length, ...keys, perMs, burst, refillMs);
  return taken === 1;
}
