import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parsePostgresUrl } from '../eventstore/postgres/postgres-url.js';
import { isValidSiren } from '../shared/identifiers.js';

export interface MutuaConfig {
  port: number;
  host: string;
  dataDirectory: string;
  /**
   * Where the ledger's events live. With KurrentDB, `databaseUrl` (DATABASE_URL) puts the read
   * models, the outbox, the notices and the sign-in failure counts in PostgreSQL, so that no
   * application server keeps state in its data directory; without it they stay there.
   */
  store: { kind: 'sqlite' } | { kind: 'kurrentdb'; url: string; databaseUrl: string | undefined } | { kind: 'postgres'; url: string };
  /** The coordinator account created at the first start, when there is no user yet. */
  admin: { email: string; password: string } | undefined;
  sessionLifetimeHours: number;
  /** Where the built web app lives; the API serves it at `/`. */
  webDirectory: string;
  production: boolean;
  /** The pôle's SIREN, which names its FEC export (`<SIREN>FEC<AAAAMMJJ>.txt`); null until configured. */
  siren: string | null;
  /** The pôle's name, printed in the header of its audit bundles; null until configured. */
  poleName: string | null;
  /** The pôle's postal address on one line, printed in the issuer block of statements; null until configured. */
  poleAddress: string | null;
  /**
   * The address users reach Mutua at (behind a proxy), for links such as calendar feeds. Required
   * to serve in production (`readServerConfig`); in development, links name the request's host.
   */
  publicUrl: string | undefined;
  /**
   * The reverse proxies Mutua sits behind (addresses or CIDR ranges): a request whose connection
   * comes from one of them is known by the address it forwards. None by default: then
   * `X-Forwarded-For` is ignored, and a client cannot write its own address.
   */
  trustedProxies: readonly string[];
  /** Where `npm run backup` writes its copies of the SQLite store. */
  backupDirectory: string;
  /** Server processes sharing the port and the store: one per core the machine gives Mutua. */
  processes: number;
  mail: MailConfig;
}

export interface MailConfig {
  /** `smtp://user:password@host:587` or `smtps://…:465`; without it, mails are written to the log. Never logged. */
  smtpUrl: string | undefined;
  /** The sender of every mail, e.g. `Pôle de l’Étang <mutua@pole-etang.fr>`. */
  from: string;
}

/** The sender of mails that only go to the log (no SMTP server configured). */
const LOG_ONLY_MAIL_FROM = 'Mutua <mutua@localhost>';

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Reads the configuration from the environment; the README lists every variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): MutuaConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigurationError(`PORT must be a port number, not ${env.PORT}`);
  const storeKind = env.MUTUA_STORE ?? 'sqlite';
  if (storeKind !== 'sqlite' && storeKind !== 'kurrentdb' && storeKind !== 'postgres') {
    throw new ConfigurationError(`MUTUA_STORE is sqlite, postgres or kurrentdb, not ${storeKind}`);
  }
  if (storeKind === 'kurrentdb' && !env.KURRENTDB_URL) {
    throw new ConfigurationError('MUTUA_STORE=kurrentdb needs KURRENTDB_URL (e.g. esdb://localhost:2113?tls=false)');
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (storeKind === 'postgres' && databaseUrl === undefined) {
    throw new ConfigurationError('MUTUA_STORE=postgres needs DATABASE_URL (e.g. postgres://mutua:secret@db.example.org:5432/mutua)');
  }
  // With SQLite, a DATABASE_URL meant for another program is none of Mutua's business.
  if (storeKind !== 'sqlite' && databaseUrl !== undefined) checkDatabaseUrl(databaseUrl);
  const sessionLifetimeHours = Number(env.MUTUA_SESSION_HOURS ?? 12);
  if (!(sessionLifetimeHours > 0 && sessionLifetimeHours <= 24 * 30)) {
    throw new ConfigurationError('MUTUA_SESSION_HOURS is a number of hours, at most 720');
  }
  const siren = env.MUTUA_SIREN?.trim() || null;
  if (siren !== null && !isValidSiren(siren)) throw new ConfigurationError('MUTUA_SIREN is the pôle’s SIREN: 9 digits with a valid Luhn key');
  const processes = Number(env.MUTUA_PROCESSES ?? 1);
  if (!(Number.isInteger(processes) && processes >= 1 && processes <= 64)) {
    throw new ConfigurationError('MUTUA_PROCESSES is a number of server processes from 1 to 64');
  }
  return {
    processes,
    siren,
    poleName: env.MUTUA_POLE_NAME?.trim().slice(0, 200) || null,
    poleAddress: env.MUTUA_POLE_ADDRESS?.trim().slice(0, 300) || null,
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDirectory: resolve(env.MUTUA_DATA_DIR ?? './data'),
    store: storeKind === 'kurrentdb'
      ? { kind: 'kurrentdb', url: env.KURRENTDB_URL!, databaseUrl }
      : storeKind === 'postgres' ? { kind: 'postgres', url: databaseUrl! } : { kind: 'sqlite' },
    admin: env.MUTUA_ADMIN_EMAIL && env.MUTUA_ADMIN_PASSWORD
      ? { email: env.MUTUA_ADMIN_EMAIL, password: env.MUTUA_ADMIN_PASSWORD }
      : undefined,
    sessionLifetimeHours,
    webDirectory: resolve(env.MUTUA_WEB_DIR ?? './dist/web'),
    production: env.NODE_ENV === 'production',
    publicUrl: env.MUTUA_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    trustedProxies: readTrustedProxies(env.MUTUA_TRUSTED_PROXIES),
    backupDirectory: resolve(env.MUTUA_BACKUP_DIR ?? './backups'),
    mail: readMailConfig(env),
  };
}

function readMailConfig(env: NodeJS.ProcessEnv): MailConfig {
  const smtpUrl = env.MUTUA_SMTP_URL?.trim() || undefined;
  const from = env.MUTUA_MAIL_FROM?.trim() || undefined;
  if (smtpUrl === undefined) return { smtpUrl, from: from ?? LOG_ONLY_MAIL_FROM };
  // The address itself is not repeated in the message: it may hold the SMTP password.
  if (!/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) throw new ConfigurationError('MUTUA_SMTP_URL is an smtp:// or smtps:// address, e.g. smtp://user:password@host:587');
  if (from === undefined || !/@[^\s@>]+>?$/.test(from)) {
    throw new ConfigurationError('MUTUA_SMTP_URL needs MUTUA_MAIL_FROM, the sender of the mails, e.g. "Pôle de l’Étang <mutua@pole-etang.fr>"');
  }
  return { smtpUrl, from };
}

/**
 * The configuration to serve with: in production the links Mutua hands out (calendar feeds) are
 * built from `MUTUA_PUBLIC_URL` only, never from a request's `Host` header, which any client
 * writes as it likes. Checked before anything opens, so that no server process starts without it.
 */
export function readServerConfig(env: NodeJS.ProcessEnv = process.env): MutuaConfig {
  const config = readConfig(env);
  if (config.production && config.publicUrl === undefined) {
    throw new ConfigurationError('NODE_ENV=production needs MUTUA_PUBLIC_URL, the address people reach Mutua at (e.g. https://mutua.example.org): the links it hands out are built from it, not from what a request says its host is');
  }
  if (config.publicUrl !== undefined && !isHttpUrl(config.publicUrl)) {
    throw new ConfigurationError(`MUTUA_PUBLIC_URL is an http or https address such as https://mutua.example.org, not ${config.publicUrl}`);
  }
  return config;
}

/** The ranges Fastify's trust list (proxy-addr) knows by name. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `MUTUA_TRUSTED_PROXIES`: addresses (`127.0.0.1`, `::1`), CIDR ranges (`10.0.0.0/8`) or named
 * ranges, separated by commas. Refused at start rather than when Fastify compiles it, and a range
 * of every address (`/0`) too: trusting every peer lets any client write its own address.
 */
function readTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (NAMED_RANGES.has(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixValid = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixValid || rest.length > 0) {
      throw new ConfigurationError(`MUTUA_TRUSTED_PROXIES lists the addresses or CIDR ranges of the reverse proxies Mutua sits behind, separated by commas (e.g. 127.0.0.1,10.0.0.0/8), not ${entry}`);
    }
    if (prefix !== undefined && Number(prefix) === 0) {
      throw new ConfigurationError(`MUTUA_TRUSTED_PROXIES refuses ${entry}: trusting every address would let any client choose the address it is limited and logged under`);
    }
  }
  return entries;
}

/** A host list (`h1:5432,h2:5432`) or target_session_attrs Mutua cannot follow is refused at start, not at the first failover. */
function checkDatabaseUrl(databaseUrl: string): void {
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    throw new ConfigurationError('DATABASE_URL is a PostgreSQL connection string such as postgres://mutua:secret@db.example.org:5432/mutua');
  }
  try {
    parsePostgresUrl(databaseUrl);
  } catch (error) {
    throw new ConfigurationError(error instanceof Error ? error.message : String(error));
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
