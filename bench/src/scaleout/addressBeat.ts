/**
 * What the once-a-second restatement of sockets per client address costs (sharedAddresses.ts:
 * each instance states its sockets per address in a Redis hash every heartbeat), with ADDRESSES
 * distinct addresses connected to one instance:
 *
 *   pnpm --filter @paja/bench bench:addressbeat [--addresses=10000] [--seconds=10]
 *
 * Runs the server's own parts (ConnectionPools, AcrossInstances) in this process against a
 * Redis of its own (a `redis-server` started on a free port, so other work on the machine's
 * Redis does not count): this process's CPU per second (the instance's share; nothing else runs
 * here), Redis's CPU per second and the bytes it received per second. Each case runs with the
 * addresses steady and with CHURN of them changing every second (people arriving and leaving).
 * Prints Markdown.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import { AcrossInstances } from '../../../server/src/acrossInstances/AcrossInstances';
import { addressKeyFor } from '../../../server/src/auth/tokens';
import { ConnectionPools, type PoolTicket } from '../../../server/src/ConnectionPools';
import { loadLimits } from '../../../server/src/config';
import { silentLogger } from '../../../server/src/log';
import { freePort, sleep } from '../sync/servers';
import { table } from '../sync/stats';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ADDRESSES = arg('addresses', 10_000);
const SECONDS = arg('seconds', 10);
/** Addresses that leave and others that arrive, every second, in the churning case. */
const CHURN = 100;
const SECRET = 'x'.repeat(40);

/** A Redis of this run's own, so that nothing else on the machine's Redis is counted. */
async function startRedis(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
    { stdio: 'ignore' },
  );
  for (let i = 0; ; i++) {
    try {
      info(port);
      return { port, child };
    } catch (error) {
      if (i > 50) throw error;
      await sleep(100);
    }
  }
}

/** Redis's own CPU time (ms) and the bytes it has received, from INFO. */
function info(port: number) {
  const text = execFileSync('redis-cli', ['-p', String(port), 'info'], { encoding: 'utf8' });
  const num = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(text)?.[1]);
  return {
    cpuMs: (num('used_cpu_sys') + num('used_cpu_user')) * 1000,
    bytesIn: num('total_net_input_bytes'),
  };
}

async function measure(port: number, addresses: number, churn: number) {
  const pools = new ConnectionPools(loadLimits());
  const tickets = new Map<string, PoolTicket>();
  let next = 0;
  const arrive = () => {
    const address = `10.${(next >> 16) & 255}.${(next >> 8) & 255}.${next & 255}`;
    next++;
    tickets.set(address, pools.enter(address));
  };
  for (let i = 0; i < addresses; i++) arrive();
  const across = new AcrossInstances(
    `redis://127.0.0.1:${port}`,
    silentLogger,
    { sharedLimitFallback: () => {} },
    `bench${process.pid}:`,
  );
  across.addresses(pools, (address) => addressKeyFor(SECRET, address), 200);
  const churner = setInterval(() => {
    for (let i = 0; i < churn; i++) {
      const [address, ticket] = tickets.entries().next().value as [string, PoolTicket];
      ticket.release();
      tickets.delete(address);
      arrive();
    }
  }, 1000);
  await sleep(3_000); // connected, and the first whole statements made
  const cpu = process.cpuUsage();
  const before = info(port);
  await sleep(SECONDS * 1000);
  const after = info(port);
  const used = process.cpuUsage(cpu);
  clearInterval(churner);
  across.close();
  return {
    instanceMsPerS: (used.user + used.system) / 1000 / SECONDS,
    redisMsPerS: (after.cpuMs - before.cpuMs) / SECONDS,
    bytesPerS: (after.bytesIn - before.bytesIn) / SECONDS,
  };
}

async function main(): Promise<void> {
  const { port, child } = await startRedis();
  try {
    const load = [os.loadavg()[0]?.toFixed(1)];
    const rows: string[][] = [];
    for (const [addresses, churn] of [
      [0, 0],
      [ADDRESSES, 0],
      [ADDRESSES, CHURN],
    ] as const) {
      const m = await measure(port, addresses, churn);
      rows.push([
        String(addresses),
        String(churn),
        `${m.instanceMsPerS.toFixed(1)} ms (${(m.instanceMsPerS / 10).toFixed(1)} %)`,
        `${m.redisMsPerS.toFixed(1)} ms`,
        `${(m.bytesPerS / 1024).toFixed(1)} KiB`,
      ]);
    }
    load.push(os.loadavg()[0]?.toFixed(1));
    process.stdout.write(
      `Load average ${load.join(' to ')}; ${SECONDS} s per row.\n\n${table(
        [
          'addresses',
          'changed per second',
          'instance CPU per second (% of a core)',
          'Redis CPU per second',
          'bytes to Redis per second',
        ],
        rows,
      )}\n`,
    );
  } finally {
    child.kill();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
