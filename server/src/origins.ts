/**
 * Transaction origins the room tells apart. A member's own update carries the member as its
 * origin; these two mark what no connection of this instance sent.
 */

/** Changes that came from another instance through the fan-out: shown here, stored there. */
export const RELAYED = Symbol('relayed from another instance');

/** The server's own transactions (comments; reveal, approve, publish). */
export const SERVER_ORIGIN = Symbol('the server');
