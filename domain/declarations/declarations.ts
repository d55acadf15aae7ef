import { type Decider } from '../shared/decider.js';
import { DomainError, assertNever } from '../shared/errors.js';
import { isIsoDate } from '../../shared/paris-time.js';
import { isWholeHundredths } from '../settlement/exact-weight.js';

/**
 * What the allocation keys read besides reservations: which member occupies which space from
 * when to when (area keys), and each member's headcount over time (headcount keys). Declarations
 * of one member are kept in one stream, in the order they were made.
 */
export const declarationsStreamId = (memberId: string) => `declarations-${memberId}`;

/** In full-time equivalents (ETP). */
export const MAX_HEADCOUNT = 100_000;

export interface OccupancyFacts {
  occupancyId: string;
  memberId: string;
  resourceId: string;
  areaM2: number;
  /** Days occupied: from ≤ d < to, Paris calendar dates; `to` null while it lasts. */
  from: string;
  to: string | null;
}

/** A structure leaves a space it occupied: from `to` on (Paris calendar date), it no longer weighs on area keys. */
export interface OccupancyEndFacts {
  occupancyId: string;
  memberId: string;
  resourceId: string;
  to: string;
}

export interface HeadcountFacts {
  memberId: string;
  /**
   * Full-time equivalents (ETP) counted from `from` on, until the next declaration: 1.5 for a
   * full-time and a half-time person. At most two decimals, so that the settlement splits exactly.
   */
  headcount: number;
  from: string;
}

export type DeclarationEvent =
  | { type: 'OccupancyDeclared'; data: OccupancyFacts }
  | { type: 'OccupancyEnded'; data: OccupancyEndFacts }
  | { type: 'HeadcountDeclared'; data: HeadcountFacts };

export type DeclarationCommand =
  | { type: 'DeclareOccupancy'; data: OccupancyFacts & { resourceIsSpace: boolean } }
  | { type: 'EndOccupancy'; data: Omit<OccupancyEndFacts, 'occupancyId'> }
  | { type: 'DeclareHeadcount'; data: HeadcountFacts };

export interface DeclarationsState {
  occupancies: OccupancyFacts[];
}

export const declarationsDecider: Decider<DeclarationsState, DeclarationCommand, DeclarationEvent> = {
  initialState: () => ({ occupancies: [] }),
  decide(command, state) {
    switch (command.type) {
      case 'DeclareOccupancy':
        return [{ type: 'OccupancyDeclared', data: validOccupancy(command.data, state) }];
      case 'EndOccupancy':
        return [{ type: 'OccupancyEnded', data: endOfOccupancy(command.data, state) }];
      case 'DeclareHeadcount': {
        const { headcount, from } = command.data;
        if (!(headcount >= 0 && headcount <= MAX_HEADCOUNT) || !isWholeHundredths(headcount)) {
          throw new DomainError(
            'VALIDATION_FAILED',
            `L’effectif se déclare en équivalents temps plein (ETP), de 0 à ${MAX_HEADCOUNT}, au centième près : 1,5 pour un temps plein et un mi-temps.`,
            { headcount: String(headcount) },
          );
        }
        if (!isIsoDate(from)) throw new DomainError('VALIDATION_FAILED', 'L’effectif se déclare à partir d’une date valide.');
        return [{ type: 'HeadcountDeclared', data: command.data }];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OccupancyDeclared':
        return { occupancies: [...state.occupancies, event.data] };
      case 'OccupancyEnded':
        return { occupancies: withEnd(state.occupancies, event.data) };
      case 'HeadcountDeclared':
        return state;
      default:
        return assertNever(event);
    }
  },
};

function validOccupancy(data: OccupancyFacts & { resourceIsSpace: boolean }, state: DeclarationsState): OccupancyFacts {
  const { resourceIsSpace, ...occupancy } = data;
  if (!resourceIsSpace || !(occupancy.areaM2 > 0)) {
    throw new DomainError('VALIDATION_FAILED', 'Seul un espace dont la surface est connue peut être occupé.');
  }
  if (!isIsoDate(occupancy.from) || (occupancy.to !== null && (!isIsoDate(occupancy.to) || occupancy.to <= occupancy.from))) {
    throw new DomainError('VALIDATION_FAILED', 'L’occupation va d’une date à une date postérieure (fin exclue).');
  }
  const clash = state.occupancies.find((existing) =>
    existing.resourceId === occupancy.resourceId &&
    (existing.to === null || occupancy.from < existing.to) &&
    (occupancy.to === null || existing.from < occupancy.to));
  if (clash) {
    throw new DomainError('VALIDATION_FAILED', `Cette structure occupe déjà cet espace à partir du ${clash.from} : déclarez la fin de la première occupation d’abord.`);
  }
  return occupancy;
}

/**
 * Ends the occupancy of the space that runs up to the day before `to`: only the one that still
 * lasts then can end, and only earlier than it already did (occupancies of one space by one
 * structure never overlap, so at most one fits).
 */
function endOfOccupancy(data: Omit<OccupancyEndFacts, 'occupancyId'>, state: DeclarationsState): OccupancyEndFacts {
  const { memberId, resourceId, to } = data;
  if (!isIsoDate(to)) throw new DomainError('VALIDATION_FAILED', 'Une occupation se termine à une date valide.');
  const running = state.occupancies.find((occupancy) =>
    occupancy.resourceId === resourceId && occupancy.from < to && (occupancy.to === null || to < occupancy.to));
  if (!running) {
    throw new DomainError('NOT_FOUND', `Cette structure n’occupe pas cet espace la veille du ${to} : il n’y a pas d’occupation à terminer à cette date.`);
  }
  return { occupancyId: running.occupancyId, memberId, resourceId, to };
}

/** The occupancies with the one that ended cut at its end: what the area keys read. */
export function withEnd(occupancies: readonly OccupancyFacts[], end: OccupancyEndFacts): OccupancyFacts[] {
  return occupancies.map((occupancy) => (occupancy.occupancyId === end.occupancyId ? { ...occupancy, to: end.to } : occupancy));
}
