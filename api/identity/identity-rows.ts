import { type Role } from '../../shared/enums.js';
import { type OneTimeLinkPurpose, type OneTimeLinkRecord, type SessionRecord, type UserRecord } from './identity-store.js';

/**
 * The identity tables' rows, the same on SQLite and PostgreSQL (instants kept as the ISO strings
 * they were given), and what they become: both adapters read them back through these functions.
 */
export interface UserRow {
  user_id: string;
  email: string | null;
  password_hash: string | null;
  role: string;
  member_id: string | null;
  created_at: string;
  disabled_at: string | null;
  sessions_valid_from: string | null;
  erased_at: string | null;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface OneTimeLinkRow {
  token_hash: string;
  user_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  password_fingerprint: string | null;
  used_at: string | null;
}

/** An erased person is no longer anybody's account: only the ledger's events keep their id. */
export function toUser(row: UserRow | undefined): UserRecord | undefined {
  if (!row || row.erased_at !== null || row.email === null || row.password_hash === null) return undefined;
  return {
    userId: row.user_id,
    email: row.email,
    passwordHash: row.password_hash,
    role: row.role as Role,
    memberId: row.member_id,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    sessionsValidFrom: row.sessions_valid_from,
    erasedAt: null,
  };
}

export function toSession(row: SessionRow | undefined): SessionRecord | undefined {
  return row && { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}

export function toOneTimeLink(row: OneTimeLinkRow | undefined): OneTimeLinkRecord | undefined {
  return row && {
    tokenHash: row.token_hash,
    userId: row.user_id,
    purpose: row.purpose as OneTimeLinkPurpose,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    passwordFingerprint: row.password_fingerprint,
    usedAt: row.used_at,
  };
}
