import type { SharedCounters } from './SharedCounters';
import { STALE_MS } from './SharedCounters';

/**
 * Restates the people on this instance and answers how many are on the board on every
 * instance. KEYS[1]: the board's people, a sorted set of participant ids scored by when each
 * stops counting (Redis's clock). ARGV[1]: the staleness in ms; ARGV[2..]: the ids here.
 * A person on two instances counts once; one whose instance died stops counting after the
 * staleness. Returns the count.
 */
const RESTATE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local stale = tonumber(ARGV[1])
local until_ = now + stale
for i = 2, #ARGV, 500 do
  local batch = {}
  for j = i, math.min(i + 499, #ARGV) do
    batch[#batch + 1] = until_
    batch[#batch + 1] = ARGV[j]
  end
  redis.call('ZADD', KEYS[1], unpack(batch))
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('PEXPIRE', KEYS[1], stale)
return redis.call('ZCARD', KEYS[1])
`;

/** How ReaderCount learns the count of people over every instance (see ReaderCount). */
export interface PeopleElsewhere {
  /**
   * Restates `people()` (the ids here) every heartbeat and tells `heard` the count over every
   * instance; null while Redis does not answer (the count is then this instance's own).
   */
  follow(people: () => Iterable<string>, heard: (count: number | null) => void): void;
  /** The last tab of `participantId` here closed. */
  left(participantId: string): void;
  stop(): void;
}

/** One board's count of people across instances, in Redis. */
export function sharedPeople(counters: SharedCounters, boardId: string): PeopleElsewhere {
  const key = `${counters.prefix}people:${boardId}`;
  let stop = () => {};
  return {
    follow(people, heard) {
      stop = counters.everyBeat(async () => {
        const ids = [...people()];
        if (ids.length === 0) return;
        const count = await counters.ask('count of people', (redis) =>
          redis.eval(RESTATE, 1, key, STALE_MS, ...ids),
        );
        heard(typeof count === 'number' ? count : null);
      });
    },
    left(participantId) {
      // At once, so the count drops within a second; if the person is on another instance
      // too, that instance restates them at its next heartbeat.
      void counters.ask('count of people', (redis) => redis.zrem(key, participantId));
    },
    stop: () => stop(),
  };
}
