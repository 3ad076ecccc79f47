/**
 * Sync benchmark: Paja side by side with the reference y-websocket server and Hocuspocus, on
 * this machine, in one run (see bench/RESULTS.md for what each scenario does).
 *
 *   pnpm bench                       every benchmark (board model, then this), ~20 minutes
 *   pnpm bench:sync [--quick]        this one only; --quick is a reduced matrix (~3 minutes)
 *   pnpm bench:sync --only=fanout,restart
 *
 * Scenarios: fanout, throughput, presence, memory, cold, restart, crowd, writers. The full run rewrites the
 * sync section of bench/RESULTS.md and the charts in bench/charts/; --quick (or --only) writes
 * to a temp directory instead and prints where.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crowd } from './crowd';
import { coldLoad, memory, restart, storedBoards } from './durable';
import { FULL_PLAN, log, type Plan, QUICK_PLAN } from './load';
import {
  fanout,
  presence,
  type Section,
  type Servers,
  throughput,
  warmUp,
  warmUpMs,
} from './realtime';
import {
  benchDir,
  PAJA_BENCH_ENV,
  pajaStartedAs,
  SERVER_KINDS,
  type ServerKind,
  setUpPinning,
  startServer,
  stopServer,
  usePinning,
  WITH_FLOORS,
  WITH_RELAY,
} from './servers';
import { writers } from './writers';

const SCENARIOS = [
  'fanout',
  'throughput',
  'presence',
  'memory',
  'cold',
  'restart',
  'crowd',
  'writers',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.PAJA_BENCH_QUICK === '1';
/** The value of `--name=value`, if given. */
const flag = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** The comma-separated values of `--name=a,b`, if given. */
const listFlag = (name: string): string[] | undefined => flag(name)?.split(',');

const onlyArg = flag('only');
const only = onlyArg ? (onlyArg.split(',') as Scenario[]) : null;
for (const name of only ?? []) {
  if (!SCENARIOS.includes(name)) {
    console.error(`Unknown scenario "${name}"; choose from ${SCENARIOS.join(', ')}`);
    process.exit(2);
  }
}
/** `--crowd-readers=N`: the crowd's size (default 5,000; 1,000 with --quick). */
const crowdReaders = Number(flag('crowd-readers'));
/** `--crowd-servers=paja,relay`: which servers the crowd scenario runs (default all four). */
const crowdServers = listFlag('crowd-servers') as ServerKind[] | undefined;
/**
 * `--paja-before=DIR`: the fan-out, throughput and writers scenarios also run Paja from DIR's server/ (a
 * checkout at the commit before a change), labelled "paja before", beside this checkout's.
 */
const pajaBefore = flag('paja-before');
const pajaBeforeDir = pajaBefore ? path.resolve(pajaBefore, 'server') : undefined;
/** `--writers-servers=paja,y-websocket`: which servers the writers scenario runs (default three). */
const writersServers = listFlag('writers-servers') as ServerKind[] | undefined;
/**
 * `--before-first`: the writers and throughput scenarios run "paja before" ahead of this checkout's Paja, so
 * that before and after can be compared in both orders (the machine's load drifts in a run).
 */
const beforeFirst = args.includes('--before-first');
/** `--throughput-writers=50`: the throughput scenario's writer counts (default 1, 10, 50). */
const throughputWriters = listFlag('throughput-writers')?.map(Number);
/** `--throughput-rates=60`: the throughput scenario's rates per writer (default 60, 120, 240 Hz). */
const throughputRates = listFlag('throughput-rates')?.map(Number);
/** `--throughput-layout=spread`: only each writer on a board of its own (`one`: one board). */
/** `--throughput-one-board`: the same as `--throughput-layout=one`. */
const throughputLayout = args.includes('--throughput-one-board')
  ? 'one'
  : (flag('throughput-layout') as 'one' | 'spread' | undefined);
/**
 * `--throughput-servers=paja`: which servers the throughput scenario runs (default the three and
 * the durable relay).
 */
const throughputServers = listFlag('throughput-servers') as ServerKind[] | undefined;
/** `--writers-hz=10`: each writer's rate in the writers scenario (default 30). */
const writersHz = Number(flag('writers-hz'));
/** `--writers-window-s=15`, `--writers-warmup-s=4`: the writers scenario's window and warm-up. */
const writersWindowS = Number(flag('writers-window-s'));
const writersWarmupS = Number(flag('writers-warmup-s'));
/** `--fanout-observers=100,500`: the fan-out scenario's observer counts. */
const fanoutObservers = listFlag('fanout-observers')?.map(Number);
/** `--presence-clients=100,500`: the presence scenario's board sizes. */
const presenceClients = listFlag('presence-clients')?.map(Number);
const plan: Plan = {
  ...(quick ? QUICK_PLAN : FULL_PLAN),
  ...(crowdReaders > 0 ? { crowdReaders } : {}),
  ...(presenceClients ? { presenceClients } : {}),
  ...(fanoutObservers ? { fanoutObservers } : {}),
  ...(writersHz > 0 ? { writersHz } : {}),
  ...(writersWindowS > 0 ? { writersWindowMs: writersWindowS * 1000 } : {}),
  ...(writersWarmupS > 0 ? { writersWarmupMs: writersWarmupS * 1000 } : {}),
  ...(throughputWriters ? { throughputWriters } : {}),
  ...(throughputRates ? { throughputRates } : {}),
};
const wanted = (s: Scenario) => !only || only.includes(s);

function version(pkg: string): string {
  try {
    const file = path.join(benchDir, 'node_modules', pkg, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function cpuModel(): string {
  return os.cpus()[0]?.model.trim() ?? 'unknown CPU';
}

/**
 * How the scenarios stop their servers. A profiled server (PAJA_BENCH_SERVER_NODE_ARGS=--cpu-prof)
 * writes its profile only when it exits by itself, so it is stopped as an operator would.
 */
const stopSignal: NodeJS.Signals = process.env.PAJA_BENCH_SERVER_NODE_ARGS?.includes('--cpu-prof')
  ? 'SIGTERM'
  : 'SIGKILL';

async function withServers(
  run: (servers: Servers) => Promise<Section>,
  kinds: readonly ServerKind[] = SERVER_KINDS,
): Promise<Section> {
  const started = await Promise.all(kinds.map((kind) => startServer(kind)));
  const servers = Object.fromEntries(started.map((s) => [s.kind, s])) as Servers;
  try {
    for (const server of started) await warmUp(server, warmUpMs(plan));
    return await run(servers);
  } finally {
    await Promise.all(started.map((s) => stopServer(s, stopSignal)));
    for (const s of started) fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
}

const CORES = os.cpus().length;

async function main(): Promise<void> {
  const pinning = setUpPinning();
  usePinning(pinning);
  const began = Date.now();
  log(`sync benchmark (${quick ? 'quick' : 'full'}), pinning: ${pinning.note}`);
  const sections: Section[] = [];
  const needBoards = wanted('memory') || wanted('cold');
  const boards = needBoards ? storedBoards(plan.boardNotes, plan.boardMoves) : null;
  // Every section says how loaded the shared machine was while it ran.
  const run = async (scenario: Scenario, body: () => Promise<Section>) => {
    if (!wanted(scenario)) return;
    const before = os.loadavg()[0] ?? Number.NaN;
    const section = await body();
    const after = os.loadavg()[0] ?? Number.NaN;
    section.body += `\n\nLoad average (1 min) at the start / end of this scenario: ${before.toFixed(1)} / ${after.toFixed(1)}.`;
    sections.push(section);
  };
  await run('fanout', () =>
    withServers(async (s) => {
      if (!pajaBeforeDir) return fanout(plan, s);
      const before = await startServer('paja', { pajaDir: pajaBeforeDir });
      try {
        await warmUp(before, warmUpMs(plan));
        return await fanout(plan, s, before);
      } finally {
        await stopServer(before, stopSignal);
        fs.rmSync(before.dataDir, { recursive: true, force: true });
      }
    }, WITH_FLOORS),
  );
  await run('throughput', () => {
    const kinds = throughputServers ?? [...SERVER_KINDS, 'durable-relay'];
    const options = { layout: throughputLayout, kinds, beforeFirst };
    return withServers(async (s) => {
      if (!pajaBeforeDir || !kinds.includes('paja')) return throughput(plan, s, options);
      const before = await startServer('paja', { pajaDir: pajaBeforeDir });
      try {
        await warmUp(before, warmUpMs(plan));
        return await throughput(plan, s, { ...options, before });
      } finally {
        await stopServer(before, stopSignal);
        fs.rmSync(before.dataDir, { recursive: true, force: true });
      }
    }, kinds);
  });
  await run('presence', () => withServers((s) => presence(plan, s)));
  if (boards) await run('memory', () => memory(plan, boards));
  if (boards) await run('cold', () => coldLoad(plan, boards));
  await run('restart', () => restart(plan));
  await run('crowd', () => crowd(plan, crowdServers ?? WITH_RELAY));
  await run('writers', () => {
    const large = storedBoards(plan.boardNotes, 0).fresh;
    const before = pajaBeforeDir
      ? [{ label: 'paja before', kind: 'paja' as const, pajaDir: pajaBeforeDir }]
      : [];
    const paja = [{ label: 'paja', kind: 'paja' as const }];
    const servers = [
      ...(beforeFirst ? [...before, ...paja] : [...paja, ...before]),
      ...SERVER_KINDS.filter((k) => k !== 'paja').map((kind) => ({ label: kind, kind })),
    ].filter((s) => !writersServers || writersServers.includes(s.kind));
    return writers(plan, servers, large, plan.boardNotes);
  });
  const minutes = ((Date.now() - began) / 60_000).toFixed(1);

  const command = `pnpm bench:sync${quick ? ' --quick' : ''}${onlyArg ? ` --only=${onlyArg}` : ''}`;
  const header = [
    '## Sync servers side by side',
    '',
    `Command: \`${command}\` (also part of \`pnpm bench\`). Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, took ${minutes} min.`,
    '',
    `Machine: ${CORES} cores (${cpuModel()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, shared with`,
    `other work, so absolute numbers are noisy: compare servers within one run. Node ${process.version}, yjs ${version('yjs')}.`,
    `Pinning: ${pinning.note}.`,
    '',
    '| server | version | started as | persistence |',
    '|---|---|---|---|',
    `| paja | this repository | ${pajaStartedAs()}, ${Object.entries(PAJA_BENCH_ENV)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')} | SQLite (WAL, synchronous=FULL), group commit, \`saved\` after commit |`,
    `| y-websocket | @y/websocket-server ${version('@y/websocket-server')} | its \`src/server.js\` (bin), HOST, PORT | YPERSISTENCE: y-leveldb ${version('y-leveldb')} (each update written, not fsync'd) |`,
    `| hocuspocus | @hocuspocus/server ${version('@hocuspocus/server')} | \`new Server({...}).listen()\`, defaults | @hocuspocus/extension-sqlite ${version('@hocuspocus/extension-sqlite')}: whole document stored 2 s after the last change (10 s at most) |`,
    `| relay | bench/src/sync/relay.mjs, ws ${version('ws')} | fan-out and crowd only | none: relays every frame verbatim, no Yjs (the floor of Node's \`ws\` stack here) |`,
    `| durable-relay | bench/src/sync/durableRelay.mjs, ws ${version('ws')}, better-sqlite3 ${version('better-sqlite3')} | fan-out and throughput only | each update appended to SQLite (WAL, synchronous=FULL), commits paced as one Paja board's (at most one per 10 ms) for the whole process, \`saved\` after commit; no Yjs (the floor of a server that keeps Paja's promise) |`,
    '',
    '4.x of Hocuspocus requires Node 22; 3.4.4 is the newest that runs on Node 20. Every server runs',
    'as its own process with `--expose-gc --import probe.mjs` (answers memory questions over IPC).',
    'Clients are raw y-protocols clients over `ws` in one generator process (bench/src/sync/client.ts);',
    'the crowd and the writers spread theirs over several (crowdReaders.ts, writersProcess.ts).',
  ].join('\n');
  const markdown = [
    '<!-- sync-bench:start (written by bench/src/sync/main.ts) -->',
    header,
    ...sections.map((s) => `\n### ${s.title}\n\n${s.body}`),
    '',
    '<!-- sync-bench:end -->',
  ].join('\n');

  const full = !quick && !only;
  const outDir = full ? benchDir : fs.mkdtempSync(path.join(os.tmpdir(), 'paja-bench-sync-'));
  const chartDir = path.join(outDir, 'charts');
  fs.mkdirSync(chartDir, { recursive: true });
  for (const section of sections) {
    for (const chart of section.charts)
      fs.writeFileSync(path.join(chartDir, chart.file), chart.svg);
  }
  const resultsFile = path.join(outDir, 'RESULTS.md');
  writeSection(resultsFile, markdown);
  process.stdout.write(`${markdown}\n`);
  log(`results in ${resultsFile}`);
}

/** Replaces the sync section of RESULTS.md (or appends it), keeping everything else. */
function writeSection(file: string, markdown: string): void {
  const analysis = path.join(benchDir, 'src/sync/ANALYSIS.md');
  const withAnalysis = fs.existsSync(analysis)
    ? markdown.replace(
        '<!-- sync-bench:end -->',
        `${fs.readFileSync(analysis, 'utf8').trim()}\n\n<!-- sync-bench:end -->`,
      )
    : markdown;
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = existing.indexOf('<!-- sync-bench:start');
  const endMarker = '<!-- sync-bench:end -->';
  const end = existing.indexOf(endMarker);
  const next =
    start >= 0 && end > start
      ? `${existing.slice(0, start)}${withAnalysis}${existing.slice(end + endMarker.length)}`
      : `${existing.trimEnd()}\n\n${withAnalysis}\n`;
  fs.writeFileSync(file, next);
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
