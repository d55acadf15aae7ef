import { defaultFieldResolver, getNamedType, GraphQLError, GraphQLInt, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { formatEuros } from '../../shared/money.js';

/** GraphQL's `Int` is 32 bits: the most cents the contract's `…Cents: Int` fields carry, 21 474 836,47 €. */
export const MAX_API_CENTS = 2 ** 31 - 1;

/**
 * Makes every `…Cents` field of type `Int` answer a sum it cannot carry with `AMOUNT_BEYOND_API`
 * and a sentence, instead of graphql-js's « Int cannot represent non 32-bit signed integer value »
 * masked as an unexpected error. Each amount a command accepts fits (`MAX_AMOUNT_CENTS`, 10
 * million euros), but sums of them need not: three such costs in one period, or a year's charges
 * at the highest hourly rate. The ledger, the settlement and the files (FEC, CSV, statements,
 * invoices) keep them whole, in safe integers and text; only the contract's 32-bit field cannot.
 * The schema's fields are wrapped in place, once, before it serves.
 */
export function guardMoneyFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.name.endsWith('Cents') || getNamedType(field.type) !== GraphQLInt) continue;
      field.resolve = withinApiRange(field.resolve ?? defaultFieldResolver, `${type.name}.${field.name}`);
    }
  }
  return schema;
}

function withinApiRange(resolve: GraphQLFieldResolver<unknown, unknown>, coordinate: string): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const value = resolve(source, args, context, info);
    return value instanceof Promise ? value.then((settled) => checked(settled, coordinate)) : checked(value, coordinate);
  };
}

function checked(value: unknown, coordinate: string): unknown {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const beyond = values.find((cents): cents is number => typeof cents === 'number' && Number.isInteger(cents) && Math.abs(cents) > MAX_API_CENTS);
  if (beyond === undefined) return value;
  throw new GraphQLError(
    `Ce montant (${formatEuros(beyond)}) dépasse ${formatEuros(MAX_API_CENTS)}, le plus grand que l’API transmet : `
    + 'le registre le garde en entier, et les exports (FEC, règlement en CSV, relevés, factures) le donnent.',
    { extensions: { code: 'AMOUNT_BEYOND_API', schemaCoordinate: coordinate } },
  );
}
