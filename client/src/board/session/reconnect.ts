import { CloseCode, closeCodeRetry } from '@paja/shared';

/** y-websocket's own backoff step: it waits min(BASE_MS · 2^attempt, maxBackoffTime). */
const BASE_MS = 100;
/**
 * The longest wait between two attempts. Long enough that a board full of people retrying a
 * rate limit or a restarting server spreads out; short enough that a person back online
 * (the `online` event reconnects at once anyway) is not kept waiting.
 */
export const MAX_BACKOFF_MS = 5_000;

export type ReconnectDecision =
  | { kind: 'retry'; delayMs: number }
  /** `never`: a retry would repeat the refusal. `reload`: this page cannot go on. */
  | { kind: 'stop'; why: 'never' | 'reload' };

/**
 * What to do after the server closed the socket with `code`, on the `attempt`-th consecutive
 * failure (1 for the first; y-websocket resets the count once a connection synced). Permanent
 * stops come only from the shared close-code table; everything else, codes outside it
 * included (1006 when the network drops), is retried with capped exponential backoff and
 * "equal jitter": half the step fixed, half random, so that everyone a restart disconnected
 * does not come back in the same millisecond.
 */
export function reconnectDecision(
  code: number,
  attempt: number,
  random: () => number = Math.random,
): ReconnectDecision {
  const retry = closeCodeRetry(code);
  if (retry !== 'backoff') return { kind: 'stop', why: retry };
  const step = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** Math.max(1, attempt));
  return { kind: 'retry', delayMs: Math.round(step / 2 + (random() * step) / 2) };
}

/** The server (or a `welcome` this build does not speak) says this page's code is stale. */
export function isClientOutdated(code: number | null): boolean {
  return code === CloseCode.clientOutdated;
}
