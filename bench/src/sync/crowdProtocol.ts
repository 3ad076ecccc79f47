/** The IPC messages between the crowd scenario (crowd.ts) and its reader processes. */
import type { Dialect } from './servers';

/** Key of every IPC message of the crowd scenario (nothing else uses the channel). */
export const CROWD_MESSAGE = 'paja-bench:crowd';

export type CrowdCommand =
  | {
      type: 'open';
      /** Addresses to open, used in turn (one per reader is fine too). */
      urls: string[];
      dialect: Dialect;
      docName: string;
      count: number;
      /** One reader in this many decodes updates and records latencies. */
      sampleEvery: number;
      /** Handshakes in flight at once. */
      parallel: number;
    }
  | { type: 'count' }
  | { type: 'window'; from: number; to: number }
  | { type: 'report' }
  | { type: 'close' };

export type CrowdReply =
  | { type: 'opened'; synced: number; failed: number; ms: number }
  | {
      type: 'report';
      /** Moves received by all readers since `count`. */
      moves: number;
      /** Latencies (ms) of moves sent inside the window, at the sampled readers. */
      samples: number[];
      /** Readers whose socket is still open. */
      open: number;
      bytesIn: number;
      /** CPU time of the process so far. */
      cpuMs: number;
    };
