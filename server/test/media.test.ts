import { setPhase } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../src/media/imageFormat';
import { cleanups, createBoardOver, linkFor, noisyPng, png, startInMemory } from './harness';

const cleanup = cleanups();

function upload(
  url: string,
  boardId: string,
  token: string | null,
  body: Uint8Array | string,
  kind = 'image',
  name = 'kuva.png',
) {
  return fetch(`${url}/api/boards/${boardId}/media?kind=${kind}`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'image/png',
      'x-file-name': encodeURIComponent(name),
    },
    body,
  });
}

const codeOf = async (response: Response) =>
  ((await response.json()) as { code?: string }).code ?? null;

describe('images and attachments over HTTP', () => {
  it('takes an image from a participant, re-encoded, with a thumbnail, served to link holders only', async () => {
    const { url } = await startInMemory(cleanup);
    const board = await createBoardOver(url);
    const participant = await linkFor(url, board, 'participant');
    const viewer = await linkFor(url, board, 'viewer');
    const picture = Buffer.concat([await png(800, 400), Buffer.from('<script>alert(1)</script>')]);
    const response = await upload(url, board.id, participant, picture);
    expect(response.status).toBe(201);
    const image = (await response.json()) as { id: string; width: number; height: number };
    expect(image).toMatchObject({ width: 800, height: 400, mime: 'image/png' });

    const full = await fetch(`${url}/api/boards/${board.id}/media/${image.id}`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/png');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('content-disposition')).toMatch(/^inline; filename="kuva.png"/);
    expect(full.headers.get('content-security-policy')).toContain('sandbox');
    const bytes = new Uint8Array(await full.arrayBuffer());
    expect(readImageHeader(bytes)).toEqual({ format: 'png', width: 800, height: 400 });
    expect(Buffer.from(bytes).includes('<script>')).toBe(false);

    const thumb = await fetch(`${url}/api/boards/${board.id}/media/${image.id}?thumb`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(readImageHeader(new Uint8Array(await thumb.arrayBuffer()))?.width).toBe(320);

    // No link, another board's link: nothing.
    expect((await fetch(`${url}/api/boards/${board.id}/media/${image.id}`)).status).toBe(401);
    const other = await createBoardOver(url);
    const foreign = await fetch(`${url}/api/boards/${board.id}/media/${image.id}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(foreign.status).toBe(403);
    // Not published: the public address has nothing.
    expect((await fetch(`${url}/api/public/${board.id}/media/${image.id}`)).status).toBe(410);
    // Published: its images (not its attachments) are the public's too.
    const pdf = await upload(
      url,
      board.id,
      board.token,
      '%PDF-1.4\n%%EOF\n',
      'attachment',
      'a.pdf',
    );
    const attachment = (await pdf.json()) as { id: string };
    const publish = await fetch(`${url}/api/boards/${board.id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(publish.status).toBe(200);
    const open = await fetch(`${url}/api/public/${board.id}/media/${image.id}?thumb`);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${url}/api/public/${board.id}/media/${attachment.id}`)).status).toBe(404);
  });

  it('refuses a viewer, a closed phase, a non-image, an SVG with script, and a file too big', async () => {
    const { url, server } = await startInMemory(cleanup, { maxImageBytes: 50_000 });
    const board = await createBoardOver(url);
    const viewer = await linkFor(url, board, 'viewer');
    const participant = await linkFor(url, board, 'participant');
    const ok = await png(40, 40);
    const asViewer = await upload(url, board.id, viewer, ok);
    expect(asViewer.status).toBe(403);
    expect(await codeOf(asViewer)).toBe('notAllowed');

    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const asSvg = await upload(url, board.id, participant, svg, 'image', 'x.svg');
    expect(asSvg.status).toBe(415);
    expect(await codeOf(asSvg)).toBe('notAnImage');
    const asText = await upload(url, board.id, participant, 'just words, no picture at all here');
    expect(await codeOf(asText)).toBe('notAnImage');
    const cut = await upload(url, board.id, participant, ok.subarray(0, 60));
    expect(await codeOf(cut)).toBe('notAnImage');

    const huge = await upload(url, board.id, participant, new Uint8Array(60_000));
    expect(huge.status).toBe(413);
    // The limit comes with the refusal, so that the page can say it.
    expect(await huge.json()).toMatchObject({ code: 'tooBig', max: 50_000 });

    // A real PNG whose header announces 30,000 x 30,000 pixels: a picture too large, not "no picture".
    const bomb = Buffer.from(ok);
    bomb.writeUInt32BE(30_000, 16);
    bomb.writeUInt32BE(30_000, 20);
    const tooManyPixels = await upload(url, board.id, participant, bomb);
    expect(tooManyPixels.status).toBe(422);
    expect(await codeOf(tooManyPixels)).toBe('tooManyPixels');

    const room = await server.rooms.get(board.id);
    room?.transactAsServer((doc) => setPhase(doc, { addNotes: false }));
    const closed = await upload(url, board.id, participant, ok);
    expect(closed.status).toBe(403);
    expect(await codeOf(closed)).toBe('notAllowed');
    // The facilitator still may.
    expect((await upload(url, board.id, board.token, ok)).status).toBe(201);
  });

  it('counts files toward the board size limit', async () => {
    const { url } = await startInMemory(cleanup, { maxBoardBytes: 190_000 });
    const board = await createBoardOver(url);
    // Noise does not compress: each upload stores about 2 x 38 kB (the image, its thumbnail).
    const picture = await noisyPng(120);
    expect(picture.length).toBeGreaterThan(30_000);
    expect((await upload(url, board.id, board.token, picture)).status).toBe(201);
    expect((await upload(url, board.id, board.token, picture)).status).toBe(201);
    const third = await upload(url, board.id, board.token, picture);
    expect(third.status).toBe(413);
    expect(await codeOf(third)).toBe('boardFull');
  });

  it('keeps attachments: documents only, downloaded as attachments, deleted by facilitators', async () => {
    const { url } = await startInMemory(cleanup);
    const board = await createBoardOver(url);
    const participant = await linkFor(url, board, 'participant');
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const added = await upload(url, board.id, participant, pdf, 'attachment', '../Muistio <2>.exe');
    expect(added.status).toBe(201);
    const file = (await added.json()) as { id: string; name: string; mime: string };
    expect(file).toMatchObject({ name: 'Muistio 2.pdf', mime: 'application/pdf' });
    const html = await upload(url, board.id, participant, '<html><script>x</script>', 'attachment');
    expect(await codeOf(html)).toBe('typeNotAllowed');

    const listed = await fetch(`${url}/api/boards/${board.id}/media`, {
      headers: { authorization: `Bearer ${participant}` },
    });
    expect(((await listed.json()) as { attachments: unknown[] }).attachments).toHaveLength(1);
    const download = await fetch(`${url}/api/boards/${board.id}/media/${file.id}`, {
      headers: { authorization: `Bearer ${participant}` },
    });
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Muistio 2.pdf"/,
    );
    expect(download.headers.get('content-type')).toBe('application/pdf');

    const remove = (token: string) =>
      fetch(`${url}/api/boards/${board.id}/media/${file.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await remove(participant)).status).toBe(403);
    expect((await remove(board.token)).status).toBe(200);
    expect((await remove(board.token)).status).toBe(404);
  });
});
