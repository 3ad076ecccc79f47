/**
 * One generator process of the joiners measurement (crowd.ts forks several, so that reading
 * 150 copies of a 20 MB board is not one process's work: in one, the generator used more CPU
 * than the server and the times measured the generator). Told over IPC to open `count`
 * sockets at once, it answers when every one has synced (or closed) with each one's time
 * from its connect to its synced board, the bytes received and its own CPU time. It says
 * `ready` first, once it is compiled and listening.
 */
import { SyncClient } from '../sync/client';
import { closeAll } from '../sync/load';

export const JOINERS_MESSAGE = 'paja-bench:joiners';

export interface JoinCommand {
  url: string;
  docName: string;
  count: number;
}

export interface JoinReport {
  /** Per socket: ms from its connect to its synced board (NaN: never synced). */
  synced: number[];
  /** Close codes of the sockets that closed before they synced. */
  closed: number[];
  bytesIn: number;
  cpuMs: number;
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
  const clients = Array.from(
    { length: command.count },
    () => new SyncClient({ url: command.url, dialect: 'y-websocket', docName: command.docName }),
  );
  // A socket the server closes before it synced is reported (closed), never waited for.
  await Promise.all(clients.map((c) => Promise.race([c.synced, c.closed])));
  const used = process.cpuUsage(cpuBefore);
  const report: JoinReport = {
    synced: clients.map((c) => (c.syncedAt ?? Number.NaN) - c.startedAt),
    closed: clients.filter((c) => c.syncedAt === null).map((c) => c.closeCode ?? -1),
    bytesIn: clients.reduce((n, c) => n + c.bytesIn, 0),
    cpuMs: (used.user + used.system) / 1000,
  };
  process.send?.({ [JOINERS_MESSAGE]: report });
  await closeAll(clients, 500);
  setTimeout(() => process.exit(0), 100);
}
