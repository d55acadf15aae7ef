import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, readConfig, readServerConfig } from './config.js';

describe('readServerConfig', () => {
  it('refuses production without MUTUA_PUBLIC_URL, naming it', () => {
    expect(() => readServerConfig({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => readServerConfig({ NODE_ENV: 'production', MUTUA_PUBLIC_URL: ' ' })).toThrow(/MUTUA_PUBLIC_URL/);
  });

  it('takes an http or https address, without its trailing slash', () => {
    expect(readServerConfig({ NODE_ENV: 'production', MUTUA_PUBLIC_URL: 'https://mutua.pole.fr/' }).publicUrl).toBe('https://mutua.pole.fr');
    expect(readServerConfig({ NODE_ENV: 'production', MUTUA_PUBLIC_URL: 'http://10.0.0.5:4000/mutua' }).publicUrl).toBe('http://10.0.0.5:4000/mutua');
  });

  it.each(['mutua.pole.fr', 'javascript:alert(1)', 'ftp://mutua.pole.fr', 'https://mutua.pole.fr/?x=1', 'https://user:secret@mutua.pole.fr'])(
    'refuses %s as MUTUA_PUBLIC_URL', (publicUrl) => {
      expect(() => readServerConfig({ MUTUA_PUBLIC_URL: publicUrl })).toThrow(/MUTUA_PUBLIC_URL is an http or https address/);
    },
  );

  it('leaves development, and the scripts that read the configuration, free to go without it', () => {
    expect(readServerConfig({}).publicUrl).toBeUndefined();
    expect(readConfig({ NODE_ENV: 'production' }).publicUrl).toBeUndefined();
  });
});

describe('readConfig for PostgreSQL', () => {
  it('takes MUTUA_STORE=postgres with its DATABASE_URL', () => {
    expect(readConfig({ MUTUA_STORE: 'postgres', DATABASE_URL: 'postgres://mutua@db.example.org:5432/mutua' }).store)
      .toEqual({ kind: 'postgres', url: 'postgres://mutua@db.example.org:5432/mutua' });
  });

  it('refuses MUTUA_STORE=postgres without DATABASE_URL, or with something else than a PostgreSQL address, naming it', () => {
    expect(() => readConfig({ MUTUA_STORE: 'postgres' })).toThrow(/MUTUA_STORE=postgres needs DATABASE_URL/);
    expect(() => readConfig({ MUTUA_STORE: 'postgres', DATABASE_URL: ' ' })).toThrow(ConfigurationError);
    expect(() => readConfig({ MUTUA_STORE: 'postgres', DATABASE_URL: 'mysql://db/mutua' })).toThrow(/DATABASE_URL is a PostgreSQL connection string/);
  });

  it('takes DATABASE_URL beside MUTUA_STORE=kurrentdb, for the read models and the outbox, and goes without it as before', () => {
    const kurrentDb = { MUTUA_STORE: 'kurrentdb', KURRENTDB_URL: 'esdb://127.0.0.1:2113?tls=false' };
    expect(readConfig({ ...kurrentDb, DATABASE_URL: 'postgres://mutua@db1:5432,db2:5432/mutua' }).store)
      .toEqual({ kind: 'kurrentdb', url: kurrentDb.KURRENTDB_URL, databaseUrl: 'postgres://mutua@db1:5432,db2:5432/mutua' });
    expect(readConfig(kurrentDb).store).toEqual({ kind: 'kurrentdb', url: kurrentDb.KURRENTDB_URL, databaseUrl: undefined });
    expect(() => readConfig({ ...kurrentDb, DATABASE_URL: 'mysql://db/mutua' })).toThrow(/DATABASE_URL is a PostgreSQL connection string/);
  });

  it('leaves the embedded store alone when DATABASE_URL is set for something else', () => {
    expect(readConfig({ DATABASE_URL: 'mysql://db/other' }).store).toEqual({ kind: 'sqlite' });
    expect(() => readConfig({ MUTUA_STORE: 'mysql' })).toThrow(/MUTUA_STORE is sqlite, postgres or kurrentdb/);
  });
});

describe('the mail settings', () => {
  it('write mails to the log without MUTUA_SMTP_URL, so that a start needs nothing', () => {
    expect(readConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'Mutua <mutua@localhost>' });
  });

  it('take an smtp or smtps address with its sender', () => {
    const env = { MUTUA_SMTP_URL: 'smtps://mutua:secret@smtp.pole.fr:465', MUTUA_MAIL_FROM: 'Pôle <mutua@pole.fr>' };
    expect(readConfig(env).mail).toEqual({ smtpUrl: env.MUTUA_SMTP_URL, from: env.MUTUA_MAIL_FROM });
  });

  it('refuses an SMTP server without a sender, or an address of another kind, without repeating the address', () => {
    expect(() => readConfig({ MUTUA_SMTP_URL: 'smtp://localhost:25' })).toThrow(/needs MUTUA_MAIL_FROM/);
    const refusal = (() => {
      try {
        readConfig({ MUTUA_SMTP_URL: 'https://user:secret@smtp.pole.fr', MUTUA_MAIL_FROM: 'mutua@pole.fr' });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigurationError);
    expect(refusal?.message).not.toContain('secret');
  });
});

describe('MUTUA_TRUSTED_PROXIES', () => {
  it('trusts no proxy without it, so that X-Forwarded-For is ignored', () => {
    expect(readConfig({}).trustedProxies).toEqual([]);
    expect(readConfig({ MUTUA_TRUSTED_PROXIES: ' ' }).trustedProxies).toEqual([]);
  });

  it('takes addresses, CIDR ranges and named ranges, separated by commas', () => {
    const trustedProxies = readConfig({ MUTUA_TRUSTED_PROXIES: '127.0.0.1, ::1,10.0.0.0/8 ,fd00::/8,loopback,' }).trustedProxies;
    expect(trustedProxies).toEqual(['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8', 'loopback']);
    // Fastify compiles the list when the server is built: everything the reader takes, it takes.
    expect(() => Fastify({ trustProxy: [...trustedProxies] })).not.toThrow();
  });

  it.each(['not-an-address', '127.0.0.1/33', '::1/129', '10.0.0.0/8/8', '10.0.0.0/255.0.0.0', 'proxy.example.org', '10.0.0.0/-1'])(
    'refuses %s, naming the variable and the entry', (entry) => {
      expect(() => readConfig({ MUTUA_TRUSTED_PROXIES: `127.0.0.1,${entry}` }))
        .toThrow(`MUTUA_TRUSTED_PROXIES lists the addresses or CIDR ranges of the reverse proxies Mutua sits behind, separated by commas (e.g. 127.0.0.1,10.0.0.0/8), not ${entry}`);
    },
  );

  it('refuses a range of every address, which would let any client choose its own', () => {
    expect(() => readConfig({ MUTUA_TRUSTED_PROXIES: '0.0.0.0/0' })).toThrow(/MUTUA_TRUSTED_PROXIES refuses 0\.0\.0\.0\/0: trusting every address/);
    expect(() => readConfig({ MUTUA_TRUSTED_PROXIES: '::/0' })).toThrow(ConfigurationError);
  });
});
