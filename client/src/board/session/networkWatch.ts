/** What watching the network needs of the board's connection (SyncChannel implements it). */
export interface ReconnectingChannel {
  readonly hasSocket: boolean;
  readonly connected: boolean;
  reconnectNow(): void;
}

/**
 * When the network goes, an open socket is usually dead without knowing it (no FIN ever
 * arrives; y-websocket's watchdog notices only after 30 s), and what is sent on it is lost.
 * Drop it at once: the provider then retries with backoff, and the save tracker asks the
 * server again after the resync. When the network returns, retry at once, not after the
 * backoff. Returns the function that stops watching.
 */
export function watchNetwork(channel: ReconnectingChannel, wentOffline: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const onOffline = () => {
    wentOffline();
    if (channel.hasSocket) channel.reconnectNow();
  };
  const onOnline = () => {
    if (!channel.connected) channel.reconnectNow();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  return () => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  };
}
