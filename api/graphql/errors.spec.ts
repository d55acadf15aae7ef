import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/shared/errors.js';
import { rethrowingExpectedFailuresWithTheirCode } from './errors.js';

const conflict = () => new DomainError('RESERVATION_CONFLICT', 'Créneau déjà pris.', { resourceId: 'r1' });

describe('a resolver’s expected failures', () => {
  it('leave it as GraphQL errors with their code, thrown at once or later', async () => {
    const thrown = (() => {
      try {
        rethrowingExpectedFailuresWithTheirCode(() => { throw conflict(); });
      } catch (error) {
        return error;
      }
    })();
    const rejected = await rethrowingExpectedFailuresWithTheirCode(() => Promise.reject(conflict())).catch((error: unknown) => error);
    for (const error of [thrown, rejected]) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error).toMatchObject({ message: 'Créneau déjà pris.', extensions: { code: 'RESERVATION_CONFLICT', resourceId: 'r1' } });
    }
  });

  it('let anything else through as it is, to be masked', async () => {
    const bug = new TypeError('undefined is not a function');
    await expect(rethrowingExpectedFailuresWithTheirCode(() => Promise.reject(bug))).rejects.toBe(bug);
    expect(() => rethrowingExpectedFailuresWithTheirCode(() => { throw bug; })).toThrow(bug);
  });

  it('give back what the resolver answers', async () => {
    expect(rethrowingExpectedFailuresWithTheirCode(() => 42)).toBe(42);
    await expect(rethrowingExpectedFailuresWithTheirCode(() => Promise.resolve('réservé'))).resolves.toBe('réservé');
  });
});
