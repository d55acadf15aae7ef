import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Loaded into the server process by the long-log benchmark (`node --import tsx --import
 * ./bench/event-loop-probe.ts api/main.ts`): watches the request thread's event loop from the
 * start, and on SIGUSR2 prints the longest wait and the 99th percentile since the last SIGUSR2,
 * then starts over. The server itself knows nothing of it.
 */
const delays = monitorEventLoopDelay({ resolution: 10 });
delays.enable();
process.on('SIGUSR2', () => {
  const toMs = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);
  process.stderr.write(`EVENT_LOOP_DELAY_MS max=${toMs(delays.max)} p99=${toMs(delays.percentile(99))}\n`);
  delays.reset();
});
