/**
 * Other boards under a hostile storm: does one person's abuse cost everyone else?
 *
 *   pnpm --filter @paja/bench bench:hostile [--quick]
 *
 * One Paja server process (as `npm start` runs it, default limits except the per-address ones,
 * since every client here comes from 127.0.0.1). Ten honest boards, each with a writer moving a
 * note at 10 Hz and an observer; the latency is from the writer's send to the observer's
 * receipt. Three phases of equal length: idle, during the storm, and after it. The storm runs
 * in a process of its own (storm.ts), on boards of its own, doing what server/test/fuzz.test.ts,
 * loadable.test.ts and backpressure.test.ts do at once:
 * - random and mutated messages on sockets that reconnect when closed;
 * - sync step 1 floods from sockets that never read, on a 1 MB board;
 * - awareness messages with 20,000 made-up ids;
 * - updates nested 6,000 deep and floods of tiny structs, as a participant and a facilitator.
 * Prints Markdown for bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { now, SyncClient, sentAtOf } from '../sync/client';
import { closeAll, log, pace, sleep, Writer } from '../sync/load';
import {
  type BoardRef,
  cpuMs,
  createBoard,
  type RunningServer,
  serverMemory,
  setUpPinning,
  startServer,
  stopServer,
  usePinning,
  wsUrl,
} from '../sync/servers';
import { fmtMs, percentile, table } from '../sync/stats';

const quick = process.argv.includes('--quick');
const PHASE_MS = quick ? 8_000 : 15_000;
const BOARDS = 10;
const RATE_HZ = 10;
const ROUNDS = quick ? 1 : 3;

interface Phase {
  name: string;
  latencies: number[];
  cpuMs: number;
  ms: number;
  rssMB: number;
}

async function honestBoard(server: RunningServer, onLatency: (ms: number) => void) {
  const board = await createBoard(server);
  const writer = new Writer(server, board);
  await writer.connected();
  writer.addNote(0);
  const observer = new SyncClient({
    url: wsUrl(server, board),
    dialect: 'y-websocket',
    docName: board.name,
    onUpdate: (update, receivedAt) => {
      const sent = sentAtOf(update);
      if (sent && sent.client === writer.clientId) onLatency(receivedAt - sent.sentAt);
    },
  });
  await observer.opened;
  await observer.synced;
  return { writer, observer };
}

async function main(): Promise<void> {
  const pinning = setUpPinning();
  usePinning(pinning);
  log(`hostile benchmark (${quick ? 'quick' : 'full'}), pinning: ${pinning.note}`);
  const server = await startServer('paja', { env: { PAJA_UPDATE_RATE: '120' } });
  let sink: number[] = [];
  const honest = [];
  for (let i = 0; i < BOARDS; i++) honest.push(await honestBoard(server, (ms) => sink.push(ms)));
  const pacer = pace(
    honest.map(
      ({ writer }) =>
        () =>
          writer.move(),
    ),
    RATE_HZ,
  );
  await sleep(2_000); // warm-up
  const phases: Phase[] = [];
  const phase = async (name: string, during?: () => Promise<() => Promise<string>>) => {
    sink = [];
    const cpu = cpuMs(server.pid);
    const started = now();
    const stop = during ? await during() : null;
    await sleep(PHASE_MS);
    const report = stop ? await stop() : '';
    const ms = now() - started;
    const memory = await serverMemory(server);
    phases.push({
      name,
      latencies: sink.slice().sort((a, b) => a - b),
      cpuMs: cpuMs(server.pid) - cpu,
      ms,
      rssMB: memory.rss / 1e6,
    });
    if (report) log(`${name}: ${report}`);
  };
  const storm = async () => {
    const boards: BoardRef[] = [await createBoard(server), await createBoard(server)];
    // At a lower priority than the server and the honest clients: on a real network the
    // attackers' CPU is their own, not the server's or the other people's.
    const storm = spawn(
      'nice',
      [
        '-n',
        '10',
        process.execPath,
        '--import',
        'tsx',
        fileURLToPath(new URL('./storm.ts', import.meta.url)),
      ],
      {
        env: { ...process.env, PAJA_STORM: JSON.stringify({ port: server.port, boards }) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    return async () => {
      const summary = new Promise<string>((resolve) => storm.once('message', resolve));
      storm.send('stop');
      const text = await summary;
      storm.kill();
      return text;
    };
  };
  // Alternated, so that what other work on the machine does at one moment does not decide it.
  for (let round = 1; round <= ROUNDS; round++) {
    await phase(`idle ${round}`);
    await phase(`storm ${round}`, storm);
  }
  await phase('after');
  pacer.stop();
  await closeAll(honest.flatMap(({ writer, observer }) => [writer.client, observer]));
  await stopServer(server, 'SIGKILL');

  const all = (prefix: string): Phase => {
    const matching = phases.filter((p) => p.name.startsWith(prefix));
    return {
      name: `${prefix} (all)`,
      latencies: matching.flatMap((p) => p.latencies).sort((a, b) => a - b),
      cpuMs: matching.reduce((sum, p) => sum + p.cpuMs, 0),
      ms: matching.reduce((sum, p) => sum + p.ms, 0),
      rssMB: Math.max(...matching.map((p) => p.rssMB)),
    };
  };
  const idle = all('idle');
  const rows = [...phases, idle, all('storm')].map((p) => [
    p.name,
    String(p.latencies.length),
    fmtMs(percentile(p.latencies, 50)),
    fmtMs(percentile(p.latencies, 99)),
    fmtMs(p.latencies.at(-1) ?? Number.NaN),
    `${(percentile(p.latencies, 99) / percentile(idle.latencies, 99)).toFixed(2)}×`,
    `${((p.cpuMs / p.ms) * 100).toFixed(0)} %`,
    `${p.rssMB.toFixed(0)} MB`,
  ]);
  const load = os.loadavg().map((l) => l.toFixed(1));
  process.stdout.write(`\nLoad average at the end: ${load.join(', ')}.\n`);
  process.stdout.write(
    `\n${table(
      [
        'phase',
        'deliveries',
        'p50 ms',
        'p99 ms',
        'max ms',
        'p99 / idle',
        'server CPU',
        'RSS after (max)',
      ],
      rows,
    )}\n`,
  );
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
