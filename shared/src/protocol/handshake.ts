/**
 * Where a client connects and what it says about itself there. The versions are checked at
 * both ends: the server refuses a Paja client of another protocol version (close 4426), and
 * the client stops when `welcome` names versions it does not speak (welcome.ts).
 */

/**
 * Version of Paja's own messages and of what the server expects of a Paja client. Raise it
 * when a change is not understood by the other side (a new required field, a changed
 * payload); a new message family in its own reserved number does not need it.
 */
export const PROTOCOL_VERSION = 1;

/** The sync endpoint: `${SYNC_PATH}/${boardId}`, speaking the y-websocket protocol. */
export const SYNC_PATH = '/sync';

/** Query parameter (value "1") by which Paja's client asks for `welcome` and `saved`. */
export const PAJA_CLIENT_PARAM = 'paja';

/**
 * Query parameter with the protocol version a Paja client speaks. Paja clients from before it
 * existed send none and speak version 1.
 */
export const PROTOCOL_VERSION_PARAM = 'v';

/** The query parameters that make a connection a Paja client of this version. */
export function pajaClientParams(): Record<string, string> {
  return { [PAJA_CLIENT_PARAM]: '1', [PROTOCOL_VERSION_PARAM]: String(PROTOCOL_VERSION) };
}

/** Whether this build's server speaks the protocol version a Paja client sent (or left out). */
export function speaksClientVersion(param: string | null): boolean {
  return (param === null ? 1 : Number(param)) === PROTOCOL_VERSION;
}

/** Path of a board's page in the client. */
export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}
