import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { type AppendRequest, SqliteDatabase } from './SqliteDatabase';
import type { Committed } from './Storage';
import type {
  WorkerAnswer,
  WorkerRequest,
  WorkerRound,
  WorkerRoundAnswer,
  WorkerStart,
} from './sqliteWorkerProtocol';

/*
 * The storage worker: owns the SQLite connection so that transactions and their fsyncs never
 * block the server's event loop. Requests arrive in rounds (sqliteWorkerProtocol.ts) and are
 * handled in order. Whatever arrived by the time the worker turns to them (while it was busy
 * with the last commit, several rounds may queue) is handled in one go: consecutive appends,
 * of any boards, are committed in one transaction, so a busy server pays one fsync per go,
 * not one per board, and all of the go's answers return in one message.
 */

const port = parentPort;
if (!port) throw new Error('sqliteWorker must run in a worker thread');
const db = openDatabase((workerData as WorkerStart).file);
const queue: WorkerRequest[] = [];

port.on('message', (round: WorkerRound) => {
  queue.push(...round);
  // Every round already posted joins this go, so they batch. Taken from the port here rather
  // than by draining on a setImmediate after their message events: that cost the worker a
  // second turn of its event loop per commit, which on a quiet board (one commit per wake-up)
  // was pure overhead.
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    queue.push(...(next.message as WorkerRound));
  }
  drain();
});

function drain(): void {
  const answers: WorkerRoundAnswer = [];
  const closing = handleRequests(queue.splice(0), answers);
  if (answers.length > 0) port?.postMessage(answers);
  if (closing) port?.close();
}

/**
 * Sends the answers gathered so far, when more requests follow them: a commit's answer (and so
 * its `saved`) must not wait for a slow request queued behind it (a 20 MB board's load, a
 * compaction's snapshot). Only then does a go cost a second message.
 */
function sendEarly(answers: WorkerRoundAnswer, more: boolean): void {
  if (!more || answers.length === 0) return;
  port?.postMessage(answers.splice(0));
}

const failure = (id: number, error: unknown): WorkerAnswer => {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { id, ok: false, error: { name, message } };
};

/** Answers `requests` in order into `answers`; true if one of them closed the database. */
function handleRequests(queue: WorkerRequest[], answers: WorkerRoundAnswer): boolean {
  while (queue.length > 0) {
    const appends: Extract<WorkerRequest, { op: 'append' }>[] = [];
    while (queue[0]?.op === 'append') appends.push(queue.shift() as (typeof appends)[number]);
    if (appends.length > 0) {
      answers.push(...commitAppends(appends));
      sendEarly(answers, queue.length > 0);
      continue;
    }
    const request = queue.shift() as WorkerRequest;
    try {
      answers.push({ id: request.id, ok: true, value: handle(request) });
    } catch (error) {
      answers.push(failure(request.id, error));
    }
    if (request.op === 'close') {
      // Nothing after a close can be served: say so rather than leave the caller waiting.
      for (const rest of queue) answers.push(failure(rest.id, new Error('storage is closed')));
      return true;
    }
  }
  return false;
}

function commitAppends(appends: Extract<WorkerRequest, { op: 'append' }>[]): WorkerAnswer[] {
  let results: (Committed | Error)[];
  try {
    results = db.appendBatch(appends.map((a): AppendRequest => a));
  } catch (error) {
    // The transaction itself failed (the disk, the file): nothing of it is stored.
    return appends.map((append) => failure(append.id, error));
  }
  return appends.map((append, i) => {
    const result = results[i];
    return result instanceof Error
      ? failure(append.id, result)
      : { id: append.id, ok: true, value: result };
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
    case 'checkpoint':
      return db.checkpoint();
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
