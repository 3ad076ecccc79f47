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
  /**
   * Paja's own (server -> client, only to clients that connect with `?paja=1`): what of the
   * client's edits is durable. Payload: varUint marker (the highest `saveRequest` marker this
   * connection sent before the commit, 0 if none), varUint n, then n pairs (varUint clientId,
   * varUint clock): every update of that Yjs client below that clock is stored.
   */
  saved: 100,
  /**
   * Paja's own (server -> client, only to clients that connect with `?paja=1`), sent first:
   * a varString with JSON `{ "participantId": string, "role": Role }`: the identity the
   * client must use in awareness (`user.id`) and as author of what it creates.
   */
  welcome: 101,
  /**
   * Paja's own (client -> server): varUint marker. "Tell me when everything I sent before this
   * is stored." The server answers with `saved` carrying the marker after the commit that covers
   * every update this connection sent before it, including deletions, which do not advance a
   * Yjs clock.
   */
  saveRequest: 102,
  /**
   * Paja's own (client -> server): a comment, for every role that may comment; the only way a
   * commenter writes to a board. A string: JSON `{ "request": number, "text": string,
   * "authorName": string, "anchor"?: CommentAnchor, "replyTo"?: string }` (an anchor starts a
   * thread, replyTo answers one). The server checks it and applies it itself.
   */
  comment: 103,
  /**
   * Paja's own (server -> client): the answer to `comment`. A string: JSON `{ "request",
   * "ok": true, "id" }` or `{ "request", "ok": false, "error" }`.
   */
  commentResult: 104,
} as const;

/** Query parameter (value "1") by which Paja's client asks for `welcome` and `saved`. */
export const PAJA_CLIENT_PARAM = 'paja';

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
  /** No token, a bad or expired token, or its role's links were revoked. */
  unauthorized: 4401,
  /** The token is valid but its role may not do what was attempted (e.g. a viewer's edit). */
  forbidden: 4403,
  boardNotFound: 4404,
  /** The client did not start the sync handshake in time. */
  handshakeTimeout: 4408,
  /** The board has the most connections it accepts. */
  boardFull: 4409,
  /** The update would make the board larger than the server accepts. */
  boardTooLarge: 4413,
  /** Awareness state too large, or a connection tried to set another connection's state. */
  badAwareness: 4422,
  /**
   * The role may edit, but not this change now: a locked note, a phase that closes adding,
   * moving or editing, the board's settings, another person's votes. The reason names it.
   */
  changeRefused: 4423,
  /** The board could not be loaded (for example a newer schema, or storage is down). */
  boardUnavailable: 4503,
  /** Sent by the WebSocket layer itself when a message exceeds the size limit. */
  messageTooLarge: 1009,
  rateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Path of a board's page in the client. */
export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}
