import { describe, expect, it } from 'vitest';
import { BlobExistsError, type StoredBlob } from './BlobStore';
import { mediaSweepContract } from './mediaSweepContract';
import { BoardMissingError, type Storage } from './Storage';

/**
 * What every adapter's `blobs` must do; run by storageContract for each adapter, with the
 * adapter the contract opened (`current`) and its way to reopen the same data.
 */
export function blobContract(
  current: () => Storage,
  reopen?: (previous: Storage) => Promise<Storage>,
): void {
  const file = (id: string, bytes: number[], more: Partial<StoredBlob> = {}): StoredBlob => ({
    id,
    kind: 'image',
    mime: 'image/png',
    name: `${id}.png`,
    bytes: bytes.length,
    createdAt: 1_000,
    data: new Uint8Array(bytes),
    ...more,
  });

  describe('files beside a board', () => {
    it('stores files, reads them back byte for byte, lists and counts them', async () => {
      const storage = current();
      await storage.createBoard('with-files', new Uint8Array([0, 0]));
      await storage.blobs.put('with-files', [
        file('img', [1, 2, 3], { createdAt: 2_000 }),
        file('img.thumb', [4], { kind: 'thumb', createdAt: 2_000 }),
      ]);
      await storage.blobs.put('with-files', [
        file('doc', [9, 9, 9, 9, 0, 255], {
          kind: 'attachment',
          mime: 'application/pdf',
          name: 'Pöytäkirja 2.pdf',
          createdAt: 1_500,
        }),
      ]);
      const image = await storage.blobs.get('with-files', 'img');
      expect(image && [...image.data]).toEqual([1, 2, 3]);
      expect(image).toMatchObject({ kind: 'image', mime: 'image/png', bytes: 3, createdAt: 2_000 });
      const doc = await storage.blobs.get('with-files', 'doc');
      expect(doc?.name).toBe('Pöytäkirja 2.pdf');
      expect(doc && [...doc.data]).toEqual([9, 9, 9, 9, 0, 255]);
      const listed = await storage.blobs.list('with-files');
      expect(listed.map((b) => b.id)).toEqual(['doc', 'img', 'img.thumb']);
      expect(listed[0]).toEqual({
        id: 'doc',
        kind: 'attachment',
        mime: 'application/pdf',
        name: 'Pöytäkirja 2.pdf',
        bytes: 6,
        createdAt: 1_500,
      });
      expect(await storage.blobs.totalBytes('with-files')).toBe(10);
      expect(await storage.blobs.get('with-files', 'nothing')).toBeNull();
    });

    it('keeps boards apart', async () => {
      const storage = current();
      await storage.createBoard('files-a', new Uint8Array([0, 0]));
      await storage.createBoard('files-b', new Uint8Array([0, 0]));
      await storage.blobs.put('files-a', [file('same-id', [1])]);
      await storage.blobs.put('files-b', [file('same-id', [2, 2])]);
      expect([...((await storage.blobs.get('files-a', 'same-id'))?.data ?? [])]).toEqual([1]);
      expect(await storage.blobs.totalBytes('files-b')).toBe(2);
      expect(await storage.blobs.list('files-c')).toEqual([]);
      expect(await storage.blobs.totalBytes('files-c')).toBe(0);
    });

    it('refuses a taken id and a missing board, storing nothing of the refused call', async () => {
      const storage = current();
      await storage.createBoard('files-x', new Uint8Array([0, 0]));
      await storage.blobs.put('files-x', [file('taken', [1])]);
      await expect(
        storage.blobs.put('files-x', [file('fresh', [5]), file('taken', [7])]),
      ).rejects.toBeInstanceOf(BlobExistsError);
      expect(await storage.blobs.get('files-x', 'fresh')).toBeNull();
      expect([...((await storage.blobs.get('files-x', 'taken'))?.data ?? [])]).toEqual([1]);
      await expect(storage.blobs.put('no-board', [file('a', [1])])).rejects.toBeInstanceOf(
        BoardMissingError,
      );
    });

    it('deletes files together and says how many there were', async () => {
      const storage = current();
      await storage.createBoard('files-d', new Uint8Array([0, 0]));
      await storage.blobs.put('files-d', [file('a', [1]), file('a.thumb', [2]), file('b', [3])]);
      expect(await storage.blobs.delete('files-d', ['a', 'a.thumb', 'never'])).toBe(2);
      expect((await storage.blobs.list('files-d')).map((b) => b.id)).toEqual(['b']);
      expect(await storage.blobs.totalBytes('files-d')).toBe(1);
    });

    it('deletes a board with its files', async () => {
      const storage = current();
      await storage.createBoard('files-gone', new Uint8Array([0, 0]));
      await storage.blobs.put('files-gone', [file('a', [1, 2])]);
      expect(await storage.deleteBoard('files-gone')).toBe(true);
      expect(await storage.blobs.get('files-gone', 'a')).toBeNull();
      expect(await storage.blobs.totalBytes('files-gone')).toBe(0);
    });

    if (reopen) {
      it('keeps files across a restart', async () => {
        let storage = current();
        await storage.createBoard('files-kept', new Uint8Array([0, 0]));
        const big = Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256);
        await storage.blobs.put('files-kept', [file('big', big)]);
        storage = await reopen(storage);
        try {
          const read = await storage.blobs.get('files-kept', 'big');
          expect(read?.bytes).toBe(300_000);
          expect(read?.data[12345]).toBe((12345 * 7) % 256);
        } finally {
          await storage.close();
        }
      });
    }
  });
  mediaSweepContract(current);
}
