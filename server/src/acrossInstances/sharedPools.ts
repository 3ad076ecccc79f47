import { CloseCode, type Role } from '@paja/shared';
import type { ConnectionPools, Pool, PoolRefusal } from '../ConnectionPools';
import { POOLS, poolOf } from '../ConnectionPools';
import { type SharedCounters, STALE_MS } from './SharedCounters';

/**
 * Admission to a board's pool counted over every instance. KEYS[1]: the pool's hash, with a
 * field per instance (its places) and `<instance>@` (when Redis last heard it). ARGV: this
 * instance, its places with the joining socket, the pool's capacity, the staleness in ms.
 * Instances not heard within it are forgotten. Returns 1 (admitted, places stated) or 0.
 */
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local stale = tonumber(ARGV[4])
local fields = redis.call('HGETALL', KEYS[1])
local values = {}
for i = 1, #fields, 2 do values[fields[i]] = fields[i + 1] end
local others = 0
for field, heard in pairs(values) do
  if string.sub(field, -1) == '@' then
    local instance = string.sub(field, 1, -2)
    if instance ~= ARGV[1] then
      if now - tonumber(heard) > stale then
        redis.call('HDEL', KEYS[1], field, instance)
      else
        others = others + (tonumber(values[instance]) or 0)
      end
    end
  end
end
if others + tonumber(ARGV[2]) > tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], ARGV[1] .. '@', tostring(now))
redis.call('PEXPIRE', KEYS[1], stale)
return 1
`;

/** Restates one instance's places in a pool (0: forgets them). Same hash and ARGV as ADMIT. */
const STATE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if tonumber(ARGV[2]) == 0 then
  redis.call('HDEL', KEYS[1], ARGV[1], ARGV[1] .. '@')
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], ARGV[1] .. '@', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * The per-role connection pools of each board (ConnectionPools) counted across instances:
 * a socket this instance admitted by its own count is admitted only if the places taken on
 * every instance together leave room. Each instance restates its places every heartbeat, so
 * released places come back within a heartbeat (SharedCounters) and a killed instance's within STALE_MS.
 * Without Redis, the instance's own count decides alone.
 */
export class SharedPools {
  readonly #counters: SharedCounters;
  readonly #pools: ConnectionPools;
  /** Pools this instance stated places in at the last heartbeat, to forget them at 0. */
  #stated = new Set<string>();

  constructor(counters: SharedCounters, pools: ConnectionPools) {
    this.#counters = counters;
    this.#pools = pools;
    counters.everyBeat(() => this.#restate());
  }

  #key(boardId: string, pool: Pool): string {
    return `${this.#counters.prefix}pool:${boardId}:${pool}`;
  }

  /** After ConnectionPools admitted a socket here: a refusal if the pool is full elsewhere. */
  async admit(boardId: string, role: Role): Promise<PoolRefusal | null> {
    const pool = poolOf(role);
    const places = this.#pools.placesIn(boardId, pool);
    const capacity = this.#pools.capacity(pool);
    const admitted = await this.#counters.ask('connection pool', (redis) =>
      redis.eval(
        ADMIT,
        1,
        this.#key(boardId, pool),
        this.#counters.instance,
        places,
        capacity,
        STALE_MS,
      ),
    );
    if (admitted !== 0) return null;
    return { code: CloseCode.boardFull, reason: `the board has as many ${pool} as it takes` };
  }

  async #restate(): Promise<void> {
    const now = new Set<string>();
    const writes: Promise<unknown>[] = [];
    const state = (key: string, places: number) =>
      this.#counters.ask('connection pool', (redis) =>
        redis.eval(STATE, 1, key, this.#counters.instance, places, STALE_MS),
      );
    for (const [boardId, counts] of this.#pools.boards()) {
      for (const pool of POOLS) {
        const places = counts[pool];
        if (places === 0) continue;
        const key = this.#key(boardId, pool);
        now.add(key);
        writes.push(state(key, places));
      }
    }
    for (const key of this.#stated) if (!now.has(key)) writes.push(state(key, 0));
    this.#stated = now;
    await Promise.all(writes);
  }
}
