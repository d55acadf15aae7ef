import { addDays, fromParisWallClock, parisDateOf } from '../../shared/paris-time.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, type GraphqlData, loginAs, type RunningServer } from '../support/mutua-server.js';
import { monthStart } from '../support/calendar-months.js';
import { CREATE_USER, futureSlot, REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from './graphql-documents.js';

/**
 * A pôle with a month of activity, built over HTTP as its users would: structures, resources owned
 * by the pôle and by a member, one account per role, reservations (one cancelled late), usage last
 * month, cost pools, last month's period closed with a digest, this month's open with a reversal.
 * `marks` are instants between the phases, for time travel.
 */
export interface PartnerRoomPole {
  tokens: { coordinator: string; treasurer: string; auditor: string; member: string };
  ids: Record<'coop' | 'fablab' | 'blob' | 'laser' | 'room' | 'staff' | 'rent' | 'lastMonth' | 'thisMonth' | 'memberUser' | 'coordinatorUser', string>;
  periods: { lastMonth: { from: string; to: string }; thisMonth: { from: string; to: string } };
  marks: { afterMembers: string; afterReservations: string; afterClose: string };
}

type Id = { id: string };
const PASSWORD = 'un-mot-de-passe-long';

/** Waits until the store's clock has moved on: instants between phases then fall strictly between their events. */
const tick = async () => {
  await new Promise((resolve) => setTimeout(resolve, 30));
  const mark = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 30));
  return mark;
};

export async function buildPartnerRoomPole(server: RunningServer): Promise<PartnerRoomPole> {
  const coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const gql = graphqlData(() => server);
  const today = parisDateOf(new Date());
  const periods = { lastMonth: { from: monthStart(today, -1), to: monthStart(today, 0) }, thisMonth: { from: monthStart(today, 0), to: monthStart(today, 1) } };
  const ids = {} as PartnerRoomPole['ids'];
  for (const [key, name, legalForm] of [['coop', 'Coop Bâtisseurs', 'SCOP'], ['fablab', 'Fablab du Quai', 'ASSOCIATION'], ['blob', 'Le Blob', 'SAS']] as const) {
    ids[key] = (await gql<{ registerMember: Id }>(coordinator, REGISTER_MEMBER, { input: { name, legalForm, joinedOn: '2025-01-01' } })).registerMember.id;
  }
  ids.coordinatorUser = (await gql<{ me: Id }>(coordinator, '{ me { id } }')).me.id;
  const afterMembers = await tick();

  ids.laser = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, { input: { name: 'Découpeuse laser', kind: 'EQUIPMENT', hourlyRateCents: 2_500, ownerMemberId: ids.fablab } })).registerResource.id;
  ids.room = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, {
    input: { name: 'Grande salle', kind: 'SPACE', areaM2: 60, hourlyRateCents: 1_500, rules: { cancellationDeadlineMinutes: 14 * 24 * 60 } },
  })).registerResource.id;
  ids.staff = (await gql<{ registerResource: Id }>(coordinator, REGISTER_RESOURCE, { input: { name: 'Chargée de mission partagée', kind: 'STAFF', hourlyRateCents: 3_200, ownerMemberId: ids.fablab } })).registerResource.id;
  const accounts = [['tresorerie@pole.test', 'TREASURER', null], ['audit@region.test', 'AUDITOR', null], ['contact@coop.test', 'MEMBER', ids.coop]] as const;
  for (const [email, role, memberId] of accounts) {
    const user = await gql<{ createUser: Id }>(coordinator, CREATE_USER, { input: { email, password: PASSWORD, role, memberId } });
    if (role === 'MEMBER') ids.memberUser = user.createUser.id;
  }
  const tokens = {
    coordinator,
    treasurer: await loginAs(server, 'tresorerie@pole.test', PASSWORD),
    auditor: await loginAs(server, 'audit@region.test', PASSWORD),
    member: await loginAs(server, 'contact@coop.test', PASSWORD),
  };

  await gql(tokens.member, RESERVE, { input: { resourceId: ids.room, memberId: ids.coop, ...futureSlot(3, 4) } });
  const late = await gql<{ reserve: Id }>(tokens.member, RESERVE, { input: { resourceId: ids.room, memberId: ids.coop, ...futureSlot(4, 2) } });
  await gql(tokens.member, `mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { id } }`, { input: { reservationId: late.reserve.id } });
  await gql(coordinator, RESERVE, { input: { resourceId: ids.laser, memberId: ids.blob, ...futureSlot(5, 3) } });
  const usageStart = fromParisWallClock(addDays(periods.lastMonth.from, 9), 10 * 60);
  for (const [resourceId, memberId, minutes] of [[ids.laser, ids.coop, 90], [ids.staff, ids.blob, 7 * 60]] as const) {
    await gql(coordinator, `mutation($input: RecordUsageInput!) { recordUsage(input: $input) }`, {
      input: { resourceId, memberId, start: usageStart.toISOString(), end: new Date(usageStart.getTime() + minutes * 60_000).toISOString() },
    });
  }
  await gql(coordinator, `mutation($input: DeclareOccupancyInput!) { declareOccupancy(input: $input) }`, { input: { memberId: ids.coop, resourceId: ids.room, from: '2025-01-01' } });
  const afterReservations = await tick();

  await closeLastMonth(gql, tokens.treasurer, ids, periods);
  const afterClose = await tick();
  await gql(tokens.treasurer, `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) }`, {
    input: { memberId: ids.fablab, amountCents: 1_000, paidOn: periods.thisMonth.from, direction: 'TO_MEMBER' },
  });
  return { tokens, ids, periods, marks: { afterMembers, afterReservations, afterClose } };
}

async function closeLastMonth(gql: GraphqlData, treasurer: string, ids: PartnerRoomPole['ids'], periods: PartnerRoomPole['periods']): Promise<void> {
  ids.rent = (await gql<{ defineCostPool: Id }>(treasurer, `mutation($input: DefineCostPoolInput!) { defineCostPool(input: $input) { id } }`, {
    input: { name: 'Loyer du bâtiment', key: { kind: 'COMPOSITE', parts: [{ percent: 40, kind: 'EQUAL' }, { percent: 60, kind: 'AREA' }] }, accountNumber: '613200' },
  })).defineCostPool.id;
  for (const key of ['lastMonth', 'thisMonth'] as const) {
    ids[key] = (await gql<{ openPeriod: Id }>(treasurer, `mutation($input: OpenPeriodInput!) { openPeriod(input: $input) { id } }`, { input: periods[key] })).openPeriod.id;
  }
  const day = addDays(periods.lastMonth.from, 4);
  const recordCost = `mutation($input: RecordCostInput!) { recordCost(input: $input) }`;
  await gql(treasurer, recordCost, { input: { poolId: ids.rent, amountCents: 120_001, incurredOn: day, label: 'Loyer du mois', reference: 'F-1' } });
  await gql(treasurer, recordCost, { input: { poolId: ids.rent, amountCents: 5_000, incurredOn: day, label: 'Facture en double' } });
  await gql(treasurer, `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) }`, {
    input: { memberId: ids.coop, amountCents: 50_000, paidOn: day, direction: 'FROM_MEMBER', reference: 'VIR-1' },
  });
  await gql(treasurer, `mutation($periodId: ID!) { closePeriod(periodId: $periodId) { status } }`, { periodId: ids.lastMonth });
  const { costs } = await gql<{ costs: Array<{ id: string; amountCents: number }> }>(treasurer, `query($periodId: ID!) { costs(periodId: $periodId) { id amountCents } }`, { periodId: ids.lastMonth });
  const doubled = costs.find((cost) => cost.amountCents === 5_000)!;
  await gql(treasurer, `mutation($input: ReverseCostInput!) { reverseCost(input: $input) }`, { input: { costId: doubled.id, reason: 'Facture reçue deux fois' } });
}
