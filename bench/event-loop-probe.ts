import { constants, monitorEventLoopDelay, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { EVENT_LOOP_RESOLUTION_MS } from './benchmark.js';

/**
 * Loaded into the server process by the long-log benchmark (`node --import tsx --import
 * ./bench/event-loop-probe.ts api/main.ts`): watches the request thread's event loop from the
 * start, and on SIGUSR2 prints the longest wait and the 99th percentile since the last SIGUSR2,
 * with the longest garbage collection of the thread meanwhile and its kind, then starts over. The
 * server itself knows nothing of it.
 */
const delays = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
delays.enable();
const GC_KINDS = new Map<number, string>([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'young'], [constants.NODE_PERFORMANCE_GC_MAJOR, 'full'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'], [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak-callbacks'],
]);
/** A `gc` entry: its detail names the kind (`NODE_PERFORMANCE_GC_*`). */
type GcEntry = PerformanceEntry & { detail?: { kind?: number } };
let longestGc: GcEntry | undefined;
new PerformanceObserver((entries) => {
  for (const entry of entries.getEntries()) if (entry.duration > (longestGc?.duration ?? -1)) longestGc = entry;
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  const toMs = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);
  const gcKind = GC_KINDS.get(longestGc?.detail?.kind ?? -1) ?? 'none';
  process.stderr.write(`EVENT_LOOP_DELAY_MS max=${toMs(delays.max)} p99=${toMs(delays.percentile(99))} ` +
    `gc=${(longestGc?.duration ?? 0).toFixed(1)} gcKind=${gcKind}\n`);
  delays.reset();
  longestGc = undefined;
});
