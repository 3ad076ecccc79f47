/**
 * The writers scenario's generator processes (writersProcess.ts) and what they say to the
 * scenario (writers.ts) over IPC. Also the one format both sides read: the mark a writer puts
 * in every move, so that any receiver finds who sent it and when without a Y.Doc.
 */
import type { Dialect } from './servers';

/** Key of every IPC message of the writers scenario (nothing else uses the channel). */
export const WRITERS_MESSAGE = 'paja-bench:writers';

export type WritersCommand =
  | {
      type: 'open';
      /** This process's writers: their index among all writers (0..n-1) and address. */
      writers: Array<{ index: number; url: string }>;
      /** Observers (participants that only read) this process opens. */
      observers: string[];
      dialect: Dialect;
      docName: string;
      /** Paja: writers ask for `saved` after every change, as Paja's client does. */
      asksSaved: boolean;
      /** Moves each writer makes beforehand: enough for the whole step. */
      movesEach: number;
    }
  /** Move every writer `rate` times a second, writer i at `startAt + i / total / rate`. */
  | { type: 'start'; rate: number; startAt: number; total: number }
  /** Count deliveries and latencies of moves sent in [from, to). */
  | { type: 'window'; from: number; to: number }
  | { type: 'report' }
  | { type: 'stop' }
  /** Close every socket (the process stays for the next step). */
  | { type: 'close' }
  | { type: 'exit' };

export type WritersReply =
  | { type: 'ready' }
  | { type: 'opened'; writers: number; observers: number; failed: number }
  | {
      type: 'report';
      /** Moves this process's writers sent inside the window. */
      moves: number;
      /** Moves sent inside the window that reached a receiver other than their writer. */
      delivered: number;
      /** Their latencies, send to receipt, in ms (every receiver, every delivery). */
      latencies: Float64Array;
      /** Paja: each change sent inside the window, its time to `saved` (ms). */
      saved: Float64Array;
      /** Paja: changes sent inside the window that no `saved` covered yet. */
      unsaved: number;
      /** Sockets still open. */
      open: number;
      /** CPU time (user + system) of this process in the window; NaN until it ended. */
      windowCpuMs: number;
      /** p99 of how late this process's event loop ran in the window (ms). */
      loopDelayP99Ms: number;
    };

/**
 * What a writer puts in each move, as the value of a key of its note (a string, so that it is
 * stored verbatim in the update): `benchMove=<writer index>,<send time>;`. Yjs writes a map
 * entry's string value as its UTF-8 bytes, so a receiver finds every mark in a frame with a
 * byte search, however the server merged or framed the updates; and a writer can make its
 * moves beforehand with a placeholder of the same width and write the time in at sending.
 */
export const MOVE_MARK = 'benchMove=';
const MOVE_MARK_BYTES = Buffer.from(MOVE_MARK);
const SEMICOLON = 0x3b;
const COMMA = 0x2c;

/** The mark of a move by `writer` sent at `time` (timeText). */
export function moveMark(writer: number, time: string): string {
  return `${MOVE_MARK}${writer},${time};`;
}

/**
 * A send time as text of a fixed width: epoch ms with three decimals, 13 digits, a point and
 * 3 digits (until the year 2286), the width of TIME_PLACEHOLDER.
 */
export const timeText = (t: number): string => t.toFixed(3);
export const TIME_PLACEHOLDER = '0000000000000.000';

/** Calls `each(writer, sentAt)` for every move mark in `frame`; returns how many there were. */
export function readMoveMarks(
  frame: Uint8Array,
  each: (writer: number, sentAt: number) => void,
): number {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(MOVE_MARK_BYTES); at >= 0; ) {
    const start = at + MOVE_MARK_BYTES.length;
    const comma = bytes.indexOf(COMMA, start);
    const end = bytes.indexOf(SEMICOLON, start);
    if (comma < 0 || end < comma) break;
    each(
      Number(bytes.toString('latin1', start, comma)),
      Number(bytes.toString('latin1', comma + 1, end)),
    );
    count++;
    at = bytes.indexOf(MOVE_MARK_BYTES, end);
  }
  return count;
}
