import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { guardMoneyFields, MAX_API_CENTS } from './money-range.js';

const schema = guardMoneyFields(buildSchema(`
  type Line { balanceCents: Int! }
  type Query { totalCents: Int, lateCents: Int, amountsCents: [Int!], line: Line, count: Int }
`));

const ask = (source: string, root: Record<string, unknown>) => graphql({ schema, source, rootValue: root });

describe('guardMoneyFields', () => {
  it('answers a sum of cents beyond 32 bits with AMOUNT_BEYOND_API, naming the field and the sum in euros', async () => {
    const result = await ask('{ totalCents }', { totalCents: 3_000_000_000 });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'AMOUNT_BEYOND_API', schemaCoordinate: 'Query.totalCents' });
    expect(result.errors?.[0]?.message).toMatch(/^Ce montant \(30\u00a0000\u00a0000,00\u00a0€\) dépasse 21\u00a0474\u00a0836,47\u00a0€/);
  });

  it('checks what a resolver gives later, each amount of a list, a negative sum, and a field of a nested type', async () => {
    const late = await ask('{ lateCents }', { lateCents: () => Promise.resolve(-MAX_API_CENTS - 1) });
    expect(late.errors?.[0]?.extensions?.code).toBe('AMOUNT_BEYOND_API');
    const list = await ask('{ amountsCents }', { amountsCents: [1, MAX_API_CENTS + 1] });
    expect(list.errors?.[0]?.extensions?.schemaCoordinate).toBe('Query.amountsCents');
    const nested = await ask('{ line { balanceCents } }', { line: { balanceCents: 2 ** 40 } });
    expect(nested.errors?.[0]?.extensions?.schemaCoordinate).toBe('Line.balanceCents');
  });

  it('lets every amount GraphQL’s Int carries through, and leaves other fields to graphql-js', async () => {
    const result = await ask('{ totalCents amountsCents line { balanceCents } }', { totalCents: MAX_API_CENTS, amountsCents: [-MAX_API_CENTS], line: { balanceCents: 0 } });
    expect(result).toEqual({ data: { totalCents: MAX_API_CENTS, amountsCents: [-MAX_API_CENTS], line: { balanceCents: 0 } } });
    const count = await ask('{ count }', { count: 3_000_000_000 });
    expect(count.errors?.[0]?.extensions?.code).toBeUndefined();
  });
});
