/**
 * One generator process of the crowd scenario (crowd.ts forks several): opens its share of
 * the read-only audience on one board, answers the sync handshake, and counts what arrives.
 * Readers send nothing after the handshake (no cursors, as Paja's public readers).
 *
 * Every reader counts the moves it receives without decoding them (countMoves); one reader in
 * `sampleEvery` also decodes each update and records each move's latency (send time to
 * receipt, on the epoch clock all processes share). Driven over IPC by crowd.ts:
 *
 *   open   -> opened  { synced, failed, ms }
 *   count             start counting moves (the editors start moving now)
 *   window            record latencies of moves sent in [from, to)
 *   report -> report  { moves, samples, open, bytesIn, cpuMs }
 *   close             terminate every socket and exit
 */
import { countMoves, SyncClient, sentAtsOf } from './client';
import { CROWD_MESSAGE, type CrowdCommand, type CrowdReply } from './crowdProtocol';

const readers: SyncClient[] = [];
let moves = 0;
let counting = false;
let from = Number.POSITIVE_INFINITY;
let to = Number.NEGATIVE_INFINITY;
const samples: number[] = [];

function reply(message: CrowdReply): void {
  process.send?.({ [CROWD_MESSAGE]: message });
}

async function open(command: Extract<CrowdCommand, { type: 'open' }>): Promise<void> {
  const started = performance.now();
  let failed = 0;
  let next = 0;
  const make = (i: number): SyncClient => {
    const sampled = i % command.sampleEvery === 0;
    return new SyncClient({
      url: command.urls[i % command.urls.length] as string,
      dialect: command.dialect,
      docName: command.docName,
      onUpdate: (update, at) => {
        if (!counting) return;
        if (!sampled) {
          moves += countMoves(update);
          return;
        }
        const sent = sentAtsOf(update);
        moves += sent.length;
        for (const { sentAt } of sent) {
          if (sentAt >= from && sentAt < to) samples.push(at - sentAt);
        }
      },
    });
  };
  // A refused or failed socket is counted, not fatal: the report says how many got in.
  const worker = async () => {
    while (next < command.count) {
      const reader = make(next++);
      readers.push(reader);
      try {
        await reader.opened;
        await Promise.race([reader.synced, reader.closed]);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: command.parallel }, worker));
  const synced = readers.filter((r) => r.syncedAt !== null).length;
  reply({ type: 'opened', synced, failed, ms: performance.now() - started });
}

process.on('message', (raw: unknown) => {
  const command = (raw as Record<string, CrowdCommand>)[CROWD_MESSAGE];
  if (!command) return;
  switch (command.type) {
    case 'open':
      void open(command);
      break;
    case 'count':
      moves = 0;
      counting = true;
      break;
    case 'window':
      from = command.from;
      to = command.to;
      break;
    case 'report': {
      const usage = process.cpuUsage();
      reply({
        type: 'report',
        moves,
        samples,
        open: readers.filter((r) => r.open).length,
        bytesIn: readers.reduce((sum, r) => sum + (r.bytesIn ?? 0), 0),
        cpuMs: (usage.user + usage.system) / 1000,
      });
      break;
    }
    case 'close':
      for (const reader of readers) reader.close();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
