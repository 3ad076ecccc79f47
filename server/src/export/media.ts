import type { BoardView } from '@paja/shared';
import type { Storage } from '../storage/Storage';
import type { ExportImages } from './svg';

/**
 * The files of a board's image items, read from storage for an export (the document only
 * names them). Read before the export is queued: the worker gets bytes, not a storage.
 */
export async function exportImages(
  storage: Storage,
  boardId: string,
  view: BoardView,
): Promise<ExportImages> {
  const images = new Map<string, { mime: string; data: Uint8Array }>();
  for (const note of view.notes) {
    if (note.media?.kind !== 'image' || images.has(note.media.blob)) continue;
    const file = await storage.blobs.get(boardId, note.media.blob);
    if (file && file.kind === 'image') images.set(file.id, { mime: file.mime, data: file.data });
  }
  return images;
}
