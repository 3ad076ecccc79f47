import { parentPort, workerData } from 'node:worker_threads';
import { type AppendRequest, SqliteDatabase } from './SqliteDatabase';
import type { Committed } from './Storage';
import type { WorkerAnswer, WorkerRequest, WorkerStart } from './sqliteWorkerProtocol';

/*
 * The storage worker: owns the SQLite connection so that transactions and their fsyncs never
 * block the server's event loop. Requests are answered in arrival order; consecutive appends
 * (of any boards) that queued up meanwhile are committed in one transaction, so a busy server
 * pays one fsync per round, not one per board.
 */

const port = parentPort;
if (!port) throw new Error('sqliteWorker must run in a worker thread');
const db = openDatabase((workerData as WorkerStart).file);
const queue: WorkerRequest[] = [];
let scheduled = false;

port.on('message', (request: WorkerRequest) => {
  queue.push(request);
  if (!scheduled) {
    scheduled = true;
    // Let every message already posted arrive before draining, so they batch.
    setImmediate(drain);
  }
});

function answer(message: WorkerAnswer): void {
  port?.postMessage(message);
}

function fail(id: number, error: unknown): void {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  answer({ id, ok: false, error: { name, message } });
}

function drain(): void {
  scheduled = false;
  while (queue.length > 0) {
    const appends: Extract<WorkerRequest, { op: 'append' }>[] = [];
    while (queue[0]?.op === 'append') appends.push(queue.shift() as (typeof appends)[number]);
    if (appends.length > 0) {
      commitAppends(appends);
      continue;
    }
    const request = queue.shift() as WorkerRequest;
    try {
      answer({ id: request.id, ok: true, value: handle(request) });
    } catch (error) {
      fail(request.id, error);
    }
    if (request.op === 'close') {
      port?.close();
      return;
    }
  }
}

function commitAppends(appends: Extract<WorkerRequest, { op: 'append' }>[]): void {
  let results: (Committed | Error)[];
  try {
    results = db.appendBatch(appends.map((a): AppendRequest => a));
  } catch (error) {
    for (const append of appends) fail(append.id, error);
    return;
  }
  appends.forEach((append, i) => {
    const result = results[i];
    if (result instanceof Error) fail(append.id, result);
    else answer({ id: append.id, ok: true, value: result });
  });
}

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'createBoard':
      return db.createBoard(request.boardId, request.state);
    case 'boardExists':
      return db.boardExists(request.boardId);
    case 'loadBoard':
      return db.loadBoard(request.boardId);
    case 'updatesSince':
      return db.updatesSince(request.boardId, request.afterSeq);
    case 'sideSince':
      return db.sideSince(request.boardId, request.afterSideSeq);
    case 'append':
      return db.appendUpdates(request.boardId, request.updates, request.side);
    case 'compact':
      return db.compact(request.boardId, request.snapshot, request.throughSeq);
    case 'linkGeneration':
      return db.linkGeneration(request.boardId, request.role);
    case 'revokeLinks':
      return db.revokeLinks(request.boardId, request.role);
    case 'boardsUnchangedSince':
      return db.boardsUnchangedSince(request.at);
    case 'deleteBoard':
      return db.deleteBoard(request.boardId);
    case 'blob':
      // The method and its arguments come from the server thread, never from a client.
      return (db.blobs[request.method] as (...args: unknown[]) => unknown)(...request.args);
    case 'ping':
      return db.ping();
    case 'close':
      return db.close();
  }
}

/**
 * The database, or a plain Error that says why not: the server thread learns of a failed start
 * through the worker's error event, and a SqliteError arrives there without its message.
 */
function openDatabase(file: string): SqliteDatabase {
  try {
    return new SqliteDatabase(file);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    throw new Error(`${name === 'Error' ? '' : `${name}: `}${message} (${file})`);
  }
}
