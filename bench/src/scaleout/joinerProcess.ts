/**
 * One generator process of the joiners measurement (crowd.ts forks several, so that reading
 * 150 copies of a 20 MB board is not one process's work: in one, the generator used more CPU
 * than the server and the times measured the generator). Its joiners are CountingJoiners,
 * or stock `ws` clients (SyncClient) when asked. Told over IPC to open `count`
 * sockets at once, it answers when every one has synced (or closed) with each one's time
 * from its connect to its synced board, the bytes received and its own CPU time. It says
 * `ready` first, once it is compiled and listening.
 */
import { SyncClient } from '../sync/client';
import { CountingJoiner } from './countingJoiner';

export const JOINERS_MESSAGE = 'paja-bench:joiners';

export interface JoinCommand {
  url: string;
  docName: string;
  count: number;
  /** Stock clients (`ws`, as SyncClient) instead of CountingJoiner. */
  stock: boolean;
}

export interface JoinReport {
  /** Per socket: ms from its connect to its synced board (NaN: never synced). */
  synced: number[];
  /** Per socket: ms from its connect to the board's first bytes (NaN: not known, stock). */
  boardStarted: number[];
  /** Close codes of the sockets that closed before they synced. */
  closed: number[];
  bytesIn: number;
  cpuMs: number;
  /** Of cpuMs, the time in the kernel (the copies out of the sockets). */
  systemMs: number;
}

process.on('message', (raw: unknown) => {
  const command = (raw as Record<string, JoinCommand>)[JOINERS_MESSAGE];
  if (!command) return;
  void join(command);
});
// Compiled and listening: the parent's clock may start.
process.send?.({ [JOINERS_MESSAGE]: 'ready' });

async function join(command: JoinCommand): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const joiners = Array.from({ length: command.count }, () => joiner(command));
  // A socket the server closes before it synced is reported (closed), never waited for.
  await Promise.all(joiners.map((j) => j.done));
  const used = process.cpuUsage(cpuBefore);
  const report: JoinReport = {
    synced: joiners.map((j) => (j.syncedAt() ?? Number.NaN) - j.startedAt),
    boardStarted: joiners.map((j) => (j.boardStartedAt() ?? Number.NaN) - j.startedAt),
    closed: joiners.filter((j) => j.syncedAt() === null).map((j) => j.closeCode() ?? -1),
    bytesIn: joiners.reduce((n, j) => n + j.bytesIn(), 0),
    cpuMs: (used.user + used.system) / 1000,
    systemMs: used.system / 1000,
  };
  process.send?.({ [JOINERS_MESSAGE]: report });
  for (const j of joiners) j.close();
  setTimeout(() => process.exit(0), 500);
}

/** One joiner, stock or counting, seen the same way. */
function joiner(command: JoinCommand) {
  if (command.stock) {
    const client = new SyncClient({
      url: command.url,
      dialect: 'y-websocket',
      docName: command.docName,
    });
    return {
      startedAt: client.startedAt,
      done: Promise.race([client.synced, client.closed]),
      syncedAt: () => client.syncedAt,
      boardStartedAt: () => null,
      closeCode: () => client.closeCode,
      bytesIn: () => client.bytesIn,
      close: () => client.close(),
    };
  }
  const counting = new CountingJoiner(command.url);
  return {
    startedAt: counting.startedAt,
    done: counting.done,
    syncedAt: () => counting.syncedAt,
    boardStartedAt: () => counting.boardStartedAt,
    closeCode: () => counting.closeCode,
    bytesIn: () => counting.bytesIn,
    close: () => counting.close(),
  };
}
