import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EventMetadata } from '../eventstore/event-store.js';
import { openSqliteDatabase } from '../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import { encodeLatin9, toFec } from '../domain/accounting/fec.js';
import { memberStreamId } from '../domain/members/member.js';
import { costPoolStreamId } from '../domain/finance/cost-pool.js';
import { periodStreamId } from '../domain/finance/period-journal.js';
import { PERIODS_INDEX_STREAM } from '../domain/finance/periods-index.js';
import { journalEntries } from '../projections/finance/finance-reads.js';
import { MAX_JOURNAL_PAGE_SIZE } from '../api/graphql/journal.js';
import { openSqliteReadModels } from '../projections/tables/read-model-database.js';
import { addDays } from '../shared/paris-time.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, type RunningServer, startServer } from '../test/support/mutua-server.js';
import { type Benchmark, formatCount, percentile, QUICK_RUN, timeEach } from './benchmark.js';
import { seededRandom } from './ledger-events.js';
import { appendStreams, type Stream } from './append-streams.js';
import { type EventLoopProbe, eventLoopProbe, longestGcInWords, mebibytes, PRODUCTION, requestThreadTimes, seconds, WITH_EVENT_LOOP_PROBE } from './server-probe.js';

/** Eight years of monthly books, some 30,000 entries: `MUTUA_BENCH_FEC_YEARS=1` (or `--quick`) for a quick run. */
const YEARS = Number(process.env.MUTUA_BENCH_FEC_YEARS ?? (QUICK_RUN ? 1 : 8));
const MEMBER_COUNT = 200;
const POOL_COUNT = 30;
const COSTS_PER_POOL_PER_MONTH = 4;
const SIREN = '732829320';
const WHOLE_ROUNDS = 3;
const METADATA: EventMetadata = { correlationId: 'bench-fec', actorUserId: 'system', actorRole: 'TREASURER' };

/**
 * The FEC of years of books served by a real server (`api/main.ts`, production mode): the
 * download's time and the request thread's event loop meanwhile, its pages written in the FEC's
 * thread. Beside it, in the same run, the FEC built whole in one thread (read, sorted, written and
 * encoded at once), as the request thread did before.
 */
export const fecExportBenchmark: Benchmark = {
  title: `FEC export (${YEARS} year${YEARS === 1 ? '' : 's'} of monthly books, ${MEMBER_COUNT} members, ${POOL_COUNT} pools)`,
  async run(workspace) {
    const dataDirectory = workspace.path('fec-books');
    mkdirSync(dataDirectory, { recursive: true });
    const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
    const store = new SqliteEventStore(database);
    await appendStreams(store, booksStreams(seededRandom(20_261_207)), METADATA);
    await store.close();
    database.close();

    const server = await startServer({ dataDirectory, env: { ...PRODUCTION, MUTUA_SIREN: SIREN }, nodeArguments: WITH_EVENT_LOOP_PROBE });
    const delays = eventLoopProbe(server);
    let served;
    let journal;
    let journalPages;
    try {
      const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
      await delays.next();
      const before = requestThreadTimes(server);
      const startedMs = performance.now();
      const response = await fetch(`${server.url}/exports/fec/all`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`The FEC was refused: ${response.status} ${await response.text()}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      served = { durationMs: performance.now() - startedMs, bytes, thread: requestThreadTimes(server, before), delay: await delays.next() };
      journal = await askTheJournal(server, token, delays, 'at once');
      journalPages = await askTheJournal(server, token, delays, 'in pages');
    } finally {
      await server.stop();
    }

    const readModels = openSqliteReadModels(dataDirectory, 'reading');
    let wholeBytes: Buffer = Buffer.alloc(0);
    const whole = await timeEach(WHOLE_ROUNDS, async () => {
      wholeBytes = encodeLatin9(toFec(await journalEntries(readModels.db)));
    });
    const entryCount = (await journalEntries(readModels.db)).length;
    await readModels.close();
    if (!wholeBytes.equals(served.bytes)) throw new Error('The FEC served in pages differs from the FEC built whole');

    const work = `${formatCount(entryCount)} entries, ${mebibytes(served.bytes.length)}`;
    return [
      {
        name: 'HTTP FEC, all the books, pages written in the FEC’s thread',
        work,
        durationMs: served.durationMs,
        notes: `request thread meanwhile: CPU ${seconds(served.thread.cpuMs)}, waiting for a core ${seconds(served.thread.runQueueMs)}; ` +
          `its event loop's longest wait ${served.delay.maxMs} ms, p99 ${served.delay.p99Ms} ms, ${longestGcInWords(served.delay)}`,
      },
      {
        name: 'GraphQL ledgerPostings, all the books at once (deprecated)',
        work: `${formatCount(entryCount)} entries, ${mebibytes(journal.answerBytes)} of JSON`,
        durationMs: journal.durationMs,
        notes: journalNotes(journal),
      },
      {
        name: `GraphQL journal, all the books in pages of ${MAX_JOURNAL_PAGE_SIZE}`,
        work: `${formatCount(entryCount)} entries, ${journalPages.pages} pages, ${mebibytes(journalPages.answerBytes)} of JSON`,
        durationMs: journalPages.durationMs,
        notes: journalNotes(journalPages),
      },
      {
        name: 'The same FEC built whole in one thread, as the request thread did before',
        work,
        durationMs: percentile(whole.latenciesMs, 50),
        notes: `median of ${WHOLE_ROUNDS}, slowest ${Math.max(...whole.latenciesMs).toFixed(0)} ms: all of it one wait of the thread's event loop; the same bytes as served`,
      },
    ];
  },
};

const ENTRY_FIELDS = `journalCode journalLabel entryDate pieceRef pieceDate label validatedOn
  lines { accountNumber accountLabel auxiliaryNumber auxiliaryLabel debitCents creditCents }`;
/** All the books at once, in the order of the log (deprecated). */
const LEDGER_POSTINGS = `{ ledgerPostings { ${ENTRY_FIELDS} } }`;
/** A page of the journal in the FEC's order, as large as the API gives. */
const JOURNAL_PAGE = `query($after: String) { journal(first: ${MAX_JOURNAL_PAGE_SIZE}, after: $after) { entries { ${ENTRY_FIELDS} } endCursor hasMore } }`;

/**
 * The journal's entries as the API gives them, every field of every line, all the books: at once
 * (`ledgerPostings` without a period), or a page of `journal` after another.
 */
async function askTheJournal(server: RunningServer, token: string, delays: EventLoopProbe, how: 'at once' | 'in pages') {
  await delays.next();
  const before = requestThreadTimes(server);
  const startedMs = performance.now();
  let answerBytes = 0;
  let pages = 0;
  for (let after: string | null = null, hasMore = true; hasMore; pages += 1) {
    const answer = await postQuery(server, token, how === 'at once' ? LEDGER_POSTINGS : JOURNAL_PAGE, { after });
    answerBytes += Buffer.byteLength(answer);
    if (how === 'at once') break;
    ({ endCursor: after, hasMore } = (JSON.parse(answer) as { data: { journal: { endCursor: string | null; hasMore: boolean } } }).data.journal);
  }
  return { durationMs: performance.now() - startedMs, answerBytes, pages, thread: requestThreadTimes(server, before), delay: await delays.next() };
}

async function postQuery(server: RunningServer, token: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const answer = await response.text();
  if (!response.ok || answer.includes('"errors"')) throw new Error(`The journal's query failed: ${answer.slice(0, 500)}`);
  return answer;
}

function journalNotes(asked: Awaited<ReturnType<typeof askTheJournal>>): string {
  return `request thread meanwhile: CPU ${seconds(asked.thread.cpuMs)}, waiting for a core ${seconds(asked.thread.runQueueMs)}; ` +
    `its event loop's longest wait ${asked.delay.maxMs} ms, p99 ${asked.delay.p99Ms} ms, ${longestGcInWords(asked.delay)}`;
}

/** Members and pools, then every month's period: opened, its costs (journal AC) and each member's payment (BQ). */
function booksStreams(random: () => number): Stream[] {
  const memberIds = Array.from({ length: MEMBER_COUNT }, () => randomUUID());
  const members = memberIds.map((memberId, index) => ({
    streamId: memberStreamId(memberId),
    events: [{ type: 'MemberRegistered', data: { memberId, name: `Structure n° ${index + 1} — coopérative`, legalForm: 'SCIC', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2018-01-01' } }],
  }));
  const pools = Array.from({ length: POOL_COUNT }, (_, index) => ({
    streamId: costPoolStreamId(`pool-${index}`),
    events: [{ type: 'CostPoolDefined', data: { poolId: `pool-${index}`, name: `Pot ${index + 1}`, accountNumber: '628000', key: { kind: 'EQUAL' }, resourceIds: [] } }],
  }));
  const periods = Array.from({ length: YEARS * 12 }, (_, month) => {
    const from = `${2019 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    const to = `${2019 + Math.floor((month + 1) / 12)}-${String(((month + 1) % 12) + 1).padStart(2, '0')}-01`;
    return { periodId: randomUUID(), from, to };
  });
  const journals = periods.map((period) => ({ streamId: periodStreamId(period.periodId), events: monthOfBooks(period, memberIds, random) }));
  return [...members, ...pools, { streamId: PERIODS_INDEX_STREAM, events: periods.map((period) => ({ type: 'PeriodRegistered', data: period })) }, ...journals];
}

function monthOfBooks(period: { periodId: string; from: string; to: string }, memberIds: readonly string[], random: () => number): Stream['events'] {
  const day = () => addDays(period.from, Math.floor(random() * 28));
  const events: Stream['events'] = [{ type: 'PeriodOpened', data: period, businessDate: period.from }];
  for (let pool = 0; pool < POOL_COUNT; pool += 1) {
    for (let cost = 0; cost < COSTS_PER_POOL_PER_MONTH; cost += 1) {
      const incurredOn = day();
      events.push({ type: 'CostRecorded', data: { costId: randomUUID(), poolId: `pool-${pool}`, amountCents: 1_000 + Math.floor(random() * 500_000), incurredOn, label: 'Facture d’électricité', reference: `F-${incurredOn}` }, businessDate: incurredOn });
    }
  }
  for (const memberId of memberIds) {
    const paidOn = day();
    events.push({ type: 'PaymentRecorded', data: { paymentId: randomUUID(), memberId, amountCents: 10_000 + Math.floor(random() * 100_000), paidOn, direction: 'FROM_MEMBER', reference: `VIR ${paidOn}` }, businessDate: paidOn });
  }
  return events;
}
