/**
 * Reading a 20 MB board from PostgreSQL, the way PostgresStorage did before (bytea, which `pg`
 * receives as hex text) and the way it does now (`readBoard`: base64 text), side by side:
 *
 *   pnpm --filter @paja/bench bench:pgload [--rounds=3]
 *
 * Two boards: one whole snapshot, and one log of many updates (a board not compacted yet).
 * Each read reports its wall time, the CPU of this process (what a Paja server spends) and the
 * CPU of the PostgreSQL backend that answered (one connection, so one backend). Prints Markdown.
 */
import fs from 'node:fs';
import os from 'node:os';
import { PostgresStorage, silentLogger } from '@paja/server';
import { createNote } from '@paja/shared';
import pg from 'pg';
import * as Y from 'yjs';
import { readBoard } from '../../../server/src/storage/postgresReads';
import { fmtMs, table } from '../sync/stats';
import { databaseUrl } from './instances';
import { boardOfSize } from './measure';

const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
const MB = 1024 * 1024;

/** The statement readBoard ran before (bytea columns), with `pg`'s own bytea parsing. */
async function readAsHex(pool: pg.Pool, boardId: string) {
  const { rows } = await pool.query<{ snapshot: Buffer | null; updates: Buffer[] | null }>(
    `SELECT CASE WHEN b.snapshot_seq > -1 THEN b.snapshot END AS snapshot,
            b.next_seq - 1 AS last_seq, b.next_side_seq - 1 AS last_side_seq,
            (SELECT array_agg(u.data ORDER BY u.seq) FROM board_updates u
              WHERE u.board_id = b.id AND u.seq > greatest(-1, b.snapshot_seq)) AS updates
       FROM boards b WHERE b.id = $1`,
    [boardId],
  );
  return { snapshot: rows[0]?.snapshot ?? null, updates: rows[0]?.updates ?? [] };
}

/** A log of about `bytes`: notes with long texts, `perUpdate` added in each update. */
function logOfSize(bytes: number, perUpdate: number): Uint8Array[] {
  const doc = new Y.Doc();
  const log: Uint8Array[] = [];
  let size = 0;
  doc.on('update', (update: Uint8Array) => {
    log.push(update);
    size += update.byteLength;
  });
  const text = 'Kuntien yhteinen palvelupolku vuoteen 2030: '.repeat(20);
  for (let n = 0; size < bytes; ) {
    doc.transact(() => {
      for (let j = 0; j < perUpdate; j++, n++) {
        createNote(doc, { x: n, y: 0, text: `${n}: ${text}`, authorId: 'a', authorName: 'A' });
      }
    });
  }
  return log;
}

function backendCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

async function main(): Promise<void> {
  const schema = `paja_pgload_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const storage = await PostgresStorage.open(databaseUrl, silentLogger, { schema });
    const snapshotBoard = boardOfSize(20 * MB);
    await storage.createBoard('snapshot', snapshotBoard);
    const log = logOfSize(20 * MB, 10);
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    await storage.createBoard('log', empty);
    for (let i = 0; i < log.length; i += 200)
      await storage.appendUpdates('log', log.slice(i, i + 200));
    await storage.close();
    const logBytes = log.reduce((n, u) => n + u.byteLength, 0) + empty.byteLength;

    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    const pid =
      (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
    const ways = {
      'bytea (hex), before': (board: string) => readAsHex(pool, board),
      'base64, now': (board: string) => readBoard(pool, board, -1, true),
    };
    const rows: string[][] = [];
    const load = [os.loadavg()[0]?.toFixed(1)];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const board of ['snapshot', 'log']) {
        for (const [way, read] of Object.entries(ways)) {
          const cpu = process.cpuUsage();
          const backend = backendCpuMs(pid);
          const started = performance.now();
          const got = await read(board);
          const wall = performance.now() - started;
          const used = process.cpuUsage(cpu);
          const bytes =
            (got?.snapshot?.byteLength ?? 0) +
            (got?.updates ?? []).reduce((n, u) => n + u.byteLength, 0);
          const expected = board === 'snapshot' ? snapshotBoard.byteLength : logBytes;
          if (bytes !== expected) throw new Error(`${way} read ${bytes} bytes of ${expected}`);
          rows.push([
            String(round),
            board === 'snapshot'
              ? `snapshot, ${(expected / MB).toFixed(1)} MB`
              : `log of ${log.length} updates, ${(expected / MB).toFixed(1)} MB`,
            way,
            fmtMs(wall),
            fmtMs((used.user + used.system) / 1000),
            fmtMs(backendCpuMs(pid) - backend),
          ]);
        }
      }
    }
    load.push(os.loadavg()[0]?.toFixed(1));
    await pool.end();
    process.stdout.write(
      `Load average ${load.join(' to ')}.\n\n${table(
        ['round', 'board', 'read as', 'wall ms', 'CPU here ms', 'PostgreSQL backend CPU ms'],
        rows,
      )}\n`,
    );
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
