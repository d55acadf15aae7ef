import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema.js';

/**
 * The schema as the web app's types are generated from it: `schema.graphql` at the root of the
 * repository, printed from the Pothos code and committed, so that a change of the API shows in
 * review as a change of that file. Sorted, so that moving a field in the code changes nothing.
 */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

export function committedSchema(): string {
  return readFileSync(SCHEMA_FILE, 'utf8');
}

// `npm run schema` writes the file.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`schema.graphql écrit (${SCHEMA_FILE}).`);
}
