import { CloseCode } from '@paja/shared';
import type { ConnectionPools, PoolRefusal } from '../ConnectionPools';
import { type SharedCounters, STALE_MS } from './SharedCounters';

/**
 * Admission of one more socket from a client address, counted over every instance.
 * KEYS[1]: the set of instances that state their addresses; KEYS[2]: this instance's hash
 * (address key -> its sockets here). ARGV: this instance, the hash prefix, the address key,
 * its sockets here with the joining one, the cap, the staleness in ms.
 * An instance's hash expires STALE_MS after its last heartbeat, so a killed instance's sockets
 * stop counting; such instances are dropped from the set. Returns 1 (admitted, stated) or 0.
 */
const ADMIT = `
local others = 0
for _, instance in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if instance ~= ARGV[1] then
    local hash = ARGV[2] .. instance
    if redis.call('EXISTS', hash) == 0 then
      redis.call('SREM', KEYS[1], instance)
    else
      others = others + (tonumber(redis.call('HGET', hash, ARGV[3])) or 0)
    end
  end
end
if others + tonumber(ARGV[4]) > tonumber(ARGV[5]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
redis.call('SADD', KEYS[1], ARGV[1])
return 1
`;

/**
 * The cap on open sockets from one client address (PAJA_MAX_CONNECTIONS_PER_ADDRESS) counted
 * across instances, so that one address cannot open the cap on every instance behind the load
 * balancer. One hash per instance holds its sockets per address (keyed by a keyed hash of the
 * address, never the address itself) and is rewritten whole every heartbeat: one command per
 * instance and beat however many addresses it serves, where a hash per address would cost one
 * per address. Admission sums the live instances' hashes (one per instance) in Redis.
 * Facilitators are never counted (as in ConnectionPools); without Redis the instance's own
 * count decides alone.
 */
export class SharedAddresses {
  readonly #counters: SharedCounters;
  readonly #pools: ConnectionPools;
  readonly #keyOf: (address: string) => string;
  readonly #cap: number;

  constructor(
    counters: SharedCounters,
    pools: ConnectionPools,
    keyOf: (address: string) => string,
    cap: number,
  ) {
    this.#counters = counters;
    this.#pools = pools;
    this.#keyOf = keyOf;
    this.#cap = cap;
    counters.everyBeat(() => this.#restate());
  }

  get #instances(): string {
    return `${this.#counters.prefix}addresses`;
  }

  get #hashPrefix(): string {
    return `${this.#counters.prefix}addresses:`;
  }

  /** After ConnectionPools admitted a socket from `address` here: a refusal if over the cap. */
  async admit(address: string): Promise<PoolRefusal | null> {
    const here = this.#pools.countFrom(address);
    const { instance } = this.#counters;
    const admitted = await this.#counters.ask('connections per address', (redis) =>
      redis.eval(
        ADMIT,
        2,
        this.#instances,
        this.#hashPrefix + instance,
        instance,
        this.#hashPrefix,
        this.#keyOf(address),
        here,
        this.#cap,
        STALE_MS,
      ),
    );
    if (admitted !== 0) return null;
    return { code: CloseCode.rateLimited, reason: 'too many connections from one address' };
  }

  /** Rewrites this instance's hash from its counts now (sockets that closed drop out). */
  async #restate(): Promise<void> {
    const counts: Record<string, number> = {};
    let any = false;
    for (const [address, count] of this.#pools.addresses()) {
      counts[this.#keyOf(address)] = count;
      any = true;
    }
    const hash = this.#hashPrefix + this.#counters.instance;
    await this.#counters.ask('connections per address', (redis) => {
      const write = redis.multi().del(hash);
      if (any) {
        write
          .hset(hash, counts)
          .pexpire(hash, STALE_MS)
          .sadd(this.#instances, this.#counters.instance);
      }
      return write.exec();
    });
  }
}
