/**
 * What a single update costs on this machine beyond its own work, measured alone: the numbers
 * behind "the fixed cost of a durable `saved` per update" in bench/RESULTS.md.
 *
 * 1. Waking the event loop from a timer, 100 times a second: process CPU per wake-up.
 * 2. The same, plus a round trip to a worker thread that answers at once (what a commit
 *    through WorkerSqliteStorage adds to each quiet update): process CPU per round trip, less 1.
 * 3. One small better-sqlite3 transaction in WAL mode, synchronous=FULL (fsync'd, as Paja
 *    stores) and NORMAL: process CPU and wall time per commit.
 * 4. Encoding a whole board of notes (Y.encodeStateAsUpdate) of about 64 and 256 KiB: what a
 *    compaction from the live document holds up the server thread for (LogCompaction.ts).
 * 5. A quiet board's append through WorkerSqliteStorage, 50 and 200 a second, with every commit
 *    in the storage worker and with quiet rounds committed on the server thread (the default):
 *    process CPU per append and its median time to commit.
 *
 *   pnpm --filter @paja/bench bench:wakeups
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerSqliteStorage } from '@paja/server';
import { createNote, moveNote } from '@paja/shared';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

const TIMES = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuUs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

async function wakeUps(): Promise<void> {
  const worker = new Worker(
    "require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));",
    { eval: true },
  );
  await sleep(300);
  let since = process.cpuUsage();
  for (let i = 0; i < TIMES; i++) await sleep(10);
  const timer = cpuUs(since) / TIMES;
  since = process.cpuUsage();
  for (let i = 0; i < TIMES; i++) {
    await sleep(10);
    await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage([{ op: 'append', id: i, updates: [new Uint8Array(60)] }]);
    });
  }
  const roundTrip = cpuUs(since) / TIMES - timer;
  await worker.terminate();
  console.log(`timer wake-up: ${timer.toFixed(0)} µs CPU`);
  console.log(`round trip to a worker thread, beyond the wake-up: ${roundTrip.toFixed(0)} µs CPU`);
}

function commits(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-wakeups-'));
  try {
    for (const synchronous of ['FULL', 'NORMAL']) {
      const db = new Database(path.join(dir, `${synchronous}.sqlite`));
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${synchronous}`);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB)');
      const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
      const commit = db.transaction((data: Uint8Array) => insert.run(data));
      const data = new Uint8Array(80);
      const since = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < 2000; i++) commit(data);
      const wall = ((performance.now() - started) * 1000) / 2000;
      console.log(
        `SQLite commit, synchronous=${synchronous}: ${(cpuUs(since) / 2000).toFixed(0)} µs CPU, ${wall.toFixed(0)} µs wall`,
      );
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function encoding(): void {
  for (const kib of [64, 256]) {
    const doc = new Y.Doc();
    let notes = 0;
    while (Y.encodeStateAsUpdate(doc).byteLength < kib * 1024) {
      for (let i = 0; i < 50; i++, notes++) {
        createNote(doc, {
          x: notes,
          y: notes,
          text: `note number ${notes}`,
          authorId: 'a',
          authorName: 'A',
        });
      }
    }
    for (let i = 0; i < 500; i++) moveNote(doc, [...doc.getMap('notes').keys()][0] as string, i, i);
    const started = performance.now();
    let bytes = 0;
    for (let i = 0; i < 50; i++) bytes = Y.encodeStateAsUpdate(doc).byteLength;
    const ms = (performance.now() - started) / 50;
    console.log(
      `encoding a board of ${notes} notes (${(bytes / 1024).toFixed(0)} KiB): ${ms.toFixed(2)} ms`,
    );
  }
}

async function quietAppends(): Promise<void> {
  for (const hz of [50, 200]) {
    for (const here of [false, true]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-wakeups-'));
      const storage = WorkerSqliteStorage.open(dir, { commitQuietRoundsHere: here });
      try {
        await storage.createBoard('b', new Uint8Array([0, 0]));
        for (let i = 0; i < 30; i++) await storage.appendUpdates('b', [new Uint8Array(60)]);
        const times: number[] = [];
        const since = process.cpuUsage();
        for (let i = 0; i < TIMES; i++) {
          await sleep(1000 / hz);
          const started = performance.now();
          await storage.appendUpdates('b', [new Uint8Array(60).fill(i)]);
          times.push(performance.now() - started);
        }
        const cpu = cpuUs(since) / TIMES;
        times.sort((a, b) => a - b);
        console.log(
          `quiet append at ${hz}/s, ${here ? 'quiet rounds on the server thread' : 'every commit in the worker'}: ${cpu.toFixed(0)} µs CPU (timer included), median ${(times[TIMES >> 1] ?? 0).toFixed(2)} ms to commit, ${storage.roundsCommittedHere} of ${TIMES + 30} on the server thread`,
        );
      } finally {
        await storage.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}

await wakeUps();
commits();
encoding();
await quietAppends();
