import { type GraphQLScalarType, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './schema.js';

const scalar = (name: string) => schema.getType(name) as GraphQLScalarType;
const refusalOf = (parse: () => unknown) => {
  try {
    parse();
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('not refused');
};

describe('the Date and DateTime scalars', () => {
  it('take dates and instants from 1 January 1970 on', () => {
    expect(scalar('Date').parseValue('1970-01-01')).toBe('1970-01-01');
    expect(scalar('Date').parseLiteral({ kind: Kind.STRING, value: '2031-02-28' })).toBe('2031-02-28');
    expect(scalar('DateTime').parseValue('1970-01-01T00:00:00Z')).toEqual(new Date(0));
  });

  it('refuse an earlier one with VALIDATION_FAILED: Paris time before 1940 is neither UTC+1 nor UTC+2, and its period could never be settled', () => {
    for (const parse of [
      () => scalar('Date').parseValue('1930-01-01'),
      () => scalar('Date').parseLiteral({ kind: Kind.STRING, value: '0001-01-01' }),
      () => scalar('DateTime').parseValue('1969-12-31T23:59:59+01:00'),
    ]) {
      const refusal = refusalOf(parse);
      expect(refusal.extensions.code).toBe('VALIDATION_FAILED');
      expect(refusal.message).toBe('Date antérieure au 1er janvier 1970 : Mutua n’enregistre rien avant.');
    }
  });
});
