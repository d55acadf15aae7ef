import { type Benchmark, formatCount, ratesOf, type Timing } from './benchmark.js';
import { ledgerLog } from './ledger-log.js';
import { type Workspace } from './workspace.js';

const PAGE_SIZE = 1_000;
const MIB = 1_048_576;

/** Reading the whole global log, as a projection catching up from position 0 does before it folds. */
export const eventStoreReads: Benchmark = {
  title: 'Event store reads (SQLite adapter)',
  async run(workspace) {
    const log = await ledgerLog(workspace);
    const { timing, eventCount } = await readWholeLog(workspace);
    if (eventCount !== log.eventCount) throw new Error(`Read ${eventCount} events of a log of ${log.eventCount}`);
    return [
      {
        name: `readAll, pages of ${formatCount(PAGE_SIZE)}`,
        work: `${formatCount(eventCount)} events`,
        ...ratesOf(timing, eventCount),
        rateUnit: 'events/s',
        notes: `latency is per page; ${(log.fileSizeBytes / MIB).toFixed(0)} MiB file, in the OS page cache`,
      },
    ];
  },
};

async function readWholeLog(workspace: Workspace): Promise<{ timing: Timing; eventCount: number }> {
  const opened = workspace.openStore('ledger-log.sqlite');
  try {
    const latenciesMs: number[] = [];
    let afterPosition = -1;
    let eventCount = 0;
    const startedMs = performance.now();
    for (;;) {
      const pageStartedMs = performance.now();
      const page = await opened.store.readAll({ afterPosition, maxCount: PAGE_SIZE });
      latenciesMs.push(performance.now() - pageStartedMs);
      eventCount += page.length;
      if (page.length < PAGE_SIZE) break;
      afterPosition = page[page.length - 1]!.position;
    }
    return { timing: { durationMs: performance.now() - startedMs, latenciesMs }, eventCount };
  } finally {
    await opened.close();
  }
}
