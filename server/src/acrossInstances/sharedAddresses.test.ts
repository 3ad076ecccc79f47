import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from '../../test/services';
import { ConnectionPools, type PoolTicket } from '../ConnectionPools';
import { loadLimits } from '../config';
import { silentLogger } from '../log';
import { HEARTBEAT_MS, SharedCounters } from './SharedCounters';
import { SharedAddresses } from './sharedAddresses';

const url = testRedisUrl();

/** A readable stand-in for the keyed hash: the test reads the hash back by it. */
const keyOf = (address: string) => `key-of-${address}`;

describe.skipIf(!url)('sockets per address stated in Redis, only what changed', () => {
  const closing: (() => void)[] = [];
  afterEach(() => {
    for (const close of closing.splice(0)) close();
  });

  function instance() {
    if (!url) throw new Error('no redis');
    const counters = new SharedCounters(
      url,
      silentLogger,
      { sharedLimitFallback: () => {} },
      uniquePrefix(),
    );
    const pools = new ConnectionPools(loadLimits({}));
    const addresses = new SharedAddresses(counters, pools, keyOf, 200);
    const redis = new Redis(url);
    closing.push(
      () => counters.close(),
      () => redis.disconnect(),
    );
    const hash = `${counters.prefix}addresses:${counters.instance}`;
    /** The hash after the next heartbeat (and its write) has been. */
    const stated = async () => {
      await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS + 300));
      return redis.hgetall(hash);
    };
    return { pools, addresses, redis, hash, stated };
  }

  it('follows sockets arriving and leaving, and restates the whole hash once it is gone', async () => {
    const { pools, redis, hash, stated } = instance();
    const tickets = new Map<string, PoolTicket[]>();
    const enter = (address: string) => {
      tickets.set(address, [...(tickets.get(address) ?? []), pools.enter(address)]);
    };
    enter('10.0.0.1');
    enter('10.0.0.1');
    enter('10.0.0.2');
    expect(await stated()).toEqual({ 'key-of-10.0.0.1': '2', 'key-of-10.0.0.2': '1' });

    tickets.get('10.0.0.1')?.[0]?.release();
    for (const ticket of tickets.get('10.0.0.2') ?? []) ticket.release();
    enter('10.0.0.3');
    expect(await stated()).toEqual({ 'key-of-10.0.0.1': '1', 'key-of-10.0.0.3': '1' });
    expect(await redis.pttl(hash)).toBeGreaterThan(0);

    // Redis lost it (restarted, or unreachable past STALE_MS): nothing changed here, and yet
    // the next heartbeats bring all of it back, with its expiry.
    await redis.del(hash);
    await stated();
    expect(await stated()).toEqual({ 'key-of-10.0.0.1': '1', 'key-of-10.0.0.3': '1' });
    expect(await redis.pttl(hash)).toBeGreaterThan(0);
  }, 20_000);

  it('what an admission wrote is taken back by the next heartbeat once its socket left', async () => {
    const a = instance();
    const { pools, addresses, redis, hash, stated } = a;
    await stated(); // connected
    const first = pools.enter('10.0.0.5');
    expect(await addresses.admit('10.0.0.5')).toBeNull();
    expect(await redis.hgetall(hash)).toEqual({ 'key-of-10.0.0.5': '1' }); // the script's write
    first.release();
    expect(await stated()).toEqual({});

    // Over the cap with another instance's 200 sockets of the address: refused, nothing left.
    const instances = hash.slice(0, hash.lastIndexOf(':'));
    const other = `${instances}:other`;
    await redis.hset(other, 'key-of-10.0.0.9', 200);
    await redis.pexpire(other, 60_000);
    await redis.sadd(instances, 'other');
    const refused = pools.enter('10.0.0.9');
    expect(await addresses.admit('10.0.0.9')).not.toBeNull();
    refused.release();
    expect(await stated()).toEqual({});
    await redis.del(other);
  }, 20_000);
});
