/**
 * The stable codes of expected failures: the one list the server answers with (a GraphQL error's
 * `extensions.code`) and the web app explains (a message `error.<CODE>` in each catalogue, which
 * the catalogue's type requires). A code is added here, and nowhere else is a list of them kept.
 */

/** The refusals a decider makes, carried by a `DomainError`. */
export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'RESERVATION_CONFLICT',
  'OUTSIDE_OPENING_HOURS',
  'BOOKING_RULE_VIOLATED',
  'PERIOD_CLOSED',
  'CONCURRENCY_CONFLICT',
  'MEMBER_INACTIVE',
  'NO_ALLOCATION_WEIGHT',
  'FORBIDDEN',
  /** An invitation or password link nobody issued (mistyped, cut, or its account erased). */
  'LINK_INVALID',
  /** An invitation or password link past its validity (72 hours, 1 hour). */
  'LINK_EXPIRED',
  /** An invitation or password link already used once. */
  'LINK_USED',
  /** An invitation or password link issued before the account's password last changed (through another link, or signed in). */
  'LINK_SUPERSEDED',
  /** Disabling or demoting the last active coordinator account, which would leave the pôle without one. */
  'LAST_COORDINATOR',
  /** A VAT rate other than 20, 10, 5,5 or 2,1 %. */
  'VAT_RATE_INVALID',
  /** A VAT rate set from a period in which the pôle is not subject to VAT. */
  'VAT_NOT_SUBJECT',
  /** A close would invoice a member whose address, or SIREN and invoicing e-mail, are not recorded. */
  'INVOICE_PARTY_INCOMPLETE',
  /** A close would issue an invoice mixing lines without VAT and taxed ones, or two exemptions (EN 16931 cannot carry either). */
  'INVOICE_VAT_INCONSISTENT',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** Every expected failure a client may be told of: the domain's refusals and the API's own. */
export const ERROR_CODES = [
  ...DOMAIN_ERROR_CODES,
  /** No session, or one that has ended. */
  'UNAUTHENTICATED',
  /** The store refused or could not be reached: nothing was written. */
  'STORE_UNAVAILABLE',
  /** The document asks more than the query limits allow. */
  'QUERY_TOO_COMPLEX',
  /** Too many attempts (signing in, asking for password links); `retryAfterSeconds` says when to try again. */
  'RATE_LIMITED',
  /** A file written page by page (a FEC, an audit bundle) refused: as many are under way and waiting as the server takes; `Retry-After` says when to ask again. */
  'DOWNLOADS_BUSY',
  /** The server is stopping (a restart, an update): a live stream ended, to be opened again on the next server. */
  'SERVER_STOPPING',
  /** A sum of money beyond 21 474 836,47 €, the most a `…Cents: Int` field carries (32 bits); `schemaCoordinate` names the field. */
  'AMOUNT_BEYOND_API',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An unexpected failure, masked: its message says nothing a person could act on. */
export const INTERNAL_ERROR_CODE = 'INTERNAL_SERVER_ERROR';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
