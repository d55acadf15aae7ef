/**
 * The business days' hash chains the finance read model (`financeTables`, finance-projection.ts)
 * keeps for the digests periods record when they close. Apart from the financial rows because
 * every dated event extends them (a million usage entries), a batch at a time.
 */
import { type Transaction } from 'kysely';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { storedHashOf } from '../../eventstore/integrity/event-hash.js';
import { type DayChain, extendDayChain } from '../../domain/finance/period-digest.js';
import { readInLists } from '../tables/in-lists.js';
import { type ReadModelTables } from '../tables/read-model-tables.js';
import { insertRows, type OnConflict } from '../tables/table-projection.js';

/**
 * Every dated event extends its business day's chain: the batch reads the chains of the days it
 * touches once, extends them in log order, and writes each once.
 */
export async function extendDayChains(trx: Transaction<ReadModelTables>, events: readonly RecordedEvent[]): Promise<void> {
  const dated = new Set<string>();
  for (const recorded of events) if (recorded.metadata.businessDate !== undefined) dated.add(recorded.metadata.businessDate);
  if (dated.size === 0) return;
  const stored = await readInLists([...dated], (dates) => trx.selectFrom('finance_day_chains').selectAll().where('business_date', 'in', dates).execute(), 1_000);
  const chains = new Map<string, DayChain>(stored.map((row) => [row.business_date, { eventCount: Number(row.event_count), chain: row.chain }]));
  for (const recorded of events) {
    const date = recorded.metadata.businessDate;
    if (date !== undefined) chains.set(date, extendDayChain(chains.get(date), storedHashOf(recorded)));
  }
  const rows = [...chains].map(([date, day]) => ({ business_date: date, event_count: day.eventCount, chain: day.chain }));
  await insertRows(trx, 'finance_day_chains', rows, REPLACE_THE_CHAIN);
}

const REPLACE_THE_CHAIN: OnConflict = {
  name: 'replace the chain',
  clause: (conflict) => conflict.column('business_date').doUpdateSet((update) => ({
    event_count: update.ref('excluded.event_count'), chain: update.ref('excluded.chain'),
  })),
};
