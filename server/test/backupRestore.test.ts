import fs from 'node:fs';
import path from 'node:path';
import { createNote, readBoard, setNoteText } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, runDataCommand } from '../src/cli';
import { loadConfig } from '../src/config';
import { loadBoardDoc } from '../src/export/loadDoc';
import { SqliteStorage } from '../src/storage/SqliteStorage';
import { createBoardOver, type RunningServer, startServer, tempDir } from './harness';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.server.close();
  running = null;
});

async function boardsOf(dataDir: string, ids: readonly string[]) {
  const storage = SqliteStorage.open(dataDir);
  const boards: unknown[] = [];
  for (const id of ids) {
    const doc = await loadBoardDoc(storage, id);
    const stored = await storage.loadBoard(id);
    boards.push({
      board: doc && readBoard(doc),
      side: stored?.side.sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : 1)),
    });
    doc?.destroy();
  }
  await storage.close();
  return boards;
}

describe('pnpm paja backup and restore', () => {
  it('backs up the data directory while the server writes; restore gives identical boards', async () => {
    const dataDir = tempDir();
    running = await startServer(dataDir);
    const { url } = running;
    const ids: string[] = [];
    for (const title of ['Työpaja 1', 'Työpaja 2']) {
      const board = await createBoardOver(url, title);
      ids.push(board.id);
      const room = await running.server.rooms.get(board.id);
      room?.transactAsServer((doc) => {
        for (let i = 0; i < 50; i++) {
          createNote(doc, {
            x: i * 10,
            y: 0,
            text: `Lappu ${i} åäö`,
            authorId: 'p',
            authorName: 'Åsa',
            id: `n${i}`,
          });
        }
      });
      await fetch(`${url}/api/boards/${board.id}/snapshots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.token}` },
        body: JSON.stringify({ name: 'Välitila', by: 'Fanni' }),
      });
      await room?.committed();
    }
    fs.writeFileSync(path.join(dataDir, 'secret'), 'the-secret-of-this-test\n');
    const config = loadConfig({ PAJA_DATA_DIR: dataDir });

    // Edits keep arriving while the backup copies the file.
    const room = await running.server.rooms.get(ids[0] as string);
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        room?.transactAsServer((doc) => setNoteText(doc, 'n1', `muokattu ${i++}`));
        await room?.committed();
      }
    })();
    const out = path.join(tempDir(), 'varmuuskopio');
    const made = (await runDataCommand(['backup', '--out', out], config)) as {
      boards: number;
      files: string[];
    };
    writing = false;
    await writer;
    expect(made.boards).toBe(2);
    expect(made.files).toEqual(['secret']);
    await running.server.close();
    running = null;

    // Restore into a fresh data directory: the same boards as in the backup.
    const fresh = tempDir();
    const restored = (await runDataCommand(
      ['restore', '--from', out],
      loadConfig({ PAJA_DATA_DIR: fresh }),
    )) as {
      boards: number;
    };
    expect(restored.boards).toBe(2);
    expect(await boardsOf(fresh, ids)).toEqual(await boardsOf(out, ids));
    expect(fs.readFileSync(path.join(fresh, 'secret'), 'utf8')).toBe('the-secret-of-this-test\n');
    const [first] = (await boardsOf(fresh, ids)) as Array<{ board: { notes: unknown[] } }>;
    expect(first?.board.notes).toHaveLength(50);

    // Onto a data directory that has a database: refused without --force, kept beside with it.
    await expect(
      runDataCommand(['restore', '--from', out], loadConfig({ PAJA_DATA_DIR: dataDir })),
    ).rejects.toThrow(/--force/);
    const forced = (await runDataCommand(
      ['restore', '--from', out, '--force'],
      loadConfig({ PAJA_DATA_DIR: dataDir }),
    )) as {
      keptAs: string;
    };
    expect(fs.existsSync(forced.keptAs)).toBe(true);
    expect(await boardsOf(dataDir, ids)).toEqual(await boardsOf(out, ids));
  });

  it('imports a CSV file as a new board from the command line', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'laput.csv');
    fs.writeFileSync(
      file,
      'Teksti;Aihe;Kirjoittaja\nPyöräily;Liikenne;Åsa\nBussit;Liikenne;Bo\n;Tyhjä;\nKirjasto;;\n',
    );
    const storage = SqliteStorage.open(dataDir);
    const config = loadConfig({ PAJA_DATA_DIR: dataDir });
    const result = (await runCommand(
      ['import', '--file', file, '--title', 'Tuotu'],
      config,
      storage,
      'x'.repeat(40),
    )) as {
      id: string;
      notes: number;
      emptySkipped: number;
      columns: Record<string, string | null>;
    };
    expect(result).toMatchObject({ notes: 3, emptySkipped: 1 });
    expect(result.columns).toMatchObject({ text: 'Teksti', topic: 'Aihe', author: 'Kirjoittaja' });
    const doc = await loadBoardDoc(storage, result.id);
    const board = doc && readBoard(doc);
    expect(board?.meta.title).toBe('Tuotu');
    expect(board?.notes.map((n) => n.text).sort()).toEqual(['Bussit', 'Kirjasto', 'Pyöräily']);
    expect(board?.clusters.map((c) => [c.title, c.members.length])).toEqual([['Liikenne', 2]]);
    await storage.close();
  });
});
