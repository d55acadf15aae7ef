import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundleFile } from '../../api/audit/bundle/bundle-file.js';
import { type BundleEventLine, type BundleTrailer, recordedEventOf } from '../../api/audit/bundle/bundle-format.js';
import { ImportRefusedError, importBundle } from '../../api/audit/bundle/import-bundle.js';
import { auditBundleOf } from '../../api/audit/bundle/write-bundle.js';
import { LogDigest } from '../../api/audit/integrity/log-digest.js';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { ledgerCommands, startReadModels } from '../../api/mutua.js';
import { eventHash } from '../../eventstore/integrity/event-hash.js';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { listInvoiceDocuments } from '../../projections/invoices/invoices-projection.js';
import { logCounters } from '../../projections/log-index/log-index-projection.js';
import { type ReadModels } from '../../projections/tables/read-models.js';
import { closeWithInvoices } from '../invoicing/close-with-invoices.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'invoices-bundle-test' };
let now = new Date('2027-01-20T09:00:00Z');
const clock = () => now;
const address = (line: string) => ({ line, postalCode: '44000', city: 'Nantes', countryCode: 'FR' });

interface Ledger {
  database: BetterSqlite3.Database;
  store: SqliteEventStore;
  readModels: ReadModels;
}

async function openLedger(dataDirectory: string): Promise<Ledger> {
  const database = openSqliteDatabase(join(dataDirectory, 'mutua.sqlite'));
  const store = new SqliteEventStore(database);
  return { database, store, readModels: await startReadModels(store) };
}

async function closeLedger({ database, store, readModels }: Ledger): Promise<void> {
  await readModels.stop();
  await store.close();
  database.close();
}

/** Re-chains an event line after its data changed, as a forger who recomputes hashes would (first event of its stream). */
function rehashed(line: BundleEventLine, data: unknown): BundleEventLine {
  const { hash: _hash, ...metadata } = line.metadata as BundleEventLine['metadata'] & { hash: string; previousHash: string | null };
  const hash = eventHash({ streamId: line.stream, revision: line.revision, id: line.id, type: line.type, data, metadata });
  return { ...line, data, metadata: { ...metadata, hash } as BundleEventLine['metadata'] };
}

describe('invoices in the audit bundle: exported, verified, imported, folded to the same invoices', () => {
  let workDirectory: string;
  let original: Ledger;
  let bundle: string;
  let january: string;
  let januaryMembers: string[];

  beforeAll(async () => {
    workDirectory = mkdtempSync(join(tmpdir(), 'mutua-invoices-bundle-'));
    original = await openLedger(mkdtempSync(join(workDirectory, 'original-')));
    const commands = ledgerCommands(original.store, original.readModels, clock);
    const member = async (name: string) => (await commands.members.registerMember(treasurer, { name, legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' })).memberId;
    const [coop, fablab] = [await member('Coop Bâtisseurs'), await member('Fablab du Quai')];
    januaryMembers = [coop, fablab];
    const ledger = { store: original.store, readModels: original.readModels, commands };
    const november = await closeWithInvoices(ledger, treasurer, {
      from: '2026-11-01', to: '2026-12-01', closedOn: '2026-12-03',
      documents: [{ memberId: coop, kind: 'INVOICE', baseCents: 10_000 }, { memberId: fablab, kind: 'INVOICE', baseCents: 25_050 }, { memberId: fablab, kind: 'SELF_BILLED_INVOICE', baseCents: 4_000 }],
    });
    // Issued in 2027: its series start again at 1; the credit note corrects November's invoice.
    await closeWithInvoices(ledger, treasurer, {
      from: '2026-12-01', to: '2027-01-01', closedOn: '2027-01-04',
      documents: [{ memberId: coop, kind: 'INVOICE', baseCents: 12_000 }, { memberId: coop, kind: 'CREDIT_NOTE', baseCents: 1_000, corrects: november }],
    });
    // January's close is made as the treasurer makes it, its drafts built from the settlement: the rent shared equally.
    for (const memberId of [coop, fablab]) await commands.invoicingParties.setMemberDetails(treasurer, { memberId, address: address(`${memberId.slice(0, 4)} rue du Port`), vatNumber: null, invoiceEmail: `compta-${memberId.slice(0, 4)}@example.org` });
    await commands.invoicingParties.setPoleProfile(treasurer, {
      name: 'Pôle Estuaire', address: address('5 rue de la Coopération'), siret: '55210055400013', vatNumber: 'FR96552100554',
      iban: 'FR7630006000011234567890189', paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
    });
    const rent = await commands.finance.defineCostPool(treasurer, { name: 'Loyer', accountNumber: '613200', key: { kind: 'EQUAL' }, resourceIds: [] });
    january = (await commands.finance.openPeriod(treasurer, { from: '2027-01-01', to: '2027-02-01' })).periodId;
    await commands.finance.recordCost(treasurer, { poolId: rent.poolId, amountCents: 90_001, incurredOn: '2027-01-05', label: 'Loyer de janvier', reference: null });
    now = new Date('2027-02-02T09:00:00Z');
    await commands.finance.closePeriod(treasurer, january);
    const counters = await logCounters(original.readModels.db);
    const lines: string[] = [];
    for await (const chunk of auditBundleOf(original.store, {
      headPosition: counters.lastLedgerPosition, eventCount: counters.ledgerEventCount, exportedAt: clock(), pole: { name: null, siren: null }, positionsContiguous: true,
    })) lines.push(chunk);
    bundle = join(workDirectory, 'paquet.jsonl');
    writeFileSync(bundle, lines.join(''));
  });
  afterAll(async () => {
    if (original) await closeLedger(original);
    if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
  });

  it('verifies offline, the invoice numberings checked with the closes', async () => {
    const { report } = await verifyBundleFile(bundle);
    expect(report.problems).toEqual([]);
    expect(report.periodClosesChecked).toBe(3);
    const types = readFileSync(bundle, 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { type?: string }).type);
    expect(types.filter((type) => type === 'InvoicesNumbered')).toHaveLength(3);
  });

  it('imports into a fresh store whose read models fold exactly the same invoices: ids, numbers, kinds, amounts, documents', async () => {
    const target = join(workDirectory, 'replay');
    const { report } = await importBundle(bundle, { kind: 'sqlite', dataDirectory: target });
    expect(report.problems).toEqual([]);
    const replayed = await openLedger(target);
    try {
      const invoices = await listInvoiceDocuments(replayed.readModels.db, {});
      expect(invoices).toEqual(await listInvoiceDocuments(original.readModels.db, {}));
      const [drafted, built] = [invoices.filter(({ invoice }) => invoice.periodId !== january), invoices.filter(({ invoice }) => invoice.periodId === january)];
      expect(drafted.map(({ invoice }) => [invoice.number, invoice.kind, invoice.totalExclTaxCents, invoice.vatCents])).toEqual([
        ['FA-2026-000001', 'INVOICE', 10_000, 2_000],
        ['FA-2026-000002', 'INVOICE', 25_050, 5_010],
        ['AF-2026-000001', 'SELF_BILLED_INVOICE', 4_000, 800],
        ['FA-2027-000001', 'INVOICE', 12_000, 2_400],
        ['AV-2027-000001', 'CREDIT_NOTE', 1_000, 200],
      ]);
      expect(built.map(({ invoice }) => [invoice.number, invoice.kind]).sort()).toEqual([['FA-2027-000002', 'INVOICE'], ['FA-2027-000003', 'INVOICE']]);
      expect(built.map(({ invoice }) => invoice.memberId).sort()).toEqual([...januaryMembers].sort());
      expect(built.reduce((sum, { invoice }) => sum + invoice.totalExclTaxCents, 0)).toBe(90_001);
      expect(invoices.every(({ invoice, document }) => document.number === invoice.number)).toBe(true);
      const creditNote = invoices.find(({ invoice }) => invoice.kind === 'CREDIT_NOTE')!;
      expect(creditNote.document.correctedInvoice?.number).toBe('FA-2026-000001');
    } finally {
      await closeLedger(replayed);
    }
  });

  it('names a number given twice in a copy whose hashes and log digest were computed again, and refuses to import it', async () => {
    const lines = readFileSync(bundle, 'utf8').trimEnd().split('\n');
    const at = lines.findIndex((line) => line.includes('"type":"InvoicesNumbered"'));
    const numbering = JSON.parse(lines[at]!) as BundleEventLine;
    const data = JSON.parse(JSON.stringify(numbering.data).replace('FA-2026-000002', 'FA-2026-000001')) as unknown;
    lines[at] = JSON.stringify(rehashed(numbering, data));
    const digest = new LogDigest();
    for (const line of lines.slice(1, -1)) digest.add(recordedEventOf(JSON.parse(line) as BundleEventLine));
    lines[lines.length - 1] = JSON.stringify({ ...(JSON.parse(lines.at(-1)!) as BundleTrailer), logDigest: digest.digest });
    const forged = join(workDirectory, 'falsifie.jsonl');
    writeFileSync(forged, `${lines.join('\n')}\n`);

    const { report } = await verifyBundleFile(forged);
    expect(report.problems[0]).toMatchObject({
      kind: 'INVOICE_NUMBERING_MISMATCH', eventId: numbering.id, streamId: 'invoice-numbers-2026', message: 'FA-2026-000001 déjà attribué : la série FA-2026 en est à 1',
    });
    // The numbering is dated the day it was issued, in December: December's close digest covers it too.
    expect(report.problems.map((problem) => problem.kind)).toEqual(['INVOICE_NUMBERING_MISMATCH', 'PERIOD_DIGEST_MISMATCH']);
    await expect(importBundle(forged, { kind: 'sqlite', dataDirectory: join(workDirectory, 'refused') })).rejects.toThrow(ImportRefusedError);
  });
});
