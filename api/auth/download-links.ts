import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import { type IdentityStore } from '../identity/identity-store.js';
import { type Actor } from './actor.js';
import { AuthenticationError, type AuthService, hashToken } from './auth-service.js';

/** How long a download link works: long enough to follow it at once, too short for a copy found later. */
export const DOWNLOAD_LINK_SECONDS = 120;

/** The files the API serves (exports, statements, invoices, the partner room's files): no other address gets a link. */
const DOWNLOADABLE_PATHS = [
  /^\/exports\/settlement\/[^/]+\.csv$/,
  /^\/exports\/fec\/[^/]+$/,
  /^\/statements\/[^/]+\/[^/]+\.(?:html|pdf)$/,
  /^\/invoices\/[^/]+\.(?:pdf|xml|zip)$/,
  /^\/exports\/audit-bundle\.jsonl$/,
  /^\/exports\/impact\.(?:csv|json)$/,
];

/** `<expiry, ms since 1970, base 36>.<session token's SHA-256, base64url>.<HMAC-SHA256, base64url>` */
const DOWNLOAD_TOKEN = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;
const MAX_ADDRESS_LENGTH = 2_000;
const SECRET_NAME = 'download-links';
const ANY_ORIGIN = 'http://mutua.invalid';

export interface DownloadLink {
  /** The document's address on the API's origin, with its download token as `?token=`. */
  url: string;
  expiresAt: string;
}

/**
 * Links a browser can open to fetch one file without the session token in the address: a link
 * cannot carry the `Authorization` header, and an address ends up in logs, histories and proxies.
 *
 * A download token names one document (its path and query), the session it was asked from (by the
 * SHA-256 of its token, which cannot be turned back into the token) and its expiry, signed with
 * HMAC-SHA256 under a secret kept in the store. Signed rather than stored: any server process
 * sharing the store checks it without a write per download and without a table to purge, and the
 * session behind it is checked again on use, so that a logout, a "sign out everywhere" or a
 * disabled account ends its links at once. Within its two minutes it may be followed more than
 * once (a PDF viewer fetches again), for that document only.
 */
export class DownloadLinks {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly identity: IdentityStore,
    private readonly auth: AuthService,
    private readonly clock: () => Date,
  ) {}

  /** A link to the document at `address` (a path on the API, with its query) for the session of `sessionToken`. */
  async issue(sessionToken: string, address: string): Promise<DownloadLink> {
    const document = canonicalDocument(address);
    if (document === undefined || !DOWNLOADABLE_PATHS.some((path) => path.test(new URL(document, ANY_ORIGIN).pathname))) {
      throw new DomainError('VALIDATION_FAILED', 'Aucun document à télécharger à cette adresse.');
    }
    const sessionHash = hashToken(sessionToken);
    const expiresAtMs = this.clock().getTime() + DOWNLOAD_LINK_SECONDS * 1000;
    const token = [expiresAtMs.toString(36), Buffer.from(sessionHash, 'hex').toString('base64url'), await this.signature(document, sessionHash, expiresAtMs)].join('.');
    return { url: `${document}${document.includes('?') ? '&' : '?'}token=${token}`, expiresAt: new Date(expiresAtMs).toISOString() };
  }

  /** The actor a download token stands for, when it is genuine, unexpired, names this request's document and its session still holds. */
  async authenticate(token: string, requestUrl: string): Promise<Actor> {
    const match = DOWNLOAD_TOKEN.exec(token);
    const document = canonicalDocument(requestUrl);
    if (!match || document === undefined) throw new AuthenticationError('Lien de téléchargement invalide : relancez le téléchargement depuis Mutua.');
    const [, expiry, session, signature] = match as unknown as [string, string, string, string];
    const expiresAtMs = Number.parseInt(expiry, 36);
    const sessionHash = Buffer.from(session, 'base64url').toString('hex');
    const expected = Buffer.from(await this.signature(document, sessionHash, expiresAtMs), 'base64url');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'base64url'))) {
      throw new AuthenticationError('Lien de téléchargement invalide : relancez le téléchargement depuis Mutua.');
    }
    if (expiresAtMs <= this.clock().getTime()) throw new AuthenticationError('Lien de téléchargement expiré : relancez le téléchargement depuis Mutua.');
    return this.auth.authenticateSession(sessionHash);
  }

  private async signature(document: string, sessionHash: string, expiresAtMs: number): Promise<string> {
    return createHmac('sha256', await this.secret()).update(`${document}\n${sessionHash}\n${expiresAtMs}`).digest('base64url');
  }

  private secret(): Promise<Buffer> {
    this.key ??= this.identity.sharedSecret(SECRET_NAME, randomBytes(32).toString('base64url'))
      .then((secret) => Buffer.from(secret, 'base64url'))
      .catch((error: unknown) => {
        this.key = undefined;
        throw error;
      });
    return this.key;
  }
}

/**
 * The path and query of an address on the API, `token` left out and the other parameters sorted,
 * so that the link asked for and the request that follows it name the document the same way.
 * Undefined for an address elsewhere.
 */
export function canonicalDocument(address: string): string | undefined {
  if (!address.startsWith('/') || address.startsWith('//') || address.length > MAX_ADDRESS_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(address, ANY_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== ANY_ORIGIN) return undefined;
  url.searchParams.delete('token');
  url.searchParams.sort();
  const query = url.searchParams.toString();
  return query === '' ? url.pathname : `${url.pathname}?${query}`;
}
