import SchemaBuilder from '@pothos/core';
import ValidationPlugin from '@pothos/plugin-validation';
import { PERMISSION_PLUGIN } from './permission-plugin.js';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { z } from 'zod';
import { BEFORE_EARLIEST_DATE, EARLIEST_DATE, isIsoDate } from '../../shared/paris-time.js';
import { type GraphQLContext } from './context.js';

// Validation messages reach French users as they are.
z.config(z.locales.fr());

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
  };
  DefaultFieldNullability: false;
}>({
  // Listed first: permissions are checked before the arguments are validated.
  plugins: [PERMISSION_PLUGIN, ValidationPlugin],
  defaultFieldNullability: false,
  validation: {
    validationError: (failure) => {
      const issues = failure.issues.map((issue) => ({
        path: (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)).join('.'),
        message: issue.message,
      }));
      // The message is read by people, in French: the fields' paths are for programs, in `issues` and `field`.
      const summary = issues.map((issue) => issue.message).join(' ; ');
      // `field` names the first faulty input field, as the commands' own refusals do, for a form to point at.
      const field = issues[0]?.path.split('.').at(-1);
      return new GraphQLError(`Saisie invalide — ${summary}`, { extensions: { code: 'VALIDATION_FAILED', ...(field ? { field } : {}), issues } });
    },
  },
});

builder.queryType({});
builder.mutationType({});

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: 'VALIDATION_FAILED' } });

/**
 * A value written in the document itself: only a string is one. Declared with one parameter, as
 * graphql-jit asks (graphql-js's default also takes the variables, which never reach a scalar here).
 */
const stringLiteral = (node: ValueNode): string | undefined => (node.kind === Kind.STRING ? node.value : undefined);

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw invalid('Date attendue au format AAAA-MM-JJ.');
  if (value < EARLIEST_DATE) throw tooEarly();
  return value;
}

const tooEarly = () => invalid(BEFORE_EARLIEST_DATE);
const EARLIEST_INSTANT_MS = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);

builder.scalarType('Date', {
  description: 'A calendar date, `YYYY-MM-DD`, read in Europe/Paris, from 1970-01-01 on.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (node) => parseDate(stringLiteral(node)),
});

/** ISO 8601 with an explicit offset (`Z` or `±HH:MM`): a time without a zone would be ambiguous. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What `toISOString()` writes, as every instant the ledger records is: served as it is. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with an offset, from 1970-01-01T00:00:00Z on.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    return CANONICAL_INSTANT.test(value) ? value : new Date(value).toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (node) => parseDateTime(stringLiteral(node)),
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid('Instant attendu au format ISO 8601 avec fuseau (ex. 2026-12-01T09:00:00+01:00).');
  }
  const instant = new Date(value);
  if (instant.getTime() < EARLIEST_INSTANT_MS) throw tooEarly();
  return instant;
}
