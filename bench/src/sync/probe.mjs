// Preloaded (node --import) into every server the sync benchmark starts, Paja and the
// reference servers alike. It adds nothing to the server but one answer: when the benchmark
// asks over the IPC channel, collect garbage and report process.memoryUsage(), so that heap is
// measured the same way in all three. The server never sends anything here on its own.
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
    process.send?.({
      type: 'paja-bench:memory',
      rss: usage.rss,
      heapUsed: usage.heapUsed,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
    });
  });
}
