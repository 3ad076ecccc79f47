import { createCluster, createNote, readBoard } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardSideState } from '../src/BoardSideState';
import { exportBoard } from '../src/export/exportBoard';
import { BoardHistory } from '../src/history/BoardHistory';
import { BoardRetention } from '../src/history/BoardRetention';
import { audit, auditLog } from '../src/history/boardAudit';
import { silentLogger } from '../src/log';
import {
  cleanups,
  closedWith,
  connectClient,
  createBoardOver,
  type RunningServer,
  startInMemory,
  startServer,
  tempDir,
} from './harness';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.server.close();
  running = null;
});

function call(url: string, path: string, token: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

const DAY = 24 * 3600_000;

describe('snapshot retention and deletion', () => {
  it('deletes automatic snapshots older than the retention period, keeps named ones, and logs it', () => {
    let now = 1_000 * DAY;
    const doc = new Y.Doc();
    const side = new BoardSideState([], { addSide: () => {} });
    const history = new BoardHistory(doc, side, { autoRetentionMs: 30 * DAY }, () => now);
    history.take({ name: '', by: '', auto: 'hourly' });
    history.take({ name: 'Työpaja 1', by: 'Fanni' });
    now += 31 * DAY;
    const fresh = history.take({ name: '', by: '', auto: 'phase' });
    expect(history.expire()).toBe(1);
    expect(history.list().map((s) => s.name || s.auto)).toEqual(['phase', 'Työpaja 1']);
    expect(history.delete(fresh.id, 'Fanni')).toBe(true);
    expect(auditLog(side).map((r) => [r.action, r.by])).toEqual([
      ['snapshot-deleted', 'Fanni'],
      ['snapshots-expired', ''],
    ]);
    const keepAll = new BoardHistory(doc, side, { autoRetentionMs: 0 }, () => now + 999 * DAY);
    expect(keepAll.expire()).toBe(0);
  });

  it('lists the records of one millisecond newest first, in the order they were written', () => {
    const side = new BoardSideState([], { addSide: () => {} });
    const names = Array.from({ length: 20 }, (_, i) => `Facilitator ${i}`);
    for (const by of names) audit(side, { action: 'snapshot-deleted', by, detail: '' }, 5_000);
    expect(auditLog(side).map((r) => r.by)).toEqual(names.toReversed());
  });

  it('takes a snapshot when the board is published; a deleted snapshot is in the audit log', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url);
    const published = await call(url, `/api/boards/${board.id}/publish`, board.token, {
      method: 'POST',
      body: JSON.stringify({ comments: true }),
    });
    expect(published.status).toBe(200);
    const list = (await (
      await call(url, `/api/boards/${board.id}/snapshots`, board.token)
    ).json()) as {
      snapshots: Array<{ id: string; auto: string | null }>;
    };
    expect(list.snapshots.map((s) => s.auto)).toEqual(['publish']);
    const id = list.snapshots[0]?.id ?? '';
    const gone = await call(url, `/api/boards/${board.id}/snapshots/${id}?by=Fanni`, board.token, {
      method: 'DELETE',
    });
    expect(gone.status).toBe(200);
    const log = (await (await call(url, `/api/boards/${board.id}/audit`, board.token)).json()) as {
      audit: Array<{ action: string; by: string }>;
    };
    expect(log.audit.map((r) => [r.action, r.by])).toEqual([['snapshot-deleted', 'Fanni']]);
  });
});

describe('the JSON backup imported over HTTP', () => {
  it('as a new board and onto an empty board: the same board both times; refusals say why', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url, 'Alkuperäinen');
    const room = await running.server.rooms.get(board.id);
    if (!room) throw new Error('no room');
    room.transactAsServer((doc) => {
      const a = createNote(doc, {
        x: 0,
        y: 0,
        text: 'Åland ja öljy',
        authorId: 'p1',
        authorName: 'Åsa',
      });
      createCluster(doc, { noteIds: [a], title: 'Aihe' });
    });
    const backup = (await exportBoard(room.doc, 'json')).bytes;

    const asNew = await fetch(`${url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: backup,
    });
    expect(asNew.status).toBe(201);
    const made = (await asNew.json()) as { id: string; token: string };
    const newRoom = await running.server.rooms.get(made.id);
    expect(newRoom && readBoard(newRoom.doc)).toEqual(readBoard(room.doc));

    const empty = await createBoardOver(url, 'Tyhjä');
    const onto = await call(url, `/api/boards/${empty.id}/import?by=Fanni`, empty.token, {
      method: 'POST',
      body: backup,
    });
    expect(onto.status).toBe(200);
    const emptyRoom = await running.server.rooms.get(empty.id);
    expect(emptyRoom && readBoard(emptyRoom.doc)).toEqual(readBoard(room.doc));

    // A board with content refuses; so do files that are not backups.
    const again = await call(url, `/api/boards/${empty.id}/import`, empty.token, {
      method: 'POST',
      body: backup,
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { problem: string }).problem).toBe('notEmpty');
    for (const [body, problem] of [
      ['not json', 'notJson'],
      ['{"format":"other"}', 'notBackup'],
      ['{"format":"paja-board","version":9}', 'version'],
    ] as const) {
      const refused = await fetch(`${url}/api/boards/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { problem: string }).problem).toBe(problem);
    }
  });
});

describe('board retention', () => {
  const cleanup = cleanups();

  it('deletes boards nobody changed for longer than the period, counted from the last change; people on one are told it is gone', async () => {
    const { server, storage, url, wsUrl } = await startInMemory(cleanup);
    const untouched = await createBoardOver(url, 'Vanha');
    const edited = await createBoardOver(url, 'Vanha mutta muokattu');
    await call(url, `/api/boards/${untouched.id}/snapshots`, untouched.token, {
      method: 'POST',
      body: JSON.stringify({ name: 'Loppu' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const fresh = await createBoardOver(url, 'Uusi');
    const watcher = connectClient(wsUrl, untouched.id, { token: untouched.token });
    const editor = connectClient(wsUrl, edited.id, { token: edited.token });
    cleanup.push(
      () => watcher.destroy(),
      () => editor.destroy(),
    );
    await Promise.all([watcher.synced, editor.synced]);
    const closed = closedWith(watcher);
    // Both old boards were made before `between`; only one is edited after it.
    createNote(editor.doc, {
      text: 'Vielä muokataan',
      x: 0,
      y: 0,
      authorId: 'a',
      authorName: 'Eeva',
    });
    await expect
      .poll(async () => (await storage.boardsUnchangedSince(between)).sort())
      .toEqual([untouched.id]);

    // Five days later, to the millisecond between the old boards' last changes.
    const now = () => between + 15 + 5 * DAY;
    expect(await new BoardRetention(storage, server.rooms, 6, silentLogger, now).sweep()).toEqual(
      [],
    );
    expect(await new BoardRetention(storage, server.rooms, 0, silentLogger, now).sweep()).toEqual(
      [],
    );
    expect(await new BoardRetention(storage, server.rooms, 5, silentLogger, now).sweep()).toEqual([
      untouched.id,
    ]);
    expect(await closed).toBe(4404);
    expect(await storage.loadBoard(untouched.id)).toBeNull();
    expect((await call(url, `/api/boards/${untouched.id}/snapshots`, untouched.token)).status).toBe(
      404,
    );
    // Created as long ago as the deleted one, but edited since: kept, with its edit.
    expect(await storage.boardExists(edited.id)).toBe(true);
    expect(await storage.boardExists(fresh.id)).toBe(true);
  });
});
