/**
 * The server's counters and the persistence latency histogram, written in the Prometheus text
 * format at GET /metrics. Gauges that can be read off live objects (connections, boards) are
 * passed in at scrape time instead of being kept in step by hand.
 */
export class Metrics {
  messagesIn = 0;
  messagesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  storageErrors = 0;
  /** Updates that depended on data the server lacked, answered by asking for a resync. */
  resyncs = 0;
  /** Fetches from storage that found updates the fan-out had lost (several instances). */
  relayCatchUps = 0;
  /** Limit checks counted by this instance alone because Redis did not answer. */
  sharedLimitFallbacks = 0;
  readonly rejected = new Map<string, number>();
  /** Upper bounds in seconds of the persistence latency buckets. */
  readonly #bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  readonly #counts = new Array<number>(this.#bounds.length + 1).fill(0);
  #persistSum = 0;
  #persistCount = 0;

  reject(reason: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  observePersist(seconds: number): void {
    let i = 0;
    while (i < this.#bounds.length && seconds > (this.#bounds[i] ?? 0)) i++;
    this.#counts[i] = (this.#counts[i] ?? 0) + 1;
    this.#persistSum += seconds;
    this.#persistCount++;
  }

  render(gauges: {
    connections: number;
    boardsLoaded: number;
    unsavedBytes: number;
    queuedBytes: number;
  }): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: string[]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
    };
    metric('paja_connections', 'gauge', 'Open WebSocket connections.', [
      `paja_connections ${gauges.connections}`,
    ]);
    metric('paja_boards_loaded', 'gauge', 'Boards loaded in memory.', [
      `paja_boards_loaded ${gauges.boardsLoaded}`,
    ]);
    metric('paja_unsaved_bytes', 'gauge', 'Bytes of applied updates not yet stored.', [
      `paja_unsaved_bytes ${gauges.unsavedBytes}`,
    ]);
    metric('paja_queued_bytes', 'gauge', 'Bytes waiting in sockets for clients to read.', [
      `paja_queued_bytes ${gauges.queuedBytes}`,
    ]);
    metric('paja_resyncs_total', 'counter', 'Updates that overtook a resync, asked again.', [
      `paja_resyncs_total ${this.resyncs}`,
    ]);
    metric('paja_messages_in_total', 'counter', 'WebSocket messages received.', [
      `paja_messages_in_total ${this.messagesIn}`,
    ]);
    metric('paja_messages_out_total', 'counter', 'WebSocket messages sent.', [
      `paja_messages_out_total ${this.messagesOut}`,
    ]);
    metric('paja_bytes_in_total', 'counter', 'WebSocket bytes received.', [
      `paja_bytes_in_total ${this.bytesIn}`,
    ]);
    metric('paja_bytes_out_total', 'counter', 'WebSocket bytes sent.', [
      `paja_bytes_out_total ${this.bytesOut}`,
    ]);
    metric('paja_storage_errors_total', 'counter', 'Failed storage writes (retried).', [
      `paja_storage_errors_total ${this.storageErrors}`,
    ]);
    metric(
      'paja_relay_catch_ups_total',
      'counter',
      'Fetches from storage that found updates the relay between instances had lost.',
      [`paja_relay_catch_ups_total ${this.relayCatchUps}`],
    );
    metric(
      'paja_shared_limit_fallbacks_total',
      'counter',
      'Checks of limits shared by instances (pools, comment rates, people) that Redis did not answer, so this instance counted alone.',
      [`paja_shared_limit_fallbacks_total ${this.sharedLimitFallbacks}`],
    );
    metric(
      'paja_rejected_total',
      'counter',
      'Connections closed or requests refused, by reason (named in the close-code table).',
      [...this.rejected].map(([reason, n]) => `paja_rejected_total{reason="${reason}"} ${n}`),
    );
    const buckets: string[] = [];
    let cumulative = 0;
    this.#bounds.forEach((bound, i) => {
      cumulative += this.#counts[i] ?? 0;
      buckets.push(`paja_persist_seconds_bucket{le="${bound}"} ${cumulative}`);
    });
    cumulative += this.#counts[this.#bounds.length] ?? 0;
    buckets.push(`paja_persist_seconds_bucket{le="+Inf"} ${cumulative}`);
    buckets.push(`paja_persist_seconds_sum ${this.#persistSum}`);
    buckets.push(`paja_persist_seconds_count ${this.#persistCount}`);
    metric('paja_persist_seconds', 'histogram', 'Time to store one group commit.', buckets);
    return `${lines.join('\n')}\n`;
  }
}
