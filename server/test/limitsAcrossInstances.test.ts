import { CloseCode, commentsMap, MODERATION_REFUSALS } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadLimits } from '../src/config';
import { type Cluster, startCluster } from './cluster';
import { waitFor as waitForHarness } from './harness';
import type { Peer } from './peer';
import { testDatabaseUrl, testRedisUrl } from './services';
import { oneBoardOnThree } from './threeInstances';

const databaseUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();

const waitFor = (predicate: () => boolean, what: string, timeoutMs = 15_000) =>
  waitForHarness(predicate, what, timeoutMs);

/** Small limits, so that a test reaches them in a few steps. */
const defaults = loadLimits({});
const limits = {
  ...defaults,
  maxConnectionsPerAddress: 1_000_000,
  maxReadersPerBoard: 4,
  comments: { ...defaults.comments, perMinute: 1, burst: 3, flagsPerMinute: 2 },
};

/** The close code a socket to `url` ends with (0 while it stays open for `openMs`). */
function closeCodeOf(url: string, openMs = 1_500): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(0);
    }, openMs);
    ws.on('error', () => {});
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * The limits that count across instances (AcrossInstances, with Redis): comment rates and
 * duplicates, flag rates, the connection pools, sockets per client address, the count of people. Three instances on one
 * board, as in sideRelay.test.ts; each instance reaches Redis for its limits through a proxy
 * of its own, so one can be cut off without a goodbye, as Redis sees a killed instance.
 */
describe.skipIf(!databaseUrl || !redisUrl)(
  'limits counted across three instances',
  { timeout: 90_000 },
  () => {
    let cluster: Cluster | null = null;
    const peers: Peer[] = [];
    afterEach(async () => {
      for (const p of peers.splice(0)) p.close();
      await cluster?.close();
      cluster = null;
    });

    async function setup(overrides: Partial<typeof limits> = {}) {
      cluster = await startCluster(databaseUrl as string, redisUrl as string, 3, {
        limits: { ...limits, ...overrides },
      });
      return { ...(await oneBoardOnThree(cluster, peers)), cluster };
    }

    /** Waits until instance `i` has comment `id` in its copy of the board (the relay's work). */
    const seenOn = (i: number, boardId: string, id: string) =>
      waitFor(() => {
        const doc = cluster?.instances[i]?.server.rooms.loaded(boardId)?.doc;
        return Boolean(doc && commentsMap(doc).has(id));
      }, `comment ${id} on instance ${i}`);

    /** Three comments from one author on `where`, to flag. */
    async function threeComments(
      join: Awaited<ReturnType<typeof setup>>['join'],
      where: 'a' | 'c' = 'a',
    ) {
      const author = await join(where, 'commenter', 'author');
      const ids: string[] = [];
      for (const text of ['Lippu yksi', 'Toinen lippu, eri teksti', 'Kolmas kommentti']) {
        const posted = await author.comment(text);
        if (!posted.ok) throw new Error(posted.error);
        ids.push(posted.id);
      }
      return ids as [string, string, string];
    }

    it('a person who spent their flags on A is refused a flag on B (the flag rate is shared)', async () => {
      const { join, board } = await setup();
      const [first, second, third] = await threeComments(join);
      const onA = await join('a', 'viewer', 'flagger');
      // A flag that would not count spends nothing of the rate.
      expect(
        await onA.moderate({ kind: 'flag', comment: 'no-such', reason: 'spam' }),
      ).toMatchObject({ ok: false, error: MODERATION_REFUSALS.notFound });
      for (const id of [first, second]) {
        expect(await onA.moderate({ kind: 'flag', comment: id, reason: 'spam' })).toMatchObject({
          ok: true,
        });
      }
      const onB = await join('b', 'viewer', 'flagger');
      await seenOn(1, board.id, third);
      expect(await onB.moderate({ kind: 'flag', comment: third, reason: 'spam' })).toMatchObject({
        ok: false,
        error: MODERATION_REFUSALS.tooManyFlags,
      });
    });

    it('sockets from one address over A and B are refused on C (4429); a killed instance stops counting', async () => {
      const { join, socketUrl, cluster } = await setup({ maxConnectionsPerAddress: 3 });
      await join('a', 'viewer', 'v1');
      await join('a', 'participant', 'p1');
      await join('b', 'viewer', 'v2');
      expect(await closeCodeOf(await socketUrl('c', 'viewer'))).toBe(CloseCode.rateLimited);
      expect(await closeCodeOf(await socketUrl('c', 'participant'))).toBe(CloseCode.rateLimited);
      // Facilitators are never turned away for where they sit.
      expect(await closeCodeOf(await socketUrl('c', 'facilitator'))).toBe(0);

      // B is cut off from Redis without leaving: its socket stops counting once stale.
      await cluster.limitsRedis[1]?.stop();
      let code = -1;
      const started = Date.now();
      while (code !== 0 && Date.now() - started < 15_000) {
        code = await closeCodeOf(await socketUrl('c', 'viewer'), 1_000);
      }
      expect(code).toBe(0);
    });

    it('a commenter rate-limited on A is still limited on B; another commenter is not', async () => {
      const { join } = await setup();
      const onA = await join('a', 'commenter', 'fast-one');
      for (const text of ['Ensimmäinen ajatus', 'Toinen aivan eri asia', 'Kolmas: pyörätiet']) {
        expect((await onA.comment(text)).ok).toBe(true);
      }
      const fourth = await onA.comment('Neljäs, liian nopeasti');
      expect(fourth).toMatchObject({ ok: false, error: MODERATION_REFUSALS.tooFast });

      // The same person (the same key: the same identity) on another instance.
      const onB = await join('b', 'commenter', 'fast-one');
      const again = await onB.comment('Viides, toiselta palvelimelta');
      expect(again).toMatchObject({ ok: false, error: MODERATION_REFUSALS.tooFast });

      const someoneElse = await join('b', 'commenter', 'calm-one');
      expect((await someoneElse.comment('Minä kommentoin rauhassa')).ok).toBe(true);
    });

    it('a (near) copy posted on B after A is refused as a duplicate', async () => {
      const { join } = await setup();
      const onA = await join('a', 'commenter', 'copier');
      expect((await onA.comment('Lisää pyöräteitä keskustaan, kiitos')).ok).toBe(true);
      const onB = await join('b', 'commenter', 'copier');
      const copy = await onB.comment('lisää pyöräteitä keskustaan, kiitos!!!');
      expect(copy).toMatchObject({ ok: false, error: MODERATION_REFUSALS.duplicate });
      // Something else from the same person is no copy.
      expect((await onB.comment('Ja penkkejä puistoihin')).ok).toBe(true);
    });

    it('a pool full across A and B refuses on C (4409); places come back when sockets close', async () => {
      const { join, socketUrl } = await setup();
      const readers = [
        await join('a', 'viewer', 'v1'),
        await join('a', 'viewer', 'v2'),
        await join('b', 'viewer', 'v3'),
        await join('b', 'viewer', 'v4'),
      ];
      expect(await closeCodeOf(await socketUrl('c', 'viewer'))).toBe(CloseCode.boardFull);
      // Participants have a pool of their own: the readers do not take their places.
      expect(await closeCodeOf(await socketUrl('c', 'participant'))).toBe(0);

      readers[0]?.close();
      // Each instance restates its places every second.
      let code = -1;
      const started = Date.now();
      while (code !== 0 && Date.now() - started < 10_000) {
        code = await closeCodeOf(await socketUrl('c', 'viewer'), 1_000);
      }
      expect(code).toBe(0);
    });

    it('the count of people seen on A includes readers on B and C; a killed instance stops counting', async () => {
      const { join, cluster } = await setup();
      const facilitator = await join('a', 'facilitator', 'fac');
      await join('b', 'viewer', 'r1');
      await join('b', 'commenter', 'r2');
      await join('c', 'viewer', 'r3');
      await join('c', 'viewer', 'r4');
      const seen = () => facilitator.heard.people.at(-1);
      await waitFor(() => seen() === 5, 'A counts the people on B and C');

      // C is cut off from Redis without leaving: it stops restating its people.
      await cluster.limitsRedis[2]?.stop();
      await waitFor(() => seen() === 3, 'A stops counting the people on C', 15_000);
    });

    it('with Redis unreachable, each instance still limits on its own and nobody is refused for it', async () => {
      const { join, socketUrl, cluster, instances, board } = await setup();
      await Promise.all(cluster.limitsRedis.map((proxy) => proxy.stop()));

      const onA = await join('a', 'commenter', 'alone');
      for (const text of ['Yksi', 'Kaksi eri asiaa', 'Kolme aivan muuta']) {
        expect((await onA.comment(text)).ok).toBe(true);
      }
      expect(await onA.comment('Neljä')).toMatchObject({ error: MODERATION_REFUSALS.tooFast });
      expect(await onA.comment('Kaksi eri asiaa')).toMatchObject({
        error: MODERATION_REFUSALS.duplicate,
      });
      // On another instance the same person counts afresh (per instance, as on one server).
      const onB = await join('b', 'commenter', 'alone');
      expect((await onB.comment('Yksi lisää muualta')).ok).toBe(true);

      // Each instance's own pool still holds: four readers fill A's, the fifth is refused.
      for (const key of ['v1', 'v2', 'v3']) await join('a', 'viewer', key);
      expect(await closeCodeOf(await socketUrl('a', 'viewer'))).toBe(CloseCode.boardFull);
      expect(await closeCodeOf(await socketUrl('b', 'viewer'))).toBe(0);

      // Flags too: two on C spend the rate there; B, counting alone, still takes one.
      const [first, second, third] = await threeComments(join, 'c');
      const flagger = await join('c', 'viewer', 'flagger');
      for (const id of [first, second]) {
        expect((await flagger.moderate({ kind: 'flag', comment: id, reason: 'spam' })).ok).toBe(
          true,
        );
      }
      expect(
        await flagger.moderate({ kind: 'flag', comment: third, reason: 'spam' }),
      ).toMatchObject({
        error: MODERATION_REFUSALS.tooManyFlags,
      });
      const flaggerOnB = await join('b', 'viewer', 'flagger');
      await seenOn(1, board.id, third);
      expect((await flaggerOnB.moderate({ kind: 'flag', comment: third, reason: 'spam' })).ok).toBe(
        true,
      );

      const metrics = await (await fetch(`${instances.a.url}/metrics`)).text();
      const fallbacks = /paja_shared_limit_fallbacks_total (\d+)/.exec(metrics)?.[1];
      expect(Number(fallbacks)).toBeGreaterThan(0);
    });

    it('with Redis unreachable, sockets per address are capped by each instance alone', async () => {
      const { join, socketUrl, cluster } = await setup({ maxConnectionsPerAddress: 2 });
      await Promise.all(cluster.limitsRedis.map((proxy) => proxy.stop()));
      await join('a', 'viewer', 'v1');
      await join('a', 'participant', 'p1');
      expect(await closeCodeOf(await socketUrl('a', 'viewer'))).toBe(CloseCode.rateLimited);
      // B cannot know of A's sockets: it admits by its own count, as a single server would.
      expect(await closeCodeOf(await socketUrl('b', 'viewer'))).toBe(0);
    });
  },
);
