import { createNote, deleteNotes, readBoard } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import type { BackupFile } from '../src/export/backupFiles';
import type { Storage } from '../src/storage/Storage';
import { cleanups, createBoardOver, png, startInMemory } from './harness';

const cleanup = cleanups();

interface Backup {
  board: unknown;
  files: BackupFile[];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

function api(url: string, path: string, token: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
}

async function uploadFile(
  url: string,
  board: { id: string; token: string },
  kind: 'image' | 'attachment',
  body: Buffer,
  name: string,
) {
  const response = await api(url, `/api/boards/${board.id}/media?kind=${kind}`, board.token, {
    method: 'POST',
    headers: { 'x-file-name': encodeURIComponent(name) },
    body,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; width: number; height: number };
}

async function fileBytes(url: string, boardId: string, token: string, path: string) {
  const response = await api(url, `/api/boards/${boardId}/media/${path}`, token);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** How many boards the storage holds (every board changed before the far future). */
const boardCount = async (storage: Storage) =>
  (await storage.boardsUnchangedSince(Date.now() + 3_600_000)).length;

describe('the JSON backup carries the board’s pictures and attachments', () => {
  it('export then import: the image, its thumbnail and the attachment come back byte for byte; hostile files are refused whole', async () => {
    const { server, storage, url } = await startInMemory(cleanup, {
      maxAttachmentBytes: 100_000,
    });
    const board = await createBoardOver(url, 'Kuvat ja liitteet');
    const image = await uploadFile(url, board, 'image', await png(600, 300), 'kartta.png');
    await uploadFile(url, board, 'attachment', PDF, 'Pöytäkirja.pdf');
    // An image uploaded but never placed: not on the board, so not in the backup.
    await uploadFile(url, board, 'image', await png(50, 50), 'hylätty.png');
    const room = await server.rooms.get(board.id);
    room?.transactAsServer((doc) => {
      createNote(doc, {
        x: 0,
        y: 0,
        text: 'Kartta alueesta',
        authorId: 'a',
        authorName: 'Åsa',
        media: { kind: 'image', blob: image.id, width: image.width, height: image.height },
      });
    });

    // The export, as the page runs it.
    const base = `/api/boards/${board.id}/exports`;
    const started = await api(url, base, board.token, {
      method: 'POST',
      body: JSON.stringify({ format: 'json' }),
    });
    const job = (await started.json()) as { id: string };
    await server.exports.idle();
    const exported = await api(url, `${base}/${job.id}/file`, board.token);
    const text = await exported.text();
    const backup = JSON.parse(text) as Backup;
    expect(backup.files.map((f) => [f.kind, f.id, f.name])).toEqual([
      ['image', image.id, 'kartta.png'],
      ['thumb', `${image.id}.thumb`, 'kartta.png'],
      ['attachment', expect.any(String), 'Pöytäkirja.pdf'],
    ]);

    const imported = async (body: string) => {
      const response = await fetch(`${url}/api/boards/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return {
        status: response.status,
        body: (await response.json()) as { id?: string; token?: string; problem?: string },
      };
    };
    const made = await imported(text);
    expect([made.status, made.body]).toEqual([201, expect.anything()]);
    const copy = { id: made.body.id ?? '', token: made.body.token ?? '' };
    const copyRoom = await server.rooms.get(copy.id);
    expect(copyRoom && readBoard(copyRoom.doc).notes[0]?.media).toEqual({
      kind: 'image',
      blob: image.id,
      width: 600,
      height: 300,
    });
    for (const path of [image.id, `${image.id}?thumb`]) {
      expect(
        (await fileBytes(url, copy.id, copy.token, path)).equals(
          await fileBytes(url, board.id, board.token, path),
        ),
      ).toBe(true);
    }
    const listed = (await (await api(url, `/api/boards/${copy.id}/media`, copy.token)).json()) as {
      attachments: Array<{ id: string; name: string }>;
    };
    expect(listed.attachments.map((a) => a.name)).toEqual(['Pöytäkirja.pdf']);
    expect(
      (await fileBytes(url, copy.id, copy.token, listed.attachments[0]?.id ?? '')).equals(PDF),
    ).toBe(true);
    // The files count toward the new board's size as they did on the old one.
    expect(await storage.blobs.totalBytes(copy.id)).toBe(
      backup.files.reduce((n, f) => n + f.bytes, 0),
    );

    // An older backup, without files, still imports (its image is then missing).
    const { files: _files, ...older } = backup;
    expect((await imported(JSON.stringify(older))).status).toBe(201);

    // Hostile files: each refuses the whole backup with its reason, and no board is made.
    const boards = await boardCount(storage);
    const withFiles = (change: (files: BackupFile[]) => BackupFile[]) =>
      JSON.stringify({ ...backup, files: change(structuredClone(backup.files)) });
    const html = Buffer.from('<html><script>alert(1)</script></html>'.padEnd(64, ' '));
    const cases: Array<[string, string, number]> = [
      [
        'fileType',
        withFiles(([img, ...rest]) => [
          { ...(img as BackupFile), data: html.toString('base64'), bytes: html.length },
          ...rest,
        ]),
        415,
      ],
      [
        'fileTooBig',
        withFiles((files) => {
          const big = Buffer.alloc(150_000, 'a');
          const doc = files[2] as BackupFile;
          return [
            ...files.slice(0, 2),
            { ...doc, mime: 'text/plain', data: big.toString('base64'), bytes: big.length },
          ];
        }),
        413,
      ],
      [
        'fileUnnamed',
        withFiles((files) => [
          ...files,
          { ...(files[0] as BackupFile), id: 'AAAAAAAAAAAAAAAAAAAAAA' },
        ]),
        400,
      ],
      [
        'fileUnnamed',
        withFiles((files) => [...files, { ...(files[2] as BackupFile), id: '../../etc' }]),
        400,
      ],
      [
        'fileBroken',
        withFiles(([img, ...rest]) => [{ ...(img as BackupFile), bytes: 12 }, ...rest]),
        400,
      ],
    ];
    for (const [problem, body, status] of cases) {
      const refused = await imported(body);
      expect([refused.body.problem, refused.status]).toEqual([problem, status]);
    }
    expect(await boardCount(storage)).toBe(boards);

    // Onto an empty board: the files are stored there too, and the image is served.
    const empty = await createBoardOver(url, 'Tyhjä');
    const onto = await api(url, `/api/boards/${empty.id}/import?by=Fanni`, empty.token, {
      method: 'POST',
      body: text,
    });
    expect(onto.status).toBe(200);
    expect(
      (await fileBytes(url, empty.id, empty.token, image.id)).equals(
        await fileBytes(url, board.id, board.token, image.id),
      ),
    ).toBe(true);
    // Emptied again (its items deleted, their files still there), the same backup goes onto it:
    // the files it has already are kept, the rest are stored.
    const emptyRoom = await server.rooms.get(empty.id);
    emptyRoom?.transactAsServer((doc) =>
      deleteNotes(
        doc,
        readBoard(doc).notes.map((n) => n.id),
      ),
    );
    await emptyRoom?.committed();
    const again = await api(url, `/api/boards/${empty.id}/import?by=Fanni`, empty.token, {
      method: 'POST',
      body: text,
    });
    expect(again.status).toBe(200);
    expect((await storage.blobs.list(empty.id)).length).toBe(3);
    // A refused import onto a board stores none of its files.
    const other = await createBoardOver(url, 'Toinen');
    const refusedOnto = await api(url, `/api/boards/${other.id}/import?by=Fanni`, other.token, {
      method: 'POST',
      body: cases[0]?.[1],
    });
    expect(refusedOnto.status).toBe(415);
    expect(await storage.blobs.list(other.id)).toEqual([]);
  });
});
