import { readFileSync } from 'node:fs';
import { type RunningServer } from '../test/support/mutua-server.js';
import { formatCount } from './benchmark.js';

/*
 * What the benchmarks that start a real server (`api/main.ts`) watch in it: its request thread's
 * event loop, through `event-loop-probe.ts` loaded into the process, and its CPU and wait for a
 * core, from the kernel's scheduler statistics.
 */

/** A server as it runs in production, logging only warnings. */
export const PRODUCTION = { NODE_ENV: 'production', MUTUA_PUBLIC_URL: 'http://127.0.0.1', LOG_LEVEL: 'warn' };
/** The request thread's event loop is watched from the start (see event-loop-probe.ts). */
export const WITH_EVENT_LOOP_PROBE = ['--import', 'tsx', '--import', './bench/event-loop-probe.ts'];

export interface ThreadTimes {
  cpuMs: number;
  /** Time runnable but waiting for a core: on a shared machine, what stretches an event loop's waits besides its own work. */
  runQueueMs: number;
}

/**
 * The server's main (request) thread's times from the kernel's scheduler statistics: its thread id
 * is the process id. With `since`, the times since then.
 */
export function requestThreadTimes(server: RunningServer, since: ThreadTimes = { cpuMs: 0, runQueueMs: 0 }): ThreadTimes {
  const pid = server.process.pid!;
  const [cpuNs, runQueueNs] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
  return { cpuMs: cpuNs! / 1e6 - since.cpuMs, runQueueMs: runQueueNs! / 1e6 - since.runQueueMs };
}

export interface EventLoopDelay {
  maxMs: string;
  p99Ms: string;
  /** The thread's longest garbage collection meanwhile, and its kind (young, full, incremental, weak-callbacks). */
  gcMs: string;
  gcKind: string;
}

/** How a row's notes name the longest garbage collection. */
export const longestGcInWords = (delay: EventLoopDelay) => `longest garbage collection ${delay.gcMs} ms (${delay.gcKind})`;

export interface EventLoopProbe {
  /** The delays since the previous call (the first: since the process started). */
  next(): Promise<EventLoopDelay>;
}

/** Each call sends SIGUSR2 and resolves with the delays the probe saw since the previous one. */
export function eventLoopProbe(server: RunningServer): EventLoopProbe {
  const waiting: Array<(delay: EventLoopDelay) => void> = [];
  server.process.stderr?.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/EVENT_LOOP_DELAY_MS max=([\d.]+) p99=([\d.]+) gc=([\d.]+) gcKind=([\w-]+)/g)) {
      waiting.shift()?.({ maxMs: match[1]!, p99Ms: match[2]!, gcMs: match[3]!, gcKind: match[4]! });
    }
  });
  return {
    next() {
      const answered = new Promise<EventLoopDelay>((resolve) => waiting.push(resolve));
      server.process.kill('SIGUSR2');
      return answered;
    },
  };
}

/** Figures as the rows' notes write them. */
export const seconds = (ms: number) => `${(ms / 1_000).toFixed(1)} s`;
export const MIB = 1_048_576;
export const mebibytes = (bytes: number) => `${formatCount(Math.round(bytes / MIB))} MiB`;
