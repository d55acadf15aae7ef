import { addDays, fromParisWallClock, parisDateOf } from '../shared/paris-time.js';
import { type AllocationKey } from '../domain/settlement/allocation-keys.js';
import { SYSTEM_ACTOR } from './auth/actor.js';
import { type RequestContext } from './commands/command-context.js';
import { seedInvoicing } from './demo-invoicing.js';
import { type Mutua } from './mutua.js';

const TREASURY_REQUEST: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'demo-treasury' };

interface DemoPool {
  name: string;
  accountNumber: string;
  key: (ids: Ids) => AllocationKey;
  /** Monthly costs: label, amount, day of the month, supplier's reference. */
  costs: Array<[string, number, number, string]>;
}

type Ids = { member: (name: string) => string; resource: (name: string) => string };

const POOLS: DemoPool[] = [
  { name: 'Loyer du bâtiment', accountNumber: '613200', key: () => ({ kind: 'AREA' }), costs: [['Loyer — SCI du Quai', 420_000, 1, 'SCIQ']] },
  {
    name: 'Fluides', accountNumber: '606100',
    key: () => ({ kind: 'COMPOSITE', parts: [{ percent: 30, key: { kind: 'EQUAL' } }, { percent: 70, key: { kind: 'HEADCOUNT' } }] }),
    costs: [['Électricité — Enercoop', 61_237, 8, 'ENC'], ['Eau — Agglopôle', 9_418, 15, 'EAU']],
  },
  { name: 'Assurance multirisque', accountNumber: '616000', key: () => ({ kind: 'EQUAL' }), costs: [['Prime mensuelle — MAIF', 18_950, 5, 'MAIF']] },
  {
    name: 'Poste de la chargée de mission', accountNumber: '621400',
    key: ({ member }) => ({ kind: 'FIXED_SHARES', shares: [
      { memberId: member('Fablab du Quai'), weight: 2 }, { memberId: member('Coop Bâtisseurs'), weight: 1 },
      { memberId: member('SCIC Mobilités du Thau'), weight: 1 }, { memberId: member('Commune de Loupian'), weight: 2 },
    ] }),
    costs: [['Mise à disposition — GE Thau Compétences', 236_000, 28, 'GE']],
  },
  {
    name: 'Maintenance des machines du fablab', accountNumber: '615000',
    key: ({ resource }) => ({ kind: 'USAGE', resourceIds: [resource('Découpeuse laser'), resource('Imprimante 3D')] }),
    costs: [['Contrat de maintenance — Trotec', 14_500, 12, 'TRO']],
  },
];

const OCCUPANCIES: Array<[string, string]> = [
  ['Coop Bâtisseurs', 'Bureau du Quai n° 1'], ['Les Daurades', 'Bureau du Quai n° 2'], ['Studio Coquille', 'Plateau de coworking'],
  ['Archi’Coop', 'Plateau de coworking'], ['Fablab du Quai', 'Plateau de coworking'],
];

/**
 * The treasury of the demo pôle: five cost pools (one per kind of key the treasurer meets most),
 * last month closed with its settlement frozen and its invoices issued, this month open; timesheets of the shared
 * employee and laser time; payments both ways. About forty commands: the demo stays quick to seed.
 */
export async function seedTreasury(mutua: Mutua, memberIds: ReadonlyMap<string, string>, resourceIds: ReadonlyMap<string, string>, now: Date): Promise<void> {
  const ids: Ids = { member: (name) => memberIds.get(name)!, resource: (name) => resourceIds.get(name)! };
  const { finance, members, resources } = mutua.commands;
  for (const [member, space] of OCCUPANCIES) {
    await resources.declareOccupancy(TREASURY_REQUEST_AS_COORDINATOR, { memberId: ids.member(member), resourceId: ids.resource(space), from: '2025-01-01', to: null });
  }
  let headcount = 1;
  for (const memberId of memberIds.values()) {
    await members.declareHeadcount(TREASURY_REQUEST_AS_COORDINATOR, { memberId, headcount: 1 + (headcount++ % 6), from: '2025-01-01' });
  }
  const pools = [];
  for (const pool of POOLS) {
    const key = pool.key(ids);
    const linked = key.kind === 'USAGE' ? [...key.resourceIds] : [];
    pools.push({ pool, view: await finance.defineCostPool(TREASURY_REQUEST, { name: pool.name, accountNumber: pool.accountNumber, key, resourceIds: linked }) });
  }
  const thisMonth = monthStart(parisDateOf(now), 0);
  const lastMonth = monthStart(thisMonth, -1);
  const closed = await finance.openPeriod(TREASURY_REQUEST, { from: lastMonth, to: thisMonth });
  await finance.openPeriod(TREASURY_REQUEST, { from: thisMonth, to: monthStart(thisMonth, 1) });
  for (const { pool, view } of pools) {
    for (const [label, amountCents, day, reference] of pool.costs) {
      await finance.recordCost(TREASURY_REQUEST, { poolId: view.poolId, amountCents, incurredOn: addDays(lastMonth, day - 1), label, reference: `${reference}-${lastMonth.slice(0, 7)}` });
    }
  }
  await recordLastMonthUsage(mutua, ids, lastMonth);
  const payments: Array<[string, number, 'FROM_MEMBER' | 'TO_MEMBER']> = [
    ['Coop Bâtisseurs', 150_000, 'FROM_MEMBER'], ['Les Daurades', 80_000, 'FROM_MEMBER'], ['Fablab du Quai', 25_000, 'TO_MEMBER'],
  ];
  for (const [member, amountCents, direction] of payments) {
    await finance.recordPayment(TREASURY_REQUEST, { memberId: ids.member(member), amountCents, paidOn: addDays(lastMonth, 19), direction, reference: 'Virement' });
  }
  await seedInvoicing(mutua, memberIds);
  await finance.closePeriod(TREASURY_REQUEST, closed.periodId);
  await finance.recordCost(TREASURY_REQUEST, { poolId: pools[0]!.view.poolId, amountCents: 420_000, incurredOn: thisMonth, label: 'Loyer — SCI du Quai', reference: `SCIQ-${thisMonth.slice(0, 7)}` });
  await finance.recordPayment(TREASURY_REQUEST, { memberId: ids.member('SCIC Mobilités du Thau'), amountCents: 40_000, paidOn: thisMonth, direction: 'FROM_MEMBER', reference: 'Chèque 0042' });
}

/** Declarations and usage entries are recorded by the coordinator, as in the pôle. */
const TREASURY_REQUEST_AS_COORDINATOR: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'demo-treasury' };

async function recordLastMonthUsage(mutua: Mutua, ids: Ids, lastMonth: string): Promise<void> {
  const entries: Array<[string, string, number, number, number]> = [
    ['Le Blob', 'Découpeuse laser', 3, 10 * 60, 90], ['Le Blob', 'Découpeuse laser', 10, 14 * 60, 45], ['Atelier Vélo Solidaire', 'Imprimante 3D', 6, 9 * 60, 180],
    ['Commune de Loupian', 'Chargée de mission partagée', 4, 9 * 60, 210], ['Ressourcerie de l’Étang', 'Chargée de mission partagée', 11, 14 * 60, 120],
  ];
  for (const [member, resource, day, startMinute, minutes] of entries) {
    const start = fromParisWallClock(addDays(lastMonth, day), startMinute);
    await mutua.commands.usage.recordUsage(TREASURY_REQUEST_AS_COORDINATOR, {
      resourceId: ids.resource(resource), memberId: ids.member(member), start, end: new Date(start.getTime() + minutes * 60_000), note: 'Saisie de démonstration',
    });
  }
}

function monthStart(date: string, offset: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
