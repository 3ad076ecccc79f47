/**
 * Scale-out benchmark: Paja on SQLite, on PostgreSQL, and as three instances on PostgreSQL and
 * Redis, side by side in one run on this machine.
 *
 *   pnpm --filter @paja/bench bench:scaleout [--quick] [--only=commit|fanout]
 *
 * Needs PostgreSQL and Redis: PAJA_BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test; every run works in a schema of its own, dropped
 * afterwards) and PAJA_BENCH_REDIS_URL (default redis://127.0.0.1:6379). Prints Markdown
 * for bench/RESULTS.md.
 *
 * 1. Commit latency: writers on several boards, each update timed from its send to the
 *    `saved` message that covers it (so: arrival at the server, group commit, COMMIT, the
 *    answer; an upper bound of arrival-to-commit).
 * 2. Fan-out: one writer at 20 Hz on instance 1, N observers spread over 1 or 3 instances;
 *    latency from send to each observer's receipt, deliveries missing, server CPU.
 */
import os from 'node:os';
import { now, openMany, SyncClient, sentAtOf } from '../sync/client';
import { closeAll, log, pace, sleep, Writer, waitFor } from '../sync/load';
import {
  type BoardRef,
  cpuMs,
  createBoard,
  dialectOf,
  type RunningServer,
  wsUrl,
} from '../sync/servers';
import { fmtMs, fmtPct, table } from '../sync/stats';
import { type Setup, startInstances } from './instances';
import { latencies } from './measure';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const WINDOW_MS = quick ? 4_000 : 10_000;
const WARMUP_MS = quick ? 1_000 : 2_000;

const SETUPS: Setup[] = [
  'sqlite, 1 instance',
  'postgresql, 1 instance',
  'postgresql + redis, 3 instances',
];

/** Fan-out side by side with Hocuspocus and its Redis extension on the same PostgreSQL. */
const FANOUT_SETUPS: Setup[] = [
  'postgresql, 1 instance',
  'postgresql + redis, 3 instances',
  'hocuspocus, postgresql, 1 instance',
  'hocuspocus + redis extension, postgresql, 3 instances',
];

/** Starts the instances of a setup (instances.ts). */
const start = (setup: Setup) => startInstances(setup);

/** The server's group-commit time so far (flush start to COMMIT): sum and count, seconds. */
async function persisted(server: RunningServer): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { sum: read('paja_persist_seconds_sum'), count: read('paja_persist_seconds_count') };
}

/** Times every update of `writer` from its send to the `saved` message that covers it. */
function timeSaves(writer: Writer, client: SyncClient, samples: number[], from: () => number) {
  let acked = 0;
  client.ws.on('message', () => {
    // SyncClient's own listener ran first and updated `durable`.
    const durable = client.durable.get(writer.clientId) ?? 0;
    const at = now();
    while (acked < writer.sent.length && (writer.sent[acked]?.clock ?? Infinity) <= durable) {
      const sent = writer.sent[acked++];
      if (sent && sent.at >= from()) samples.push(at - sent.at);
    }
  });
}

async function commitLatency(setup: Setup, writers: number, boards: number, rate: number) {
  const { servers, stop } = await start(setup);
  try {
    const refs: BoardRef[] = [];
    for (let b = 0; b < boards; b++) refs.push(await createBoard(servers[0] as RunningServer));
    const samples: number[] = [];
    let from = Number.POSITIVE_INFINITY;
    const people = await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const server = servers[i % servers.length] as RunningServer;
        const writer = new Writer(server, refs[i % boards] as BoardRef, { pajaClient: true });
        const client = await writer.connected();
        timeSaves(writer, client, samples, () => from);
        writer.addNote(i);
        return writer;
      }),
    );
    const pacer = pace(
      people.map((w) => () => w.move()),
      rate,
    );
    await sleep(WARMUP_MS);
    const cpuBefore = servers.map((s) => cpuMs(s.pid));
    const persistBefore = await Promise.all(servers.map(persisted));
    from = now();
    await sleep(WINDOW_MS);
    const cpu = servers.reduce((sum, s, i) => sum + cpuMs(s.pid) - (cpuBefore[i] ?? 0), 0);
    const persistAfter = await Promise.all(servers.map(persisted));
    const commits = persistAfter.reduce(
      (n, p, i) => n + p.count - (persistBefore[i]?.count ?? 0),
      0,
    );
    const commitMs =
      (1000 * persistAfter.reduce((n, p, i) => n + p.sum - (persistBefore[i]?.sum ?? 0), 0)) /
      commits;
    pacer.stop();
    const sent = people.reduce((n, w) => n + w.movesIn(from, from + WINDOW_MS), 0);
    await waitFor(() => samples.length >= sent, 10_000);
    await closeAll(people.map((w) => w.client));
    const l = latencies(samples);
    log(`commit ${setup}: p50 ${fmtMs(l.p50)} p95 ${fmtMs(l.p95)} p99 ${fmtMs(l.p99)} ms`);
    return { setup, l, sent, commits, commitMs, cpuPct: (100 * cpu) / WINDOW_MS };
  } finally {
    await stop();
  }
}

async function fanOut(setup: Setup, observers: number) {
  const { servers, stop } = await start(setup);
  try {
    const first = servers[0] as RunningServer;
    const board = await createBoard(first);
    const writer = new Writer(first, board);
    await writer.connected();
    writer.addNote(0);
    const local: number[] = [];
    const remote: number[] = [];
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    const clients = await openMany(observers, (i) => {
      const server = servers[i % servers.length] as RunningServer;
      const into = server === first ? local : remote;
      return new SyncClient({
        url: wsUrl(server, board),
        dialect: dialectOf(server.kind),
        docName: board.name,
        onUpdate: (update, at) => {
          const sent = sentAtOf(update);
          if (sent && sent.sentAt >= from && sent.sentAt < to) into.push(at - sent.sentAt);
        },
      });
    });
    const pacer = pace([() => writer.move()], 20);
    await sleep(WARMUP_MS);
    const cpuBefore = servers.map((s) => cpuMs(s.pid));
    from = now();
    to = from + WINDOW_MS;
    await sleep(WINDOW_MS);
    const cpu = servers.reduce((sum, s, i) => sum + cpuMs(s.pid) - (cpuBefore[i] ?? 0), 0);
    pacer.stop();
    const expected = writer.movesIn(from, to) * observers;
    await waitFor(() => local.length + remote.length >= expected, 10_000);
    await closeAll([writer.client, ...clients], 1000);
    const all = latencies([...local, ...remote]);
    const other = latencies(remote);
    log(`fan-out ${setup} N=${observers}: p50 ${fmtMs(all.p50)} p99 ${fmtMs(all.p99)} ms`);
    return {
      setup,
      observers,
      all,
      other,
      missing: expected - all.count,
      delivered: all.count / expected,
      cpuUs: (cpu * 1000) / expected,
    };
  } finally {
    await stop();
  }
}

async function main(): Promise<void> {
  const began = Date.now();
  log(`scale-out benchmark (${quick ? 'quick' : 'full'})`);
  const [writers, boards, rate] = quick ? [20, 5, 10] : [50, 10, 10];
  const commits = [];
  if (only !== 'fanout') {
    for (const setup of SETUPS) commits.push(await commitLatency(setup, writers, boards, rate));
  }
  const fanouts = [];
  if (only !== 'commit') {
    for (const n of quick ? [100] : [100, 500]) {
      for (const setup of FANOUT_SETUPS) fanouts.push(await fanOut(setup, n));
    }
  }
  const out = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model.trim()} (${os.cpus().length} cores), Node ${process.version}, ${quick ? 'quick' : 'full'} run in ${Math.round((Date.now() - began) / 1000)} s. Every server is its own process; PostgreSQL and Redis on the same machine; the load generator too.`,
    '',
    `### Commit latency: ${writers} writers on ${boards} boards, each ${rate} updates/s`,
    '',
    `From an update's send to the \`saved\` message that covers it (arrival, group commit, COMMIT, answer), over ${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s of warm-up. Writers spread over the instances.`,
    '',
    table(
      [
        'setup',
        'updates',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'group commits',
        'mean commit ms (server)',
        'server CPU (all instances)',
      ],
      commits.map((c) => [
        c.setup,
        String(c.l.count),
        fmtMs(c.l.p50),
        fmtMs(c.l.p95),
        fmtMs(c.l.p99),
        fmtMs(c.l.max),
        String(c.commits),
        fmtMs(c.commitMs),
        `${c.cpuPct.toFixed(0)} %`,
      ]),
    ),
    '',
    '### Fan-out: one writer at 20 Hz on instance 1, observers spread over the instances',
    '',
    `Latency from the writer's send to each observer's receipt. "Other instances" counts only observers on instances 2 and 3 (relayed after the commit through Redis). Server CPU is the sum over the instances, per delivery.`,
    '',
    table(
      [
        'observers',
        'setup',
        'p50 ms',
        'p99 ms',
        'max ms',
        'other instances p99 ms',
        'missing',
        'delivered',
        'server CPU µs / delivery',
      ],
      fanouts.map((f) => [
        String(f.observers),
        f.setup,
        fmtMs(f.all.p50),
        fmtMs(f.all.p99),
        fmtMs(f.all.max),
        f.other.count ? fmtMs(f.other.p99) : '–',
        String(f.missing),
        fmtPct(f.delivered),
        f.cpuUs.toFixed(1),
      ]),
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
