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
