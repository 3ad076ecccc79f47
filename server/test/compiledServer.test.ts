import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createNote, readBoard } from '@paja/shared';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createBoardOver,
  type TestClient,
  tempDir,
  trackSaved,
  waitFor,
} from './harness';
import { type ServerProcess, spawnServer } from './serverProcess';

/*
 * The server `npm start` runs: server/build.mjs bundles it into dist/, and Node runs
 * dist/main.mjs without tsx. These drive that build as a person's browser would reach it:
 * a board, a note saved, Ctrl+C (SIGTERM), a restart, and exports that run in the compiled
 * export worker with the libraries it loads on first use.
 */

const serverDir = path.resolve(import.meta.dirname, '..');

async function exportFile(url: string, boardId: string, token: string, format: string) {
  const base = `${url}/api/boards/${boardId}/exports`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const started = await fetch(base, {
    method: 'POST',
    headers,
    body: JSON.stringify({ format, name: 'Fasilitaattori' }),
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  const deadline = Date.now() + 30_000;
  let status = 'queued';
  while ((status === 'queued' || status === 'running') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    ({ status } = (await (await fetch(`${base}/${id}`, { headers })).json()) as { status: string });
  }
  expect(status, `the ${format} export`).toBe('done');
  const file = await fetch(`${base}/${id}/file`, { headers });
  expect(file.status).toBe(200);
  return Buffer.from(await file.arrayBuffer());
}

describe('the compiled server (npm start)', () => {
  const processes: ServerProcess[] = [];
  const clients: TestClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  });

  beforeAll(() => {
    execFileSync(process.execPath, ['build.mjs'], { cwd: serverDir, stdio: 'pipe' });
  }, 120_000);

  it('is built without tsx, and a second build with nothing changed is skipped', () => {
    const bundle = fs.readFileSync(path.join(serverDir, 'dist/main.mjs'), 'utf8');
    expect(bundle).not.toMatch(/from ["']tsx/);
    // Built with keepNames, every closure Yjs makes was wrapped in `__name`, and applying an
    // update took several times as long (build.mjs).
    expect(bundle).not.toContain('__name(');
    for (const worker of ['sqliteWorkerEntry', 'exportWorkerEntry', 'mergeWorker', 'decodeChild']) {
      const code = fs.readFileSync(path.join(serverDir, `dist/${worker}.mjs`), 'utf8');
      expect(code, worker).not.toMatch(/["']tsx/);
    }
    const again = execFileSync(process.execPath, ['build.mjs'], { cwd: serverDir }).toString();
    expect(again).toContain('up to date');
  });

  it('keeps a saved note over SIGTERM and a restart, and renders PDF and PNG exports', {
    timeout: 90_000,
  }, async () => {
    const dataDir = tempDir();
    const first = await spawnServer(dataDir, {}, 'compiled');
    processes.push(first);
    const board = await createBoardOver(first.url, 'Äänekoski');
    const writer = connectClient(`ws://127.0.0.1:${first.port}/sync`, board.id, {
      token: board.token,
      paja: '1',
    });
    clients.push(writer);
    const saved = trackSaved(writer);
    await writer.synced;
    createNote(writer.doc, { x: 0, y: 0, text: 'Pyöräily', authorId: 'a', authorName: 'Åsa' });
    const clock = Y.getState(writer.doc.store, writer.doc.clientID);
    await waitFor(() => saved.clock() >= clock, 'the note saved');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await spawnServer(dataDir, {}, 'compiled');
    processes.push(second);
    const reader = connectClient(`ws://127.0.0.1:${second.port}/sync`, board.id, {
      token: board.token,
    });
    clients.push(reader);
    await reader.synced;
    expect(readBoard(reader.doc).notes.map((n) => n.text)).toEqual(['Pyöräily']);

    const pdf = await exportFile(second.url, board.id, board.token, 'pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const png = await exportFile(second.url, board.id, board.token, 'png');
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('stops at start, saying why, when its database cannot be opened', async () => {
    // The database opens in the storage worker after the server listens (main.ts); a file
    // that cannot be opened must still end the start, not leave a server that saves nothing.
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'paja.sqlite'));
    const start = spawnServer(dataDir, {}, 'compiled');
    await expect(start).rejects.toThrow(
      /exited \(1\)[\s\S]*cannot open its storage[\s\S]*paja\.sqlite/,
    );
  });

  it('runs the admin command line compiled (pnpm paja): a board it makes is served and exported', {
    timeout: 90_000,
  }, async () => {
    const cli = fs.readFileSync(path.join(serverDir, 'dist/cli.mjs'), 'utf8');
    expect(cli).not.toMatch(/["']tsx/);
    const dataDir = tempDir();
    const env = {
      ...process.env,
      PAJA_DATA_DIR: dataDir,
      PAJA_SECRET: 'process-test-secret-long-enough-0123456789',
      INIT_CWD: dataDir,
    };
    // What `pnpm paja` runs (server/package.json), in server/ as pnpm runs it.
    const paja = (...args: string[]) =>
      JSON.parse(
        execFileSync(process.execPath, ['../scripts/paja.mjs', ...args], {
          cwd: serverDir,
          env,
        }).toString(),
      );
    const made = paja('board', 'create', '--title', 'Äänekoski');
    const token = new URL(made.links.facilitator).hash.replace('#t=', '');
    const server = await spawnServer(dataDir, {}, 'compiled');
    processes.push(server);
    const writer = connectClient(`ws://127.0.0.1:${server.port}/sync`, made.id, {
      token,
      paja: '1',
    });
    clients.push(writer);
    const saved = trackSaved(writer);
    await writer.synced;
    expect(readBoard(writer.doc).meta.title).toBe('Äänekoski');
    createNote(writer.doc, { x: 0, y: 0, text: 'Pyöräily', authorId: 'a', authorName: 'Åsa' });
    const clock = Y.getState(writer.doc.store, writer.doc.clientID);
    await waitFor(() => saved.clock() >= clock, 'the note saved');
    // While the server runs, as an operator would: the export holds the note.
    const exported = paja('export', '--board', made.id, '--format', 'md', '--out', 'board.md');
    expect(exported.out).toBe(path.join(dataDir, 'board.md'));
    expect(fs.readFileSync(exported.out, 'utf8')).toContain('Pyöräily');
  });
});
