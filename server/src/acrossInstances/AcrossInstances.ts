import type { ConnectionPools } from '../ConnectionPools';
import type { CommentLimits } from '../config';
import type { Logger } from '../log';
import { type FallbackCounter, SharedCounters } from './SharedCounters';
import { SharedAddresses } from './sharedAddresses';
import { SharedCommentAbuse } from './sharedCommentAbuse';
import { type PeopleElsewhere, sharedPeople } from './sharedPeople';
import { SharedPools } from './sharedPools';

/** What a socket's upgrade asks across instances, made once per server. */
export interface SharedAdmission {
  instances: AcrossInstances;
  pools: SharedPools;
  addresses: SharedAddresses;
}

/**
 * The limits that count per board over every instance when several serve the same boards
 * (PAJA_REDIS_URL): comment rates and duplicates, flag rates, the connection pools, the
 * sockets per client address, the count of people.
 * Without it (one instance) each is counted by the instance alone, as it also is whenever
 * Redis does not answer (SharedCounters).
 */
export class AcrossInstances {
  readonly #counters: SharedCounters;

  constructor(redisUrl: string, log: Logger, fallbacks: FallbackCounter, prefix?: string) {
    this.#counters = new SharedCounters(redisUrl, log, fallbacks, prefix);
  }

  /** The pools of this instance's sockets, checked against every instance's. */
  pools(local: ConnectionPools): SharedPools {
    return new SharedPools(this.#counters, local);
  }

  /** The cap on sockets per client address (`keyOf` hides the address), over every instance. */
  addresses(local: ConnectionPools, keyOf: (address: string) => string, cap: number) {
    return new SharedAddresses(this.#counters, local, keyOf, cap);
  }

  /** One board's comment rates, duplicate filter and flag rates. */
  comments(boardId: string, limits: CommentLimits): SharedCommentAbuse {
    return new SharedCommentAbuse(this.#counters, boardId, limits);
  }

  /** One board's count of people. */
  people(boardId: string): PeopleElsewhere {
    return sharedPeople(this.#counters, boardId);
  }

  close(): void {
    this.#counters.close();
  }
}
