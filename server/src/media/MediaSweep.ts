import type { Logger } from '../log';
import type { Room } from '../Room';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';
import { picturesNamedBy, planSweep, type SweepPlan, UNREFERENCED } from './orphanFiles';
import { SnapshotPictures, sweepStoredBoard } from './storedSweep';

const HOUR = 60 * 60_000;

/**
 * Runs the sweep of unreferenced pictures (orphanFiles.ts) on every board that is used:
 *   - when a board loads, and hourly while it stays loaded, on the room itself (its document,
 *     snapshots and side state, marks written through its commit path);
 *   - after a board unloads (everyone left), on what storage holds for it, so a picture deleted
 *     during a workshop is marked then and is gone at a load after the grace period.
 * Uploads happen only on a loaded board, which was swept when it loaded, so a deleted picture
 * stops counting toward the board's size limit one grace period after the sweep that marked
 * it. With several instances each sweeps its own loaded boards; a second deletion is harmless.
 */
export class MediaSweep {
  readonly #storage: Storage;
  readonly #rooms: RoomRegistry;
  readonly #graceMs: number;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #pictures = new SnapshotPictures();
  readonly #running = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(
    storage: Storage,
    rooms: RoomRegistry,
    graceHours: number,
    log: Logger,
    now: () => number = Date.now,
  ) {
    this.#storage = storage;
    this.#rooms = rooms;
    this.#graceMs = graceHours * HOUR;
    this.#log = log;
    this.#now = now;
  }

  start(): void {
    this.#timer = setInterval(() => {
      for (const room of [...this.#rooms.rooms()]) this.roomLoaded(room);
    }, HOUR);
    this.#timer.unref();
  }

  /** No new sweeps; resolves when the running ones are done (before storage closes). */
  stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    return this.idle();
  }

  /** Resolves when the sweeps running now are done. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }

  /** Sweeps a loaded board in the background (errors are logged, never thrown). */
  roomLoaded(room: Room): void {
    this.#background(room.boardId, () => this.sweepRoom(room));
  }

  /** Sweeps an unloaded board from storage in the background, unless it was loaded again. */
  boardUnloaded(boardId: string): void {
    if (this.#rooms.loaded(boardId)) return;
    this.#background(boardId, () => this.sweepStored(boardId));
  }

  /** One sweep of a loaded board; null if it closed meanwhile or has no pictures. */
  async sweepRoom(room: Room): Promise<SweepPlan | null> {
    const files = await this.#storage.blobs.list(room.boardId);
    if (room.state !== 'open') return null;
    const marks = new Map(room.side.entries(UNREFERENCED).map(([id, mark]) => [id, mark.since]));
    // No picture and no mark: nothing to do, and no need to read the board.
    if (marks.size === 0 && files.every((file) => file.kind === 'attachment')) return null;
    const snapshots = room.history.list().flatMap((info) => room.history.get(info.id) ?? []);
    const plan = planSweep({
      files,
      named: this.#pictures.named(room.boardId, picturesNamedBy(room.doc), snapshots),
      marks,
      now: this.#now(),
      graceMs: this.#graceMs,
    });
    if (plan.remove.length > 0) {
      await this.#storage.blobs.delete(room.boardId, plan.remove);
      this.#logRemoved(room.boardId, plan);
    }
    if (room.state !== 'open') return plan;
    for (const id of plan.mark) room.side.put(UNREFERENCED, id, { since: this.#now() });
    for (const id of [...plan.unmark, ...plan.remove]) room.side.delete(UNREFERENCED, id);
    return plan;
  }

  /** One sweep of a board as storage holds it; null if there is no such board. */
  async sweepStored(boardId: string): Promise<SweepPlan | null> {
    const plan = await sweepStoredBoard(this.#storage, boardId, {
      now: this.#now(),
      graceMs: this.#graceMs,
      pictures: this.#pictures,
    });
    if (plan && plan.remove.length > 0) this.#logRemoved(boardId, plan);
    return plan;
  }

  #logRemoved(boardId: string, plan: SweepPlan): void {
    this.#log.info('unreferenced files deleted', { board: boardId, files: plan.remove.length });
  }

  #background(boardId: string, sweep: () => Promise<unknown>): void {
    if (this.#stopped) return;
    const running = sweep()
      .catch((error) => this.#log.warn('file sweep failed', { board: boardId, error }))
      .finally(() => this.#running.delete(running));
    this.#running.add(running);
  }
}
