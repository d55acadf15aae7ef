import { describe, expect, it } from 'vitest';
import { foldEvents } from '../shared/decider.js';
import { specification } from '../shared/decider-specification.js';
import { settlePeriod } from '../settlement/settle-period.js';
import { costPoolDecider, keyInForce } from './cost-pool.js';
import { closeRefusal, type CostFacts, type PeriodJournalEvent, periodJournalDecider } from './period-journal.js';
import { periodsIndexDecider } from './periods-index.js';

const given = specification(periodJournalDecider);
const opened: PeriodJournalEvent = { type: 'PeriodOpened', data: { periodId: 'mars', from: '2026-03-01', to: '2026-04-01' } };
const cost: CostFacts = { costId: 'c1', poolId: 'loyer', amountCents: 120_000, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: 'F-1' };
const emptySettlement = settlePeriod({
  period: { from: '2026-03-01', to: '2026-04-01' }, members: [], pools: [], occupancies: [], headcountDeclarations: [], items: [], resources: [], payments: [],
});
const digest = { algorithm: 'sha256-business-day-chains' as const, value: 'abc', eventCount: 2 };
const closed: PeriodJournalEvent = { type: 'PeriodClosed', data: { periodId: 'mars', from: '2026-03-01', to: '2026-04-01', closedOn: '2026-04-02', settlement: emptySettlement, digest } };

describe('a period’s journal', () => {
  it('records a cost dated in the period, its label trimmed', () => {
    given([opened]).when({ type: 'RecordCost', data: { ...cost, label: '  Loyer de mars ' } }).then([{ type: 'CostRecorded', data: cost }]);
  });

  it('refuses a cost once the period is closed, with PERIOD_CLOSED', () => {
    given([opened, closed]).when({ type: 'RecordCost', data: cost }).thenRefusedWith('PERIOD_CLOSED', /clôturée/);
  });

  it('refuses a zero or negative amount: corrections are reversals', () => {
    given([opened]).when({ type: 'RecordCost', data: { ...cost, amountCents: -5 } }).thenRefusedWith('VALIDATION_FAILED');
  });

  it('records a cost’s deductible VAT only while the pôle deducts VAT (VAT_NOT_SUBJECT otherwise), and carries it into its reversal', () => {
    const withVat = { ...cost, deductibleVatCents: 24_000 };
    given([opened]).when({ type: 'RecordCost', data: withVat }).thenRefusedWith('VAT_NOT_SUBJECT');
    given([opened]).when({ type: 'RecordCost', data: { ...withVat, deductibleVatCents: 120_001 }, poleDeductsVat: true }).thenRefusedWith('VALIDATION_FAILED', /TVA/);
    given([opened]).when({ type: 'RecordCost', data: withVat, poleDeductsVat: true }).then([{ type: 'CostRecorded', data: withVat }]);
    given([opened]).when({ type: 'RecordCost', data: { ...cost, deductibleVatCents: 0 } }).then([{ type: 'CostRecorded', data: cost }]);
    const reversal = { reversedOn: '2026-03-20', reason: 'Avoir', originalPeriodId: 'mars' };
    given([opened, { type: 'CostRecorded', data: withVat }]).when({ type: 'ReverseCost', data: { original: withVat, alreadyReversed: false, ...reversal } })
      .then([{ type: 'CostReversed', data: { costId: 'c1', poolId: 'loyer', amountCents: 120_000, deductibleVatCents: 24_000, ...reversal } }]);
  });

  it('reverses a cost with its reason, once', () => {
    const reversal = { reversedOn: '2026-03-20', reason: 'Facture en double', originalPeriodId: 'mars' };
    given([opened, { type: 'CostRecorded', data: cost }]).when({ type: 'ReverseCost', data: { original: cost, alreadyReversed: false, ...reversal } })
      .then([{ type: 'CostReversed', data: { costId: 'c1', poolId: 'loyer', amountCents: 120_000, ...reversal } }]);
    given([opened, { type: 'CostRecorded', data: cost }, { type: 'CostReversed', data: { costId: 'c1', poolId: 'loyer', amountCents: 120_000, ...reversal } }])
      .when({ type: 'ReverseCost', data: { original: cost, alreadyReversed: false, ...reversal } }).thenRefusedWith('VALIDATION_FAILED', /déjà/);
    given([opened]).when({ type: 'ReverseCost', data: { original: cost, alreadyReversed: false, ...reversal, reason: ' ' } }).thenRefusedWith('VALIDATION_FAILED', /motif/);
  });

  it('reverses a closed period’s usage entry in this one with its reason, once, and not once closed', () => {
    const entry = { entryId: 'u1', resourceId: 'laser', memberId: 'coop' };
    const reversal = { reversedOn: '2026-03-20', reason: 'Saisie en double', originalPeriodId: 'fevrier' };
    const reversed: PeriodJournalEvent = { type: 'UsageReversed', data: { ...entry, reason: 'Saisie en double', late: { reversedOn: '2026-03-20', originalPeriodId: 'fevrier' } } };
    given([opened]).when({ type: 'ReverseLateUsage', data: { entry, alreadyReversed: false, ...reversal, reason: ' Saisie en double ' } }).then([reversed]);
    given([opened, reversed]).when({ type: 'ReverseLateUsage', data: { entry, alreadyReversed: false, ...reversal } }).thenRefusedWith('VALIDATION_FAILED', /déjà/);
    given([opened]).when({ type: 'ReverseLateUsage', data: { entry, alreadyReversed: true, ...reversal } }).thenRefusedWith('VALIDATION_FAILED', /déjà/);
    given([opened]).when({ type: 'ReverseLateUsage', data: { entry, alreadyReversed: false, ...reversal, reason: ' ' } }).thenRefusedWith('VALIDATION_FAILED', /motif/);
    given([opened, closed]).when({ type: 'ReverseLateUsage', data: { entry, alreadyReversed: false, ...reversal } }).thenRefusedWith('PERIOD_CLOSED');
  });

  it('closes only once the period has ended, and not while a pool is blocked', () => {
    given([opened]).when({ type: 'ClosePeriod', data: { today: '2026-03-31', settlement: emptySettlement, digest } })
      .thenRefusedWith('VALIDATION_FAILED', /se termine le 31 mars 2026 : elle pourra être clôturée à partir du 1er avril 2026/);
    given([opened]).when({ type: 'ClosePeriod', data: { today: '2026-04-01', settlement: emptySettlement, digest } }).then([{ ...closed, data: { ...closed.data, closedOn: '2026-04-01' } }]);
    const blocked = { ...emptySettlement, blockers: [{ code: 'NO_ALLOCATION_WEIGHT' as const, poolId: 'rh', poolName: 'Poste partagé', message: 'Le pot « Poste partagé » …' }] };
    given([opened]).when({ type: 'ClosePeriod', data: { today: '2026-04-02', settlement: blocked, digest } }).thenRefusedWith('NO_ALLOCATION_WEIGHT', /Poste partagé/);
  });
});

describe('the periods index', () => {
  it('refuses a period overlapping another', () => {
    specification(periodsIndexDecider)([{ type: 'PeriodRegistered', data: { periodId: 'mars', from: '2026-03-01', to: '2026-04-01' } }])
      .when({ type: 'RegisterPeriod', data: { periodId: 'q', from: '2026-03-31', to: '2026-05-01' } }).thenRefusedWith('VALIDATION_FAILED', /chevauche/);
  });
});

describe('a cost pool’s dated keys', () => {
  const defined = { type: 'CostPoolDefined' as const, data: { poolId: 'p', name: 'Fluides', accountNumber: '606100', key: { kind: 'EQUAL' as const }, resourceIds: [] } };

  it('applies a new key from its period on, the earlier periods keeping theirs', () => {
    const state = foldEvents(costPoolDecider, [defined, { type: 'AllocationKeyChanged' as const, data: { poolId: 'p', fromPeriodStart: '2026-04-01', key: { kind: 'HEADCOUNT' as const }, resourceIds: [] } }]);
    if (state.status !== 'defined') throw new Error('defined');
    expect(keyInForce(state.keys, { from: '2026-03-01', to: '2026-04-01' }).key.kind).toBe('EQUAL');
    expect(keyInForce(state.keys, { from: '2026-04-01', to: '2026-05-01' }).key.kind).toBe('HEADCOUNT');
  });

  it('refuses to change the key of a closed period', () => {
    specification(costPoolDecider)([defined]).when({
      type: 'ChangeAllocationKey',
      data: { poolId: 'p', fromPeriod: { periodId: 'mars', from: '2026-03-01', to: '2026-04-01' }, closedPeriodsFrom: [{ from: '2026-03-01', to: '2026-04-01' }], key: { kind: 'HEADCOUNT' }, resourceIds: [] },
    }).thenRefusedWith('PERIOD_CLOSED');
  });

  it('defaults the expense account to 628000 and refuses one outside class 6', () => {
    specification(costPoolDecider)([]).when({ type: 'DefineCostPool', data: { poolId: 'p', name: 'Divers', accountNumber: null, key: { kind: 'EQUAL' }, resourceIds: [] } })
      .then([{ type: 'CostPoolDefined', data: { poolId: 'p', name: 'Divers', accountNumber: '628000', key: { kind: 'EQUAL' }, resourceIds: [] } }]);
    specification(costPoolDecider)([]).when({ type: 'DefineCostPool', data: { poolId: 'p', name: 'Divers', accountNumber: '411000', key: { kind: 'EQUAL' }, resourceIds: [] } })
      .thenRefusedWith('VALIDATION_FAILED');
  });

  it('tells beforehand why a close would be refused, as the decider then refuses it', () => {
    expect(closeRefusal({ to: '2026-04-01' }, '2026-03-31', emptySettlement)?.code).toBe('VALIDATION_FAILED');
    expect(closeRefusal({ to: '2026-04-01' }, '2026-04-01', emptySettlement)).toBeNull();
    const blocked = { blockers: [{ code: 'NO_ALLOCATION_WEIGHT' as const, poolId: 'rh', poolName: 'Poste partagé', message: 'Le pot « Poste partagé » …' }] };
    expect(closeRefusal({ to: '2026-04-01' }, '2026-04-01', blocked)?.code).toBe('NO_ALLOCATION_WEIGHT');
  });
});
