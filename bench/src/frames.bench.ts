/**
 * The two costs behind Paja's CPU per delivery in the fan-out, measured alone:
 *
 * 1. Sending one message to N sockets: `ws.send` per socket (what Paja did before
 *    server/src/WireFrame.ts, and what the relay and the references do) against one WireFrame
 *    written to every socket; once uncorked (one message per socket per turn, as in a fan-out)
 *    and once five messages per socket inside a cork (as an editor hears a busy board).
 *    Wall time of the send loop itself, system calls included, per delivery; median of rounds.
 * 2. One fsync'd commit of one small update through Paja's storage thread
 *    (WorkerSqliteStorage.appendUpdates), 20 a second as the fan-out's writer makes them: CPU
 *    of the whole process per commit, less the CPU of the same timer doing nothing; on an
 *    empty board and on one whose snapshot holds 10,000 notes (the writers scenario's board).
 *
 * 3. With --boards=50 (and --board-hz=60): that many boards each storing one small update at
 *    that rate, each with at most one commit in flight and what arrives meanwhile gathered into
 *    its next (as SavePipeline does): process CPU per stored update, less the CPU of the same
 *    timers storing nothing, and how many commits and thread messages it took. This is the
 *    storage part of the throughput scenario's 50 writers on 50 boards.
 *
 *   pnpm --filter @paja/bench bench:frames      (taskset -c 1 to pin it as bench:sync does)
 *   pnpm --filter @paja/bench bench:frames --commits-only [--boards=50 --board-hz=60]
 */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WireFrame, WorkerSqliteStorage, writeFrame } from '@paja/server';
import { createNote } from '@paja/shared';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';

const SOCKETS = 100;
const ROUNDS = 200;
const REPEATS = 7;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

async function deliveries(): Promise<void> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = http.createServer();
  const sockets: Array<{ ws: WebSocket; socket: net.Socket }> = [];
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) =>
      sockets.push({ ws, socket: socket as net.Socket }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const clients = Array.from({ length: SOCKETS }, () => new WebSocket(`ws://127.0.0.1:${port}/`));
  for (const client of clients) client.on('message', () => {});
  while (sockets.length < SOCKETS) await sleep(10);

  const message = new Uint8Array(60).fill(7); // about one note move
  const viaWs = () => {
    for (const { ws } of sockets) ws.send(message);
  };
  const viaFrame = () => {
    const frame = new WireFrame(message);
    for (const { ws, socket } of sockets) writeFrame(ws, socket, frame);
  };
  const fiveCorked = (send: () => void) => () => {
    for (const { socket } of sockets) socket.cork();
    for (let i = 0; i < 5; i++) send();
    for (const { socket } of sockets) socket.uncork();
  };
  const ways = {
    'ws.send, one per socket': { send: viaWs, per: SOCKETS },
    'WireFrame, one per socket': { send: viaFrame, per: SOCKETS },
    'ws.send, five per socket corked': { send: fiveCorked(viaWs), per: 5 * SOCKETS },
    'WireFrame, five per socket corked': { send: fiveCorked(viaFrame), per: 5 * SOCKETS },
  };
  const results = new Map<string, number[]>();
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const [name, { send, per }] of Object.entries(ways)) {
      let ns = 0n;
      for (let round = 0; round < ROUNDS; round++) {
        const started = process.hrtime.bigint();
        send();
        ns += process.hrtime.bigint() - started;
        await sleep(2); // the clients read
      }
      const perDelivery = Number(ns) / 1000 / ROUNDS / per;
      results.set(name, [...(results.get(name) ?? []), perDelivery]);
    }
  }
  console.log(
    `\nSending a 60-byte message to ${SOCKETS} sockets, µs per delivery (median of ${REPEATS}):`,
  );
  for (const [name, values] of results)
    console.log(`  ${name.padEnd(36)} ${median(values).toFixed(2)}`);
  for (const client of clients) client.terminate();
  server.closeAllConnections();
  server.close();
}

async function commits(notes: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-frames-bench-'));
  const storage = WorkerSqliteStorage.open(dir);
  const doc = new Y.Doc();
  for (let i = 0; i < notes; i++) {
    const at = { x: (i % 50) * 220, y: Math.floor(i / 50) * 220 };
    createNote(doc, { ...at, text: `Note ${i}`, authorId: 'bench', authorName: 'Bench' });
  }
  const snapshot = Y.encodeStateAsUpdate(doc);
  await storage.createBoard('frames-bench', snapshot);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const note = doc.getMap('note');
  const COMMITS = 100;
  const cpuPerTick = async (work: (i: number) => Promise<void>) => {
    const started = process.cpuUsage();
    for (let i = 0; i < COMMITS; i++) {
      await work(i);
      await sleep(50);
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / COMMITS;
  };
  const commit = async (i: number) => {
    note.set('x', i);
    await storage.appendUpdates('frames-bench', [updates.shift() as Uint8Array]);
  };
  await cpuPerTick(commit); // warm up
  // Idle before and after, against the drift of a shared machine.
  const idleBefore = await cpuPerTick(async () => {});
  const committing = await cpuPerTick(commit);
  const idle = (idleBefore + (await cpuPerTick(async () => {}))) / 2;
  const board = `${notes} notes, snapshot ${(snapshot.byteLength / 1024).toFixed(0)} KiB`;
  console.log(`\nOne fsync'd commit of one update, 20 a second, ${board} (${dir}):`);
  console.log(
    `  process CPU per commit, less the idle timer: ${(committing - idle).toFixed(0)} µs`,
  );
  console.log(`  (idle timer alone: ${idle.toFixed(0)} µs per tick)`);
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** `--boards=N` boards, each storing one update `--board-hz` times a second (section 3 above). */
async function manyBoards(boards: number, hz: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-frames-bench-'));
  const storage = WorkerSqliteStorage.open(dir);
  const ids = Array.from({ length: boards }, (_, i) => `board-${i}`);
  for (const id of ids) await storage.createBoard(id, new Uint8Array([0, 0]));
  // A note move is a few dozen bytes; storage does not read them.
  const update = new Uint8Array(40).fill(1);
  let commits = 0;
  let stored = 0;
  const run = async (ms: number, store: boolean) => {
    const boardsState = ids.map((id) => ({ id, pending: 0, inFlight: false }));
    const commit = async (board: (typeof boardsState)[number]) => {
      board.inFlight = true;
      while (board.pending > 0) {
        const count = board.pending;
        board.pending = 0;
        await storage.appendUpdates(board.id, Array(count).fill(update));
        commits++;
        stored += count;
      }
      board.inFlight = false;
    };
    const timers = boardsState.map((board, i) =>
      // Each board at its own phase, as writers' messages arrive.
      setTimeout(
        () => {
          timers[i] = setInterval(() => {
            if (!store) return;
            board.pending++;
            if (!board.inFlight) setImmediate(() => void commit(board));
          }, 1000 / hz);
        },
        ((1000 / hz) * i) / boards,
      ),
    );
    const started = process.cpuUsage();
    await sleep(ms);
    const used = process.cpuUsage(started);
    for (const timer of timers) clearInterval(timer);
    while (boardsState.some((b) => b.inFlight)) await sleep(10);
    return used.user + used.system;
  };
  await run(1000, true); // warm up
  const idle = await run(3000, false);
  commits = 0;
  stored = 0;
  const rounds = (storage as { roundsPosted?: number }).roundsPosted ?? Number.NaN;
  const busy = await run(3000, true);
  const roundsUsed = ((storage as { roundsPosted?: number }).roundsPosted ?? Number.NaN) - rounds;
  console.log(`
${boards} boards, one update each ${hz} times a second (${dir}):`);
  console.log(
    `  process CPU per stored update, less the idle timers: ${((busy - idle) / stored).toFixed(0)} µs`,
  );
  console.log(
    `  ${(stored / 3).toFixed(0)} updates/s in ${(commits / 3).toFixed(0)} board commits/s, ${Number.isNaN(roundsUsed) ? 'one worker message each' : `${(roundsUsed / 3).toFixed(0)} worker rounds/s`}; CPU ${((busy / 3e6) * 100).toFixed(0)} % of a core (idle timers ${((idle / 3e6) * 100).toFixed(0)} %)`,
  );
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const boardsFlag = Number(
  process.argv.find((a) => a.startsWith('--boards='))?.slice('--boards='.length),
);
const boardHz =
  Number(process.argv.find((a) => a.startsWith('--board-hz='))?.slice('--board-hz='.length)) || 60;

console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);
if (boardsFlag > 0) {
  await manyBoards(boardsFlag, boardHz);
} else {
  if (!process.argv.includes('--commits-only')) await deliveries();
  await commits(0);
  await commits(10_000);
}
