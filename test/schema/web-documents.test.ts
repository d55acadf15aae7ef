import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const GENERATED_FOLDER = 'web/src/shared/generated';

describe('the web app’s GraphQL documents', () => {
  it('are valid against schema.graphql, and the committed generated types are the ones they produce', async () => {
    // Generating validates every document against the schema first, and throws naming each error.
    // Typed `any` by the library, for the sake of its watch mode; outside it, the files it generated.
    const outputs = (await generate({ ...config, silent: true }, false)) as Array<{ filename: string; content: string }>;
    const produced = Object.fromEntries(outputs.map((output) => [output.filename.replace(/^\.\//, ''), output.content]));
    const committed = Object.fromEntries(readdirSync(GENERATED_FOLDER).map((name) => [join(GENERATED_FOLDER, name), readFileSync(join(GENERATED_FOLDER, name), 'utf8')]));
    const stale = 'web/src/shared/generated/ is not what the documents and schema.graphql produce: run `npm run codegen` and commit it';
    expect(Object.keys(committed).sort(), stale).toEqual(Object.keys(produced).sort());
    for (const [filename, content] of Object.entries(produced)) expect(committed[filename], `${stale} (${filename})`).toBe(content);
  });
});
