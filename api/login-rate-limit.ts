import rateLimit from '@fastify/rate-limit';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { normaliseEmail } from './identity/identity-store.js';

/**
 * Sign-in attempts allowed, per client address and per e-mail address: enough for people who
 * mistype, too few to guess a password. The address limit is generous because a whole tiers-lieu
 * often shares one address behind its router. Counted in each server process's memory.
 */
export const LOGIN_ATTEMPTS_PER_ADDRESS = { max: 60, timeWindow: '1 minute' } as const;
export const LOGIN_ATTEMPTS_PER_EMAIL = { max: 10, timeWindow: '15 minutes' } as const;

export type LoginAttemptCounter = (request: FastifyRequest, email: string) => Promise<void>;

interface RequestWithLoginEmail extends FastifyRequest {
  loginEmail?: string;
}

export async function registerLoginRateLimit(app: FastifyInstance): Promise<LoginAttemptCounter> {
  await app.register(rateLimit, { global: false });
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
