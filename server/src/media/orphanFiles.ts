import { NoteKey, notesMap, readMedia } from '@paja/shared';
import type * as Y from 'yjs';
import { sideKind } from '../BoardSideState';
import type { BlobInfo } from '../storage/BlobStore';

/**
 * Which of a board's stored pictures nothing names any more, and when they may go.
 *
 * Deleting an image item leaves its file (and thumbnail) in storage, so that undo brings the
 * picture back; but the file keeps counting toward the board's size limit. A picture is
 * unreferenced when no item of the board now and no item of any of its snapshots names it.
 * A sweep (MediaSweep.ts) marks such a file with the time it first found it so (side state
 * kind `file-unreferenced`, key the file id), forgets the mark when something names the file
 * again (an undo, a restored snapshot), and deletes the file once it has been unreferenced for
 * the grace period (PAJA_MEDIA_GRACE_HOURS), so undo within that period still finds it.
 * Attachments are not items: they stay until a facilitator deletes them in the Files panel.
 */
export const UNREFERENCED = sideKind<{ since: number }>('file-unreferenced', (value) => {
  const since = (value as { since?: unknown } | null)?.since;
  if (typeof since !== 'number' || !Number.isFinite(since)) throw new Error('not a time');
  return { since };
});

/** The picture files the items of a document name (read straight from its notes map). */
export function picturesNamedBy(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const note of notesMap(doc).values()) {
    const media = readMedia(note.get(NoteKey.media));
    if (media !== null && typeof media === 'object' && media.kind === 'image') ids.add(media.blob);
  }
  return ids;
}

export interface SweepInput {
  /** Every stored file of the board. */
  files: readonly BlobInfo[];
  /** Pictures named by the board or one of its snapshots. */
  named: ReadonlySet<string>;
  /** The marks stored so far: file id -> since when it is unreferenced (ms). */
  marks: ReadonlyMap<string, number>;
  now: number;
  graceMs: number;
}

export interface SweepPlan {
  /** Unreferenced files found for the first time: mark them `now`. */
  mark: string[];
  /** Marks to forget: the file is named again, or is gone. */
  unmark: string[];
  /** Files unreferenced for the grace period: delete them (and their marks). */
  remove: string[];
}

/** What one sweep does; decides only, so that every way of running it does the same. */
export function planSweep({ files, named, marks, now, graceMs }: SweepInput): SweepPlan {
  const plan: SweepPlan = { mark: [], unmark: [], remove: [] };
  const present = new Set<string>();
  for (const file of files) {
    if (file.kind === 'attachment') continue;
    present.add(file.id);
    // A thumbnail lives and goes with its picture.
    const picture = file.kind === 'thumb' ? file.id.replace(/\.thumb$/, '') : file.id;
    const since = marks.get(file.id);
    if (named.has(picture)) {
      if (since !== undefined) plan.unmark.push(file.id);
    } else if (since === undefined) plan.mark.push(file.id);
    else if (now - since >= graceMs) plan.remove.push(file.id);
  }
  for (const id of marks.keys()) if (!present.has(id)) plan.unmark.push(id);
  return plan;
}
