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
 * Every this many heartbeats the hash is rewritten whole even if nothing seemed to change, so
 * a difference between Redis and what this instance believes it wrote lasts a minute at most.
 */
const WHOLE_EVERY_BEATS = 60;

/** A count whose write may or may not have reached Redis: the next heartbeat writes it again. */
const UNKNOWN = -1;

/**
 * The cap on open sockets from one client address (PAJA_MAX_CONNECTIONS_PER_ADDRESS) counted
 * across instances, so that one address cannot open the cap on every instance behind the load
 * balancer. One hash per instance holds its sockets per address (keyed by a keyed hash of the
 * address, never the address itself); admission sums the live instances' hashes (one per
 * instance) in Redis. Facilitators are never counted (as in ConnectionPools); without Redis
 * the instance's own count decides alone.
 *
 * Every heartbeat restates the hash, and only what changed since the last: rewriting it whole
 * every second cost 3.5 % of a core, 7 ms of Redis and 350 KiB at 10,000 addresses
 * (bench:addressbeat, bench/RESULTS.md "Joiners, third round"), most of it the keyed hash of
 * each address, which is now made once per address. The hash's expiry is renewed every beat.
 * It is rewritten whole at the first beat, after a beat that failed, when it had expired
 * (Redis restarted or was unreachable for STALE_MS), and every WHOLE_EVERY_BEATS.
 */
export class SharedAddresses {
  readonly #counters: SharedCounters;
  readonly #pools: ConnectionPools;
  readonly #keyOf: (address: string) => string;
  readonly #cap: number;
  /** What this instance's hash holds as far as it knows: per address, its key and count. */
  readonly #stated = new Map<string, { key: string; count: number; beat: number }>();
  #beatsToWhole = 0;
  /** Heartbeats so far: an address not seen in the latest one has left. */
  #beat = 0;

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
    const key = this.#keyFor(address);
    // The script writes `here` when it admits. Noted as it is sent, in the order Redis applies
    // it relative to the heartbeats; a refusal or no answer leaves the field unknown.
    this.#stated.set(address, { key, count: here, beat: this.#beat });
    const admitted = await this.#counters.ask('connections per address', (redis) =>
      redis.eval(
        ADMIT,
        2,
        this.#instances,
        this.#hashPrefix + instance,
        instance,
        this.#hashPrefix,
        key,
        here,
        this.#cap,
        STALE_MS,
      ),
    );
    if (admitted !== 1) this.#stated.set(address, { key, count: UNKNOWN, beat: this.#beat });
    if (admitted !== 0) return null;
    return { code: CloseCode.rateLimited, reason: 'too many connections from one address' };
  }

  /** The address's key in the hashes: a keyed hash, made once while the address is stated. */
  #keyFor(address: string): string {
    return this.#stated.get(address)?.key ?? this.#keyOf(address);
  }

  /** Brings this instance's hash to its counts now: what changed, or all of it (see above). */
  async #restate(): Promise<void> {
    const whole = this.#beatsToWhole <= 0;
    this.#beatsToWhole = whole ? WHOLE_EVERY_BEATS : this.#beatsToWhole - 1;
    const beat = ++this.#beat;
    const wasEmpty = this.#stated.size === 0;
    const changed: Record<string, number> = {};
    let anyChanged = false;
    for (const [address, count] of this.#pools.addresses()) {
      let stated = this.#stated.get(address);
      if (!stated) {
        stated = { key: this.#keyOf(address), count: UNKNOWN, beat };
        this.#stated.set(address, stated);
      }
      stated.beat = beat;
      if (whole || stated.count !== count) {
        changed[stated.key] = count;
        stated.count = count;
        anyChanged = true;
      }
    }
    // Addresses not seen in this beat have no sockets here any more.
    const gone: string[] = [];
    for (const [address, stated] of this.#stated) {
      if (stated.beat === beat) continue;
      gone.push(stated.key);
      this.#stated.delete(address);
    }
    const any = this.#stated.size > 0;
    if (wasEmpty && !any && !whole) return; // nothing here, before or now
    const hash = this.#hashPrefix + this.#counters.instance;
    const result = await this.#counters.ask('connections per address', (redis) => {
      const write = redis.multi().pexpire(hash, STALE_MS); // 0: the hash was gone
      if (whole) write.del(hash);
      if (anyChanged) write.hset(hash, changed);
      if (gone.length > 0) write.hdel(hash, ...gone);
      if (any) {
        write.pexpire(hash, STALE_MS).sadd(this.#instances, this.#counters.instance);
      }
      return write.exec();
    });
    const existed = result?.[0]?.[1];
    // A failed beat may have written anything; an expired hash holds only what changed.
    if (result === null || (!whole && existed === 0)) this.#beatsToWhole = 0;
  }
}
