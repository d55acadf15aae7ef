import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { type LedgerCommands } from '../../api/mutua.js';
import { DomainError } from '../../domain/shared/errors.js';
import { type SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { readWholeLog, verifyEvents } from '../../eventstore/integrity/verify-store.js';
import { sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'test' };
const coordinator: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'COORDINATOR' }, correlationId: 'test' };

describe('closing a period on a real SQLite store', () => {
  let store: SqliteEventStore;
  let commands: LedgerCommands;
  sqliteLedgerForEachTest('mutua-settlement-', () => new Date('2026-04-02T10:00:00Z'), (ledger) => ({ store, commands } = ledger));

  it('settles every cost that landed before the close and refuses every later one with PERIOD_CLOSED', async () => {
    for (const name of ['Coop Bâtisseurs', 'Les Daurades']) {
      await commands.members.registerMember(treasurer, { name, legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' });
    }
    const pool = await commands.finance.defineCostPool(treasurer, { name: 'Assurance', accountNumber: '616000', key: { kind: 'EQUAL' }, resourceIds: [] });
    const period = await commands.finance.openPeriod(treasurer, { from: '2026-03-01', to: '2026-04-01' });
    const attempts = Array.from({ length: 20 }, (_, index) =>
      commands.finance.recordCost(treasurer, { poolId: pool.poolId, amountCents: 100 + index, incurredOn: '2026-03-10', label: `Facture ${index}`, reference: null }));
    const close = commands.finance.closePeriod(treasurer, period.periodId);
    const outcomes = await Promise.allSettled(attempts);
    const closed = await close;

    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as DomainError).code] : []));
    expect(new Set(refusals).size).toBeLessThanOrEqual(1);
    if (refusals.length > 0) expect(refusals[0]).toBe('PERIOD_CLOSED');
    const landedCents = outcomes.reduce((sum, outcome, index) => sum + (outcome.status === 'fulfilled' ? 100 + index : 0), 0);
    expect(closed.settlement?.totals.poolSharesCents).toBe(landedCents);
    await expect(commands.finance.recordCost(treasurer, { poolId: pool.poolId, amountCents: 1, incurredOn: '2026-03-31', label: 'Tardive', reference: null }))
      .rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    expect((await verifyEvents(readWholeLog(store))).problems).toEqual([]);
  });

  async function threeMembersAndMarch() {
    const ids: string[] = [];
    for (const name of ['Atelier', 'Boulangerie', 'Café']) {
      ids.push((await commands.members.registerMember(coordinator, { name, legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' })).memberId);
    }
    const period = await commands.finance.openPeriod(treasurer, { from: '2026-03-01', to: '2026-04-01' });
    return { ids: ids as [string, string, string], period };
  }

  it('splits a pool by headcounts in full-time equivalents to the cent, in the preview and at the close', async () => {
    const { ids: [atelier, boulangerie, cafe], period } = await threeMembersAndMarch();
    await commands.members.declareHeadcount(coordinator, { memberId: atelier, headcount: 1.5, from: '2026-01-01' });
    await commands.members.declareHeadcount(coordinator, { memberId: boulangerie, headcount: 0.5, from: '2026-01-01' });
    await commands.members.declareHeadcount(coordinator, { memberId: cafe, headcount: 1, from: '2026-01-01' });
    await commands.members.declareHeadcount(coordinator, { memberId: cafe, headcount: 0.25, from: '2026-03-17' });
    const pool = await commands.finance.defineCostPool(treasurer, { name: 'Poste partagé', accountNumber: null, key: { kind: 'HEADCOUNT' }, resourceIds: [] });
    await commands.finance.recordCost(treasurer, { poolId: pool.poolId, amountCents: 100_000, incurredOn: '2026-03-31', label: 'Salaire de mars', reference: null });

    // 46,5 + 15,5 + 19,75 = 81,75 person-days: 56 880,73… + 18 960,24… + 24 159,02… cents, the cent left to the largest remainder.
    const expected = new Map([[atelier, 56_881], [boulangerie, 18_960], [cafe, 24_159]]);
    const { settlement: preview } = await commands.finance.settlementOf(period.periodId);
    expect(new Map(preview.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
    const closed = await commands.finance.closePeriod(treasurer, period.periodId);
    expect(new Map(closed.settlement!.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
    expect(closed.settlement!.totals.poolSharesCents).toBe(100_000);
  });

  it('refuses a headcount or a fixed share the settlement cannot represent, and writes nothing', async () => {
    const { ids: [atelier] } = await threeMembersAndMarch();
    const head = await store.headPosition();
    for (const headcount of [1.005, 0.1 + 0.2, -1, Number.NaN, 100_000.5]) {
      await expect(commands.members.declareHeadcount(coordinator, { memberId: atelier, headcount, from: '2026-03-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    for (const weight of [0.333, 2e9, -0.5]) {
      const key = { kind: 'FIXED_SHARES' as const, shares: [{ memberId: atelier, weight }] };
      await expect(commands.finance.defineCostPool(treasurer, { name: 'Parts', accountNumber: null, key, resourceIds: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const stranger = { kind: 'FIXED_SHARES' as const, shares: [{ memberId: atelier, weight: 1 }, { memberId: 'inconnu', weight: 1 }] };
    await expect(commands.finance.defineCostPool(treasurer, { name: 'Parts', accountNumber: null, key: stranger, resourceIds: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.headPosition()).toBe(head);
  });

  it('splits a composite pool with percents to the hundredth to the cent, in the preview and at the close', async () => {
    const { ids: [atelier, boulangerie, cafe], period } = await threeMembersAndMarch();
    for (const [memberId, headcount] of [[atelier, 1.5], [boulangerie, 0.5], [cafe, 1]] as const) {
      await commands.members.declareHeadcount(coordinator, { memberId, headcount, from: '2026-01-01' });
    }
    const shares = [{ memberId: atelier, weight: 2 }, { memberId: boulangerie, weight: 1 }, { memberId: cafe, weight: 1 }];
    const key = {
      kind: 'COMPOSITE' as const,
      parts: [
        { percent: 33.33, key: { kind: 'EQUAL' as const } },
        { percent: 33.33, key: { kind: 'HEADCOUNT' as const } },
        { percent: 33.34, key: { kind: 'FIXED_SHARES' as const, shares } },
      ],
    };
    const pool = await commands.finance.defineCostPool(treasurer, { name: 'Charges communes', accountNumber: null, key, resourceIds: [] });
    await commands.finance.recordCost(treasurer, { poolId: pool.poolId, amountCents: 10_001, incurredOn: '2026-03-31', label: 'Charges de mars', reference: null });

    // Between the parts: 10 001 × 33,33 % = 3 333,3333 twice and × 33,34 % = 3 334,3334; the floors add up to
    // 10 000 and the cent left goes to the third part (remainder 0,3334): 3 333 + 3 333 + 3 335.
    // EQUAL, 3 333 over 3 × 31 days: 1 111 each.
    // HEADCOUNT, 3 333 over 1,5 + 0,5 + 1 FTE: 1 666,5, 555,5 and 1 111; the tied remainders leave the cent to the larger weight, atelier.
    // FIXED_SHARES, 3 335 over 2 + 1 + 1: 1 667,5, 833,75 and 833,75; the two cents left go to the remainders of 0,75.
    const expected = new Map([[atelier, 1_111 + 1_667 + 1_667], [boulangerie, 1_111 + 555 + 834], [cafe, 1_111 + 1_111 + 834]]);
    const { settlement: preview } = await commands.finance.settlementOf(period.periodId);
    expect(new Map(preview.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
    const closed = await commands.finance.closePeriod(treasurer, period.periodId);
    expect(new Map(closed.settlement!.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
    expect(closed.settlement!.totals.poolSharesCents).toBe(10_001);
  });

  it('refuses composite percents the settlement cannot represent or that do not add up to exactly 100, and writes nothing', async () => {
    await threeMembersAndMarch();
    const head = await store.headPosition();
    const equal = { kind: 'EQUAL' as const };
    for (const percents of [[33.333, 66.667], [33.33, 33.33, 33.33], [50, 50.01], [0, 100], [-50, 150], [Number.NaN, 100], [0.1 + 0.2, 99.7]]) {
      const key = { kind: 'COMPOSITE' as const, parts: percents.map((percent) => ({ percent, key: equal })) };
      await expect(commands.finance.defineCostPool(treasurer, { name: 'Composée', accountNumber: null, key, resourceIds: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await store.headPosition()).toBe(head);
  });

  it('settles a composite pool of whole percents written by the previous version to the cents it gave', async () => {
    const { ids: [atelier, boulangerie, cafe], period } = await threeMembersAndMarch();
    const poolId = randomUUID();
    await store.appendToStream(`cost-pool-${poolId}`, [{
      id: randomUUID(), type: 'CostPoolDefined', metadata: { correlationId: 'avant-mise-a-jour', actorUserId: 'system', actorRole: 'TREASURER' },
      data: {
        poolId, name: 'Fluides', accountNumber: '606100', resourceIds: [],
        key: { kind: 'COMPOSITE', parts: [
          { percent: 30, key: { kind: 'EQUAL' } },
          { percent: 70, key: { kind: 'FIXED_SHARES', shares: [{ memberId: atelier, weight: 1 }, { memberId: boulangerie, weight: 2 }] } },
        ] },
      },
    }], { expectedRevision: 'no_stream' });
    await commands.finance.recordCost(treasurer, { poolId, amountCents: 10_001, incurredOn: '2026-03-10', label: 'Eau et électricité', reference: null });

    // The previous version's split: 3 000,3 and 7 000,7, the cent to the second part; 3 000 over three members, 1 000 each;
    // 7 001 over 1 + 2 shares, 2 333,66… and 4 667,33…, the cent to atelier.
    const expected = new Map([[atelier, 1_000 + 2_334], [boulangerie, 1_000 + 4_667], [cafe, 1_000]]);
    const { settlement: preview } = await commands.finance.settlementOf(period.periodId);
    expect(new Map(preview.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
    const closed = await commands.finance.closePeriod(treasurer, period.periodId);
    expect(new Map(closed.settlement!.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
  });

  it('settles a period whose log holds fractional headcounts and shares written by the previous version', async () => {
    const { ids: [atelier, boulangerie, cafe], period } = await threeMembersAndMarch();
    // What the previous version recorded without complaint; its settlement then failed on every preview and close.
    const metadata = { correlationId: 'avant-mise-a-jour', actorUserId: 'system', actorRole: 'COORDINATOR' };
    const declared = (memberId: string, headcount: number) => store.appendToStream(`declarations-${memberId}`, [{
      id: randomUUID(), type: 'HeadcountDeclared', data: { memberId, headcount, from: '2026-01-01' }, metadata,
    }], { expectedRevision: 'any' });
    await declared(atelier, 1.5);
    await declared(boulangerie, 0.1 + 0.2); // read as 0,30 FTE
    await declared(cafe, 1.333); // read as 1,33 FTE
    const poolId = randomUUID();
    await store.appendToStream(`cost-pool-${poolId}`, [{
      id: randomUUID(), type: 'CostPoolDefined', metadata: { ...metadata, actorRole: 'TREASURER' },
      data: { poolId, name: 'Parts fixes', accountNumber: '628000', resourceIds: [], key: { kind: 'FIXED_SHARES', shares: [{ memberId: atelier, weight: 0.125 }, { memberId: cafe, weight: 0.375 }] } },
    }], { expectedRevision: 'no_stream' });
    const headcountPool = await commands.finance.defineCostPool(treasurer, { name: 'Poste partagé', accountNumber: null, key: { kind: 'HEADCOUNT' }, resourceIds: [] });
    await commands.finance.recordCost(treasurer, { poolId: headcountPool.poolId, amountCents: 10_000, incurredOn: '2026-03-10', label: 'Salaire', reference: null });
    await commands.finance.recordCost(treasurer, { poolId, amountCents: 1_000, incurredOn: '2026-03-10', label: 'Abonnement', reference: null });

    // Headcounts × 31 days: 46,5 + 9,3 + 41,23 = 97,03. 10 000 cents × 46,5 / 97,03 = 4 792,33…, × 9,3 / 97,03 = 958,46…,
    // × 41,23 / 97,03 = 4 249,20…: the floors add up to 9 999, the cent left to boulangerie, whose remainder (0,46…) is the largest.
    // Shares 0,125 and 0,375 are read as 0,13 and 0,38 (half a hundredth up): 1 000 × 13 / 51 = 254,90… and × 38 / 51 = 745,09…, the cent to atelier.
    const expected = new Map([[atelier, 4_792 + 255], [boulangerie, 959], [cafe, 4_249 + 745]]);
    const { settlement: preview } = await commands.finance.settlementOf(period.periodId);
    expect(new Map(preview.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
    const closed = await commands.finance.closePeriod(treasurer, period.periodId);
    expect(new Map(closed.settlement!.lines.map((line) => [line.memberId, line.poolSharesCents]))).toEqual(expected);
    expect(closed.settlement!.totals.poolSharesCents).toBe(11_000);
  });
});
