import { describe, expect, it } from 'vitest';
import { readConfig } from '../../api/config.js';
import { postgresConnection } from '../../eventstore/postgres/host-list.js';
import { parsePostgresUrl } from '../../eventstore/postgres/postgres-url.js';

describe('a DATABASE_URL naming several PostgreSQL hosts', () => {
  it('lists the hosts in order, with their ports (5432 by default), and keeps the rest of the URL for each', () => {
    const parsed = parsePostgresUrl('postgres://mutua:secret@db1.example.org:5433,db2.example.org,[::1]:6000/mutua?target_session_attrs=read-write&application_name=mutua');
    expect(parsed.hosts).toEqual([{ host: 'db1.example.org', port: 5433 }, { host: 'db2.example.org', port: 5432 }, { host: '[::1]', port: 6000 }]);
    expect(parsed.targetSessionAttrs).toBe('read-write');
    expect(parsed.urlForHost(parsed.hosts[1]!)).toBe('postgres://mutua:secret@db2.example.org:5432/mutua?application_name=mutua');
    expect(parsePostgresUrl('postgres://u@h1:1,h2:2/db?target_session_attrs=read-write').urlForHost({ host: 'h2', port: 2 })).toBe('postgres://u@h2:2/db');
  });

  it('leaves a single-host URL without target_session_attrs to node-postgres as it is', () => {
    const url = 'postgres://mutua:secret@db.example.org:5432/mutua?sslmode=require';
    expect(parsePostgresUrl(url).targetSessionAttrs).toBe('any');
    expect(postgresConnection(url).connectionString).toBe(url);
  });

  it('refuses at start a target_session_attrs Mutua does not follow, or a host that is not host:port', () => {
    const env = { MUTUA_STORE: 'postgres', MUTUA_DATA_DIR: '/tmp/unused' };
    expect(() => readConfig({ ...env, DATABASE_URL: 'postgres://u@h1,h2/db?target_session_attrs=standby' }))
      .toThrow('target_session_attrs is any or read-write, not standby');
    expect(() => readConfig({ ...env, DATABASE_URL: 'postgres://u@h1:port,h2/db' })).toThrow('is not host or host:port');
  });
});
