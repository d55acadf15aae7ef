import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { AnsweredAhead } from '../../api/commands/answered-ahead.js';
import { type CommandDependencies, type RequestContext } from '../../api/commands/command-context.js';
import { appendDecided, loadStream } from '../../api/commands/handle-command.js';
import { InvoiceNumbering } from '../../api/invoicing/invoice-numbering-service.js';
import { ledgerCommands, type LedgerCommands, startReadModels } from '../../api/mutua.js';
import { type PeriodJournalEvent, periodJournalDecider, periodStreamId } from '../../domain/finance/period-journal.js';
import { type InvoiceDraft, SERIES_OF_KIND } from '../../domain/invoicing/invoice-draft.js';
import { type InvoiceKind } from '../../domain/invoicing/invoice-document.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { listInvoices } from '../../projections/invoices/invoices-projection.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { STANDARD_INVOICE } from './invoice-fixtures.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'numbering-test' };

function draft(periodId: string, memberId: string, kind: InvoiceKind, issueDate: string): InvoiceDraft {
  const series = SERIES_OF_KIND[kind];
  const correction = kind === 'CREDIT_NOTE' ? { correctedInvoice: { number: 'FA-2026-000001', issueDate } } : {};
  return {
    invoiceId: `${periodId}.${series}.${memberId}`, kind, series, memberId, periodId, correctsInvoiceId: null,
    document: { ...STANDARD_INVOICE, ...correction, kind, number: '', issueDate, dueDate: issueDate },
  };
}

/**
 * A close as the journal records it, with the drafts given: what `closePeriod` appends once the
 * drafts are made, so that numbering is tested apart from what the drafts hold.
 */
async function closeWithDrafts(commands: LedgerCommands, store: SqliteEventStore, from: string, to: string, closedOn: string, kinds: Array<[string, InvoiceKind]>): Promise<string> {
  const { periodId } = await commands.finance.openPeriod(treasurer, { from, to });
  const { settlement } = await commands.finance.settlementOf(periodId);
  const journal = await loadStream(store, periodStreamId(periodId), periodJournalDecider);
  const digest = { algorithm: 'sha256-business-day-chains' as const, value: '0'.repeat(64), eventCount: 0 };
  const invoices = kinds.map(([memberId, kind]) => draft(periodId, memberId, kind, closedOn));
  const close: PeriodJournalEvent = { type: 'PeriodClosed', data: { periodId, from, to, closedOn, settlement, digest, invoices } };
  await appendDecided(store, periodStreamId(periodId), [close], journal, { correlationId: 'numbering-test', actorUserId: 'system', actorRole: 'TREASURER', recordedAt: `${closedOn}T09:00:00.000Z` });
  return periodId;
}

describe('invoice numbers', () => {
  let directory: string;
  let database: BetterSqlite3.Database;
  let store: SqliteEventStore;
  const readModels: ReadModels[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'mutua-numbering-'));
    database = openSqliteDatabase(join(directory, 'mutua.sqlite'));
    store = new SqliteEventStore(database);
  });
  afterEach(async () => {
    for (const models of readModels.splice(0)) await models.stop();
    await store.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function server(): Promise<{ numbering: InvoiceNumbering; models: ReadModels; commands: LedgerCommands }> {
    const models = await startReadModels(store);
    readModels.push(models);
    const clock = () => new Date('2027-06-01T10:00:00Z');
    const dependencies: CommandDependencies = { store, readModels: models, clock, answeredAhead: new AnsweredAhead(models) };
    return { numbering: new InvoiceNumbering(dependencies), models, commands: ledgerCommands(store, models, clock, dependencies.answeredAhead) };
  }

  const month = (index: number) => `2026-${String(index + 1).padStart(2, '0')}-01`;
  const nextMonth = (index: number) => (index === 11 ? '2027-01-01' : month(index + 1));

  it('run without gaps per series and year when servers number many closes at once, and stay the same when the log is folded again', async () => {
    const { commands } = await server();
    const periods: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      // The closes of January to September are made in 2026, the last three in January 2027.
      const closedOn = index < 9 ? `${nextMonth(index).slice(0, 8)}05` : '2027-01-05';
      periods.push(await closeWithDrafts(commands, store, month(index), nextMonth(index), closedOn, [['atelier', 'INVOICE'], ['cafe', 'INVOICE'], ['atelier', 'CREDIT_NOTE']]));
    }
    const servers = await Promise.all([server(), server(), server()]);
    await Promise.all(servers.map(({ numbering }) => numbering.numberPending(treasurer)));
    // Each server has folded its own numbers; the others' reach its tables with its next batch.
    await Promise.all(servers.map(({ models }) => models.caughtUp()));

    const numbers = (await listInvoices(servers[0].models.db, {})).map((invoice) => invoice.number);
    const expected = (series: string, year: number, count: number) => Array.from({ length: count }, (_, index) => `${series}-${year}-${String(index + 1).padStart(6, '0')}`);
    expect([...numbers].sort()).toEqual([...expected('AV', 2026, 9), ...expected('AV', 2027, 3), ...expected('FA', 2026, 18), ...expected('FA', 2027, 6)].sort());
    // Each close's documents got consecutive numbers, in the order the close listed them.
    const ofFirst = await listInvoices(servers[0].models.db, { periodId: periods[0] });
    expect(ofFirst.map((invoice) => invoice.number).sort()).toEqual(['AV-2026-000001', 'FA-2026-000001', 'FA-2026-000002']);

    const replayed = await server();
    expect(await listInvoices(replayed.models.db, {})).toEqual(await listInvoices(servers[1].models.db, {}));
  });

  it('numbers nothing twice: a second pass, or a numbering of a period already numbered, appends nothing', async () => {
    const { numbering, commands } = await server();
    await closeWithDrafts(commands, store, '2026-11-01', '2026-12-01', '2026-12-15', [['atelier', 'INVOICE']]);
    expect(await numbering.numberPending(treasurer)).not.toBeNull();
    const head = await store.headPosition();
    expect(await numbering.numberPending(treasurer)).toBeNull();
    expect(await store.headPosition()).toBe(head);
  });
});
