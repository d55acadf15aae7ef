import { describe, expect, it } from 'vitest';
import { committedSchema, printedSchema } from './schema-file.js';

describe('the committed schema.graphql', () => {
  it('is the schema the Pothos code builds, so that the web app is typed against the real API', () => {
    expect(committedSchema(), 'schema.graphql is not the schema of the code: run `npm run schema` (then `npm run codegen`) and commit both').toBe(printedSchema());
  });
});
