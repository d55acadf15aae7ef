import { describe, expect, it } from 'vitest';
import { isPostgresStorageFailure } from './storage-failure.js';

/** An error as node-postgres hands on the server's answer: a SQLSTATE `code` and a `severity`. */
const serverError = (code: string) => Object.assign(new Error(`server says ${code}`), { code, severity: 'ERROR' });

describe('telling a PostgreSQL that cannot answer now from a bug', () => {
  it('counts lost connections, a server shutting down or out of resources, and a read-only standby', () => {
    for (const error of [
      serverError('57P01'), serverError('53300'), serverError('08006'), serverError('25006'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('No PostgreSQL host of DATABASE_URL takes writes now (db1:5432 read-only)'),
    ]) expect(isPostgresStorageFailure(error)).toBe(true);
  });

  it('leaves a wrong query, a refused key and anything else to be reported as the bug it is', () => {
    for (const error of [serverError('42601'), serverError('23505'), new Error('Cannot read properties of undefined'), 'ECONNREFUSED']) {
      expect(isPostgresStorageFailure(error)).toBe(false);
    }
  });
});
