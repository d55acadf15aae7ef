import { DomainError, assert, assertNever } from '../shared/errors.js';
import { isInPeriod, isIsoDate, parisDateOf } from '../../shared/paris-time.js';
import {
  type ExactWeight, ZERO_WEIGHT, addWeights, exactWeightOf, isWholeHundredths, multiplyWeight, nearestHundredths, weightOfHundredths,
  writtenDecimalWeight,
} from './exact-weight.js';
import { type LargestRemainderSplit, splitByLargestRemainder } from './largest-remainder.js';
import { type SettlementPeriod, daysInPeriod, overlapWithPeriod, validatePeriod } from './period.js';

/** A clé de répartition that weighs each member by one measure. */
export type SimpleAllocationKey =
  | { kind: 'EQUAL' }
  | {
      kind: 'FIXED_SHARES';
      /** Each weight 0 to MAX_FIXED_SHARE, at most two decimals: read as that decimal exactly (0.1 is a tenth). */
      shares: ReadonlyArray<{ memberId: string; weight: number }>;
    }
  | { kind: 'AREA' }
  | { kind: 'HEADCOUNT' }
  | { kind: 'USAGE'; /** The resources linked to the pool. */ resourceIds: readonly string[] };

/** What each kind of key weighs, in the words of the statements and the treasurer's messages. */
export const ALLOCATION_KEY_NAMES: Record<AllocationKeyKind, string> = {
  EQUAL: 'à parts égales (jours d’adhésion)',
  FIXED_SHARES: 'parts fixes',
  AREA: 'surface occupée (m² × jours)',
  HEADCOUNT: 'effectif (personnes × jours)',
  USAGE: 'usage (minutes × quantité)',
  COMPOSITE: 'clé composée',
};

/** One part of a composite key: `percent` % of the amount, split by `key`. */
export interface CompositePart {
  /**
   * A percent above 0 and at most 100, to the hundredth (33.33); the parts' percents add up to
   * exactly 100. The settlement reads each as a whole number of hundredths of a percent, because
   * "adds up to 100" must hold for the decimals written, not for the doubles nearest them: those
   * nearest 33.3, 33.3 and 33.4 add up to 99.99999999999999289…, although a floating-point sum
   * rounds that to 100. Versions before hundredths accepted whole percents only, which read the same.
   */
  percent: number;
  key: SimpleAllocationKey;
}

/** 100 % in hundredths of a percent: what the parts of a composite key add up to. */
export const HUNDRED_PERCENT_IN_HUNDREDTHS = 10_000;

/**
 * A composite part's percent in hundredths of a percent (33.33 → 3333), for a percent that
 * passed the checks: to the hundredth, so the double it is reads back as exactly these hundredths.
 */
export function percentHundredths(percent: number): number {
  return Number(nearestHundredths(percent));
}

/** « 33,33 % », « 12,5 % », « 30 % »: a percent to the hundredth as the treasurer wrote it, in French. */
export function frenchPercent(percent: number): string {
  if (!Number.isFinite(percent) || percent < 0) return `${String(percent).replace('.', ',')} %`;
  const hundredths = nearestHundredths(percent);
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction === '' ? '' : `,${fraction}`} %`;
}

/**
 * The six keys of DESIGN.md. A composite key's parts are simple keys: nesting composites would
 * round twice for no gain a treasurer can explain.
 */
export type AllocationKey = SimpleAllocationKey | { kind: 'COMPOSITE'; parts: readonly CompositePart[] };
export type AllocationKeyKind = AllocationKey['kind'];
export type SimpleAllocationKeyKind = SimpleAllocationKey['kind'];

export const MAX_COMPOSITE_PARTS = 10;

/** What a member's weight counts, by key: shown beside the weight in "why do I pay this". */
export type WeightUnit = 'MEMBERSHIP_DAYS' | 'SHARES' | 'SQUARE_METRE_DAYS' | 'PERSON_DAYS' | 'USAGE_MINUTES';

export const WEIGHT_UNITS: Record<SimpleAllocationKeyKind, WeightUnit> = {
  EQUAL: 'MEMBERSHIP_DAYS',
  FIXED_SHARES: 'SHARES',
  AREA: 'SQUARE_METRE_DAYS',
  HEADCOUNT: 'PERSON_DAYS',
  USAGE: 'USAGE_MINUTES',
};

export interface MembershipFact {
  memberId: string;
  /** Membership is `[joinedOn, leftOn)`, Paris dates. */
  joinedOn: string;
  leftOn: string | null;
}

export interface OccupancyFact {
  memberId: string;
  resourceId: string;
  areaM2: number;
  /** The member occupies the space on the days `from ≤ d < to`; `to` null while it still does. */
  from: string;
  to: string | null;
}

export interface HeadcountDeclarationFact {
  memberId: string;
  /**
   * Full-time equivalents (ETP): 1.5 for a full-time and a half-time person. Read to the nearest
   * hundredth, which is what every accepted declaration is; an older version let more decimals in.
   */
  headcount: number;
  /** The declaration applies from this day until the member's next declaration. */
  from: string;
}

/**
 * A non-cancelled reservation or a usage entry (quantity 1). The caller filters out cancelled
 * reservations; an item belongs whole to the period in which it starts, read in Europe/Paris.
 */
export interface UsageItemFact {
  memberId: string;
  resourceId: string;
  /** ISO 8601 instants; the item covers `[start, end)`, to the minute. */
  start: string;
  end: string;
  quantity: number;
}

/**
 * The plain facts the keys read. `members` lists every member the other facts name, former
 * members included; headcount declarations are in the order they were recorded.
 */
export interface AllocationFacts {
  members: readonly MembershipFact[];
  occupancies: readonly OccupancyFact[];
  headcountDeclarations: readonly HeadcountDeclarationFact[];
  usageItems: readonly UsageItemFact[];
}

export interface MemberWeight {
  memberId: string;
  weight: ExactWeight;
}

const MINUTE_MS = 60_000;

/** The largest fixed share a key accepts: far beyond any tantième, and exact to the hundredth in a double. */
export const MAX_FIXED_SHARE = 1_000_000_000;

/**
 * Whose numbers a check reads: a command's, refused unless the settlement can represent them
 * exactly; or a stored key's, which only has to be what every version refused (an older version
 * let fixed shares with more decimals in, and the settlement reads those to the hundredth).
 */
type KeyOrigin = 'COMMAND' | 'STORED';

/** Refuses a key a treasurer could not have meant; a key that passes can always be applied. */
export function validateAllocationKey(key: AllocationKey): void {
  checkKey(key, 'COMMAND');
}

function checkKey(key: AllocationKey, origin: KeyOrigin): void {
  switch (key.kind) {
    case 'EQUAL':
    case 'AREA':
    case 'HEADCOUNT':
      return;
    case 'FIXED_SHARES':
      return checkFixedShares(key.shares, origin);
    case 'USAGE':
      if (key.resourceIds.length === 0) refuse('Une clé à l’usage nomme au moins une ressource.');
      return;
    case 'COMPOSITE':
      return checkCompositeParts(key.parts, origin);
    default:
      return assertNever(key);
  }
}

function checkFixedShares(shares: ReadonlyArray<{ memberId: string; weight: number }>, origin: KeyOrigin): void {
  const memberIds = new Set(shares.map((share) => share.memberId));
  if (memberIds.size !== shares.length) refuse('Une clé à parts fixes donne une seule part à chaque membre.');
  for (const share of shares) {
    exactWeightOf(share.weight); // Refuses a negative share, NaN and the infinities, whatever their origin.
    if (origin === 'COMMAND' && !(share.weight <= MAX_FIXED_SHARE && isWholeHundredths(share.weight))) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Une part fixe va de 0 à 1 000 000 000, au centième près (2,5 ou 0,25), pas ${String(share.weight).replace('.', ',')}.`,
        { weight: String(share.weight) },
      );
    }
  }
}

function checkCompositeParts(parts: readonly CompositePart[], origin: KeyOrigin): void {
  if (parts.length === 0 || parts.length > MAX_COMPOSITE_PARTS) {
    refuse(`Une clé composée a de 1 à ${MAX_COMPOSITE_PARTS} parts.`);
  }
  let totalHundredths = 0;
  for (const part of parts) {
    // Every version refused what this refuses, so a stored key is held to it as a command is.
    if (!(part.percent > 0 && part.percent <= 100 && isWholeHundredths(part.percent))) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Chaque composante d’une clé composée est un pourcentage de 0,01 à 100, au centième près (30 ou 33,33), pas ${String(part.percent).replace('.', ',')}.`,
        { percent: String(part.percent) },
      );
    }
    totalHundredths += percentHundredths(part.percent);
    if ((part.key as AllocationKey).kind === 'COMPOSITE') refuse('Une clé composée ne contient pas de clé composée.');
    checkKey(part.key, origin);
  }
  if (totalHundredths !== HUNDRED_PERCENT_IN_HUNDREDTHS) {
    refuse(`Les composantes d’une clé composée totalisent exactement 100 %, pas ${frenchPercent(totalHundredths / 100)}.`);
  }
}

/** What the settlement checks of a key read from the log: see KeyOrigin. */
export function checkStoredAllocationKey(key: AllocationKey): void {
  checkKey(key, 'STORED');
}

/**
 * Splits a composite key's amount between its parts by largest remainder, the percents as
 * weights, each the exact decimal it was written as (33.33, not the double nearest it); ties go to
 * the larger percent, then to the part listed first. A whole percent weighs what it always did, so
 * keys stored before hundredths split to the same cents. The shares' ids are the parts'
 * positions, `'0'`, `'1'`, …
 */
export function splitBetweenParts(amountCents: number, parts: readonly CompositePart[]): LargestRemainderSplit {
  checkCompositeParts(parts, 'STORED');
  const entries = parts.map((part, index) => ({ id: String(index), weight: weightOfHundredths(BigInt(percentHundredths(part.percent))) }));
  return splitByLargestRemainder(amountCents, entries, 'LISTED_ORDER');
}

/**
 * Each member's weight in the period under a simple key, one entry per member of `facts.members`
 * in that order; a member the key does not reach weighs zero. A composite key has no single
 * weight per member: `allocatePool` weighs each of its parts with this function.
 */
export function weightsFor(key: SimpleAllocationKey, period: SettlementPeriod, facts: AllocationFacts): MemberWeight[] {
  checkStoredAllocationKey(key);
  validatePeriod(period);
  const weights = new Map<string, ExactWeight>(facts.members.map((member) => [member.memberId, ZERO_WEIGHT]));
  assert(weights.size === facts.members.length, 'each member appears once in the facts');
  const add = (memberId: string, weight: ExactWeight) => {
    const current = weights.get(memberId);
    assert(current !== undefined, `the facts name member ${memberId}, absent from facts.members`);
    weights.set(memberId, addWeights(current, weight));
  };
  switch (key.kind) {
    case 'EQUAL':
      for (const member of facts.members) add(member.memberId, exactWeightOf(membershipDays(member, period)));
      break;
    case 'FIXED_SHARES':
      for (const share of key.shares) {
        if (!weights.has(share.memberId)) refuse(`La clé à parts fixes nomme un membre inconnu : ${share.memberId}.`);
        add(share.memberId, weightOfHundredths(nearestHundredths(share.weight)));
      }
      break;
    case 'AREA':
      for (const occupancy of facts.occupancies) add(occupancy.memberId, areaWeight(occupancy, period));
      break;
    case 'HEADCOUNT': {
      const declarations = declarationsByMember(facts);
      for (const member of facts.members) add(member.memberId, headcountWeight(member, declarations.get(member.memberId) ?? [], period));
      break;
    }
    case 'USAGE':
      for (const item of usageItemsIn(period, key.resourceIds, facts.usageItems)) add(item.memberId, usageWeight(item));
      break;
    default:
      return assertNever(key);
  }
  return facts.members.map((member) => ({ memberId: member.memberId, weight: weights.get(member.memberId) ?? ZERO_WEIGHT }));
}

/** EQUAL: day d counts when `joinedOn ≤ d < leftOn`. */
function membershipDays(member: MembershipFact, period: SettlementPeriod): number {
  checkMembership(member);
  return daysInPeriod(member.joinedOn, member.leftOn, period);
}

function checkMembership(member: MembershipFact): void {
  assert(isIsoDate(member.joinedOn), `member ${member.memberId} joined on a calendar date`);
  assert(member.leftOn === null || member.leftOn > member.joinedOn, `member ${member.memberId} left after joining`);
}

/**
 * AREA: areaM2 × days occupied, multiplied exactly, the area read as the decimal it was written as:
 * read as the double nearest it, 10.1 + 20.2 m² would not weigh 30.3 m² and a tie of equal areas
 * would go by that binary error instead of by the larger weight, then the lower id.
 */
function areaWeight(occupancy: OccupancyFact, period: SettlementPeriod): ExactWeight {
  assert(isIsoDate(occupancy.from), `occupancy of ${occupancy.memberId} starts on a calendar date`);
  assert(occupancy.to === null || occupancy.to > occupancy.from, 'an occupancy ends after it starts');
  return multiplyWeight(writtenDecimalWeight(occupancy.areaM2), daysInPeriod(occupancy.from, occupancy.to, period));
}

/**
 * HEADCOUNT: Σ over the days of membership in the period of the headcount declared last on or
 * before that day, in FTE to the hundredth. Declaration k applies on `[from_k, from_k+1)`; of two
 * declarations from the same day, the one recorded later wins (its earlier twin applies on an
 * empty interval). Days before a member's first declaration count zero people: nothing was
 * declared for them. The sum is counted in hundredths of a person-day, a whole number, so that
 * 1.5 FTE × 31 days is exactly 46.5.
 */
function headcountWeight(
  member: MembershipFact,
  declarations: readonly HeadcountDeclarationFact[],
  period: SettlementPeriod,
): ExactWeight {
  checkMembership(member);
  const membershipInPeriod = overlapWithPeriod(member.joinedOn, member.leftOn, period);
  if (membershipInPeriod === null) return ZERO_WEIGHT;
  const ordered = declarations
    .map((declaration, recordedOrder) => ({ declaration, recordedOrder }))
    .sort((left, right) => compareDates(left.declaration.from, right.declaration.from) || left.recordedOrder - right.recordedOrder)
    .map(({ declaration }) => declaration);
  let personHundredthDays = 0n;
  ordered.forEach((declaration, index) => {
    const until = ordered[index + 1]?.from ?? null;
    personHundredthDays += nearestHundredths(declaration.headcount) * BigInt(daysInPeriod(declaration.from, until, membershipInPeriod));
  });
  return weightOfHundredths(personHundredthDays);
}

/** Each member's declarations, still in the order they were recorded. */
function declarationsByMember(facts: AllocationFacts): Map<string, HeadcountDeclarationFact[]> {
  const byMember = new Map<string, HeadcountDeclarationFact[]>(facts.members.map((member) => [member.memberId, []]));
  for (const declaration of facts.headcountDeclarations) {
    const declarations = byMember.get(declaration.memberId);
    assert(declarations !== undefined, `the facts name member ${declaration.memberId}, absent from facts.members`);
    declarations.push(declaration);
  }
  return byMember;
}

/** The items on the pool's resources that start in the period, their start read in Paris. */
function usageItemsIn(period: SettlementPeriod, resourceIds: readonly string[], items: readonly UsageItemFact[]): UsageItemFact[] {
  const linked = new Set(resourceIds);
  return items.filter((item) => linked.has(item.resourceId) && isInPeriod(parisDateOf(item.start), period));
}

/**
 * USAGE weighs minutes × quantity rather than hours × quantity: proportional to the hours, so the
 * shares are the same, and whole, so the weight is exact (20 minutes is not a finite decimal of hours).
 */
function usageWeight(item: UsageItemFact): ExactWeight {
  const durationMs = Date.parse(item.end) - Date.parse(item.start);
  assert(Number.isSafeInteger(durationMs) && durationMs > 0, `usage item of ${item.memberId} ends after it starts`);
  assert(durationMs % MINUTE_MS === 0, 'reservations and usage entries are recorded to the minute');
  assert(Number.isSafeInteger(item.quantity) && item.quantity >= 1, 'a usage quantity is a whole number of units');
  return multiplyWeight(exactWeightOf(1), BigInt(durationMs / MINUTE_MS) * BigInt(item.quantity));
}

function compareDates(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function refuse(message: string): never {
  throw new DomainError('VALIDATION_FAILED', message);
}
