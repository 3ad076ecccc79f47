/**
 * Every WebSocket close code Paja's server sends, in one table. Everything else is derived
 * from it: `CloseCode` below, the server's metric names (`closeCodeMetric`), the client's
 * retry decision (`closeCodeRetry`), and PROTOCOL.md's table, which a test compares with this
 * one. 1000-2999 belong to the WebSocket standard; 4000-4999 are ours.
 *
 * retry: what a client should do after the close.
 * - `never`: a retry would only repeat the refusal (no access, no board, the same oversized
 *   or refused input); the client stops and says why.
 * - `backoff`: transient; reconnect with capped, jittered exponential backoff.
 * - `reload`: this page's state cannot go on (its change was refused, or the server speaks
 *   another version); the client stops and offers to reload.
 */
export interface CloseCodeEntry {
  readonly code: number;
  /** The name in code (`CloseCode.<name>`) and in PROTOCOL.md. */
  readonly name: string;
  readonly retry: 'never' | 'backoff' | 'reload';
  /** The `reason` label of `paja_rejected_total` for this close. */
  readonly metric: string;
  /** PROTOCOL.md's "meaning" column, word for word. */
  readonly description: string;
}

export const CLOSE_CODES = [
  {
    code: 1000,
    name: 'normal',
    retry: 'backoff',
    metric: 'normal',
    description: 'closed on purpose',
  },
  {
    code: 1001,
    name: 'goingAway',
    retry: 'backoff',
    metric: 'going_away',
    description: 'the board was unloaded',
  },
  {
    code: 4001,
    name: 'serverShutdown',
    retry: 'backoff',
    metric: 'server_shutdown',
    description: 'the server is stopping, or the board was unloading',
  },
  {
    code: 4400,
    name: 'malformed',
    retry: 'backoff',
    metric: 'malformed',
    description:
      'a message could not be decoded, had an unknown type or trailing bytes, was a text frame, or an update depended on data the server does not have (a resync after reconnecting supplies it)',
  },
  {
    code: 4401,
    name: 'unauthorized',
    retry: 'never',
    metric: 'unauthorized',
    description:
      'no token, a bad one, or its role’s links were revoked (also while connected; reason `this link has been revoked`, which the page tells apart)',
  },
  {
    code: 4403,
    name: 'forbidden',
    retry: 'never',
    metric: 'forbidden',
    description:
      'the role may not do this (a viewer’s edit), or the token is for another board (reason `this token is for another board`: a mistyped address, which the page tells apart)',
  },
  {
    code: 4404,
    name: 'boardNotFound',
    retry: 'never',
    metric: 'board_not_found',
    description: 'no board with that id',
  },
  {
    code: 4408,
    name: 'handshakeTimeout',
    retry: 'backoff',
    metric: 'handshake_timeout',
    description: 'no sync step 1 within `PAJA_HANDSHAKE_TIMEOUT_MS`',
  },
  {
    code: 4409,
    name: 'boardFull',
    retry: 'backoff',
    metric: 'board_full',
    description:
      'the board’s pool for this role is full (`PAJA_MAX_FACILITATORS_PER_BOARD`, `PAJA_MAX_PARTICIPANTS_PER_BOARD`, `PAJA_MAX_READERS_PER_BOARD`)',
  },
  {
    code: 4410,
    name: 'linkExpired',
    retry: 'never',
    metric: 'link_expired',
    description:
      'the link’s expiry passed: at the upgrade, or while connected (closed within a second of it); a new link opens the board again',
  },
  {
    code: 4411,
    name: 'unpublished',
    retry: 'never',
    metric: 'unpublished',
    description:
      'public access (no token) to a board that is not published, or the facilitator unpublished it while the public session was open',
  },
  {
    code: 4413,
    name: 'boardTooLarge',
    retry: 'never',
    metric: 'board_too_large',
    description:
      'the update would grow the board past `PAJA_MAX_BOARD_BYTES`, `PAJA_MAX_BOARD_ITEMS` or `PAJA_MAX_BOARD_MEMORY_BYTES`',
  },
  {
    code: 4414,
    name: 'messageTooLarge',
    retry: 'never',
    metric: 'message_too_large',
    description:
      'a frame exceeded `PAJA_MAX_MESSAGE_BYTES` (default 1 MiB). The WebSocket layer’s own code for this, 1009, makes stock clients reconnect and send the same frame again; Paja closes with 4414, after which they stop',
  },
  {
    code: 4415,
    name: 'updateTooComplex',
    retry: 'never',
    metric: 'update_too_complex',
    description:
      'the update is nested deeper than `PAJA_MAX_UPDATE_DEPTH`, holds more than `PAJA_MAX_UPDATE_ENTRIES` changes, or holds a subdocument',
  },
  {
    code: 4422,
    name: 'badAwareness',
    retry: 'never',
    metric: 'bad_awareness',
    description: 'an awareness state too large, or claiming another participant’s id',
  },
  {
    code: 4423,
    name: 'changeRefused',
    retry: 'reload',
    metric: 'change_refused',
    description:
      'the role may edit, but not this change now (a locked note, a closed phase, the board’s settings, another’s votes); the reason names it, and the page reloads the board from the server',
  },
  {
    code: 4426,
    name: 'clientOutdated',
    retry: 'reload',
    metric: 'client_outdated',
    description:
      'a Paja client (`paja=1`) of a protocol version the server does not speak (`v`); the page must be reloaded to get the current client',
  },
  {
    code: 4429,
    name: 'rateLimited',
    retry: 'backoff',
    metric: 'rate_limited',
    description:
      'more sockets from one address than `PAJA_MAX_CONNECTIONS_PER_ADDRESS` (facilitators are not counted), or more timer and follow messages than a person sends',
  },
  {
    code: 4503,
    name: 'boardUnavailable',
    retry: 'backoff',
    metric: 'board_unavailable',
    description:
      'the board could not be loaded, or storage is failing past `PAJA_MAX_UNSAVED_BYTES`',
  },
  {
    code: 4507,
    name: 'sendBufferFull',
    retry: 'backoff',
    metric: 'send_buffer_full',
    description:
      'more than `PAJA_MAX_QUEUED_BYTES` waited for the client to read: it does not read, or far slower than the board changes; a client that reconnects gets the board afresh',
  },
] as const satisfies readonly CloseCodeEntry[];

type Entry = (typeof CLOSE_CODES)[number];

/** Close codes by name: `CloseCode.boardNotFound === 4404`. */
export const CloseCode = Object.fromEntries(CLOSE_CODES.map((e) => [e.name, e.code])) as {
  readonly [E in Entry as E['name']]: E['code'];
};
export type CloseCode = Entry['code'];

const BY_CODE: ReadonlyMap<number, CloseCodeEntry> = new Map(CLOSE_CODES.map((e) => [e.code, e]));

/** The table's entry for `code`, or undefined for a code Paja's server never sends. */
export function closeCodeEntry(code: number): CloseCodeEntry | undefined {
  return BY_CODE.get(code);
}

/** The metric label for a close; `code_<n>` for one outside the table. */
export function closeCodeMetric(code: number): string {
  return BY_CODE.get(code)?.metric ?? `code_${code}`;
}

/**
 * What a client does after a close. A code outside the table (1006 when the network drops,
 * a proxy's own close) is transient.
 */
export function closeCodeRetry(code: number): CloseCodeEntry['retry'] {
  return BY_CODE.get(code)?.retry ?? 'backoff';
}

/**
 * Close reasons the page tells apart within one code (4401, 4403): a link the facilitator
 * revoked, and a link whose board part does not match its key (a mistyped address). The
 * server sends these sentences; the client says each in the person's language.
 */
export const ACCESS_REASONS = {
  revoked: 'this link has been revoked',
  otherBoard: 'this token is for another board',
} as const;
