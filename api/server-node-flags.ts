/**
 * The Node flags every server process runs with: `npm start` and `npm run demo` pass them, the
 * processes `MUTUA_PROCESSES` starts inherit them, and a server started without them says so in
 * its log (`package.json` is checked against this list by `server-node-flags.spec.ts`).
 *
 * `--no-memory-reducer`: once a thread's allocations slow down, V8's memory reducer collects and
 * compacts its whole heap to hand memory back to the system. On a server between requests, or
 * polled by a load balancer while its read models catch up, that is the request thread's 35 to 40
 * MiB moved at once: one pause of 57 to 59 ms, longer than any request should wait (an empty
 * store polled every 50 ms, and a first start on 10,000,000 events, 2026-12-05). The heap still
 * shrinks at every ordinary full collection. Only the command line turns it off:
 * `v8.setFlagsFromString` reaches no heap already set up, the request thread's least of all.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--no-memory-reducer'];

/** The flags of SERVER_NODE_FLAGS a process was started without. */
export function missingServerNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
