import { CloseCode } from '@paja/shared';
import { useEffect, useState } from 'react';
import type { SyncChannel } from '../board/session/syncChannel';

/** Closes that mean "the board has no room for you now": wait longer, then try again. */
const FULL_CLOSES: ReadonlySet<number> = new Set([CloseCode.boardFull]);

export function isBoardFull(code: number | null | undefined): boolean {
  return code !== null && code !== undefined && FULL_CLOSES.has(code);
}

const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60_000;

/**
 * How long to wait before the `attempt`-th retry (0-based) of a full board: doubling from 5 s
 * to at most a minute, spread by ±20 % so that a room of people turned away together do not
 * all knock again in the same second (y-websocket's own backoff stops growing at 2.5 s).
 */
export function fullRetryDelay(attempt: number, random: number): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * Math.min(1, Math.max(0, random))));
}

export interface BoardFullState {
  full: boolean;
  /** When the next attempt starts (ms since epoch), while full. */
  retryAt: number | null;
  retryNow(): void;
}

/**
 * Watches the board's connection for "board full" closes. On one it takes the reconnecting
 * over from y-websocket (which would knock every 2.5 s) and retries with fullRetryDelay;
 * a sync clears it.
 */
export function useBoardFull(channel: SyncChannel | null): BoardFullState {
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [retryNow, setRetryNow] = useState<() => void>(() => () => undefined);

  useEffect(() => {
    if (!channel) return;
    let attempt = 0;
    let timer: number | undefined;
    const connect = () => {
      window.clearTimeout(timer);
      timer = undefined;
      channel.resume();
    };
    const onClose = (code: number | null) => {
      if (!isBoardFull(code)) return;
      const delay = fullRetryDelay(attempt++, Math.random());
      setRetryAt(Date.now() + delay);
      // After y-websocket has finished handling this close: stop its own quick retry.
      window.setTimeout(() => {
        channel.pause();
        window.clearTimeout(timer);
        timer = window.setTimeout(connect, delay);
      }, 0);
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      attempt = 0;
      setRetryAt(null);
    };
    const offClose = channel.onConnectionClose(onClose);
    const offSync = channel.onSync(onSync);
    setRetryNow(() => connect);
    return () => {
      window.clearTimeout(timer);
      offClose();
      offSync();
      setRetryAt(null);
    };
  }, [channel]);

  return { full: retryAt !== null, retryAt, retryNow };
}
