import { ACCESS_REASONS, CloseCode } from '@paja/shared';
import { stillValid } from './auth/access';
import type { Connection } from './Connection';
import type { Storage } from './storage/Storage';

/** setTimeout's longest delay; an expiry further away is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Open sockets whose link stopped being valid after they were admitted. An expired or revoked
 * link must not keep working because its socket happened to be open.
 */

/**
 * Closes the open sessions whose role's links were revoked meanwhile, also by another process
 * (the command line, another instance). One storage read per board and role, not per socket.
 */
export async function closeRevoked(
  storage: Storage,
  connections: Iterable<Connection>,
): Promise<void> {
  const verdicts = new Map<string, Promise<boolean>>();
  for (const connection of [...connections]) {
    const claims = connection.claims;
    if (!claims || connection.closed) continue;
    const key = `${claims.b}\n${claims.r}\n${claims.g}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = stillValid(storage, claims);
      verdicts.set(key, verdict);
    }
    try {
      if (!(await verdict)) connection.close(CloseCode.unauthorized, ACCESS_REASONS.revoked);
    } catch {
      // Storage down: keep the connection; readiness reports the failure.
    }
  }
}

/** Closes `connection` when its link expires, to the second. */
export function closeAtExpiry(
  connection: Connection,
  ws: { once(event: 'close', f: () => void): void },
): void {
  const expiresAt = connection.claims?.e ?? 0;
  if (expiresAt === 0) return;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = expiresAt * 1000 - Date.now();
    if (left <= 0) {
      connection.close(CloseCode.linkExpired, 'this link has expired');
      return;
    }
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  ws.once('close', () => clearTimeout(timer));
}
