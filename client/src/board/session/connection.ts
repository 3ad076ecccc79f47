import { CloseCode } from '@paja/shared';

/**
 * What the connection indicator shows. y-websocket reports `connecting` before every attempt,
 * also each retry while the server is unreachable; showing "connecting" then would flicker and
 * hide that the person is offline. So once a connection was lost or an attempt failed, the
 * indicator stays `offline` until a connection is open again.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline';

export type ConnectionEvent =
  | { type: 'status'; status: 'connecting' | 'connected' | 'disconnected' }
  | { type: 'closed' }
  | { type: 'browser-offline' };

export function nextConnectionState(
  current: ConnectionState,
  event: ConnectionEvent,
): ConnectionState {
  switch (event.type) {
    case 'status':
      switch (event.status) {
        case 'connected':
          return 'online';
        case 'disconnected':
          return 'offline';
        case 'connecting':
          return current === 'offline' ? 'offline' : 'connecting';
      }
      break;
    case 'closed':
    case 'browser-offline':
      return 'offline';
  }
  return current;
}

export function isBoardMissing(code: number | null): boolean {
  return code === CloseCode.boardNotFound;
}

export function isAccessDenied(code: number | null): boolean {
  return (
    code === CloseCode.unauthorized ||
    code === CloseCode.forbidden ||
    code === CloseCode.linkExpired
  );
}

/** The server refused this board to this link: it does not exist, or the link does not open it. */
export function isRefusal(code: number | null): boolean {
  return isBoardMissing(code) || isAccessDenied(code) || isChangeRefused(code);
}

/**
 * The server refused one change (a note locked a moment before, a phase just closed, a board at
 * its limits, a change of a shape or size no board takes): this browser's copy now holds
 * something the board will never take, so it must start again from the server's copy.
 */
export function isChangeRefused(code: number | null): boolean {
  return code !== null && CHANGE_REFUSALS.has(code);
}

const CHANGE_REFUSALS: ReadonlySet<number> = new Set([
  CloseCode.changeRefused,
  CloseCode.boardTooLarge,
  CloseCode.updateTooComplex,
  CloseCode.messageTooLarge,
]);
