import { createNote } from '@paja/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoardOver, linkFor, type RunningServer, startServer, tempDir } from './harness';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.server.close();
  running = null;
});

async function api(url: string, path: string, token: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

describe('exports over HTTP', () => {
  it('runs an export as a job, serves the file once done, and logs who exported what', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url, 'Äänekoski');
    const room = await running.server.rooms.get(board.id);
    room?.transactAsServer((doc) => {
      createNote(doc, { x: 0, y: 0, text: 'Pyöräily', authorId: 'a', authorName: 'Åsa' });
    });
    const base = `/api/boards/${board.id}/exports`;
    const started = await api(url, base, board.token, {
      method: 'POST',
      body: JSON.stringify({ format: 'csv', name: 'Fasilitaattori Ö' }),
    });
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string; status: string };
    await running.server.exports.idle();
    const status = (await (await api(url, `${base}/${job.id}`, board.token)).json()) as {
      status: string;
      progress: number;
      filename: string;
    };
    expect(status).toMatchObject({ status: 'done', progress: 1, filename: 'Äänekoski.csv' });
    const file = await api(url, `${base}/${job.id}/file`, board.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''%C3%84%C3%A4nekoski.csv",
    );
    expect(await file.text()).toContain('Pyöräily,Åsa');
    const log = (await (await api(url, base, board.token)).json()) as { exports: unknown[] };
    expect(log.exports).toMatchObject([
      { format: 'csv', role: 'facilitator', name: 'Fasilitaattori Ö', via: 'web' },
    ]);
  });

  it('lets viewers export, refuses participants and commenters, other boards and bad formats', async () => {
    running = await startServer(tempDir());
    const { url } = running;
    const board = await createBoardOver(url);
    const other = await createBoardOver(url);
    const base = `/api/boards/${board.id}/exports`;
    const post = (token: string, format = 'md') =>
      api(url, base, token, { method: 'POST', body: JSON.stringify({ format }) });
    const viewer = await linkFor(url, board, 'viewer');
    expect((await post(viewer)).status).toBe(202);
    expect((await api(url, base, viewer)).status).toBe(403); // the log is the facilitators'
    expect((await post(await linkFor(url, board, 'participant'))).status).toBe(403);
    expect((await post(await linkFor(url, board, 'commenter'))).status).toBe(403);
    expect((await post(other.token)).status).toBe(403);
    expect((await post('')).status).toBe(401);
    const bad = await post(board.token, 'gif');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/format must be one of/);
    // A job of one board is not found through another board's link.
    const job = (await (await post(board.token)).json()) as { id: string };
    await running.server.exports.idle();
    const sneak = await api(url, `/api/boards/${other.id}/exports/${job.id}/file`, other.token);
    expect(sneak.status).toBe(404);
  });
});
