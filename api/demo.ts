import { type LegalForm } from '../shared/enums.js';
import { DEFAULT_BOOKING_RULES, type OpeningHours } from '../shared/booking-rules.js';
import { type ResourceKind } from '../shared/enums.js';
import { fromParisWallClock, parseClockTime } from '../shared/paris-time.js';
import { listMembers } from '../projections/members/members-projection.js';
import { SYSTEM_ACTOR } from './auth/actor.js';
import { type RequestContext } from './commands/command-context.js';
import { startMutua, stopOnSignals } from './main.js';
import { type Mutua } from './mutua.js';
import { seedTreasury } from './demo-treasury.js';

/**
 * A fictional pôle territorial de coopération économique on the Bassin de Thau: a fablab, a
 * coworking space, offices and a meeting room in one shared building, a van, and a shared
 * employee. Its credentials are listed in the README.
 */
export const DEMO_USERS = [
  { email: 'coordination@pole-etang.demo', password: 'heron-cendre-des-roseaux', role: 'COORDINATOR' },
  { email: 'tresorerie@pole-etang.demo', password: 'libellule-bleue-du-canal', role: 'TREASURER' },
  { email: 'contact@coop-batisseurs.demo', password: 'truelle-et-fil-a-plomb', role: 'MEMBER', memberName: 'Coop Bâtisseurs' },
  { email: 'audit@region.demo', password: 'loupe-registre-et-compas', role: 'AUDITOR' },
] as const;

const MEMBERS: Array<{ name: string; legalForm: LegalForm; joinedOn: string; siret?: string }> = [
  { name: 'Fablab du Quai', legalForm: 'ASSOCIATION', joinedOn: '2024-01-01', siret: '91000000900019' },
  { name: 'Coop Bâtisseurs', legalForm: 'SCOP', joinedOn: '2024-01-01', siret: '73282932000074' },
  { name: 'Les Daurades', legalForm: 'ASSOCIATION', joinedOn: '2024-03-01' },
  { name: 'Le Blob', legalForm: 'SAS', joinedOn: '2024-09-01' },
  { name: 'SCIC Mobilités du Thau', legalForm: 'SCIC', joinedOn: '2024-01-01' },
  { name: 'GE Thau Compétences', legalForm: 'ASSOCIATION', joinedOn: '2024-01-01' },
  { name: 'Commune de Loupian', legalForm: 'COLLECTIVITE', joinedOn: '2024-06-01' },
  { name: 'Ressourcerie de l’Étang', legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' },
  { name: 'Atelier Vélo Solidaire', legalForm: 'ASSOCIATION', joinedOn: '2025-02-01' },
  { name: 'Archi’Coop', legalForm: 'SARL', joinedOn: '2025-04-01' },
  { name: 'Studio Coquille', legalForm: 'EI', joinedOn: '2025-09-01' },
  { name: 'Lycée de la Mer', legalForm: 'ETABLISSEMENT_PUBLIC', joinedOn: '2025-09-01' },
];

const weekdays = (opens: string, closes: string, days = [1, 2, 3, 4, 5]): OpeningHours[] =>
  days.map((weekday) => ({ weekday, opens, closes }));

const RESOURCES: Array<{
  name: string; kind: ResourceKind; capacity?: number; hourlyRateCents?: number; owner?: string;
  areaM2?: number; openingHours?: OpeningHours[]; maxDurationMinutes?: number;
}> = [
  { name: 'Bureau du Quai n° 1', kind: 'SPACE', areaM2: 18, openingHours: weekdays('08:00', '19:00') },
  { name: 'Bureau du Quai n° 2', kind: 'SPACE', areaM2: 22, openingHours: weekdays('08:00', '19:00') },
  { name: 'Salle de réunion La Criée', kind: 'SPACE', areaM2: 60, hourlyRateCents: 1_500, openingHours: weekdays('08:00', '22:00') },
  { name: 'Plateau de coworking', kind: 'SPACE', areaM2: 120, capacity: 12, openingHours: weekdays('08:00', '20:00', [1, 2, 3, 4, 5, 6]) },
  { name: 'Découpeuse laser', kind: 'EQUIPMENT', hourlyRateCents: 2_500, owner: 'Fablab du Quai', openingHours: weekdays('09:00', '18:00', [2, 3, 4, 5, 6]) },
  { name: 'Imprimante 3D', kind: 'EQUIPMENT', hourlyRateCents: 800, owner: 'Fablab du Quai', openingHours: weekdays('09:00', '18:00', [2, 3, 4, 5, 6]) },
  { name: 'Camion partagé', kind: 'EQUIPMENT', hourlyRateCents: 1_200, owner: 'SCIC Mobilités du Thau', maxDurationMinutes: 3 * 24 * 60 },
  { name: 'Chargée de mission partagée', kind: 'STAFF', hourlyRateCents: 3_200, owner: 'GE Thau Compétences', openingHours: weekdays('09:00', '17:00') },
];

/** Reservations of the coming days, so that the calendars are not empty. */
const RESERVATIONS: Array<{ resource: string; member: string; dayOffset: number; from: string; to: string; purpose?: string; quantity?: number }> = [
  { resource: 'Salle de réunion La Criée', member: 'Coop Bâtisseurs', dayOffset: 1, from: '14:00', to: '18:30', purpose: 'Conseil coopératif' },
  { resource: 'Salle de réunion La Criée', member: 'Les Daurades', dayOffset: 2, from: '09:30', to: '12:00', purpose: 'Atelier parents-enfants' },
  { resource: 'Découpeuse laser', member: 'Le Blob', dayOffset: 2, from: '10:00', to: '12:00', purpose: 'Prototypes de semelles' },
  { resource: 'Plateau de coworking', member: 'Studio Coquille', dayOffset: 1, from: '09:00', to: '17:00', quantity: 2 },
  { resource: 'Camion partagé', member: 'Ressourcerie de l’Étang', dayOffset: 3, from: '08:00', to: '13:00', purpose: 'Collecte d’encombrants' },
  { resource: 'Chargée de mission partagée', member: 'Commune de Loupian', dayOffset: 4, from: '09:00', to: '12:00', purpose: 'Dossier Fabrique de territoire' },
];

const DEMO_REQUEST: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'demo-seed' };

export async function seedDemo(mutua: Mutua, now = new Date()): Promise<void> {
  if ((await listMembers(mutua.readModels.db)).length > 0) return;
  const memberIds = new Map<string, string>();
  for (const member of MEMBERS) {
    const view = await mutua.commands.members.registerMember(DEMO_REQUEST, { ...member, siret: member.siret ?? null, vatStatus: member.legalForm === 'ASSOCIATION' ? 'NOT_SUBJECT' : 'SUBJECT' });
    memberIds.set(member.name, view.memberId);
  }
  const resourceIds = new Map<string, string>();
  for (const resource of RESOURCES) {
    const view = await mutua.commands.resources.registerResource(DEMO_REQUEST, {
      name: resource.name,
      kind: resource.kind,
      capacity: resource.capacity ?? 1,
      hourlyRateCents: resource.hourlyRateCents ?? 0,
      ownerMemberId: resource.owner ? memberIds.get(resource.owner)! : null,
      areaM2: resource.areaM2 ?? null,
      openingHours: resource.openingHours ?? [],
      closures: [],
      siteId: null,
      rules: { ...DEFAULT_BOOKING_RULES, maxDurationMinutes: resource.maxDurationMinutes ?? 12 * 60 },
    });
    resourceIds.set(resource.name, view.resourceId);
  }
  for (const reservation of RESERVATIONS) {
    const day = nextOpenDay(now, reservation.dayOffset);
    await mutua.commands.reservations.reserve(DEMO_REQUEST, {
      resourceId: resourceIds.get(reservation.resource)!,
      memberId: memberIds.get(reservation.member)!,
      start: fromParisWallClock(day, parseClockTime(reservation.from)!),
      end: fromParisWallClock(day, parseClockTime(reservation.to)!),
      quantity: reservation.quantity ?? 1,
      purpose: reservation.purpose ?? null,
    });
  }
  await seedTreasury(mutua, memberIds, resourceIds, now);
  for (const user of DEMO_USERS) {
    await mutua.auth.createUser({
      email: user.email,
      password: user.password,
      role: user.role,
      memberId: 'memberName' in user ? memberIds.get(user.memberName)! : null,
    });
  }
}

/** A weekday (Tuesday to Friday, when every demo resource is open) at least `offset` days ahead. */
function nextOpenDay(now: Date, offset: number): string {
  const day = new Date(now.getTime() + offset * 86_400_000);
  while (![2, 3, 4, 5].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The demo's own coordinator replaces the bootstrap account of MUTUA_ADMIN_*.
  const running = await startMutua({
    ...process.env,
    MUTUA_DATA_DIR: process.env.MUTUA_DATA_DIR ?? './data-demo',
    // A fictional SIREN (Luhn-valid) names the demo's FEC exports.
    MUTUA_SIREN: process.env.MUTUA_SIREN ?? '900000001',
    // Printed in the header of the demo's audit bundles and the issuer block of its statements.
    MUTUA_POLE_NAME: process.env.MUTUA_POLE_NAME ?? 'Pôle de l’Étang (démonstration)',
    MUTUA_POLE_ADDRESS: process.env.MUTUA_POLE_ADDRESS ?? '1 chemin de l’Étang, 26000 Valence',
    MUTUA_ADMIN_EMAIL: '',
    MUTUA_ADMIN_PASSWORD: '',
  });
  await seedDemo(running.mutua);
  running.app.log.info(`Pôle de démonstration prêt : ${DEMO_USERS.map((user) => `${user.email} / ${user.password}`).join(', ')}`);
  stopOnSignals(running);
}
