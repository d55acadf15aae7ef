import { normaliseEmail } from './identity/identity-store.js';

/**
 * How failed sign-ins slow down whoever makes them. Only failures count: a person who signs in
 * twenty times a day is never refused. They are counted per client address and e-mail, so that
 * someone guessing from one address slows down only themself, never the account's holder signing
 * in from elsewhere: no account is ever locked. Per client address alone, a generous limit stops
 * one address from trying a password on many accounts (a whole tiers-lieu often shares one
 * address behind its router, hence generous).
 */
export const SIGN_IN_LIMITS = {
  /** Failures of one client address on one e-mail before each further attempt has to wait. */
  freeFailures: 5,
  /** The wait after the last free failure; it doubles with each further failure. */
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  /** A pair's failures are forgotten this long after the first of them, and at once after a success. */
  pairWindowMs: 24 * 3_600_000,
  /** Failures from one client address, whatever the e-mails, within the window; beyond, the address waits for the window's end. */
  failuresPerAddress: 60,
  addressWindowMs: 15 * 60_000,
} as const;

/** The failures counted under one key in its current window. */
export interface FailureWindow {
  failures: number;
  windowStartedMs: number;
  lastFailureMs: number;
}

/** A window to store under the key (null: delete the key; undefined: leave it as it is). */
export type WindowChange = FailureWindow | null | undefined;

/** Failure counts every server process sharing the store sees, changed atomically. */
export interface SignInFailureCounts {
  /**
   * Reads the windows of `keys`, and writes back those `change` returns, in one step no other
   * process interleaves with. `nowMs` tells which windows are old enough to be forgotten.
   */
  change<Result>(keys: readonly string[], nowMs: number, change: (windows: Array<FailureWindow | undefined>) => { windows: WindowChange[]; result: Result }): Promise<Result>;
}

/** An attempt refused before its password was even looked at. */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED';
  override name = 'RateLimitedError';
  readonly retryAfterSeconds: number;

  /** `tooMany` names what was refused, in French, for the message a person reads. */
  constructor(retryAfterMs: number, tooMany = 'Trop de tentatives de connexion') {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    const wait = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
    super(`${tooMany} : réessayez dans ${wait}.`);
    this.retryAfterSeconds = seconds;
  }
}

/** An attempt let through: a failure until it is said to have succeeded. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

const current = (window: FailureWindow | undefined, windowMs: number, nowMs: number) =>
  window && window.windowStartedMs + windowMs > nowMs ? window : undefined;

const oneMoreFailure = (window: FailureWindow | undefined, nowMs: number): FailureWindow =>
  ({ failures: (window?.failures ?? 0) + 1, windowStartedMs: window?.windowStartedMs ?? nowMs, lastFailureMs: nowMs });

/** How long the pair must still wait after its failures: nothing for the first ones, then doubling waits. */
export function pairWaitMs(pair: FailureWindow | undefined, nowMs: number): number {
  if (!pair || pair.failures < SIGN_IN_LIMITS.freeFailures) return 0;
  const delayMs = Math.min(SIGN_IN_LIMITS.firstDelayMs * 2 ** (pair.failures - SIGN_IN_LIMITS.freeFailures), SIGN_IN_LIMITS.maxDelayMs);
  return Math.max(0, pair.lastFailureMs + delayMs - nowMs);
}

function addressWaitMs(address: FailureWindow | undefined, nowMs: number): number {
  if (!address || address.failures < SIGN_IN_LIMITS.failuresPerAddress) return 0;
  return address.windowStartedMs + SIGN_IN_LIMITS.addressWindowMs - nowMs;
}

/**
 * Decides whether an attempt to prove a password (signing in, changing one's password) may go
 * ahead. An attempt let through is counted as a failure at once, before the password is checked,
 * and taken back when it succeeds: concurrent guesses cannot all slip through before the first
 * of them is counted.
 */
export class SignInThrottle {
  constructor(
    private readonly counts: SignInFailureCounts,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Throws RateLimitedError while the address, or the address on this e-mail, has to wait. */
  async begin(clientAddress: string, email: string): Promise<SignInAttempt> {
    const keys = [`address:${clientAddress}`, `address-email:${clientAddress} ${normaliseEmail(email)}`];
    const nowMs = this.clock();
    const counted = await this.counts.change(keys, nowMs, ([storedAddress, storedPair]) => {
      const address = current(storedAddress, SIGN_IN_LIMITS.addressWindowMs, nowMs);
      const pair = current(storedPair, SIGN_IN_LIMITS.pairWindowMs, nowMs);
      const waitMs = Math.max(addressWaitMs(address, nowMs), pairWaitMs(pair, nowMs));
      if (waitMs > 0) return { windows: [undefined, undefined], result: { waitMs, addressWindowStartedMs: 0 } };
      const addressWindow = oneMoreFailure(address, nowMs);
      return { windows: [addressWindow, oneMoreFailure(pair, nowMs)], result: { waitMs: 0, addressWindowStartedMs: addressWindow.windowStartedMs } };
    });
    if (counted.waitMs > 0) throw new RateLimitedError(counted.waitMs);
    return {
      succeeded: async () => {
        await this.counts.change(keys, nowMs, ([address]) => ({
          // The pair starts afresh; the address's count loses this attempt, unless its window has started again since.
          windows: [
            address && address.windowStartedMs === counted.addressWindowStartedMs && address.failures > 0
              ? { ...address, failures: address.failures - 1 }
              : undefined,
            null,
          ],
          result: undefined,
        }));
      },
    };
  }
}

/**
 * How requests for a password link are limited per client address, whatever the e-mails they
 * name: one address asking for links to many accounts fills the outbox and every mailbox it names.
 * Each account is also sent three links an hour at most (see `PASSWORD_RESETS_PER_HOUR`), silently;
 * this limit is answered RATE_LIMITED, which tells nothing about any account: every request counts,
 * for an address with an account or without. Generous, as the sign-in's limit per address is: a
 * whole tiers-lieu may share one address, and a person rarely asks more than once or twice.
 */
export const PASSWORD_RESET_LIMITS = {
  requestsPerAddress: 20,
  addressWindowMs: 3_600_000,
} as const;

/**
 * Counts requests for a password link per client address, in the counts sign-in failures are kept
 * in (under keys of their own), so that every server process sharing the store counts them together.
 */
export class PasswordResetThrottle {
  constructor(
    private readonly counts: SignInFailureCounts,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request, or throws RateLimitedError (counting nothing) while the address has to wait. */
  async count(clientAddress: string): Promise<void> {
    const nowMs = this.clock();
    const waitMs = await this.counts.change([`password-reset-address:${clientAddress}`], nowMs, ([stored]) => {
      // A window's "failures" are its requests here: each one counts, whatever became of it.
      const window = current(stored, PASSWORD_RESET_LIMITS.addressWindowMs, nowMs);
      if (window && window.failures >= PASSWORD_RESET_LIMITS.requestsPerAddress) {
        return { windows: [undefined], result: window.windowStartedMs + PASSWORD_RESET_LIMITS.addressWindowMs - nowMs };
      }
      return { windows: [oneMoreFailure(window, nowMs)], result: 0 };
    });
    if (waitMs > 0) throw new RateLimitedError(waitMs, 'Trop de demandes de lien depuis cette adresse');
  }
}

/** Keys remembered by one process at most; beyond, the oldest are forgotten first. */
const MAX_KEYS_IN_MEMORY = 100_000;

/** Counts in this process's memory, where the store has no shared table for them (KurrentDB). */
export class MemoryFailureCounts implements SignInFailureCounts {
  private readonly windows = new Map<string, FailureWindow>();

  change<Result>(keys: readonly string[], _nowMs: number, change: (windows: Array<FailureWindow | undefined>) => { windows: WindowChange[]; result: Result }): Promise<Result> {
    const { windows, result } = change(keys.map((key) => this.windows.get(key)));
    keys.forEach((key, index) => {
      const window = windows[index];
      if (window === null) this.windows.delete(key);
      else if (window !== undefined) {
        this.windows.delete(key);
        this.windows.set(key, window);
      }
    });
    while (this.windows.size > MAX_KEYS_IN_MEMORY) this.windows.delete(this.windows.keys().next().value!);
    return Promise.resolve(result);
  }
}
