import type { Channel, FanOut } from './FanOut';

type Listener = (message: Uint8Array) => void;

/**
 * Members in one process. One Paja instance has one room per board, so in production this
 * channel has a single member and publishing costs a map lookup; tests use it to run two
 * server instances in one process.
 */
export class InProcessFanOut implements FanOut {
  readonly #boards = new Map<string, Set<Listener>>();

  async join(boardId: string, onMessage: Listener): Promise<Channel> {
    let members = this.#boards.get(boardId);
    if (!members) {
      members = new Set();
      this.#boards.set(boardId, members);
    }
    const listener: Listener = (message) => onMessage(message);
    members.add(listener);
    let left = false;
    return {
      publish: (message) => {
        if (left) return;
        for (const other of this.#boards.get(boardId) ?? []) {
          // Delivered on a later turn, like a network relay: a publisher never re-enters
          // itself, and order per publisher is kept.
          if (other !== listener) queueMicrotask(() => other(message));
        }
      },
      leave: async () => {
        if (left) return;
        left = true;
        members.delete(listener);
        if (members.size === 0 && this.#boards.get(boardId) === members) {
          this.#boards.delete(boardId);
        }
      },
    };
  }

  async close(): Promise<void> {
    this.#boards.clear();
  }
}
