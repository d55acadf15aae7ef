import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { parseClockTime } from '../shared/paris-time.js';

export const RESOURCE_KINDS = ['SPACE', 'EQUIPMENT', 'STAFF', 'SERVICE'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const resourceStreamId = (resourceId: string) => `resource-${resourceId}`;

/** One weekly opening interval, read in Europe/Paris: `opens` ≤ time < `closes`. */
export interface OpeningHours {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** `HH:MM` */
  opens: string;
  /** `HH:MM`, up to `24:00` */
  closes: string;
}

export interface BookingRules {
  minDurationMinutes: number;
  maxDurationMinutes: number;
  /** How long before its start a reservation must be made at the latest. */
  minNoticeMinutes: number;
  /** How far ahead a reservation may start. */
  maxAdvanceDays: number;
  /** A cancellation later than this many minutes before the start keeps the reservation's charge. */
  cancellationDeadlineMinutes: number;
}

export const DEFAULT_BOOKING_RULES: BookingRules = {
  minDurationMinutes: 15,
  maxDurationMinutes: 31 * 24 * 60,
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
  cancellationDeadlineMinutes: 24 * 60,
};

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
}

export type ResourceEvent = { type: 'ResourceRegistered'; data: ResourceFacts };
export type ResourceCommand = { type: 'RegisterResource'; data: ResourceFacts };
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
      default:
        return assertNever(command.type);
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'ResourceRegistered':
        return { status: 'registered', ...event.data };
      default:
        return assertNever(event.type);
    }
  },
};

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
  facts.openingHours.forEach(assertValidOpeningHours);
  assertValidRules(facts.rules);
  return { ...facts, name };
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
  const values = Object.values(rules);
  if (!values.every((value) => Number.isSafeInteger(value) && value >= 0)) fail('Les règles de réservation sont des entiers positifs.');
  if (rules.minDurationMinutes < 1 || rules.minDurationMinutes > rules.maxDurationMinutes) {
    fail('La durée minimale doit être d’au moins une minute et ne pas dépasser la durée maximale.');
  }
  if (rules.maxDurationMinutes > 366 * 24 * 60) fail('Une réservation dure au plus un an.');
}

function fail(message: string): never {
  throw new DomainError('VALIDATION_FAILED', message);
}
