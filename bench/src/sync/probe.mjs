// Preloaded (node --import) into every server the sync benchmark starts, Paja and the
// reference servers alike. It adds nothing to the server but one answer: when the benchmark
// asks over the IPC channel, collect garbage and report process.memoryUsage(), so that heap is
// measured the same way in all three. The server never sends anything here on its own.
import v8 from 'node:v8';

if (process.send) {
  process.channel?.unref();
  process.on('message', (message) => {
    if (message !== 'paja-bench:memory') return;
    const gc = globalThis.gc;
    if (gc) {
      gc();
      gc();
    }
    const usage = process.memoryUsage();
    // V8 sizes its young generation by how much survives, up to a cap: a per-process cost
    // that the memory scenario reports apart from the growth per connection.
    const young = v8
      .getHeapSpaceStatistics()
      .filter((space) => space.space_name.startsWith('new_'))
      .reduce((sum, space) => sum + space.space_size, 0);
    process.send?.({
      type: 'paja-bench:memory',
      rss: usage.rss,
      heapUsed: usage.heapUsed,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      youngGeneration: young,
    });
  });
}
