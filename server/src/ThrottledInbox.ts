import { MessageType } from '@paja/shared';
import * as syncProtocol from 'y-protocols/sync';
import type { RateLimiter } from './RateLimiter';

/** The side of a socket the inbox steers: `ws` can stop and restart reading. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

/** Who handles the messages, one at a time (the connection: no closure per socket). */
export interface InboxHandler {
  receive(message: Uint8Array): void;
}

/**
 * One socket's incoming messages, handled one at a time in arrival order. Document updates
 * over the rate wait their turn with the socket paused, so TCP slows the sender down and
 * nothing it sent is refused: closing instead would stop a stock y-websocket client for good
 * (it gives up after any close in 4400-4499) with its edits unsent. While paused, only what
 * `ws` had already read arrives, so the queue stays small.
 */
export class ThrottledInbox {
  readonly #queue: Uint8Array[] = [];
  readonly #updates: RateLimiter;
  readonly #socket: Pausable;
  readonly #handler: InboxHandler;
  #waiting: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(updates: RateLimiter, socket: Pausable, handler: InboxHandler) {
    this.#updates = updates;
    this.#socket = socket;
    this.#handler = handler;
  }

  push(message: Uint8Array): void {
    if (this.#closed) return;
    this.#queue.push(message);
    this.#drain();
  }

  /** Drops what waits; nothing more is handled. */
  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
    if (this.#waiting) clearTimeout(this.#waiting);
    this.#waiting = null;
  }

  #drain(): void {
    while (this.#queue.length > 0 && !this.#closed && this.#waiting === null) {
      const message = this.#queue[0] as Uint8Array;
      if (isUpdate(message) && !this.#updates.take()) {
        this.#socket.pause();
        this.#waiting = setTimeout(
          () => {
            this.#waiting = null;
            this.#socket.resume();
            this.#drain();
          },
          Math.max(1, this.#updates.msUntilToken()),
        );
        return;
      }
      this.#queue.shift();
      this.#handler.receive(message);
    }
  }
}

/** A sync update or step 2: what the update rate limits. Peeks at the first two varUints. */
export function isUpdate(message: Uint8Array): boolean {
  return (
    message[0] === MessageType.sync &&
    (message[1] === syncProtocol.messageYjsSyncStep2 ||
      message[1] === syncProtocol.messageYjsUpdate)
  );
}
