import { createNote, readBoard, readComments } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster';
import { waitFor as waitForHarness } from './harness';
import type { Peer } from './peer';
import { testDatabaseUrl, testRedisUrl } from './services';
import { oneBoardOnThree } from './threeInstances';

const databaseUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();

/** Three instances on a busy machine: generous, since only a failure waits this long. */
const waitFor = (predicate: () => boolean, what: string, timeoutMs = 15_000) =>
  waitForHarness(predicate, what, timeoutMs);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForRelay(url: string, relay: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { relay?: string };
    if (health.relay === relay) return;
    if (Date.now() - started > 15_000) throw new Error(`/healthz never said relay ${relay}`);
    await pause(100);
  }
}

/**
 * The server-held state outside the document (votes, private notes, held comments and
 * moderation, the timer and follow-me) with three instances serving one board: every instance
 * hears every change, through Redis or, when Redis loses it, from PostgreSQL, and each tells its
 * own sockets only what each person may see. Secrets are checked in the raw bytes of sockets on
 * other instances than the one where the secret was written.
 */
describe.skipIf(!databaseUrl || !redisUrl)(
  'side state across three instances',
  { timeout: 90_000 },
  () => {
    let cluster: Cluster | null = null;
    const peers: Peer[] = [];
    afterEach(async () => {
      for (const p of peers.splice(0)) p.close();
      await cluster?.close();
      cluster = null;
    });

    /** Three instances A, B, C on one board, and a way to join it on any of them. */
    async function setup() {
      cluster = await startCluster(databaseUrl as string, redisUrl as string, 3);
      return oneBoardOnThree(cluster, peers);
    }

    it('votes: opened on A, cast on B and C, budget across instances, results identical, no dot seen early', async () => {
      const { join } = await setup();
      const facilitator = await join('a', 'facilitator', 'fac');
      facilitator.doc.transact(() => {
        for (const [i, id] of ['n1', 'n2', 'n3'].entries()) {
          createNote(facilitator.doc, {
            id,
            x: i * 200,
            y: 0,
            text: `Idea ${i}`,
            authorId: 'f',
            authorName: 'F',
          });
        }
      });
      const ainoOnB = await join('b', 'participant', 'aino');
      const ainoOnC = await join('c', 'participant', 'aino'); // her second tab, on another instance
      const bertOnC = await join('c', 'participant', 'bert');
      const cillaOnA = await join('a', 'participant', 'cilla');
      const viewerOnB = await join('b', 'viewer', 'vera');
      await waitFor(() => ainoOnB.doc.getMap('notes').size === 3, 'notes reach B');
      const started = await facilitator.vote({
        kind: 'start',
        title: 'Mitä ensin?',
        dotsPerPerson: 2,
        maxPerItem: 2,
        candidates: ['n1', 'n2', 'n3'],
        anonymous: false,
        durationSeconds: 0,
      });
      expect(started).toMatch(/^ok:/);
      const session = started.slice(3);
      // Everyone on every instance is on the roll and hears their budget.
      for (const p of [ainoOnB, ainoOnC, bertOnC, cillaOnA]) {
        await waitFor(
          () => p.voteStatus()?.session === session && p.voteStatus()?.voter === true,
          'on the roll',
        );
        expect(p.voteStatus()).toMatchObject({ open: true, left: 2 });
      }
      const secretName = 'Aino-salanimi-4711';
      expect(await ainoOnB.vote({ kind: 'cast', session, note: 'n1', name: secretName })).toMatch(
        /^ok/,
      );
      // Her tab on C hears her dot (from B, through the relay) ...
      await waitFor(() => ainoOnC.voteStatus()?.mine.n1 === 1, "B's dot reaches her tab on C");
      expect(await ainoOnC.vote({ kind: 'cast', session, note: 'n2', name: secretName })).toMatch(
        /^ok/,
      );
      // ... and B judges her next dot against both: the budget holds across instances.
      await waitFor(() => ainoOnB.voteStatus()?.left === 0, "C's dot reaches B");
      expect(await ainoOnB.vote({ kind: 'cast', session, note: 'n3', name: secretName })).toBe(
        'overBudget',
      );
      expect(await bertOnC.vote({ kind: 'cast', session, note: 'n1', name: 'Bert' })).toMatch(
        /^ok/,
      );
      expect(await bertOnC.vote({ kind: 'cast', session, note: 'n1', name: 'Bert' })).toMatch(
        /^ok/,
      );
      // The facilitator on A sees progress from B and C, and counts when asking.
      await waitFor(() => facilitator.voteStatus()?.progress?.voted === 2, 'progress on A');
      expect(facilitator.voteStatus()?.progress).toEqual({ voted: 2, roll: 3, latecomers: 0 });
      expect(await facilitator.vote({ kind: 'watch', session, counts: true })).toMatch(/^ok/);
      await waitFor(() => facilitator.voteStatus()?.counts?.n1 === 3, 'counts on A');
      // Before the reveal no byte on any instance tells anyone else of Aino's ballot.
      await pause(300);
      for (const other of [bertOnC, cillaOnA, viewerOnB, facilitator]) {
        expect(other.received(secretName)).toBe(false);
      }
      for (const p of [bertOnC, cillaOnA]) {
        expect(p.voteStatus()?.counts).toBeUndefined();
        expect(p.voteStatus()?.progress).toBeUndefined();
      }
      expect(bertOnC.voteStatus()?.mine).toEqual({ n1: 2 });
      expect(await facilitator.vote({ kind: 'reveal', session })).toMatch(/^ok/);
      const resultsOf = (p: Peer) => readBoard(p.doc).voteSessions.find((s) => s.id === session);
      for (const p of [facilitator, ainoOnB, ainoOnC, bertOnC, cillaOnA, viewerOnB]) {
        await waitFor(() => resultsOf(p)?.revealed === true, 'results everywhere');
      }
      const expected = resultsOf(facilitator);
      expect(expected?.voters).toBe(2);
      expect(expected?.results?.slice(0, 2)).toEqual([
        { note: 'n1', count: 3, rank: 1 },
        { note: 'n2', count: 1, rank: 2 },
      ]);
      for (const p of [ainoOnB, ainoOnC, bertOnC, cillaOnA, viewerOnB]) {
        expect(resultsOf(p)?.results).toEqual(expected?.results);
      }
      // Named results: now, and only now, the name is in everyone's bytes.
      expect(viewerOnB.received(secretName)).toBe(true);
    });

    it('a dot cast on B while Redis is down is counted by a reveal on A', async () => {
      const { join, instances } = await setup();
      const facilitator = await join('a', 'facilitator', 'fac');
      facilitator.doc.transact(() => {
        createNote(facilitator.doc, {
          id: 'n1',
          x: 0,
          y: 0,
          text: 'Idea',
          authorId: 'f',
          authorName: 'F',
        });
      });
      const aino = await join('b', 'participant', 'aino');
      await waitFor(() => aino.doc.getMap('notes').size === 1, 'the note on B');
      const started = await facilitator.vote({
        kind: 'start',
        title: 'Yes?',
        dotsPerPerson: 1,
        maxPerItem: 1,
        candidates: ['n1'],
        anonymous: true,
        durationSeconds: 0,
      });
      const session = started.slice(3);
      await waitFor(() => aino.voteStatus()?.voter === true, 'Aino on the roll');
      await cluster?.redis.stop();
      await waitForRelay(instances.b.url, 'disconnected');
      expect(await aino.vote({ kind: 'cast', session, note: 'n1', name: '' })).toMatch(/^ok/);
      // A never heard of the dot (the relay is down), but the reveal reads what PostgreSQL holds.
      expect(await facilitator.vote({ kind: 'reveal', session })).toMatch(/^ok/);
      const revealed = readBoard(facilitator.doc).voteSessions.find((s) => s.id === session);
      expect(revealed?.results?.[0]).toEqual({ note: 'n1', count: 1, rank: 1 });
      await cluster?.redis.start();
    });

    it('moderation: a comment held on A is queued for a moderator on B, and once approved reaches a reader on C', async () => {
      const { join } = await setup();
      const facilitator = await join('a', 'facilitator', 'fac');
      const policy = { mode: 'preAll', trustAfter: 3, flagThreshold: 3 } as const;
      expect(await facilitator.moderate({ kind: 'policy', policy })).toMatchObject({ ok: true });
      const moderator = await join('b', 'moderator', 'mod');
      await waitFor(() => moderator.heard.queues.at(-1)?.policy.mode === 'preAll', 'policy on B');
      const author = await join('a', 'commenter', 'author');
      const reader = await join('c', 'commenter', 'reader');
      const secret = 'Odottava kommentti, salaisuus 8812';
      const posted = await author.comment(secret);
      expect(posted.ok).toBe(true);
      const id = posted.ok ? posted.id : '';
      await waitFor(
        () => moderator.heard.queues.at(-1)?.items.some((i) => i.id === id) === true,
        'queued on B',
      );
      await pause(300);
      expect(reader.received(secret)).toBe(false);
      expect(reader.received(id)).toBe(false);
      expect(
        await moderator.moderate({ kind: 'decide', ids: [id], action: 'approve', reason: '' }),
      ).toMatchObject({
        ok: true,
      });
      await waitFor(() => readComments(reader.doc).some((c) => c.text === secret), 'approved on C');
      // The author on A hears that nothing of theirs waits any more.
      await waitFor(() => author.heard.own.at(-1)?.length === 0, "author's list on A");
      // A moderator on A sees the audit entry written on B.
      const moderatorOnA = await join('a', 'moderator', 'mod-2');
      await waitFor(() => moderatorOnA.heard.queues.length > 0, 'queue on A');
      expect(moderatorOnA.heard.queues.at(-1)?.items.some((i) => i.id === id)).toBe(false);
    });

    it('private notes: written on B, seen by the author on C, by nobody else on any instance, revealed on A', async () => {
      const { join } = await setup();
      const facilitator = await join('a', 'facilitator', 'fac');
      const aino = await join('b', 'participant', 'aino');
      const ainoOnC = await join('c', 'participant', 'aino');
      const bert = await join('c', 'participant', 'bert');
      expect(
        await facilitator.privateNotes({
          kind: 'start',
          facilitatorsSee: false,
          hideAuthors: false,
        }),
      ).toBe('ok');
      const modeOf = (p: Peer) =>
        p.heard.notes.filter((m) => m.kind === 'status').at(-1) as
          | { mode: { session: string } | null; count: number }
          | undefined;
      await waitFor(
        () => modeOf(aino)?.mode !== null && modeOf(aino)?.mode !== undefined,
        'mode on B',
      );
      const session = modeOf(aino)?.mode?.session ?? '';
      const secret = 'Salainen idea 5521';
      expect(
        await aino.privateNotes({
          kind: 'put',
          note: {
            id: 'pn1',
            session,
            text: secret,
            x: 0,
            y: 0,
            w: 200,
            h: 150,
            color: 'yellow',
            authorName: 'Aino',
            organisation: null,
          },
        }),
      ).toBe('ok');
      await waitFor(() => ainoOnC.received(secret), 'her own tab on C');
      await waitFor(
        () => modeOf(facilitator)?.count === 1 && modeOf(bert)?.count === 1,
        'the count everywhere',
      );
      await pause(300);
      expect(bert.received(secret)).toBe(false);
      expect(facilitator.received(secret)).toBe(false);
      expect(await facilitator.privateNotes({ kind: 'reveal', session })).toBe('ok');
      await waitFor(() => bert.received(secret), 'revealed on C');
      await waitFor(() => modeOf(bert)?.mode === null, 'brainstorm over on C');
    });

    it('the timer started on A runs on C; follow-me and "bring everyone here" reach B', async () => {
      const { join } = await setup();
      const facilitator = await join('a', 'facilitator', 'fac');
      const onB = await join('b', 'participant', 'bert');
      const onC = await join('c', 'participant', 'cilla');
      facilitator.timer({ action: 'start', durationMs: 5 * 60_000 });
      await waitFor(() => onC.heard.timers.at(-1)?.timer.kind === 'running', 'the timer on C');
      const running = onC.heard.timers.at(-1);
      const remaining =
        running?.timer.kind === 'running' ? running.timer.endsAt - running.serverNow : 0;
      expect(remaining).toBeGreaterThan(4 * 60_000);
      expect(remaining).toBeLessThanOrEqual(5 * 60_000);
      facilitator.follow({ kind: 'lead', on: true });
      await waitFor(
        () => onB.heard.follows.some((m) => m.kind === 'leader' && m.leader.participantId !== null),
        'the leader on B',
      );
      const view = { x: 10, y: 20, width: 800, height: 600 };
      facilitator.follow({ kind: 'summon', view });
      await waitFor(() => onB.heard.follows.some((m) => m.kind === 'summoned'), 'summoned on B');
      // A newcomer on C hears the timer and the leader on joining.
      const late = await join('c', 'participant', 'late');
      await waitFor(() => late.heard.timers.at(-1)?.timer.kind === 'running', 'timer on joining');
      await waitFor(
        () =>
          late.heard.follows.some((m) => m.kind === 'leader' && m.leader.participantId !== null),
        'leader on joining',
      );
    });

    it('side state converges after a Redis outage, through PostgreSQL', async () => {
      const { join, instances } = await setup();
      const facilitator = await join('a', 'facilitator', 'fac');
      const onB = await join('b', 'participant', 'bert');
      await cluster?.redis.stop();
      await waitForRelay(instances.a.url, 'disconnected');
      facilitator.timer({ action: 'start', durationMs: 60_000 });
      expect(
        await facilitator.privateNotes({
          kind: 'start',
          facilitatorsSee: true,
          hideAuthors: false,
        }),
      ).toBe('ok');
      await pause(500);
      // Nothing reached B meanwhile (the relay is down) ...
      expect(onB.heard.timers.at(-1)?.timer.kind).not.toBe('running');
      // ... and B's own people still hear B's changes.
      await cluster?.redis.start();
      await waitFor(
        () => onB.heard.timers.at(-1)?.timer.kind === 'running',
        'the timer after Redis',
        20_000,
      );
      await waitFor(
        () => onB.heard.notes.some((m) => m.kind === 'status' && m.mode !== null),
        'the brainstorm after Redis',
        20_000,
      );
    });
  },
);
