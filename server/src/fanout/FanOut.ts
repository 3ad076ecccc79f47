/**
 * How the instances serving one board hear each other's updates and presence. In-process by
 * default (one instance: nobody else to tell); Redis pub/sub when several instances serve the
 * same boards. A fan-out is a relay that may drop messages: storage is the truth, and an
 * instance that may have missed something catches up from storage (see BoardRelay.ts). Every
 * adapter must pass fanOutContract.ts.
 */
export interface FanOut {
  /**
   * Joins a board's channel. The listener hears what other members publish, never what this
   * member publishes itself.
   */
  join(boardId: string, listener: ChannelListener): Promise<Channel>;
  /** Whether the relay reaches the other instances now (for /healthz). */
  readonly connected: boolean;
  close(): Promise<void>;
}

export interface ChannelListener {
  /** A message another member published, in that member's order (some may be missing). */
  message(message: Uint8Array): void;
  /** Presence another member published: may be batched, delayed or dropped. */
  presence(message: Uint8Array): void;
  /**
   * The relay may have lost messages to or from this member (it was disconnected and is back):
   * whoever depends on them should catch up from storage now.
   */
  gap(): void;
}

export interface Channel {
  /** Sends a message to every other member of the board's channel, in order. */
  publish(message: Uint8Array): void;
  /** Sends presence on its own lossy lane, so that cursors never hold up board updates. */
  publishPresence(message: Uint8Array): void;
  /**
   * Whether a publish may reach anyone: false while this member is alone on the board's
   * channel of one process (a single instance), so that the relay does not encode every
   * commit for nobody. A relay between processes cannot know, and says true.
   */
  othersMayHear(): boolean;
  /** Stops receiving; idempotent. */
  leave(): Promise<void>;
}
