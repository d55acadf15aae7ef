import { describe, expect, it } from 'vitest';
import { invoicingPartiesOn } from '../../api/invoicing/invoicing-parties.js';
import { type PoleInvoicingProfile } from '../../domain/invoicing/invoicing-parties.js';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { findMemberInvoicing } from '../../projections/members/invoicing-parties-reads.js';
import { membersTables } from '../../projections/members/members-projection.js';
import { createCheckpointTable } from '../../projections/tables/checkpoints.js';
import { dumpTables } from '../../projections/tables/fold-into-tables.js';
import { type ReadModelDatabase } from '../../projections/tables/read-model-database.js';
import { LIVE_FOLD } from '../../projections/tables/table-projection.js';
import { recordedInTurn } from '../support/recorded-events.js';

/**
 * What the close asks of the read models, the same on SQLite and PostgreSQL: the parties of the
 * invoices dated `date`, each member's mandate as in force on that day, and the pôle's profile.
 */
export type OpenEmptyReadModels = () => Promise<ReadModelDatabase>;

const recorded = recordedInTurn('TREASURER');

const address = { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' };
export const POLE: PoleInvoicingProfile = {
  name: 'Pôle Chartrons', address, siret: '73282932000074', vatNumber: 'FR44732829320', iban: 'FR7630006000011234567890189',
  paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
};
const member = (memberId: string, name: string, siret: string | null) => recorded(`member-${memberId}`, 'MemberRegistered', {
  memberId, name, legalForm: 'SCOP', siret, vatStatus: 'SUBJECT', joinedOn: '2026-01-01',
});
/** Without `vatOnDebits`, a grant as recorded before the member's option for VAT on debits was. */
const granted = (memberId: string, grantedOn: string, reference: string | null = null, vatOnDebits?: boolean) =>
  recorded(`member-${memberId}`, 'SelfBillingMandateGranted', { memberId, grantedOn, reference, ...(vatOnDebits === undefined ? {} : { vatOnDebits }) });
const revoked = (memberId: string, revokedOn: string) => recorded(`member-${memberId}`, 'SelfBillingMandateRevoked', { memberId, revokedOn });

/**
 * Coop gave a mandate from February to June (recorded before the option for VAT on debits was) and
 * another from September on, opting for debits; the fablab one from March, VAT on receipt; Dune none.
 */
export const PARTIES_HISTORY: RecordedEvent[] = [
  member('coop', 'Coop Bâtisseurs', '73282932000074'),
  recorded('pole-invoicing-profile', 'PoleInvoicingProfileSet', { ...POLE, paymentTermDays: 45 }),
  member('fablab', 'Fablab du Quai', null),
  recorded('member-coop', 'MemberInvoicingDetailsSet', { memberId: 'coop', address, vatNumber: 'FR44732829320', invoiceEmail: null }),
  granted('coop', '2026-02-01', 'AF-1'),
  granted('fablab', '2026-03-01', null, false),
  member('dune', 'Dune', null),
  revoked('coop', '2026-06-30'),
  recorded('member-fablab', 'MemberInvoicingDetailsSet', { memberId: 'fablab', address: { ...address, line: '1 rue du Port' }, vatNumber: null, invoiceEmail: 'compta@fablab.example' }),
  granted('coop', '2026-09-01', 'AF-2', true),
  recorded('pole-invoicing-profile', 'PoleInvoicingProfileSet', POLE),
];

async function folded(open: OpenEmptyReadModels, events: readonly RecordedEvent[], batchSize = events.length): Promise<ReadModelDatabase> {
  const database = await open();
  await createCheckpointTable(database.db);
  await membersTables.createTables(database.db);
  await membersTables.createIndexes(database.db);
  for (let start = 0; start < events.length; start += batchSize) {
    await database.db.transaction().execute((trx) => membersTables.apply(trx, events.slice(start, start + batchSize), LIVE_FOLD));
  }
  return database;
}

export function invoicingPartiesContract(name: string, open: OpenEmptyReadModels): void {
  describe(`the parties of the invoices (${name})`, () => {
    it('has no pôle and members without address or mandate before anything is set', async () => {
      const database = await folded(open, PARTIES_HISTORY.slice(0, 1));
      try {
        const parties = await invoicingPartiesOn(database.db, '2026-12-31');
        expect(parties.pole).toBeNull();
        expect(parties.members.get('coop')).toEqual({
          memberId: 'coop', name: 'Coop Bâtisseurs', legalForm: 'SCOP', vatStatus: 'SUBJECT', siret: '73282932000074',
          address: null, vatNumber: null, invoiceEmail: null, selfBillingMandate: null,
        });
      } finally {
        await database.close();
      }
    });

    it('ends with the same tables whether the parties’ events come in one batch or one by one', async () => {
      const dumps = [];
      for (const batchSize of [PARTIES_HISTORY.length, 1, 2]) {
        const database = await folded(open, PARTIES_HISTORY, batchSize);
        try {
          dumps.push(await dumpTables(database, membersTables));
        } finally {
          await database.close();
        }
      }
      expect(dumps[0]!.member_self_billing_mandates).toHaveLength(3);
      expect(dumps[1]).toEqual(dumps[0]);
      expect(dumps[2]).toEqual(dumps[0]);
    });

    it('names the pôle as last set, each member with its details, and the mandate in force on the date', async () => {
      for (const batchSize of [1, 3, PARTIES_HISTORY.length]) {
        const database = await folded(open, PARTIES_HISTORY, batchSize);
        try {
          const on = async (date: string) => {
            const parties = await invoicingPartiesOn(database.db, date);
            return Object.fromEntries([...parties.members.values()].map((identity) => [identity.memberId, identity.selfBillingMandate?.grantedOn ?? null]));
          };
          const parties = await invoicingPartiesOn(database.db, '2026-07-01');
          expect(parties.pole).toEqual(POLE);
          expect([...parties.members.keys()]).toEqual(['coop', 'dune', 'fablab']);
          expect(parties.members.get('coop')).toMatchObject({ address, vatNumber: 'FR44732829320', invoiceEmail: null });
          expect(parties.members.get('fablab')).toMatchObject({ address: { ...address, line: '1 rue du Port' }, vatNumber: null, invoiceEmail: 'compta@fablab.example' });
          expect(parties.members.get('dune')?.address).toBeNull();
          expect(await on('2026-01-31')).toEqual({ coop: null, dune: null, fablab: null });
          expect(await on('2026-02-01')).toEqual({ coop: '2026-02-01', dune: null, fablab: null });
          expect(await on('2026-06-29')).toEqual({ coop: '2026-02-01', dune: null, fablab: '2026-03-01' });
          expect(await on('2026-06-30')).toEqual({ coop: null, dune: null, fablab: '2026-03-01' });
          expect(await on('2026-09-01')).toEqual({ coop: '2026-09-01', dune: null, fablab: '2026-03-01' });
          const optionOn = async (date: string) => (await invoicingPartiesOn(database.db, date)).members.get('coop')?.selfBillingMandate?.vatOnDebits;
          expect([await optionOn('2026-02-01'), await optionOn('2026-09-01')]).toEqual([false, true]);
          expect((await invoicingPartiesOn(database.db, '2026-09-01')).members.get('fablab')?.selfBillingMandate).toEqual({ grantedOn: '2026-03-01', vatOnDebits: false });
          expect((await findMemberInvoicing(database.db, ['coop'])).get('coop')?.selfBillingMandate).toEqual({ grantedOn: '2026-09-01', reference: 'AF-2', vatOnDebits: true });
        } finally {
          await database.close();
        }
      }
    });
  });
}
