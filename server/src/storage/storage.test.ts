import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage } from './MemoryStorage';
import { SqliteStorage } from './SqliteStorage';
import { storageContract } from './storageContract';
import { WorkerSqliteStorage } from './WorkerSqliteStorage';

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

storageContract(
  'sqlite in a worker thread',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paja-sqlite-worker-'));
    dirs.push(dir);
    return WorkerSqliteStorage.open(dir);
  },
  async (previous) => {
    await previous.close();
    const dir = dirs.at(-1);
    if (!dir) throw new Error('reopen before open');
    return WorkerSqliteStorage.open(dir);
  },
);
