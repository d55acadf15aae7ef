import { assert, DomainError } from '../../domain/shared/errors.js';
import { type Role } from '../../shared/enums.js';

/** The authenticated user on whose behalf a request acts. */
export interface Actor {
  userId: string;
  role: Role;
  /** Set for MEMBER users: the only structure they may act for. */
  memberId: string | null;
}

/** The server's own acts (bootstrap, demo seed) are recorded under this actor. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'COORDINATOR', memberId: null };

/**
 * The structure whose figures `actor` reads when it asks for `requested`'s (null: every
 * structure's). A member user reads its own structure's only: asking for none gives its own, and
 * asking for another's is refused with `FORBIDDEN` on the `memberId` argument, rather than
 * answered empty. The other roles read what they ask for. `figures` names them in the refusal
 * (« les saisies d’usage »).
 */
export function memberWhoseFiguresAreRead(actor: Actor, requested: string, figures: string): string;
export function memberWhoseFiguresAreRead(actor: Actor, requested: string | null, figures: string): string | null;
export function memberWhoseFiguresAreRead(actor: Actor, requested: string | null, figures: string): string | null {
  if (actor.role !== 'MEMBER') return requested;
  assert(actor.memberId !== null, 'a member user belongs to a structure');
  if (requested !== null && requested !== actor.memberId) {
    throw new DomainError('FORBIDDEN', `Vous ne pouvez consulter que ${figures} de votre propre structure.`, { field: 'memberId' });
  }
  return actor.memberId;
}
