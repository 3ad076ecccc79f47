import type { AcrossInstances } from './acrossInstances/AcrossInstances';
import type { CommentLimits } from './config';
import type { RelayOptions } from './fanout/BoardRelay';
import type { FanOut } from './fanout/FanOut';
import type { Logger } from './log';
import type { Metrics } from './Metrics';
import { Room } from './Room';
import type { Storage } from './storage/Storage';
import type { StructureLimits } from './updateLimits';

export interface RoomRegistryOptions {
  compactEvery: number;
  idleUnloadMs: number;
  maxBoardBytes: number;
  structure: StructureLimits;
  maxUnsavedBytes: number;
  metrics: Metrics;
  fanOut: FanOut;
  relay?: RelayOptions;
  comments: CommentLimits;
  /** Automatic snapshots older than this are deleted (0: kept). */
  snapshotRetentionMs?: number;
  /** Several instances (PAJA_REDIS_URL): limits that count over all of them. */
  acrossInstances?: AcrossInstances;
  /** Told of each board once it is loaded, and once it has unloaded (media/MediaSweep.ts). */
  onLoaded?: (room: Room) => void;
  onUnloaded?: (boardId: string) => void;
}

/**
 * The loaded boards of this process. Guarantees one Room per board id: concurrent first
 * connections share one load, and a connection arriving while its board unloads waits for the
 * unload to finish and then loads it afresh (never joins a closing room).
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #loading = new Map<string, Promise<Room | null>>();
  readonly #storage: Storage;
  readonly #options: RoomRegistryOptions;
  readonly #log: Logger;

  constructor(storage: Storage, options: RoomRegistryOptions, log: Logger) {
    this.#storage = storage;
    this.#options = options;
    this.#log = log;
  }

  get size(): number {
    return this.#rooms.size;
  }

  /** The room of a board if it is loaded and open; never loads. */
  loaded(boardId: string): Room | undefined {
    const room = this.#rooms.get(boardId);
    return room?.state === 'open' ? room : undefined;
  }

  rooms(): IterableIterator<Room> {
    return this.#rooms.values();
  }

  /** The open room of a board, loading it if needed; null if the board does not exist. */
  async get(boardId: string): Promise<Room | null> {
    for (;;) {
      const room = this.#rooms.get(boardId);
      if (room?.state === 'open') return room;
      if (room) {
        await room.close(); // finishing an unload; then load again
        continue;
      }
      let loading = this.#loading.get(boardId);
      if (!loading) {
        loading = this.#load(boardId).finally(() => this.#loading.delete(boardId));
        this.#loading.set(boardId, loading);
      }
      return loading;
    }
  }

  async #load(boardId: string): Promise<Room | null> {
    const started = performance.now();
    const room = await Room.load(
      boardId,
      this.#storage,
      {
        ...this.#options,
        onUnload: (unloaded) => {
          if (this.#rooms.get(boardId) === unloaded) this.#rooms.delete(boardId);
          this.#log.debug('board unloaded', { board: boardId });
          this.#options.onUnloaded?.(boardId);
        },
      },
      this.#log,
    );
    if (room) {
      this.#rooms.set(boardId, room);
      this.#log.debug('board loaded', {
        board: boardId,
        ms: Math.round(performance.now() - started),
      });
      this.#options.onLoaded?.(room);
    }
    return room;
  }

  /** Flushes and unloads every board; for shutdown. */
  async closeAll(closeCode: number, reason: string): Promise<void> {
    await Promise.allSettled([...this.#loading.values()]);
    await Promise.all([...this.#rooms.values()].map((room) => room.close(closeCode, reason)));
  }
}
