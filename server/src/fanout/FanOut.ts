/**
 * How the instances serving one board hear each other's updates and presence. In-process by
 * default (one instance: nobody else to tell); Redis pub/sub when several instances serve the
 * same boards. A fan-out is a relay that may drop messages: storage is the truth, and an
 * instance that may have missed something resyncs from storage. Every adapter must pass
 * fanOutContract.ts.
 */
export interface FanOut {
  /**
   * Joins a board's channel. `onMessage` receives what other members publish, never what this
   * member publishes itself.
   */
  join(boardId: string, onMessage: (message: Uint8Array) => void): Promise<Channel>;
  close(): Promise<void>;
}

export interface Channel {
  /** Sends a message to every other member of the board's channel, in order. */
  publish(message: Uint8Array): void;
  /** Stops receiving; idempotent. */
  leave(): Promise<void>;
}
