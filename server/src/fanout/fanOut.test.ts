import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from '../../test/services';
import { silentLogger } from '../log';
import type { FanOut } from './FanOut';
import { fanOutContract } from './fanOutContract';
import { InProcessFanOut } from './InProcessFanOut';
import { RedisFanOut } from './RedisFanOut';

fanOutContract('in-process', async () => {
  const shared = new InProcessFanOut();
  return [shared, shared];
});

describe('in-process fan-out', () => {
  it('knows a member alone on its board has nobody to publish to', async () => {
    const fanOut = new InProcessFanOut();
    const quiet = { message: () => {}, presence: () => {}, gap: () => {} };
    const alone = await fanOut.join('board', quiet);
    expect(alone.othersMayHear()).toBe(false);
    const other = await fanOut.join('board', quiet);
    expect(alone.othersMayHear()).toBe(true);
    await other.leave();
    expect(alone.othersMayHear()).toBe(false);
  });
});

const url = testRedisUrl();
const names = new Map<FanOut, string>();

/** Cuts both Redis connections of one handle, as a network failure would (CLIENT KILL). */
async function interrupt(fanOut: FanOut): Promise<void> {
  if (!url) return;
  const name = names.get(fanOut);
  const admin = new Redis(url);
  try {
    const clients = String(await admin.client('LIST'))
      .split('\n')
      .filter((line) => line.includes(` name=${name}-`));
    for (const line of clients) {
      const id = /\bid=(\d+)/.exec(line)?.[1];
      if (id) await admin.client('KILL', 'ID', id);
    }
  } finally {
    admin.disconnect();
  }
}

describe.skipIf(!url)('Redis fan-out', () => {
  fanOutContract(
    'redis',
    async () => {
      if (!url) throw new Error('no redis');
      const prefix = uniquePrefix();
      const open = async (which: string) => {
        const name = `${prefix.replace(/[^\w-]/g, '')}-${which}`;
        const fanOut = await RedisFanOut.open(url, silentLogger, { prefix, name });
        names.set(fanOut, name);
        return fanOut;
      };
      return [await open('one'), await open('two')];
    },
    interrupt,
  );
});
