import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_RULES } from '../../../shared/booking-rules.js';
import { actorView } from './actor-label.js';
import { describeEvent } from './describe-event.js';
import { numberRanges } from './describe-finance-events.js';
import { EVENT_CATALOGUE, subjectsOf } from './event-catalogue.js';
import { type NameBook } from './name-book.js';

const names: NameBook = {
  member: (memberId) => ({ coop: 'Coop Bâtisseurs', fablab: 'Fablab du Quai' })[memberId] ?? 'structure inconnue',
  resource: (resourceId) => ({ salle: 'Grande salle', laser: 'Découpeuse laser' })[resourceId] ?? 'ressource inconnue',
  site: () => 'La Criée',
  pool: () => 'Loyer du bâtiment',
  period: () => ({ from: '2026-10-01', to: '2026-11-01' }),
  reservation: () => ({ start: '2026-10-12T12:00:00.000Z', end: '2026-10-12T16:30:00.000Z', quantity: 1 }),
  usageEntry: () => ({ start: '2026-10-05T07:00:00.000Z', end: '2026-10-05T08:30:00.000Z' }),
};

const reservation = { reservationId: 'r1', resourceId: 'salle', memberId: 'coop', start: '2026-10-12T12:00:00.000Z', end: '2026-10-12T16:30:00.000Z', quantity: 1, purpose: null, seriesId: null };
const settlement = { lines: [{}, {}] };

/** One example of every event type of domain/, as the deciders write them. */
const EXAMPLES: Record<string, unknown> = {
  MemberRegistered: { memberId: 'coop', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-03-01' },
  MemberAmended: { memberId: 'coop', name: 'Coop Bâtisseurs du Port', siret: '73282932000074', vatStatus: 'SUBJECT' },
  MemberLeft: { memberId: 'coop', leftOn: '2026-07-01' },
  MemberInvoicingDetailsSet: { memberId: 'coop', address: { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' }, vatNumber: 'FR11732829320', invoiceEmail: null },
  SelfBillingMandateGranted: { memberId: 'coop', grantedOn: '2026-01-15', reference: 'AF-2026-01', vatOnDebits: true },
  SelfBillingMandateRevoked: { memberId: 'coop', revokedOn: '2026-09-30' },
  SiteRegistered: { siteId: 's1', name: 'La Criée', address: '12 quai de la Marine\n34140 Mèze' },
  ResourceRegistered: {
    resourceId: 'laser', name: 'Découpeuse laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 123_456, ownerMemberId: 'fablab',
    areaM2: null, openingHours: [], rules: DEFAULT_BOOKING_RULES, closures: [], siteId: 's1',
  },
  ResourceBookingSettingsChanged: { resourceId: 'salle', openingHours: [{ weekday: 1, opens: '08:00', closes: '19:00' }], rules: DEFAULT_BOOKING_RULES, closures: [] },
  ResourceReserved: reservation,
  ReservationRequested: { ...reservation, quantity: 3, seriesId: 'series-1' },
  ReservationApproved: { reservationId: 'r1', resourceId: 'salle', memberId: 'coop' },
  ReservationRejected: { reservationId: 'r1', resourceId: 'salle', memberId: 'coop', reason: 'Salle réservée au conseil' },
  SeriesReserved: { seriesId: 'series-1', resourceId: 'salle', memberId: 'coop', mode: 'SKIP_CONFLICTS', until: '2026-12-15', bookedCount: 9, skipped: [{}] },
  ReservationCancelled: { reservationId: 'r1', resourceId: 'salle', memberId: 'coop', late: true, reason: 'Intempéries' },
  CalendarEpochOpened: { resourceId: 'salle', epoch: '2026-11', previousEpoch: '2026-10', carried: [reservation] },
  CalendarEpochClosed: { resourceId: 'salle', epoch: '2026-10', nextEpoch: '2026-11' },
  CalendarEpochChained: { resourceId: 'salle', epoch: '2026-11', previousEpoch: '2026-10' },
  UsageRecorded: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', start: '2026-10-05T07:00:00.000Z', end: '2026-10-05T08:30:00.000Z', note: 'Prototype' },
  UsageReversed: { entryId: 'u1', resourceId: 'laser', memberId: 'coop', reason: 'Saisie en double' },
  OccupancyDeclared: { occupancyId: 'o1', memberId: 'coop', resourceId: 'salle', areaM2: 45.5, from: '2026-01-01', to: null },
  OccupancyEnded: { occupancyId: 'o1', memberId: 'coop', resourceId: 'salle', to: '2026-07-01' },
  HeadcountDeclared: { memberId: 'coop', headcount: 6, from: '2026-01-01' },
  CostPoolDefined: { poolId: 'p1', name: 'Loyer du bâtiment', accountNumber: '613200', key: { kind: 'COMPOSITE', parts: [{ percent: 30, key: { kind: 'EQUAL' } }, { percent: 70, key: { kind: 'AREA' } }] }, resourceIds: [] },
  AllocationKeyChanged: { poolId: 'p1', fromPeriodStart: '2026-11-01', key: { kind: 'HEADCOUNT' }, resourceIds: [] },
  PoleVatStatusSet: { fromPeriodStart: '2026-11-01', status: 'COST_SHARING_GROUPING' },
  VatTreatmentSet: { fromPeriodStart: '2026-11-01', target: { kind: 'POOL', poolId: 'p1' }, treatment: { kind: 'RATE', rateBasisPoints: 550 } },
  PoleInvoicingProfileSet: {
    name: 'Pôle Chartrons', address: { line: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' }, siret: '73282932000074',
    vatNumber: null, iban: null, paymentTermDays: 30, latePaymentPenalty: 'Trois fois le taux d’intérêt légal', vatOnDebits: false,
  },
  PeriodRegistered: { periodId: 'q4', from: '2026-10-01', to: '2027-01-01' },
  PeriodOpened: { periodId: 'q4', from: '2026-10-01', to: '2027-01-01' },
  CostRecorded: { costId: 'c1', poolId: 'p1', amountCents: 123_456, incurredOn: '2026-10-03', label: 'Loyer d’octobre', reference: 'F-2026-10' },
  CostReversed: { costId: 'c1', poolId: 'p1', amountCents: 123_456, reversedOn: '2026-10-04', reason: 'Facture en double', originalPeriodId: 'q4' },
  PaymentRecorded: { paymentId: 'pay1', memberId: 'coop', amountCents: 50_000, paidOn: '2026-10-10', direction: 'FROM_MEMBER', reference: 'VIR-1' },
  PaymentReversed: { paymentId: 'pay1', memberId: 'coop', amountCents: 50_000, direction: 'FROM_MEMBER', reversedOn: '2026-10-11', reason: 'Virement rejeté', originalPeriodId: 'q4' },
  PeriodClosed: { periodId: 'q4', from: '2026-10-01', to: '2027-01-01', closedOn: '2027-01-02', settlement, digest: { algorithm: 'sha256-business-day-chains', value: 'abcdef0123456789', eventCount: 42 } },
  InvoicesNumbered: {
    year: 2027, periodId: 'q4', issuedOn: '2027-01-02',
    numbers: [{ invoiceId: 'q4.FA.coop', number: 'FA-2027-000001' }, { invoiceId: 'q4.FA.fablab', number: 'FA-2027-000002' }, { invoiceId: 'q4.AV.coop.x', number: 'AV-2027-000001' }],
  },
};

describe('the history’s French descriptions', () => {
  it('writes a reservation as a French reader expects it: structure, resource, Paris date and times', () => {
    expect(describeEvent({ type: 'ResourceReserved', data: reservation }, names))
      .toBe('Coop Bâtisseurs a réservé Grande salle le 12 oct. 2026 de 14 h à 18 h 30');
  });

  it.each(EVENT_CATALOGUE.map((entry) => entry.type))('has a sentence of its own for %s, never the generic label', (type) => {
    expect(EXAMPLES[type], `an example of ${type}`).toBeDefined();
    const sentence = describeEvent({ type, data: EXAMPLES[type] }, names);
    expect(sentence).not.toMatch(/inconnu|illisible|undefined|NaN|\[object/);
    expect(sentence.length).toBeGreaterThan(20);
  });

  it('counts as French does, with the web app’s ICU rules: 0 and 1 in the singular, thousands apart', () => {
    const closed = (eventCount: number, lines: unknown[]) =>
      describeEvent({ type: 'PeriodClosed', data: { ...(EXAMPLES.PeriodClosed as object), settlement: { lines }, digest: { algorithm: 'sha256-business-day-chains', value: 'abcdef0123456789', eventCount } } }, names);
    expect(closed(0, [])).toMatch(/règlement de 0 structure figé, .* sur 0 événement$/);
    expect(closed(1, [{}])).toMatch(/règlement de 1 structure figé, .* sur 1 événement$/);
    expect(closed(2, [{}, {}])).toMatch(/règlement de 2 structures figé, .* sur 2 événements$/);
    expect(closed(12_400, [{}, {}])).toMatch(/sur 12\u202f400 événements$/);
    const series = (bookedCount: number, skipped: unknown[]) => describeEvent({ type: 'SeriesReserved', data: { ...(EXAMPLES.SeriesReserved as object), bookedCount, skipped } }, names);
    expect(series(1, [])).toMatch(/ : 1 occurrence réservée$/);
    expect(series(9, [{}, {}])).toMatch(/ : 9 occurrences réservées, 2 occurrences écartées$/);
    const settings = (intervals: number, closures: unknown[]) => describeEvent({
      type: 'ResourceBookingSettingsChanged',
      data: { ...(EXAMPLES.ResourceBookingSettingsChanged as object), openingHours: Array.from({ length: intervals }, () => ({ weekday: 1, opens: '08:00', closes: '19:00' })), closures },
    }, names);
    expect(settings(0, [])).toMatch(/ : ouverte en permanence, 0 fermeture$/);
    expect(settings(3, [{ from: '2026-12-24', to: '2027-01-02', reason: 'Fêtes' }, { from: '2027-08-01', to: '2027-08-15', reason: 'Été' }])).toMatch(/ : 3 plages d’ouverture par semaine, 2 fermetures$/);
  });

  it('writes money as « 1 234,56 € » and the first of the month as « 1er »', () => {
    expect(describeEvent({ type: 'CostRecorded', data: EXAMPLES.CostRecorded }, names)).toContain('1\u00a0234,56\u00a0€');
    expect(describeEvent({ type: 'MemberRegistered', data: EXAMPLES.MemberRegistered }, names)).toBe('Adhésion de Coop Bâtisseurs (SCOP) au pôle à compter du 1er mars 2025');
  });

  it('says with a self-billing mandate the member’s option for VAT, and nothing of it for a grant recorded before the option existed', () => {
    expect(describeEvent({ type: 'SelfBillingMandateGranted', data: EXAMPLES.SelfBillingMandateGranted }, names))
      .toBe('Mandat d’autofacturation donné au pôle par Coop Bâtisseurs le 15 janv. 2026 (réf. AF-2026-01), avec option pour la TVA d’après les débits');
    expect(describeEvent({ type: 'SelfBillingMandateGranted', data: { memberId: 'coop', grantedOn: '2026-01-15', reference: null, vatOnDebits: false } }, names))
      .toBe('Mandat d’autofacturation donné au pôle par Coop Bâtisseurs le 15 janv. 2026, TVA exigible à l’encaissement');
    expect(describeEvent({ type: 'SelfBillingMandateGranted', data: { memberId: 'coop', grantedOn: '2026-01-15', reference: null } }, names))
      .toBe('Mandat d’autofacturation donné au pôle par Coop Bâtisseurs le 15 janv. 2026');
  });

  it('counts a headcount in full-time equivalents, « 1,5 ETP »', () => {
    expect(describeEvent({ type: 'HeadcountDeclared', data: { memberId: 'coop', headcount: 1.5, from: '2026-01-01' } }, names))
      .toBe('Effectif de Coop Bâtisseurs : 1,5 ETP à partir du 1er janv. 2026');
  });

  it('writes a composite key’s percents as the treasurer typed them, « 33,33 % », and whole ones stored earlier as « 30 % »', () => {
    expect(describeEvent({ type: 'CostPoolDefined', data: EXAMPLES.CostPoolDefined }, names)).toContain('composée : 30 % parts égales (jours d’adhésion) + 70 % surface occupée');
    const thirds = { kind: 'COMPOSITE', parts: [{ percent: 33.33, key: { kind: 'EQUAL' } }, { percent: 33.33, key: { kind: 'AREA' } }, { percent: 33.34, key: { kind: 'HEADCOUNT' } }] };
    expect(describeEvent({ type: 'AllocationKeyChanged', data: { ...(EXAMPLES.AllocationKeyChanged as object), key: thirds } }, names))
      .toContain('composée : 33,33 % parts égales (jours d’adhésion) + 33,33 % surface occupée + 33,34 % effectif');
  });

  it('says a late cancellation keeps its charge, and names a slot spanning days from day to day', () => {
    expect(describeEvent({ type: 'ReservationCancelled', data: EXAMPLES.ReservationCancelled }, names)).toContain('le montant reste dû');
    const overnight = { ...reservation, start: '2026-10-12T16:00:00.000Z', end: '2026-10-14T07:00:00.000Z' };
    expect(describeEvent({ type: 'ResourceReserved', data: overnight }, names)).toContain('du 12 oct. 2026 à 18 h au 14 oct. 2026 à 9 h');
  });

  it('names the period and the numbers a numbering issued, each series’ consecutive numbers as one range', () => {
    expect(describeEvent({ type: 'InvoicesNumbered', data: EXAMPLES.InvoicesNumbered }, names))
      .toBe('3 documents numérotés pour la période du 1er oct. 2026 au 1er nov. 2026 (exclu) : FA-2027-000001 à FA-2027-000002, AV-2027-000001');
    const one = { ...(EXAMPLES.InvoicesNumbered as object), numbers: [{ invoiceId: 'q4.AF.fablab', number: 'AF-2027-000007' }] };
    expect(describeEvent({ type: 'InvoicesNumbered', data: one }, { ...names, period: () => undefined })).toBe('1 document numéroté : AF-2027-000007');
    expect(numberRanges(['FA-2027-000009', 'FA-2027-000010', 'FA-2027-000012', 'FA-2028-000013', 'AV-2027-000001'])).toBe('FA-2027-000009 à FA-2027-000010, FA-2027-000012, FA-2028-000013, AV-2027-000001');
  });

  it('counts the documents a close issued, and says nothing of documents when it issued none', () => {
    const drafts = [{ invoiceId: 'q4.FA.coop' }, { invoiceId: 'q4.FA.fablab' }];
    expect(describeEvent({ type: 'PeriodClosed', data: { ...(EXAMPLES.PeriodClosed as object), invoices: drafts } }, names)).toMatch(/règlement de 2 structures figé, 2 documents émis, empreinte abcdef012345… sur 42 événements$/);
    expect(describeEvent({ type: 'PeriodClosed', data: { ...(EXAMPLES.PeriodClosed as object), invoices: drafts.slice(1) } }, names)).toContain('figé, 1 document émis, empreinte');
    expect(describeEvent({ type: 'PeriodClosed', data: EXAMPLES.PeriodClosed }, names)).toContain('figé, empreinte');
  });

  it('still lists an event whose data does not read as its type, or whose type it does not know', () => {
    expect(describeEvent({ type: 'ResourceReserved', data: null }, names)).toBe('Réservation (données illisibles)');
    expect(describeEvent({ type: 'SomethingNew', data: {} }, names)).toBe('Événement SomethingNew');
  });
});

describe('who acted', () => {
  const lookups = (erased: string[] = []) => ({ memberName: (memberId: string) => names.member(memberId), isErased: (userId: string) => erased.includes(userId) });

  it('shows the role or the structure, never an e-mail address', () => {
    expect(actorView({ actorUserId: 'u1', actorRole: 'TREASURER' }, lookups()).label).toBe('Trésorerie');
    expect(actorView({ actorUserId: 'u2', actorRole: 'MEMBER', actorMemberId: 'coop' }, lookups()).label).toBe('Coop Bâtisseurs (structure membre)');
    expect(actorView({ actorUserId: 'system', actorRole: 'COORDINATOR' }, lookups()).label).toBe('Mutua (opération automatique)');
  });

  it('shows an erased person as « personne effacée », with the role they acted in', () => {
    const actor = actorView({ actorUserId: 'u3', actorRole: 'COORDINATOR' }, lookups(['u3']));
    expect(actor).toMatchObject({ label: 'personne effacée — Coordination du pôle', personErased: true });
  });
});

describe('what an event is about', () => {
  it('reads the members, resources, pools and periods an event names, and a journal’s period from its stream', () => {
    expect(subjectsOf({ streamId: 'resource-laser', data: EXAMPLES.ResourceRegistered })).toMatchObject({ memberIds: ['fablab'], resourceIds: ['laser'], siteIds: ['s1'] });
    expect(subjectsOf({ streamId: 'period-q4', data: EXAMPLES.PaymentRecorded })).toMatchObject({ memberIds: ['coop'], periodIds: ['q4'] });
    expect(subjectsOf({ streamId: 'period-q4', data: EXAMPLES.PeriodClosed }).memberIds).toEqual([]);
  });
});
