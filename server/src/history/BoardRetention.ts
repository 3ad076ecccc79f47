import { CloseCode } from '@paja/shared';
import type { Logger } from '../log';
import type { RoomRegistry } from '../RoomRegistry';
import type { Storage } from '../storage/Storage';

const HOUR = 60 * 60_000;

/**
 * The board retention setting (PAJA_BOARD_RETENTION_DAYS): boards that nobody has changed for
 * longer than the period (counted from the last stored change, see
 * Storage.boardsUnchangedSince; a board never changed counts from its creation) are deleted
 * with everything stored for them: snapshots, side state, files, links. Checked
 * when the server starts and every hour. People still on such a board are disconnected as if
 * it never existed (4404), after its last changes were stored; their pages say the board is
 * gone. With several instances each one sweeps; deleting twice is harmless.
 */
export class BoardRetention {
  readonly #storage: Storage;
  readonly #rooms: RoomRegistry;
  readonly #retentionMs: number;
  readonly #log: Logger;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    storage: Storage,
    rooms: RoomRegistry,
    retentionDays: number,
    log: Logger,
    now: () => number = Date.now,
  ) {
    this.#storage = storage;
    this.#rooms = rooms;
    this.#retentionMs = retentionDays * 24 * HOUR;
    this.#log = log;
    this.#now = now;
  }

  start(): void {
    if (this.#retentionMs <= 0) return;
    const run = () =>
      void this.sweep().catch((error) => this.#log.warn('retention failed', { error }));
    run();
    this.#timer = setInterval(run, HOUR);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Deletes the boards past the period; returns their ids. */
  async sweep(): Promise<string[]> {
    if (this.#retentionMs <= 0) return [];
    const expired = await this.#storage.boardsUnchangedSince(this.#now() - this.#retentionMs);
    for (const boardId of expired) {
      await this.#rooms.loaded(boardId)?.close(CloseCode.boardNotFound, 'the board was deleted');
      await this.#storage.deleteBoard(boardId);
      this.#log.info('board deleted: unchanged for longer than the retention period', {
        board: boardId,
      });
    }
    return expired;
  }
}
