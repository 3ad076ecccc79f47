import { createNote, encodeSaveRequest, readNotes } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  cleanups,
  connectClient,
  createBoardOver,
  startInMemory,
  trackSaved,
  waitFor,
} from './harness';

const cleanup = cleanups();

describe('an edit made as the socket reopens', () => {
  it('is not refused: the server asks for what it lacks, and nothing is lost (10 of 10)', {
    timeout: 60_000,
  }, async () => {
    const { server, storage, port } = await startInMemory(cleanup);
    const board = await createBoardOver(`http://127.0.0.1:${port}`);
    const wsUrl = `ws://127.0.0.1:${port}/sync`;
    const watcher = connectClient(wsUrl, board.id, { token: board.token });
    // A stock provider that also asks for `saved`, as Paja's own client does.
    const racer = connectClient(wsUrl, board.id, { token: board.token, paja: '1' });
    cleanup.push(
      () => watcher.destroy(),
      () => racer.destroy(),
    );
    const saved = trackSaved(racer);
    await Promise.all([watcher.synced, racer.synced]);
    const closes: number[] = [];
    racer.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });

    let marker = 0;
    for (let round = 0; round < 10; round++) {
      racer.provider.disconnect();
      // Offline: an edit the server does not have.
      createNote(racer.doc, {
        x: round,
        y: 0,
        text: `offline ${round}`,
        authorId: 'r',
        authorName: 'R',
      });
      // Online again, and in the same turn as the socket opens (before the provider sends its
      // sync step 1, let alone its step 2) an edit that builds on the offline one.
      const onStatus = ({ status }: { status: string }) => {
        if (status !== 'connected') return;
        racer.provider.off('status', onStatus);
        createNote(racer.doc, {
          x: round,
          y: 1,
          text: `racing ${round}`,
          authorId: 'r',
          authorName: 'R',
        });
        marker++;
        racer.provider.ws?.send(encodeSaveRequest(marker));
      };
      racer.provider.on('status', onStatus);
      racer.provider.connect();
      const expected = 2 * (round + 1);
      await waitFor(
        () => readNotes(watcher.doc).length === expected,
        `round ${round} at the watcher`,
      );
      // "Saved" covers the racing edit too, and only once storage has it.
      await waitFor(() => saved.marker() >= marker, `round ${round} confirmed`);
      const stored = await storage.loadBoard(board.id);
      const texts = new Set<string>();
      const copy = new Y.Doc();
      if (stored?.snapshot) Y.applyUpdate(copy, stored.snapshot);
      for (const update of stored?.updates ?? []) Y.applyUpdate(copy, update);
      for (const note of readNotes(copy)) texts.add(note.text);
      expect(texts.has(`racing ${round}`)).toBe(true);
      expect(texts.has(`offline ${round}`)).toBe(true);
    }
    expect(closes).toEqual([]);
    expect(server.metrics.resyncs).toBeGreaterThanOrEqual(10);
    expect(server.metrics.rejected.size).toBe(0);
  });
});
