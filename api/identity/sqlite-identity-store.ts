import type BetterSqlite3 from 'better-sqlite3';
import {
  EmailTakenError, type IdentityStore, LastCoordinatorError, normaliseEmail, type OneTimeLinkLimit, type OneTimeLinkRecord, passwordFingerprint,
  type SessionRecord, type UserRecord,
} from './identity-store.js';
import { type Role } from '../../shared/enums.js';
import { type OneTimeLinkRow, type SessionRow, toOneTimeLink, toSession, toUser, type UserRow } from './identity-rows.js';

/** Columns added after the first release, with their type: added to older files at start. */
const LATER_USER_COLUMNS = { disabled_at: 'TEXT', sessions_valid_from: 'TEXT', erased_at: 'TEXT' } as const;

/**
 * The sessions ended before `@before`: expired, revoked, or closed everywhere. Instants are ISO
 * strings of one format (toISOString): compared as text, they compare as instants. Each of the
 * three ways is found through an index (sessions_by_expiry, sessions_by_revocation, and the
 * accounts closed everywhere first, CROSS JOIN keeping that order, then sessions_by_user), so that
 * the purge a sign-in runs does not read every session ever opened.
 */
export const FORGET_ENDED_SESSIONS = `
  DELETE FROM sessions WHERE expires_at < @before OR revoked_at < @before OR token_hash IN (
    SELECT token_hash FROM users CROSS JOIN sessions USING (user_id)
    WHERE users.sessions_valid_from < @before AND sessions.created_at < users.sessions_valid_from
  )
`;

/** Accounts and sessions in their own tables of the store's SQLite file, shared by every process. */
export class SqliteIdentityStore implements IdentityStore {
  private readonly statements: IdentityStatements;
  /** Writes made through this connection, which SQLite's data_version does not count. */
  private ownWrites = 0;
  private readonly eraseTransaction: (userId: string, erasedAt: string) => void;
  private readonly issueWithinTransaction: BetterSqlite3.Transaction<(link: OneTimeLinkRecord, limit: OneTimeLinkLimit) => boolean>;
  private readonly changePasswordTransaction: (userId: string, passwordHash: string, keptTokenHash: string, at: string) => void;
  /** Runs a change of one account that must leave an active coordinator, checked and written in one write transaction. */
  private readonly keepingACoordinator: (userId: string, change: (user: UserRow) => { role: string; disabled_at: string | null; member_id: string | null }) => void;

  constructor(private readonly db: BetterSqlite3.Database) {
    createIdentityTables(db);
    this.statements = prepareStatements(db);
    this.eraseTransaction = db.transaction((userId: string, erasedAt: string) => {
      this.statements.erase.run({ userId, erasedAt });
      this.statements.deleteSessions.run(userId);
      this.statements.deleteLinks.run(userId);
    });
    const keepingACoordinator = db.transaction((userId: string, change: (user: UserRow) => { role: string; disabled_at: string | null; member_id: string | null }) => {
      const user = this.statements.userById.get(userId);
      if (!user || user.erased_at !== null) return;
      const changed = change(user);
      const wasActiveCoordinator = user.role === 'COORDINATOR' && user.disabled_at === null;
      const staysActiveCoordinator = changed.role === 'COORDINATOR' && changed.disabled_at === null;
      if (wasActiveCoordinator && !staysActiveCoordinator && this.statements.otherActiveCoordinators.get(userId) === 0) {
        throw new LastCoordinatorError();
      }
      this.statements.setAccess.run({ user_id: userId, ...changed });
    });
    // IMMEDIATE takes the write lock before the count: another process cannot change a coordinator in between.
    this.keepingACoordinator = (userId, change) => keepingACoordinator.immediate(userId, change);
    this.issueWithinTransaction = db.transaction((link: OneTimeLinkRecord, limit: OneTimeLinkLimit) => {
      // Instants are ISO strings of one format (toISOString): compared as text, they compare as instants.
      if (this.statements.recentLinks.get(link.userId, link.purpose, limit.createdAfter)! >= limit.atMost) return false;
      this.statements.insertLink.run(link);
      return true;
    });
    this.changePasswordTransaction = db.transaction((userId: string, passwordHash: string, keptTokenHash: string, at: string) => {
      if (this.statements.setPasswordHash.run(passwordHash, userId).changes === 0) return;
      this.statements.revokeOtherSessions.run(at, userId, keptTokenHash);
    });
  }

  async countUsers(): Promise<number> {
    return this.statements.count.get()!.count;
  }

  async createUser(user: UserRecord): Promise<void> {
    try {
      // Normalised here too, not only by callers: the UNIQUE constraint compares bytes.
      this.statements.insertUser.run({ ...user, email: normaliseEmail(user.email) });
      this.ownWrites += 1;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError();
      throw error;
    }
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    return toUser(this.statements.userByEmail.get(normaliseEmail(email)));
  }

  async findUserById(userId: string): Promise<UserRecord | undefined> {
    return toUser(this.statements.userById.get(userId));
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.statements.allUsers.all().flatMap((row) => toUser(row) ?? []);
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.statements.insertSession.run(session);
    this.ownWrites += 1;
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    return toSession(this.statements.session.get(tokenHash));
  }

  async revokeSession(tokenHash: string, revokedAt: string): Promise<void> {
    this.statements.revoke.run(revokedAt, tokenHash);
    this.ownWrites += 1;
  }

  async forgetSessionsEndedBefore(before: string): Promise<number> {
    const { changes } = this.statements.forgetEnded.run({ before });
    this.ownWrites += 1;
    return changes;
  }

  async setDisabled(userId: string, disabledAt: string | null): Promise<void> {
    this.keepingACoordinator(userId, (user) => ({ role: user.role, member_id: user.member_id, disabled_at: disabledAt }));
    this.ownWrites += 1;
  }

  async changeRole(userId: string, role: Role, memberId: string | null): Promise<void> {
    this.keepingACoordinator(userId, (user) => ({ role, member_id: memberId, disabled_at: user.disabled_at }));
    this.ownWrites += 1;
  }

  async revokeSessionsOf(userId: string, at: string): Promise<void> {
    this.statements.revokeAll.run(at, userId);
    this.ownWrites += 1;
  }

  async changePassword(userId: string, passwordHash: string, keptTokenHash: string, at: string): Promise<void> {
    this.changePasswordTransaction(userId, passwordHash, keptTokenHash, at);
    this.ownWrites += 1;
  }

  async eraseUser(userId: string, erasedAt: string): Promise<void> {
    this.eraseTransaction(userId, erasedAt);
    this.ownWrites += 1;
    // secure_delete zeroes the freed bytes in the database file; the checkpoint moves the pages out of
    // the write-ahead log, where the old address would otherwise linger until the next checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async sharedSecret(name: string, candidate: string): Promise<string> {
    // Two processes starting together both try: the first insert wins, the other reads it.
    this.statements.insertSecret.run(name, candidate);
    return this.statements.secret.get(name)!;
  }

  async issueOneTimeLink(link: OneTimeLinkRecord): Promise<void> {
    this.statements.insertLink.run(link);
  }

  async issueOneTimeLinkWithin(link: OneTimeLinkRecord, limit: OneTimeLinkLimit): Promise<boolean> {
    // IMMEDIATE takes the file's write lock before counting: two processes never both count the same links.
    return this.issueWithinTransaction.immediate(link, limit);
  }

  async findOneTimeLink(tokenHash: string): Promise<OneTimeLinkRecord | undefined> {
    return toOneTimeLink(this.statements.link.get(tokenHash));
  }

  async useOneTimeLink(tokenHash: string, usedAt: string): Promise<boolean> {
    // The condition on used_at makes the update the arbiter: of two uses at once, one changes the row.
    return this.statements.useLink.run(usedAt, tokenHash).changes === 1;
  }

  /**
   * Any commit to the file by another connection (events included) changes the marker: coarse,
   * but one cheap pragma, and never stale.
   */
  changeMarker(): string {
    return `${this.statements.dataVersion.get()}:${this.ownWrites}`;
  }
}

/** The accounts' tables, made at the first opening and brought up to date at each later one. */
function createIdentityTables(db: BetterSqlite3.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      user_id             TEXT PRIMARY KEY,
      email               TEXT UNIQUE,
      password_hash       TEXT,
      role                TEXT NOT NULL,
      member_id           TEXT,
      created_at          TEXT NOT NULL,
      disabled_at         TEXT,
      sessions_valid_from TEXT,
      erased_at           TEXT
    ) STRICT;
    CREATE TABLE IF NOT EXISTS sessions (
      token_hash TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL REFERENCES users (user_id),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      revoked_at TEXT
    ) STRICT;
    CREATE TABLE IF NOT EXISTS one_time_links (
      token_hash TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL REFERENCES users (user_id),
      purpose    TEXT NOT NULL CHECK (purpose IN ('INVITATION', 'PASSWORD_RESET')),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at    TEXT,
      password_fingerprint TEXT
    ) STRICT;
    -- A password change revokes a person's other sessions, an erasure deletes their sessions and
    -- links, and a reset counts their recent links: by person, without reading every row made
    -- (a row per sign-in, kept 30 days after it ends). The ended sessions are found by when they
    -- ended (FORGET_ENDED_SESSIONS). PostgreSQL's tables have the same indexes. Run at every
    -- opening: a file made before an index was added gains it.
    CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
    CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
    CREATE INDEX IF NOT EXISTS sessions_by_revocation ON sessions (revoked_at);
    CREATE INDEX IF NOT EXISTS one_time_links_by_user ON one_time_links (user_id);
    CREATE TABLE IF NOT EXISTS shared_secrets (
      name   TEXT PRIMARY KEY,
      secret TEXT NOT NULL
    ) STRICT;
  `);
  addMissingColumns(db);
  bindLinksToPasswords(db);
}

type IdentityStatements = ReturnType<typeof prepareStatements>;

/** Every statement the store runs, prepared once per connection. */
function prepareStatements(db: BetterSqlite3.Database) {
  return {
    count: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM users'),
    insertUser: db.prepare(
      `INSERT INTO users (user_id, email, password_hash, role, member_id, created_at)
       VALUES (@userId, @email, @passwordHash, @role, @memberId, @createdAt)`,
    ),
    userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE user_id = ?'),
    allUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY email'),
    insertSession: db.prepare(
      `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked_at)
       VALUES (@tokenHash, @userId, @createdAt, @expiresAt, @revokedAt)`,
    ),
    session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?'),
    revoke: db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL'),
    forgetEnded: db.prepare<{ before: string }>(FORGET_ENDED_SESSIONS),
    setAccess: db.prepare('UPDATE users SET role = @role, member_id = @member_id, disabled_at = @disabled_at WHERE user_id = @user_id AND erased_at IS NULL'),
    otherActiveCoordinators: db.prepare<[string], number>(
      "SELECT count(*) FROM users WHERE role = 'COORDINATOR' AND disabled_at IS NULL AND erased_at IS NULL AND user_id <> ?",
    ).pluck(),
    revokeAll: db.prepare('UPDATE users SET sessions_valid_from = ? WHERE user_id = ?'),
    erase: db.prepare(
      `UPDATE users SET email = NULL, password_hash = NULL, erased_at = @erasedAt, sessions_valid_from = @erasedAt
       WHERE user_id = @userId AND erased_at IS NULL`,
    ),
    deleteSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    deleteLinks: db.prepare('DELETE FROM one_time_links WHERE user_id = ?'),
    setPasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE user_id = ? AND erased_at IS NULL'),
    revokeOtherSessions: db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND token_hash <> ? AND revoked_at IS NULL'),
    insertSecret: db.prepare('INSERT INTO shared_secrets (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
    secret: db.prepare<[string], string>('SELECT secret FROM shared_secrets WHERE name = ?').pluck(),
    insertLink: db.prepare(
      `INSERT INTO one_time_links (token_hash, user_id, purpose, created_at, expires_at, used_at, password_fingerprint)
       VALUES (@tokenHash, @userId, @purpose, @createdAt, @expiresAt, @usedAt, @passwordFingerprint)`,
    ),
    recentLinks: db.prepare<[string, string, string], number>(
      'SELECT count(*) FROM one_time_links WHERE user_id = ? AND purpose = ? AND created_at > ?',
    ).pluck(),
    link: db.prepare<[string], OneTimeLinkRow>('SELECT * FROM one_time_links WHERE token_hash = ?'),
    useLink: db.prepare('UPDATE one_time_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL'),
    // Changes when another connection, in this process or another, commits to the file.
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
  };
}

/**
 * The first release made email and password_hash NOT NULL; erasure needs them nullable.
 * SQLite cannot relax a constraint in place: the table is rebuilt once, inside a transaction.
 */
function addMissingColumns(db: BetterSqlite3.Database): void {
  const columns = db.prepare<[], { name: string; notnull: number }>('PRAGMA table_info(users)').all();
  const addColumns = db.transaction(() => {
    for (const [name, type] of Object.entries(LATER_USER_COLUMNS)) {
      if (!columns.some((column) => column.name === name)) db.exec(`ALTER TABLE users ADD COLUMN ${name} ${type}`);
    }
  });
  addColumns();
  if (!columns.find((column) => column.name === 'email')?.notnull) return;
  // SQLite ignores `PRAGMA foreign_keys` inside a transaction: sessions point at users, so the
  // check is turned off around the rebuild, and the references are checked again after it.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => relaxPersonalColumns(db))();
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('Rebuilding the users table broke a session reference');
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/**
 * Files written before links were bound to a password have no `password_fingerprint`: the column is
 * added, and each link not used yet is bound to its account's password as it is now, so that a
 * change from here on ends it as it ends the links issued later.
 */
function bindLinksToPasswords(db: BetterSqlite3.Database): void {
  const isBound = () => db.prepare<[], { name: string }>('PRAGMA table_info(one_time_links)').all().some((column) => column.name === 'password_fingerprint');
  if (isBound()) return;
  // IMMEDIATE, and asked again inside: of two processes opening an older file at once, one adds the column.
  db.transaction(() => {
    if (isBound()) return;
    db.exec('ALTER TABLE one_time_links ADD COLUMN password_fingerprint TEXT');
    const bind = db.prepare('UPDATE one_time_links SET password_fingerprint = ? WHERE token_hash = ?');
    const unused = db.prepare<[], { token_hash: string; password_hash: string }>(
      'SELECT token_hash, password_hash FROM one_time_links JOIN users USING (user_id) WHERE used_at IS NULL AND password_hash IS NOT NULL',
    ).all();
    for (const link of unused) bind.run(passwordFingerprint(link.password_hash), link.token_hash);
  }).immediate();
}

function relaxPersonalColumns(db: BetterSqlite3.Database): void {
  db.exec(`
    CREATE TABLE users_relaxed (
      user_id TEXT PRIMARY KEY, email TEXT UNIQUE, password_hash TEXT, role TEXT NOT NULL, member_id TEXT,
      created_at TEXT NOT NULL, disabled_at TEXT, sessions_valid_from TEXT, erased_at TEXT
    ) STRICT;
    INSERT INTO users_relaxed (user_id, email, password_hash, role, member_id, created_at, disabled_at, sessions_valid_from, erased_at)
      SELECT user_id, email, password_hash, role, member_id, created_at, disabled_at, sessions_valid_from, erased_at FROM users;
    DROP TABLE users;
    ALTER TABLE users_relaxed RENAME TO users;
  `);
}
