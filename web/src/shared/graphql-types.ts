import type { Role } from '../../../shared/enums.js';

/* The contract's enumerations and error codes live in `shared/enums.ts` and `shared/error-codes.ts`. */

/** The signed-in user, as `me` and `login` return it. */
export interface Viewer {
  id: string;
  email: string;
  role: Role;
  /** The member structure a MEMBER user acts for; null for the pôle's own staff and auditors. */
  member: { id: string; name: string } | null;
}

/** The fields of `User` that every screen needs; features spread it into their operations. */
export const VIEWER_FIELDS = 'id email role member { id name }';
