import type pg from 'pg';
import {
  EmailTakenError, type IdentityStore, LastCoordinatorError, normaliseEmail, type OneTimeLinkLimit, type OneTimeLinkRecord, type SessionRecord,
  type UserRecord,
} from './identity-store.js';
import { SCHEMA_LOCK_KEY } from '../../eventstore/postgres/schema.js';
import { type Role } from '../../shared/enums.js';
import { type OneTimeLinkRow, type SessionRow, toOneTimeLink, toSession, toUser, type UserRow } from './identity-rows.js';
import { createTablesOnce, inTransaction } from '../postgres/postgres-tables.js';

interface AccessChange {
  role: string;
  member_id: string | null;
  disabled_at: string | null;
}

/** Serialises the changes that could leave the pôle without an active coordinator ('mutuac' in ASCII). */
const COORDINATOR_LOCK_KEY = 0x6d75_7475_6163;
/** PostgreSQL's SQLSTATE for a unique key refused. */
const UNIQUE_VIOLATION = '23505';

/** The same tables as SQLite's (see SqliteIdentityStore), instants kept as the ISO strings they were given. */
const IDENTITY_TABLES = `
  CREATE TABLE IF NOT EXISTS users (
    user_id             text PRIMARY KEY,
    email               text UNIQUE,
    password_hash       text,
    role                text NOT NULL,
    member_id           text,
    created_at          text NOT NULL,
    disabled_at         text,
    sessions_valid_from text,
    erased_at           text
  );
  CREATE TABLE IF NOT EXISTS sessions (
    token_hash text PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users (user_id),
    created_at text NOT NULL,
    expires_at text NOT NULL,
    revoked_at text
  );
  CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at COLLATE "C");
  CREATE INDEX IF NOT EXISTS sessions_by_revocation ON sessions (revoked_at COLLATE "C");
  CREATE TABLE IF NOT EXISTS one_time_links (
    token_hash text PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users (user_id),
    purpose    text NOT NULL CHECK (purpose IN ('INVITATION', 'PASSWORD_RESET')),
    created_at text NOT NULL,
    expires_at text NOT NULL,
    used_at    text,
    password_fingerprint text
  );
  CREATE INDEX IF NOT EXISTS one_time_links_by_user ON one_time_links (user_id);
  CREATE TABLE IF NOT EXISTS shared_secrets (
    name   text PRIMARY KEY,
    secret text NOT NULL
  );
`;

/**
 * The sessions ended before `$1`: expired, revoked, or closed everywhere. Instants are ISO strings
 * of one format (toISOString), as SQLite's: compared byte by byte (COLLATE "C"), they compare as
 * instants, and sessions_by_expiry and sessions_by_revocation serve the comparison, which no index
 * could as a cast to timestamptz (not immutable). The accounts closed everywhere are few: their
 * sessions are found through sessions_by_user. The three ways are a UNION, not an OR: PostgreSQL
 * combines indexes for an OR only when each of its terms has one, which a subquery has not.
 */
export const FORGET_ENDED_SESSIONS = `
  DELETE FROM sessions WHERE token_hash IN (
    SELECT token_hash FROM sessions WHERE expires_at COLLATE "C" < $1
    UNION SELECT token_hash FROM sessions WHERE revoked_at COLLATE "C" < $1
    UNION SELECT token_hash FROM sessions JOIN users USING (user_id)
      WHERE users.sessions_valid_from::timestamptz < $1::timestamptz AND sessions.created_at::timestamptz < users.sessions_valid_from::timestamptz
  )
`;

/**
 * Accounts, sessions and one-time links in tables of the PostgreSQL database every application
 * server shares, so that a session opened through one server is honoured, and ended, by all.
 */
export class PostgresIdentityStore implements IdentityStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** The store on `pool`, its tables created if the database has none yet. */
  static async open(pool: pg.Pool): Promise<PostgresIdentityStore> {
    // The indexes are named too: a database made before them runs the DDL again, which adds them alone.
    await createTablesOnce(pool, ['users', 'sessions', 'one_time_links', 'shared_secrets', 'sessions_by_expiry', 'sessions_by_revocation'], IDENTITY_TABLES);
    await bindLinksToPasswords(pool);
    return new PostgresIdentityStore(pool);
  }

  async countUsers(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('SELECT count(*)::integer AS count FROM users');
    return rows[0]!.count;
  }

  async createUser(user: UserRecord): Promise<void> {
    try {
      // Normalised here too, not only by callers: the unique key compares bytes.
      await this.pool.query(
        'INSERT INTO users (user_id, email, password_hash, role, member_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [user.userId, normaliseEmail(user.email), user.passwordHash, user.role, user.memberId, user.createdAt],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError();
      throw error;
    }
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE email = $1', [normaliseEmail(email)]);
    return toUser(rows[0]);
  }

  async findUserById(userId: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE user_id = $1', [userId]);
    return toUser(rows[0]);
  }

  async listUsers(): Promise<UserRecord[]> {
    // COLLATE "C": byte order, as SQLite's, whatever the database's locale.
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY email COLLATE "C"');
    return rows.flatMap((row) => toUser(row) ?? []);
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5)',
      [session.tokenHash, session.userId, session.createdAt, session.expiresAt, session.revokedAt],
    );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
    return toSession(rows[0]);
  }

  async revokeSession(tokenHash: string, revokedAt: string): Promise<void> {
    await this.pool.query('UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [revokedAt, tokenHash]);
  }

  async forgetSessionsEndedBefore(before: string): Promise<number> {
    const { rowCount } = await this.pool.query(FORGET_ENDED_SESSIONS, [before]);
    return rowCount ?? 0;
  }

  setDisabled(userId: string, disabledAt: string | null): Promise<void> {
    return this.keepingACoordinator(userId, (user) => ({ role: user.role, member_id: user.member_id, disabled_at: disabledAt }));
  }

  changeRole(userId: string, role: Role, memberId: string | null): Promise<void> {
    return this.keepingACoordinator(userId, (user) => ({ role, member_id: memberId, disabled_at: user.disabled_at }));
  }

  async revokeSessionsOf(userId: string, at: string): Promise<void> {
    await this.pool.query('UPDATE users SET sessions_valid_from = $1 WHERE user_id = $2', [at, userId]);
  }

  async changePassword(userId: string, passwordHash: string, keptTokenHash: string, at: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const changed = await client.query('UPDATE users SET password_hash = $1 WHERE user_id = $2 AND erased_at IS NULL', [passwordHash, userId]);
      if (changed.rowCount === 0) return;
      await client.query(
        'UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND token_hash <> $3 AND revoked_at IS NULL',
        [at, userId, keptTokenHash],
      );
    });
  }

  /**
   * The address and password hash are overwritten and the sessions and links deleted in one
   * transaction. The old row versions stay in the table's files until VACUUM reclaims them
   * (autovacuum does, soon after): no query reads them, as SQLite's free pages.
   */
  async eraseUser(userId: string, erasedAt: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `UPDATE users SET email = NULL, password_hash = NULL, erased_at = $1, sessions_valid_from = $1
         WHERE user_id = $2 AND erased_at IS NULL`,
        [erasedAt, userId],
      );
      await client.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      await client.query('DELETE FROM one_time_links WHERE user_id = $1', [userId]);
    });
  }

  /**
   * Null: another server's change reaches this one through no cheap signal that cannot be missed
   * (a NOTIFY is lost while its LISTEN connection is down), so authentication asks the database
   * every time, two lookups by primary key.
   */
  changeMarker(): null {
    return null;
  }

  async sharedSecret(name: string, candidate: string): Promise<string> {
    // Two servers starting together both try: the first insert wins, the other reads it.
    await this.pool.query('INSERT INTO shared_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, candidate]);
    const { rows } = await this.pool.query<{ secret: string }>('SELECT secret FROM shared_secrets WHERE name = $1', [name]);
    return rows[0]!.secret;
  }

  async issueOneTimeLink(link: OneTimeLinkRecord): Promise<void> {
    await insertLink(this.pool, link);
  }

  /**
   * The user's row is locked (FOR NO KEY UPDATE, which the links' foreign key checks do not wait
   * for) before the count: two servers issuing links to one user count one after the other.
   */
  async issueOneTimeLinkWithin(link: OneTimeLinkRecord, limit: OneTimeLinkLimit): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT 1 FROM users WHERE user_id = $1 FOR NO KEY UPDATE', [link.userId]);
      const { rows } = await client.query<{ count: number }>(
        'SELECT count(*)::integer AS count FROM one_time_links WHERE user_id = $1 AND purpose = $2 AND created_at::timestamptz > $3::timestamptz',
        [link.userId, link.purpose, limit.createdAfter],
      );
      if (rows[0]!.count >= limit.atMost) return false;
      await insertLink(client, link);
      return true;
    });
  }

  async findOneTimeLink(tokenHash: string): Promise<OneTimeLinkRecord | undefined> {
    const { rows } = await this.pool.query<OneTimeLinkRow>('SELECT * FROM one_time_links WHERE token_hash = $1', [tokenHash]);
    return toOneTimeLink(rows[0]);
  }

  async useOneTimeLink(tokenHash: string, usedAt: string): Promise<boolean> {
    // The condition on used_at makes the update the arbiter: of two uses at once, the second waits
    // for the first's row lock, finds used_at set, and changes nothing.
    const { rowCount } = await this.pool.query('UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL', [usedAt, tokenHash]);
    return rowCount === 1;
  }

  /**
   * Runs a change of one account that must leave an active coordinator. Every such change takes one
   * transaction-scoped advisory lock before it counts the coordinators: two servers disabling the
   * two last coordinators at once run one after the other, and the second sees the first's change.
   */
  private async keepingACoordinator(userId: string, change: (user: UserRow) => AccessChange): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [COORDINATOR_LOCK_KEY]);
      const { rows } = await client.query<UserRow>('SELECT * FROM users WHERE user_id = $1', [userId]);
      const user = rows[0];
      if (!user || user.erased_at !== null) return;
      const changed = change(user);
      const wasActiveCoordinator = user.role === 'COORDINATOR' && user.disabled_at === null;
      const staysActiveCoordinator = changed.role === 'COORDINATOR' && changed.disabled_at === null;
      if (wasActiveCoordinator && !staysActiveCoordinator && (await otherActiveCoordinators(client, userId)) === 0) {
        throw new LastCoordinatorError();
      }
      await client.query(
        'UPDATE users SET role = $1, member_id = $2, disabled_at = $3 WHERE user_id = $4 AND erased_at IS NULL',
        [changed.role, changed.member_id, changed.disabled_at, userId],
      );
    });
  }
}

async function insertLink(client: pg.Pool | pg.PoolClient, link: OneTimeLinkRecord): Promise<void> {
  await client.query(
    'INSERT INTO one_time_links (token_hash, user_id, purpose, created_at, expires_at, used_at, password_fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [link.tokenHash, link.userId, link.purpose, link.createdAt, link.expiresAt, link.usedAt, link.passwordFingerprint],
  );
}

/**
 * Databases written before links were bound to a password have no `password_fingerprint`: the
 * column is added, and each link not used yet is bound to its account's password as it is now
 * (`passwordFingerprint`, in SQL), under the schema lock servers starting together share. A
 * read-only standby is not asked once the primary has done it.
 */
async function bindLinksToPasswords(pool: pg.Pool): Promise<void> {
  const isBound = async (client: pg.Pool | pg.PoolClient) => (await client.query(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'one_time_links' AND column_name = 'password_fingerprint'",
  )).rowCount === 1;
  if (await isBound(pool)) return;
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    if (await isBound(client)) return;
    await client.query('ALTER TABLE one_time_links ADD COLUMN password_fingerprint text');
    await client.query(`
      UPDATE one_time_links SET password_fingerprint = encode(sha256(convert_to(users.password_hash, 'UTF8')), 'hex')
      FROM users WHERE users.user_id = one_time_links.user_id AND one_time_links.used_at IS NULL AND users.password_hash IS NOT NULL
    `);
  });
}

async function otherActiveCoordinators(client: pg.PoolClient, userId: string): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    "SELECT count(*)::integer AS count FROM users WHERE role = 'COORDINATOR' AND disabled_at IS NULL AND erased_at IS NULL AND user_id <> $1",
    [userId],
  );
  return rows[0]!.count;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof Error && 'code' in error && error.code === UNIQUE_VIOLATION && 'constraint' in error && error.constraint === constraint;
}
