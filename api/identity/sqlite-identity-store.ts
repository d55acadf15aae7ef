import type BetterSqlite3 from 'better-sqlite3';
import { EmailTakenError, type IdentityStore, normaliseEmail, type Role, type SessionRecord, type UserRecord } from './identity-store.js';

interface UserRow {
  user_id: string;
  email: string;
  password_hash: string;
  role: string;
  member_id: string | null;
  created_at: string;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** Accounts and sessions in their own tables of the store's SQLite file, shared by every process. */
export class SqliteIdentityStore implements IdentityStore {
  private readonly statements;

  constructor(db: BetterSqlite3.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS users (
        user_id       TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        role          TEXT NOT NULL,
        member_id     TEXT,
        created_at    TEXT NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL REFERENCES users (user_id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
    `);
    this.statements = {
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
    };
  }

  async countUsers(): Promise<number> {
    return this.statements.count.get()!.count;
  }

  async createUser(user: UserRecord): Promise<void> {
    try {
      // Normalised here too, not only by callers: the UNIQUE constraint compares bytes.
      this.statements.insertUser.run({ ...user, email: normaliseEmail(user.email) });
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
    return this.statements.allUsers.all().map((row) => toUser(row)!);
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.statements.insertSession.run(session);
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = this.statements.session.get(tokenHash);
    return row && {
      tokenHash: row.token_hash,
      userId: row.user_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    };
  }

  async revokeSession(tokenHash: string, revokedAt: string): Promise<void> {
    this.statements.revoke.run(revokedAt, tokenHash);
  }
}

function toUser(row: UserRow | undefined): UserRecord | undefined {
  return row && {
    userId: row.user_id,
    email: row.email,
    passwordHash: row.password_hash,
    role: row.role as Role,
    memberId: row.member_id,
    createdAt: row.created_at,
  };
}
