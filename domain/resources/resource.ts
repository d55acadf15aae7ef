import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { type BookingRules, type Closure, DEFAULT_BOOKING_RULES, type OpeningHours } from '../../shared/booking-rules.js';
import { type ResourceKind } from '../../shared/enums.js';
import { isIsoDate, parseClockTime } from '../../shared/paris-time.js';

export const resourceStreamId = (resourceId: string) => `resource-${resourceId}`;

/** What a reservation needs to know of its resource. */
export interface ResourceFacts {
  resourceId: string;
  name: string;
  kind: ResourceKind;
  /** Units usable at once; 1 means exclusive. */
  capacity: number;
  hourlyRateCents: number;
  ownerMemberId: string | null;
  /** Floor area, for spaces only; read by area-based allocation keys. */
  areaM2: number | null;
  /** Empty means always open. */
  openingHours: OpeningHours[];
  rules: BookingRules;
  closures: Closure[];
  /** The place of the network the resource belongs to; null for a single-site pôle. */
  siteId: string | null;
}

/** What the coordinator may change after registration, all at once from the resource's admin page. */
export type BookingSettings = Pick<ResourceFacts, 'openingHours' | 'rules' | 'closures'>;

export type ResourceEvent =
  | { type: 'ResourceRegistered'; data: ResourceFacts }
  | { type: 'ResourceBookingSettingsChanged'; data: BookingSettings & { resourceId: string } };
export type ResourceCommand =
  | { type: 'RegisterResource'; data: ResourceFacts }
  | { type: 'ChangeBookingSettings'; data: BookingSettings & { resourceId: string } };
export type ResourceState = { status: 'unknown' } | ({ status: 'registered' } & ResourceFacts);

export const MAX_CAPACITY = 10_000;
export const MAX_HOURLY_RATE_CENTS = 1_000_000;

export const resourceDecider: Decider<ResourceState, ResourceCommand, ResourceEvent> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterResource':
        if (state.status !== 'unknown') throw new DomainError('VALIDATION_FAILED', 'Cette ressource est déjà enregistrée.');
        return [{ type: 'ResourceRegistered', data: validResource(command.data) }];
      case 'ChangeBookingSettings':
        if (state.status !== 'registered') throw new DomainError('NOT_FOUND', 'Ressource introuvable.');
        assertValidSettings(command.data);
        return [{ type: 'ResourceBookingSettingsChanged', data: command.data }];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ResourceRegistered':
        return { status: 'registered', ...withCurrentShape(event.data) };
      case 'ResourceBookingSettingsChanged': {
        if (state.status !== 'registered') return state;
        const { resourceId: _resourceId, ...settings } = event.data;
        return { ...state, ...settings, rules: { ...DEFAULT_BOOKING_RULES, ...settings.rules } };
      }
      default:
        return assertNever(event);
    }
  },
};

/**
 * Events recorded before a field existed lack it: they read with its default, so that old
 * history folds into today's state without rewriting a stored event.
 */
export function withCurrentShape(facts: ResourceFacts): ResourceFacts {
  return { ...facts, closures: facts.closures ?? [], siteId: facts.siteId ?? null, rules: { ...DEFAULT_BOOKING_RULES, ...facts.rules } };
}

function validResource(facts: ResourceFacts): ResourceFacts {
  const name = facts.name.trim();
  if (name.length === 0 || name.length > 200) fail('Le nom doit compter de 1 à 200 caractères.');
  if (!Number.isSafeInteger(facts.capacity) || facts.capacity < 1 || facts.capacity > MAX_CAPACITY) {
    fail(`La capacité doit être un entier de 1 à ${MAX_CAPACITY}.`);
  }
  if (!Number.isSafeInteger(facts.hourlyRateCents) || facts.hourlyRateCents < 0 || facts.hourlyRateCents > MAX_HOURLY_RATE_CENTS) {
    fail('Le tarif horaire doit être un nombre entier de centimes, positif ou nul.');
  }
  if (facts.areaM2 !== null && (facts.kind !== 'SPACE' || !(facts.areaM2 > 0) || facts.areaM2 > 1_000_000)) {
    fail('Seul un espace a une surface, positive, en m².');
  }
  assertValidSettings(facts);
  return { ...facts, name };
}

function assertValidSettings(settings: BookingSettings): void {
  if (settings.openingHours.length > 50 || settings.closures.length > 500) fail('Trop d’horaires ou de fermetures.');
  settings.openingHours.forEach(assertValidOpeningHours);
  settings.closures.forEach(assertValidClosure);
  assertValidRules(settings.rules);
}

function assertValidClosure(closure: Closure): void {
  if (!isIsoDate(closure.from) || !isIsoDate(closure.to) || closure.from >= closure.to) {
    fail('Une fermeture va d’une date à une date postérieure (fin exclue).');
  }
  if (closure.reason.trim().length === 0 || closure.reason.length > 200) fail('Une fermeture a un motif (200 caractères au plus).');
}

function assertValidOpeningHours(hours: OpeningHours): void {
  const opens = parseClockTime(hours.opens);
  const closes = parseClockTime(hours.closes);
  if (!Number.isInteger(hours.weekday) || hours.weekday < 1 || hours.weekday > 7) fail('Le jour va de 1 (lundi) à 7 (dimanche).');
  if (opens === undefined || closes === undefined || opens >= closes) {
    fail(`Horaires invalides (${hours.opens}–${hours.closes}) : format HH:MM, ouverture avant fermeture.`);
  }
}

function assertValidRules(rules: BookingRules): void {
  const { requiresApproval, ...durations } = rules;
  if (typeof requiresApproval !== 'boolean') fail('« Sur validation » est vrai ou faux.');
  if (!Object.values(durations).every((value) => Number.isSafeInteger(value) && value >= 0)) {
    fail('Les règles de réservation sont des entiers positifs.');
  }
  if (rules.slotGranularityMinutes < 1 || rules.slotGranularityMinutes > 24 * 60 || (24 * 60) % rules.slotGranularityMinutes !== 0) {
    fail('Le pas des créneaux divise la journée (5, 10, 15, 30, 60 min…).');
  }
  if (rules.minDurationMinutes < 1 || rules.minDurationMinutes > rules.maxDurationMinutes) {
    fail('La durée minimale doit être d’au moins une minute et ne pas dépasser la durée maximale.');
  }
  if (rules.maxDurationMinutes > 366 * 24 * 60) fail('Une réservation dure au plus un an.');
}

function fail(message: string): never {
  throw new DomainError('VALIDATION_FAILED', message);
}
