/** What unloading needs of a room. */
export interface Unloadable {
  /** Writes everything pending; resolves when it is durable (or after a logged failure). */
  flush(): Promise<void>;
  /** Open, and nobody is connected. */
  idle(): boolean;
  /** Some edits are in memory only (storage is failing). */
  hasUnsaved(): boolean;
  close(): Promise<void>;
}

/**
 * Unloads a room `ms` after it became idle (no connection; or loaded for a reader that is not
 * one, or for a socket that never arrived). A join cancels it. While storage fails the room
 * holds the only copy of some edits, so it stays loaded and tries again later.
 */
export class IdleUnload {
  readonly #ms: number;
  readonly #room: Unloadable;
  #timer: NodeJS.Timeout | null = null;

  constructor(ms: number, room: Unloadable) {
    this.#ms = ms;
    this.#room = room;
  }

  start(): void {
    this.cancel();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#unloadIfIdle();
    }, this.#ms);
    this.#timer.unref();
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #unloadIfIdle(): Promise<void> {
    await this.#room.flush();
    if (!this.#room.idle()) return;
    if (this.#room.hasUnsaved()) {
      this.start();
      return;
    }
    await this.#room.close();
  }
}
