import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { normaliseEmail } from './identity/identity-store.js';

/**
 * Sign-in attempts allowed, per client address and per e-mail address: enough for people who
 * mistype, too few to guess a password. The address limit is generous because a whole tiers-lieu
 * often shares one address behind its router. Counted in the store's SQLite file, so that several
 * server processes count together; with KurrentDB, in each process's memory.
 */
export const LOGIN_ATTEMPTS_PER_ADDRESS = { max: 60, timeWindow: '1 minute' } as const;
export const LOGIN_ATTEMPTS_PER_EMAIL = { max: 10, timeWindow: '15 minutes' } as const;

export type LoginAttemptCounter = (request: FastifyRequest, email: string) => Promise<void>;

/** The attempts counted under one key in its current window. */
export interface AttemptWindow {
  count: number;
  windowStartedMs: number;
}

/** Attempt counts every server process sees: one more attempt under `key`, in a window of `windowMs`. */
export interface SharedAttemptCounts {
  count(key: string, windowMs: number, nowMs: number): AttemptWindow;
}

interface RequestWithLoginEmail extends FastifyRequest {
  loginEmail?: string;
}

export async function registerLoginRateLimit(app: FastifyInstance, shared: SharedAttemptCounts | null): Promise<LoginAttemptCounter> {
  await app.register(rateLimit, { global: false, ...(shared ? { store: rateLimitStoreOver(shared) } : {}) });
  const perAddress = app.createRateLimit({ ...LOGIN_ATTEMPTS_PER_ADDRESS, keyGenerator: (request) => `login-address:${request.ip}` });
  const perEmail = app.createRateLimit({
    ...LOGIN_ATTEMPTS_PER_EMAIL,
    keyGenerator: (request) => `login-email:${(request as RequestWithLoginEmail).loginEmail ?? ''}`,
  });
  return async (request, email) => {
    (request as RequestWithLoginEmail).loginEmail = normaliseEmail(email);
    for (const check of [perAddress, perEmail]) {
      const limit = await check(request);
      if (!limit.isAllowed && limit.isExceeded) {
        throw new GraphQLError('Trop de tentatives de connexion : patientez quelques minutes avant de réessayer.', {
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(limit.ttl / 1000) },
        });
      }
    }
  };
}

/** @fastify/rate-limit's store interface over shared counts (it passes the window after the callback). */
function rateLimitStoreOver(shared: SharedAttemptCounts): FastifyRateLimitStoreCtor {
  return class SharedAttemptStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, windowMs?: number): void {
      if (windowMs === undefined) return callback(new Error('@fastify/rate-limit gave no time window'));
      const nowMs = Date.now();
      let counted: AttemptWindow;
      try {
        counted = shared.count(key, windowMs, nowMs);
      } catch (error) {
        return callback(error as Error);
      }
      callback(null, { current: counted.count, ttl: counted.windowStartedMs + windowMs - nowMs });
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
