import type { Channel, ChannelListener, FanOut } from './FanOut';

/**
 * Members in one process. One Paja instance has one room per board, so in production this
 * channel has a single member and publishing costs a map lookup; tests use it to run two
 * server instances in one process. It never loses a message, so it never reports a gap.
 */
export class InProcessFanOut implements FanOut {
  readonly #boards = new Map<string, Set<ChannelListener>>();
  readonly connected = true;

  async join(boardId: string, listener: ChannelListener): Promise<Channel> {
    let members = this.#boards.get(boardId);
    if (!members) {
      members = new Set();
      this.#boards.set(boardId, members);
    }
    // A wrapper per join, so that one listener joined twice is two members.
    const member: ChannelListener = {
      message: (m) => listener.message(m),
      presence: (m) => listener.presence(m),
      gap: () => listener.gap(),
    };
    members.add(member);
    let left = false;
    const send = (deliver: (other: ChannelListener) => void) => {
      if (left) return;
      for (const other of this.#boards.get(boardId) ?? []) {
        // Delivered on a later turn, like a network relay: a publisher never re-enters
        // itself, and order per publisher is kept.
        if (other !== member) queueMicrotask(() => deliver(other));
      }
    };
    return {
      publish: (message) => send((other) => other.message(message)),
      publishPresence: (message) => send((other) => other.presence(message)),
      othersMayHear: () => !left && (this.#boards.get(boardId)?.size ?? 0) > 1,
      leave: async () => {
        if (left) return;
        left = true;
        members.delete(member);
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
