import { describe, expect, it } from 'vitest';
import { foldEvents } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { type VatSettingsCommand, type VatSettingsEvent, poleDeductsVat, treatmentInForce, vatSettingsDecider } from './vat-settings.js';

const march = { periodId: 'mars', from: '2026-03-01', to: '2026-04-01' };
const april = { periodId: 'avril', from: '2026-04-01', to: '2026-05-01' };
const rent = { kind: 'POOL', poolId: 'loyer' } as const;
const staff = { kind: 'POOL', poolId: 'rh' } as const;

function given(events: VatSettingsEvent[], command: VatSettingsCommand): VatSettingsEvent[] {
  return vatSettingsDecider.decide(command, foldEvents(vatSettingsDecider, events));
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
  }
  return 'none';
}

const subjectFromMarch: VatSettingsEvent = { type: 'PoleVatStatusSet', data: { fromPeriodStart: march.from, status: 'SUBJECT' } };

describe('the VAT settings decider', () => {
  it('records the pôle’s status and a pool’s rate from a period on', () => {
    expect(given([], { type: 'SetPoleVatStatus', data: { fromPeriod: march, closedPeriodsFrom: [], status: 'SUBJECT' } })).toEqual([subjectFromMarch]);
    expect(given([subjectFromMarch], {
      type: 'SetVatTreatment', data: { fromPeriod: april, closedPeriodsFrom: [], target: rent, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } },
    })).toEqual([{ type: 'VatTreatmentSet', data: { fromPeriodStart: april.from, target: rent, treatment: { kind: 'RATE', rateBasisPoints: 2_000 } } }]);
  });

  it('refuses a rate the CGI does not know (VAT_RATE_INVALID), a rate while the pôle is not subject (VAT_NOT_SUBJECT), and a closed period (PERIOD_CLOSED)', () => {
    const rate = (rateBasisPoints: number): VatSettingsCommand =>
      ({ type: 'SetVatTreatment', data: { fromPeriod: march, closedPeriodsFrom: [], target: rent, treatment: { kind: 'RATE', rateBasisPoints } } });
    expect(refusal(() => given([subjectFromMarch], rate(1_900)))).toBe('VAT_RATE_INVALID');
    expect(refusal(() => given([], rate(2_000)))).toBe('VAT_NOT_SUBJECT');
    expect(refusal(() => given([], { type: 'SetPoleVatStatus', data: { fromPeriod: march, closedPeriodsFrom: [april], status: 'SUBJECT' } }))).toBe('PERIOD_CLOSED');
    expect(refusal(() => given([{ type: 'PoleVatStatusSet', data: { fromPeriodStart: april.from, status: 'SUBJECT' } }],
      { type: 'SetPoleVatStatus', data: { fromPeriod: march, closedPeriodsFrom: [], status: 'NOT_SUBJECT' } }))).toBe('VALIDATION_FAILED');
  });

  it('applies each version from its period on, taxes staff at 20 % by default once the pôle is subject, and nothing while it is not', () => {
    const state = foldEvents(vatSettingsDecider, [
      subjectFromMarch,
      { type: 'VatTreatmentSet', data: { fromPeriodStart: april.from, target: rent, treatment: { kind: 'EXEMPT', exemption: 'ART_261_D' } } },
      { type: 'PoleVatStatusSet', data: { fromPeriodStart: '2026-06-01', status: 'NOT_SUBJECT' } },
    ]);
    expect(treatmentInForce(state, march, rent, false)).toEqual({ kind: 'NONE' });
    expect(treatmentInForce(state, april, rent, false)).toEqual({ kind: 'EXEMPT', exemption: 'ART_261_D' });
    expect(treatmentInForce(state, march, staff, true)).toEqual({ kind: 'RATE', rateBasisPoints: 2_000 });
    expect(treatmentInForce(state, { from: '2026-02-01', to: '2026-03-01' }, staff, true)).toEqual({ kind: 'NONE' });
    expect(treatmentInForce(state, { from: '2026-06-01', to: '2026-07-01' }, staff, true)).toEqual({ kind: 'NONE' });
    expect([poleDeductsVat(state, march), poleDeductsVat(state, { from: '2026-06-01', to: '2026-07-01' })]).toEqual([true, false]);
  });
});
