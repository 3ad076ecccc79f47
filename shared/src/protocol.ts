/**
 * Wire constants shared by client and server. The protocol is written down in PROTOCOL.md.
 *
 * The sync endpoint speaks the y-websocket protocol: the URL is `${SYNC_PATH}/${boardId}`, and
 * every binary message starts with a varint message type.
 */

export const PROTOCOL_VERSION = 1;

export const SYNC_PATH = '/sync';

export const MessageType = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  sync: 0,
  /** y-protocols awareness update: cursors, names, selections. Never stored. */
  awareness: 1,
  /** y-protocols auth: permission denied with a reason. */
  auth: 2,
  /** Asks the server to send the full awareness state. */
  queryAwareness: 3,
} as const;

/**
 * WebSocket close codes. 1000-2999 belong to the WebSocket standard; 4000-4999 are ours.
 * Codes 4400-4499 mean "do not retry with the same input".
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** The server is shutting down; reconnect later. */
  serverShutdown: 4001,
  /** A message could not be decoded or referred to an unknown message type. */
  malformed: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  boardNotFound: 4404,
  /** The board could not be loaded (for example a newer schema, or storage is down). */
  boardUnavailable: 4503,
  messageTooLarge: 4413,
  rateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Path of a board's page in the client. */
export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}
