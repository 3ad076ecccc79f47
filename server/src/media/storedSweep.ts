import { storedDoc } from '../export/loadDoc';
import { SNAPSHOTS, type SnapshotRecord, snapshotDoc } from '../history/BoardHistory';
import type { SideWrite, Storage } from '../storage/Storage';
import { picturesNamedBy, planSweep, type SweepPlan, UNREFERENCED } from './orphanFiles';

/**
 * The pictures each snapshot names, by board and snapshot id, so that an hourly sweep does not
 * decode every snapshot again: a snapshot's items never change (forgetting a person rewrites
 * their names, never which pictures are shown).
 */
export class SnapshotPictures {
  readonly #boards = new Map<string, Map<string, Set<string>>>();

  /** `board` (the pictures the board names now) with those its snapshots name added. */
  named(boardId: string, board: Set<string>, snapshots: readonly SnapshotRecord[]): Set<string> {
    const known = this.#boards.get(boardId);
    const current = new Map<string, Set<string>>();
    for (const record of snapshots) {
      let pictures = known?.get(record.id);
      if (!pictures) {
        const doc = snapshotDoc(record);
        pictures = picturesNamedBy(doc);
        doc.destroy();
      }
      current.set(record.id, pictures);
      for (const id of pictures) board.add(id);
    }
    if (current.size > 0) this.#boards.set(boardId, current);
    else this.#boards.delete(boardId);
    return board;
  }
}

/**
 * One sweep (orphanFiles.ts) of a board as storage holds it, with no room loaded: its document,
 * snapshots and marks read from storage, the marks written back as side-state writes, the
 * overdue files deleted. Works on every storage adapter (mediaSweepContract.ts). Null if there
 * is no such board.
 */
export async function sweepStoredBoard(
  storage: Storage,
  boardId: string,
  options: { now: number; graceMs: number; pictures?: SnapshotPictures },
): Promise<SweepPlan | null> {
  const files = await storage.blobs.list(boardId);
  // Nothing a sweep could delete or mark: spare reading the whole board.
  if (!files.some((file) => file.kind !== 'attachment'))
    return { mark: [], unmark: [], remove: [] };
  const stored = await storage.loadBoard(boardId);
  if (!stored) return null;
  const marks = new Map<string, number>();
  const snapshots: SnapshotRecord[] = [];
  for (const record of stored.side) {
    if (record.kind === UNREFERENCED.name) {
      marks.set(record.key, UNREFERENCED.parse(JSON.parse(record.value)).since);
    } else if (record.kind === SNAPSHOTS.name) {
      snapshots.push(SNAPSHOTS.parse(JSON.parse(record.value)));
    }
  }
  const doc = storedDoc(stored);
  const board = picturesNamedBy(doc);
  doc.destroy();
  const pictures = options.pictures ?? new SnapshotPictures();
  const { now, graceMs } = options;
  const named = pictures.named(boardId, board, snapshots);
  const plan = planSweep({ files, named, marks, now, graceMs });
  if (plan.remove.length > 0) await storage.blobs.delete(boardId, plan.remove);
  const kind = UNREFERENCED.name;
  const writes: SideWrite[] = [
    ...plan.mark.map((key) => ({ kind, key, value: JSON.stringify({ since: now }) })),
    ...[...plan.unmark, ...plan.remove].map((key) => ({ kind, key, value: null })),
  ];
  if (writes.length > 0) await storage.appendUpdates(boardId, [], writes);
  return plan;
}
