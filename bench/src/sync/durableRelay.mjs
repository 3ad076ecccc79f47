// The floor of a server that keeps Paja's promise, "saved" means stored and fsync'd: the relay
// of relayServer.mjs, plus every document update appended to SQLite (WAL, synchronous = FULL,
// as Paja's storage opens it) and committed before a Paja client's `saveRequest` is answered
// with `saved`. Commits are paced as one Paja board's are (server/src/CommitPacing.ts), for the
// whole process: at once when the last commit began 10 ms ago or longer, else 10 ms after it;
// one transaction takes every board's waiting updates, and each socket hears one `saved` per
// commit. No Yjs, no edit check, no side state, no second thread (the commit blocks this one,
// which costs the least CPU). What it costs per update beyond the relay is the durable
// acknowledgement alone, on this disk.
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { serveRelay } from './relayServer.mjs';

/** As server/src/CommitPacing.ts paces a board: here, the whole process. */
const COMMIT_GATHER_MS = 10;
/** Paja's message types (shared/src/protocol/messageType.ts). */
const SAVED = 100;
const SAVE_REQUEST = 102;

const db = new Database(process.env.DURABLE_RELAY_DB);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  'CREATE TABLE IF NOT EXISTS log (board TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (board, seq))',
);
const insert = db.prepare('INSERT INTO log (board, seq, data) VALUES (?, ?, ?)');
const appendAll = db.transaction((rows) => {
  for (const row of rows) insert.run(row.board, row.seq, row.data);
});

/** Each board's next sequence number in the log. */
const nextSeq = new Map();
/** Updates received and not yet committed, in order. */
let unsaved = [];
/** How many updates were received, and how many of them are committed. */
let received = 0;
let committed = 0;
/** Save requests waiting for the commit that is due: the socket and its marker. */
let requests = [];
let lastCommitAt = Number.NEGATIVE_INFINITY;
let commitDue = false;

function scheduleCommit() {
  if (commitDue) return;
  commitDue = true;
  const wait = lastCommitAt + COMMIT_GATHER_MS - performance.now();
  // At once means after this turn's reads, as Paja holds a whole turn.
  if (wait <= 0) setImmediate(commit);
  else setTimeout(commit, wait);
}

function commit() {
  commitDue = false;
  lastCommitAt = performance.now();
  const rows = unsaved;
  unsaved = [];
  appendAll(rows);
  committed = received;
  const highest = new Map();
  for (const request of requests) {
    highest.set(request.ws, Math.max(highest.get(request.ws) ?? 0, request.marker));
  }
  requests = [];
  for (const [ws, marker] of highest) answer(ws, marker);
}

function answer(ws, marker) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SAVED);
  encoding.writeVarUint(encoder, marker);
  encoding.writeVarUint(encoder, 0); // no clocks
  ws.send(encoding.toUint8Array(encoder));
}

function store(board, data) {
  const seq = (nextSeq.get(board) ?? 0) + 1;
  nextSeq.set(board, seq);
  unsaved.push({ board, seq, data });
  received++;
  scheduleCommit();
}

function askSaved(ws, data) {
  const decoder = decoding.createDecoder(data);
  decoding.readVarUint(decoder);
  const marker = decoding.readVarUint(decoder);
  // Everything received before the request is covered by the next commit (one is due).
  if (committed === received) answer(ws, marker);
  else requests.push({ ws, marker });
}

serveRelay('durable relay', {
  intercept(ws, board, data) {
    if (data[0] === SAVE_REQUEST) {
      askSaved(ws, data);
      return true;
    }
    if (data[0] === 0 && data[1] === 2) store(board, data);
    return false;
  },
  left(ws) {
    requests = requests.filter((request) => request.ws !== ws);
  },
});
