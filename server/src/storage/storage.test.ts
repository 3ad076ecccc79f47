import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COMMIT_GATHER_MS } from '../CommitPacing';
import { MemoryStorage } from './MemoryStorage';
import {
  QUIET_COMMIT_BUDGET_MS,
  QUIET_COMMIT_PAUSE_MS,
  QUIET_COMMIT_STALL_MS,
  QuietCommitBudget,
} from './QuietCommitBudget';
import { SqliteDatabase } from './SqliteDatabase';
import { SqliteStorage } from './SqliteStorage';
import type { SideWrite } from './Storage';
import { SCHEMA_VERSION, SchemaTooNewError } from './sqliteMigrations';
import { storageContract } from './storageContract';
import {
  ROUND_GATHER_MS,
  type WorkerSqliteOptions,
  WorkerSqliteStorage,
} from './WorkerSqliteStorage';

storageContract('memory', async () => new MemoryStorage());

const dirs: string[] = [];
storageContract(
  'sqlite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-sqlite-'));
    dirs.push(dir);
    return SqliteStorage.open(dir);
  },
  async (previous) => {
    await previous.close();
    const dir = dirs.at(-1);
    if (!dir) throw new Error('reopen before open');
    return SqliteStorage.open(dir);
  },
);

for (const [name, options] of [
  ['sqlite in a worker thread, quiet rounds committed here', {}],
  ['sqlite in a worker thread, every round there', { commitQuietRoundsHere: false }],
] as const) {
  storageContract(
    name,
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-sqlite-worker-'));
      dirs.push(dir);
      return WorkerSqliteStorage.open(dir, options);
    },
    async (previous) => {
      await previous.close();
      const dir = dirs.at(-1);
      if (!dir) throw new Error('reopen before open');
      return WorkerSqliteStorage.open(dir, options);
    },
  );
}

describe('sqlite schema migrations', () => {
  /** The schema as files were written before versions were counted (user_version 0). */
  const UNVERSIONED = `
    CREATE TABLE boards (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, snapshot BLOB,
      snapshot_seq INTEGER NOT NULL DEFAULT 0, next_seq INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE updates (board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
    CREATE TABLE link_generations (board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      role TEXT NOT NULL, generation INTEGER NOT NULL, PRIMARY KEY (board_id, role)) WITHOUT ROWID;
  `;

  it('brings an older file to the current schema and keeps its boards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-sqlite-old-'));
    dirs.push(dir);
    const file = SqliteDatabase.fileIn(dir);
    const old = new Database(file);
    old.exec(UNVERSIONED);
    old
      .prepare('INSERT INTO boards (id, created_at, snapshot) VALUES (?, ?, ?)')
      .run('old-board', 0, Buffer.from([0, 0]));
    old.close();

    const storage = new SqliteStorage(file);
    try {
      const stored = await storage.loadBoard('old-board');
      expect(stored?.side).toEqual([]);
      // Migration 6 moved the snapshot out of the boards row: it is still the board's.
      expect([...(stored?.snapshot ?? [])]).toEqual([0, 0]);
      await storage.appendUpdates('old-board', [], [{ kind: 'vote', key: 'p', value: '1' }]);
      expect((await storage.loadBoard('old-board'))?.side).toHaveLength(1);
    } finally {
      await storage.close();
    }
    const reopened = new Database(file);
    expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    reopened.close();
    // Opening again at the current version changes nothing.
    new SqliteDatabase(file).close();
  });

  it('refuses a file written by a newer Paja', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-sqlite-new-'));
    dirs.push(dir);
    const file = SqliteDatabase.fileIn(dir);
    const newer = new Database(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => new SqliteDatabase(file)).toThrow(SchemaTooNewError);
  });
});

/** A side write without a kind: it breaks a NOT NULL constraint inside the transaction. */
const BROKEN_SIDE_WRITE = { kind: null, key: 'k', value: '1' } as unknown as SideWrite;

/** Three boards' appends in one turn, the middle one with a broken side write; settled. */
function appendWithBrokenMiddle(
  storage: WorkerSqliteStorage,
  [first, middle, last]: readonly [string, string, string],
) {
  return Promise.allSettled([
    storage.appendUpdates(first, [new Uint8Array([1])]),
    storage.appendUpdates(middle, [new Uint8Array([2])], [BROKEN_SIDE_WRITE]),
    storage.appendUpdates(last, [new Uint8Array([3])]),
  ]);
}

/**
 * A worker storage in a fresh directory for `use`, closed and removed after. Every round goes to
 * the worker unless `options` say otherwise: these tests are about its rounds.
 */
async function withWorkerStorage(
  use: (storage: WorkerSqliteStorage, dir: string) => Promise<void>,
  options: WorkerSqliteOptions = { commitQuietRoundsHere: false },
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-sqlite-worker-'));
  const storage = WorkerSqliteStorage.open(dir, options);
  try {
    await use(storage, dir);
  } finally {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('sqlite in a worker thread, appends', () => {
  it('stores an update that is a view into a larger buffer as exactly its own bytes', async () => {
    await withWorkerStorage(async (storage) => {
      await storage.createBoard('view-board', new Uint8Array([0, 0]));
      // As a socket hands it over: a few bytes in the middle of a 64 KiB read buffer.
      const readBuffer = new Uint8Array(64 * 1024).fill(7);
      readBuffer.set([1, 2, 3, 4, 5], 1000);
      await storage.appendUpdates('view-board', [readBuffer.subarray(1000, 1005)]);
      const stored = await storage.loadBoard('view-board');
      expect(stored?.updates.map((u) => [...u])).toEqual([[1, 2, 3, 4, 5]]);
    });
  });

  it('sends the commits of many boards made in one turn to the worker as one round', async () => {
    await withWorkerStorage(async (storage) => {
      const boards = Array.from({ length: 20 }, (_, i) => `round-board-${i}`);
      await Promise.all(boards.map((id) => storage.createBoard(id, new Uint8Array([0, 0]))));
      const before = storage.roundsPosted;
      const committed = await Promise.all(
        boards.map((id, i) => storage.appendUpdates(id, [new Uint8Array([i])])),
      );
      expect(storage.roundsPosted - before).toBe(1);
      expect(committed.map((c) => c.lastSeq)).toEqual(boards.map(() => 1));
      for (const [i, id] of boards.entries()) {
        expect((await storage.loadBoard(id))?.updates.map((u) => [...u])).toEqual([[i]]);
      }
    });
  });

  it("answers a round's commits at once when slower requests follow them in it", async () => {
    await withWorkerStorage(async (storage) => {
      await Promise.all(
        ['early-1', 'early-2'].map((id) => storage.createBoard(id, new Uint8Array([0, 0]))),
      );
      const rounds = storage.roundsPosted;
      const answers = storage.answersReceived;
      // Appends only: one round there, one message back.
      await Promise.all(
        ['early-1', 'early-2'].map((id) => storage.appendUpdates(id, [new Uint8Array([1])])),
      );
      expect(storage.roundsPosted - rounds).toBe(1);
      expect(storage.answersReceived - answers).toBe(1);
      // Appends, then a load (a 20 MB board's could take a while): the commits' answers leave
      // before the load is read, so their `saved` does not wait for it.
      const [, , loaded] = await Promise.all([
        storage.appendUpdates('early-1', [new Uint8Array([2])]),
        storage.appendUpdates('early-2', [new Uint8Array([2])]),
        storage.loadBoard('early-1'),
      ]);
      expect(storage.roundsPosted - rounds).toBe(2);
      expect(storage.answersReceived - answers).toBe(3);
      expect(loaded?.updates.map((u) => [...u])).toEqual([[1], [2]]);
    });
  });

  it('gathers the appends of many turns into rounds at most every ROUND_GATHER_MS, in order', async () => {
    await withWorkerStorage(async (storage) => {
      await storage.createBoard('busy-board', new Uint8Array([0, 0]));
      const before = storage.roundsPosted;
      const started = performance.now();
      const appends: Promise<unknown>[] = [];
      for (let i = 1; i <= 11; i++) {
        appends.push(storage.appendUpdates('busy-board', [new Uint8Array([i])]));
        // Each in a turn of its own, as ten boards' writers' updates arrive.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const elapsed = performance.now() - started;
      await Promise.all(appends);
      // The first round leaves at once; the rest gather until ROUND_GATHER_MS after it (one
      // more round per ROUND_GATHER_MS that the turns took, on a slow machine).
      const rounds = storage.roundsPosted - before;
      expect(rounds).toBeGreaterThanOrEqual(1);
      expect(rounds).toBeLessThanOrEqual(2 + Math.floor(elapsed / ROUND_GATHER_MS));
      const stored = await storage.loadBoard('busy-board');
      expect(stored?.updates.map((u) => u[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });
  });

  it("posts a round of appends at once when the last left a board's gathering time ago", async () => {
    await withWorkerStorage(async (storage) => {
      await storage.createBoard('quiet-board', new Uint8Array([0, 0]));
      for (let i = 1; i <= 4; i++) {
        // As a busy board's commits come (CommitPacing): never held a second time here.
        await new Promise((resolve) => setTimeout(resolve, COMMIT_GATHER_MS));
        const before = storage.roundsPosted;
        const committed = storage.appendUpdates('quiet-board', [new Uint8Array([i])]);
        // Posted after this turn, not held: a quiet server commits at once.
        await new Promise((resolve) => setImmediate(resolve));
        expect(storage.roundsPosted - before).toBe(1);
        await committed;
      }
      const stored = await storage.loadBoard('quiet-board');
      expect(stored?.updates.map((u) => u[0])).toEqual([1, 2, 3, 4]);
    });
  });

  it("fails only the board whose append fails, not the others' in the same round", async () => {
    await withWorkerStorage(async (storage) => {
      for (const id of ['good-1', 'bad', 'good-2']) {
        await storage.createBoard(id, new Uint8Array([0, 0]));
      }
      const before = storage.roundsPosted;
      const [good1, bad, good2] = await appendWithBrokenMiddle(storage, [
        'good-1',
        'bad',
        'good-2',
      ]);
      expect(storage.roundsPosted - before).toBe(1);
      expect(good1).toEqual({ status: 'fulfilled', value: { lastSeq: 1, lastSideSeq: 0 } });
      expect(good2).toEqual({ status: 'fulfilled', value: { lastSeq: 1, lastSideSeq: 0 } });
      expect(bad.status).toBe('rejected');
      expect((await storage.loadBoard('good-1'))?.updates.map((u) => [...u])).toEqual([[1]]);
      expect((await storage.loadBoard('good-2'))?.updates.map((u) => [...u])).toEqual([[3]]);
      // Nothing of the failed board's append is stored, its update neither.
      const failed = await storage.loadBoard('bad');
      expect(failed?.updates).toEqual([]);
      expect(failed?.side).toEqual([]);
      expect(failed?.lastSeq).toBe(0);
    });
  });

  it("fails a quiet board's append alone (a round of one) with nothing of it stored", async () => {
    await withWorkerStorage(async (storage) => {
      await storage.createBoard('alone', new Uint8Array([0, 0]));
      // The update is inserted before the side write breaks: it must be rolled back with it.
      await expect(
        storage.appendUpdates('alone', [new Uint8Array([2])], [BROKEN_SIDE_WRITE]),
      ).rejects.toThrow();
      await expect(storage.appendUpdates('missing', [new Uint8Array([2])])).rejects.toMatchObject({
        name: 'BoardMissingError',
      });
      const after = await storage.loadBoard('alone');
      expect(after?.updates).toEqual([]);
      expect(after?.lastSeq).toBe(0);
      // No transaction was left open: the next append commits and is numbered first.
      expect(await storage.appendUpdates('alone', [new Uint8Array([3])])).toEqual({
        lastSeq: 1,
        lastSideSeq: 0,
      });
    });
  });
});

describe('sqlite in a worker thread, quiet rounds committed on the server thread', () => {
  // No budget and no stall pause: a slow fsync on a loaded machine must not decide these.
  const here = {
    commitQuietRoundsHere: true,
    quietCommitBudgetMs: Number.POSITIVE_INFINITY,
    quietCommitStallMs: Number.POSITIVE_INFINITY,
  };

  it('commits a quiet round here, durably, and numbers it in order with the worker', async () => {
    await withWorkerStorage(async (storage, dir) => {
      await storage.createBoard('quiet', new Uint8Array([0, 0]));
      const posted = storage.roundsPosted;
      const committed = await storage.appendUpdates('quiet', [new Uint8Array([1])]);
      expect(committed).toEqual({ lastSeq: 1, lastSideSeq: 0 });
      expect(storage.roundsPosted - posted).toBe(0);
      expect(storage.roundsCommittedHere).toBe(1);
      // A load goes to the worker; the append after it too, while the load is in flight.
      const [loaded, next] = await Promise.all([
        storage.loadBoard('quiet'),
        storage.appendUpdates('quiet', [new Uint8Array([2])]),
      ]);
      expect(loaded?.updates.map((u) => [...u])).toEqual([[1]]);
      expect(next.lastSeq).toBe(2);
      expect(storage.roundsCommittedHere).toBe(1);
      // Committed here again once the worker is idle, numbered after the worker's.
      expect((await storage.appendUpdates('quiet', [new Uint8Array([3])])).lastSeq).toBe(3);
      expect(storage.roundsCommittedHere).toBe(2);
      // On disk: another connection sees all three, in order.
      const other = new SqliteDatabase(SqliteDatabase.fileIn(dir));
      expect(other.loadBoard('quiet')?.updates.map((u) => u[0])).toEqual([1, 2, 3]);
      other.close();
    }, here);
  });

  it('commits the appends of many boards made in one turn as one transaction here', async () => {
    await withWorkerStorage(async (storage) => {
      const boards = ['one', 'two', 'three'] as const;
      for (const id of boards) await storage.createBoard(id, new Uint8Array([0, 0]));
      const posted = storage.roundsPosted;
      const before = storage.roundsCommittedHere;
      const [one, two, three] = await appendWithBrokenMiddle(storage, boards);
      expect(storage.roundsCommittedHere - before).toBe(1);
      expect(storage.roundsPosted - posted).toBe(0);
      expect(one).toEqual({ status: 'fulfilled', value: { lastSeq: 1, lastSideSeq: 0 } });
      expect(two.status).toBe('rejected');
      expect(three).toEqual({ status: 'fulfilled', value: { lastSeq: 1, lastSideSeq: 0 } });
      expect((await storage.loadBoard('two'))?.updates).toEqual([]);
    }, here);
  });

  it('hands a round to the worker when another connection holds the lock, and loses nothing', async () => {
    await withWorkerStorage(async (storage, dir) => {
      await storage.createBoard('locked', new Uint8Array([0, 0]));
      await storage.appendUpdates('locked', [new Uint8Array([1])]);
      expect(storage.roundsCommittedHere).toBe(1);
      // Another process's connection (a backup, the command line) writes for a moment.
      const other = new Database(SqliteDatabase.fileIn(dir));
      other.exec('BEGIN IMMEDIATE');
      const posted = storage.roundsPosted;
      const append = storage.appendUpdates('locked', [new Uint8Array([2])]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The server thread did not wait for the lock: the worker does, and commits after it.
      expect(storage.roundsPosted - posted).toBe(1);
      other.exec('COMMIT');
      other.close();
      expect((await append).lastSeq).toBe(2);
      // A locked file pauses commits here: the next goes to the worker too.
      await storage.appendUpdates('locked', [new Uint8Array([3])]);
      expect(storage.roundsCommittedHere).toBe(1);
      expect((await storage.loadBoard('locked'))?.updates.map((u) => u[0])).toEqual([1, 2, 3]);
    }, here);
  });

  it('asks the worker to checkpoint the log, which the server thread never does', async () => {
    await withWorkerStorage(async (storage, dir) => {
      await storage.createBoard('long', new Uint8Array([0, 0]));
      // The one made while the worker checkpoints goes there.
      let appended = 0;
      while (storage.roundsCommittedHere < 300 && appended < 400) {
        await storage.appendUpdates('long', [new Uint8Array(2000).fill(appended++)]);
      }
      expect(storage.roundsCommittedHere).toBe(300);
      // After the worker's checkpoint the log started over: it holds the pages of the commits
      // made since (a few each), not of all 300 and more.
      const other = new Database(SqliteDatabase.fileIn(dir));
      const [{ log }] = other.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
      other.close();
      expect(log).toBeLessThan(300);
      expect((await storage.loadBoard('long'))?.updates).toHaveLength(appended);
    }, here);
  });
});

describe('the budget of commits on the server thread', () => {
  it('allows them until they took their share of the second, then again in the next', () => {
    const budget = new QuietCommitBudget();
    // Commits below the stall threshold, until the share is spent.
    const each = QUIET_COMMIT_STALL_MS / 2;
    for (let spent = 0; spent < QUIET_COMMIT_BUDGET_MS; spent += each) {
      expect(budget.allows(1000 + spent)).toBe(true);
      budget.spent(each, 1000 + spent);
    }
    expect(budget.allows(1500)).toBe(false);
    expect(budget.allows(2000)).toBe(true);
  });

  it('sends every commit to the worker for a while after one was slow', () => {
    const budget = new QuietCommitBudget();
    expect(budget.allows(0)).toBe(true);
    budget.spent(QUIET_COMMIT_STALL_MS + 1, 30);
    expect(budget.allows(1500)).toBe(false);
    expect(budget.allows(30 + QUIET_COMMIT_PAUSE_MS - 1)).toBe(false);
    expect(budget.allows(30 + QUIET_COMMIT_PAUSE_MS)).toBe(true);
  });
});
