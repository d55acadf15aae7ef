/**
 * Loaded into the server process by the HTTP load benchmark (`node --expose-gc --import tsx
 * --import ./bench/heap-probe.ts api/main.ts`): on SIGUSR2 it collects all garbage and prints the
 * heap still in use, so that growth under load is told apart from V8 merely keeping memory it may
 * reuse. The server itself knows nothing of it.
 */
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stderr.write(`HEAP_USED_BYTES ${process.memoryUsage().heapUsed}\n`);
});
