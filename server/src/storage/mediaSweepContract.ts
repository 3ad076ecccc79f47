import { createNote } from '@paja/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sweepStoredBoard } from '../media/storedSweep';
import type { StoredBlob } from './BlobStore';
import type { Storage } from './Storage';

/**
 * The sweep of pictures nothing names (media/orphanFiles.ts), on every adapter: run by
 * blobContract with the storage the contract opened. It reads the board, its snapshots and
 * marks from storage and writes marks and deletions back, so each adapter must keep them.
 */
export function mediaSweepContract(current: () => Storage): void {
  const HOUR = 3_600_000;
  const GRACE = 24 * HOUR;
  const T0 = 1_700_000_000_000;
  const id = (letter: string) => letter.repeat(22);
  const file = (fileId: string, kind: StoredBlob['kind'], size: number): StoredBlob => ({
    id: fileId,
    kind,
    mime: kind === 'attachment' ? 'application/pdf' : 'image/png',
    name: `${fileId}.png`,
    bytes: size,
    createdAt: T0 - HOUR,
    data: new Uint8Array(size).fill(7),
  });
  /** A document whose image items show these pictures. */
  const docShowing = (...pictures: string[]) => {
    const doc = new Y.Doc();
    for (const blob of pictures) {
      createNote(doc, {
        x: 0,
        y: 0,
        text: '',
        authorId: 'a',
        authorName: 'Aino',
        media: { kind: 'image', blob, width: 10, height: 10 },
      });
    }
    return doc;
  };
  const picturesOf = (...letters: string[]) =>
    letters.flatMap((l) => [file(id(l), 'image', 100), file(`${id(l)}.thumb`, 'thumb', 10)]);

  describe('pictures nothing names are swept after a grace period', () => {
    it('marks a deleted picture, keeps it through the grace period, then deletes it; a snapshot’s picture and attachments stay', async () => {
      const storage = current();
      const board = 'sweep-board';
      await storage.createBoard(board, Y.encodeStateAsUpdate(docShowing(id('A'))));
      const snapshot = {
        id: '000000000000001-aa',
        name: 'Ennen',
        at: T0 - HOUR,
        by: 'Fanni',
        auto: null,
        state: Buffer.from(Y.encodeStateAsUpdate(docShowing(id('C')))).toString('base64'),
      };
      await storage.appendUpdates(
        board,
        [],
        [{ kind: 'snapshot', key: snapshot.id, value: JSON.stringify(snapshot) }],
      );
      await storage.blobs.put(board, [
        ...picturesOf('A', 'B', 'C'),
        file(id('D'), 'attachment', 1000),
      ]);
      expect(await storage.blobs.totalBytes(board)).toBe(3 * 110 + 1000);

      const sweep = (now: number) => sweepStoredBoard(storage, board, { now, graceMs: GRACE });
      expect(await sweep(T0)).toEqual({
        mark: [id('B'), `${id('B')}.thumb`],
        unmark: [],
        remove: [],
      });
      const marks = (await storage.loadBoard(board))?.side.filter(
        (r) => r.kind === 'file-unreferenced',
      );
      expect(marks?.map((r) => [r.key, JSON.parse(r.value)]).sort()).toEqual([
        [id('B'), { since: T0 }],
        [`${id('B')}.thumb`, { since: T0 }],
      ]);
      // Within the grace period (undo still finds the picture): nothing changes.
      expect(await sweep(T0 + GRACE - 1)).toEqual({ mark: [], unmark: [], remove: [] });
      expect(await storage.blobs.get(board, id('B'))).not.toBeNull();

      expect((await sweep(T0 + GRACE))?.remove).toEqual([id('B'), `${id('B')}.thumb`]);
      expect(await storage.blobs.get(board, id('B'))).toBeNull();
      expect((await storage.blobs.list(board)).map((f) => f.id).sort()).toEqual(
        [id('A'), `${id('A')}.thumb`, id('C'), `${id('C')}.thumb`, id('D')].sort(),
      );
      expect(await storage.blobs.totalBytes(board)).toBe(2 * 110 + 1000);
      const after = (await storage.loadBoard(board))?.side ?? [];
      expect(after.filter((r) => r.kind === 'file-unreferenced')).toEqual([]);
      expect(await sweep(T0 + 2 * GRACE)).toEqual({ mark: [], unmark: [], remove: [] });
    });

    it('forgets the mark of a picture named again (undo) and keeps it past the grace period', async () => {
      const storage = current();
      const board = 'sweep-undo';
      await storage.createBoard(board, Y.encodeStateAsUpdate(docShowing()));
      await storage.blobs.put(board, picturesOf('E'));
      const sweep = (now: number) => sweepStoredBoard(storage, board, { now, graceMs: GRACE });
      expect((await sweep(T0))?.mark).toEqual([id('E'), `${id('E')}.thumb`]);
      await storage.appendUpdates(board, [Y.encodeStateAsUpdate(docShowing(id('E')))]);
      expect(await sweep(T0 + GRACE + 1)).toEqual({
        mark: [],
        unmark: [id('E'), `${id('E')}.thumb`],
        remove: [],
      });
      expect(await storage.blobs.totalBytes(board)).toBe(110);
    });
  });
}
