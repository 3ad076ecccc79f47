import { createNote, deleteNotes } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/log';
import { MediaSweep } from '../src/media/MediaSweep';
import { cleanups, createBoardOver, noisyPng, startInMemory } from './harness';

const cleanup = cleanups();
const HOUR = 3_600_000;

function api(url: string, path: string, token: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

describe('pictures deleted from the board leave storage after the grace period', () => {
  it('a deleted picture stays for undo, then is deleted and stops counting toward the board size; a snapshot’s picture stays', async () => {
    // Room for two uploads (each about 2 x 38 kB: the picture and its thumbnail), not three.
    const { server, storage, url } = await startInMemory(cleanup, { maxBoardBytes: 190_000 });
    const board = await createBoardOver(url, 'Kuvat');
    const upload = (seed: number) =>
      noisyPng(120, seed).then((body) =>
        api(url, `/api/boards/${board.id}/media?kind=image`, board.token, {
          method: 'POST',
          body,
        }),
      );
    const kept = (await (await upload(1)).json()) as { id: string };
    const deleted = (await (await upload(2)).json()) as { id: string };
    const room = await server.rooms.get(board.id);
    if (!room) throw new Error('no room');
    const place = (blob: string, id: string) =>
      room.transactAsServer((doc) =>
        createNote(doc, {
          id,
          x: 0,
          y: 0,
          text: '',
          authorId: 'a',
          authorName: 'Aino',
          media: { kind: 'image', blob, width: 120, height: 120 },
        }),
      );
    place(kept.id, 'kept-item');
    // The snapshot shows the first picture only.
    const snap = await api(url, `/api/boards/${board.id}/snapshots`, board.token, {
      method: 'POST',
      body: JSON.stringify({ name: 'Ennen' }),
    });
    expect(snap.status).toBe(201);
    place(deleted.id, 'deleted-item');
    const full = await upload(3);
    expect(full.status).toBe(413);

    // Both items deleted from the board.
    room.transactAsServer((doc) => deleteNotes(doc, ['kept-item', 'deleted-item']));
    await room.committed();
    const before = await storage.blobs.totalBytes(board.id);

    let now = Date.now();
    const sweep = new MediaSweep(storage, server.rooms, 24, silentLogger, () => now);
    expect(await sweep.sweepRoom(room)).toEqual({
      mark: [deleted.id, `${deleted.id}.thumb`],
      unmark: [],
      remove: [],
    });
    // Undo within the grace period: the item is back, the mark is forgotten.
    place(deleted.id, 'deleted-item');
    now += 23 * HOUR;
    expect((await sweep.sweepRoom(room))?.unmark).toEqual([deleted.id, `${deleted.id}.thumb`]);
    room.transactAsServer((doc) => deleteNotes(doc, ['deleted-item']));
    expect((await sweep.sweepRoom(room))?.mark).toHaveLength(2);

    // The board unloads; the next day someone opens it again.
    await room.close();
    now += 25 * HOUR;
    const again = await server.rooms.get(board.id);
    if (!again) throw new Error('no room');
    const swept = await sweep.sweepRoom(again);
    expect(swept?.remove).toEqual([deleted.id, `${deleted.id}.thumb`]);

    // Gone from storage and from the board's size; the picture its snapshot shows is kept.
    const after = await storage.blobs.totalBytes(board.id);
    expect(after).toBeLessThan(before / 2 + 1000);
    const get = (id: string) => api(url, `/api/boards/${board.id}/media/${id}`, board.token);
    expect((await get(deleted.id)).status).toBe(404);
    expect((await get(kept.id)).status).toBe(200);
    // So there is room for a new picture again.
    expect((await upload(3)).status).toBe(201);
  });

  it('a board that unloads is swept from storage: the picture deleted in the workshop is marked', async () => {
    const { server, storage, url } = await startInMemory(cleanup);
    const board = await createBoardOver(url, 'Työpaja');
    const body = await noisyPng(60);
    const response = await api(url, `/api/boards/${board.id}/media?kind=image`, board.token, {
      method: 'POST',
      body,
    });
    const picture = (await response.json()) as { id: string };
    const room = await server.rooms.get(board.id);
    await server.media.idle();
    room?.transactAsServer((doc) => {
      createNote(doc, {
        id: 'pic',
        x: 0,
        y: 0,
        text: '',
        authorId: 'a',
        authorName: 'Aino',
        media: { kind: 'image', blob: picture.id, width: 60, height: 60 },
      });
    });
    room?.transactAsServer((doc) => deleteNotes(doc, ['pic']));
    await room?.close();
    await server.media.idle();
    const marks = (await storage.loadBoard(board.id))?.side.filter(
      (r) => r.kind === 'file-unreferenced',
    );
    expect(marks?.map((r) => r.key).sort()).toEqual([picture.id, `${picture.id}.thumb`].sort());
  });
});
