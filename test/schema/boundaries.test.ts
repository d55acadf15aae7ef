import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The boundaries of eslint.config.js, each shown rejecting what it is there to reject, and letting
 * through what the layering allows. Snippets are linted in memory at paths in each folder, with the
 * project's own configuration; only the import rules run, and without type information, so that
 * this takes seconds where `npm run lint` takes minutes.
 */
const eslint = new ESLint({
  overrideConfig: { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith('import-x/') || ruleId === 'no-restricted-imports',
});

/** The rules a module at `path` holding only this import breaks. */
async function brokenRules(path: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as imported from '${specifier}';\nexport const kept = imported;\n`, { filePath: path });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

const OUT_OF_ZONE = 'import-x/no-restricted-paths';
const OUT_OF_TREE = 'no-restricted-imports';

describe('the boundaries between folders', () => {
  it.each([
    ['shared/layer-probe.ts', '../domain/shared/errors.js', OUT_OF_ZONE],
    ['shared/layer-probe.ts', '../web/src/shared/format.js', OUT_OF_ZONE],
    ['shared/layer-probe.ts', 'node:fs', OUT_OF_TREE],
    ['shared/layer-probe.ts', 'zod', OUT_OF_TREE],
    ['domain/reservations/layer-probe.ts', '../../api/mutua.js', OUT_OF_ZONE],
    ['domain/reservations/layer-probe.ts', '../../projections/tables/read-models.js', OUT_OF_ZONE],
    ['domain/reservations/layer-probe.ts', '../../eventstore/event-store.js', OUT_OF_ZONE],
    ['domain/reservations/layer-probe.ts', 'node:fs', OUT_OF_TREE],
    ['domain/reservations/layer-probe.ts', 'kysely', OUT_OF_TREE],
    ['eventstore/layer-probe.ts', '../projections/tables/read-models.js', OUT_OF_ZONE],
    ['eventstore/layer-probe.ts', '../api/mutua.js', OUT_OF_ZONE],
    ['projections/tables/layer-probe.ts', '../../api/mutua.js', OUT_OF_ZONE],
    ['projections/tables/layer-probe.ts', '../../web/src/shared/format.js', OUT_OF_ZONE],
    ['web/src/features/layer-probe.tsx', '../../../domain/shared/errors.js', OUT_OF_ZONE],
    ['web/src/features/layer-probe.tsx', '../../../api/graphql/schema.js', OUT_OF_ZONE],
    ['web/src/features/layer-probe.tsx', '../../../projections/tables/read-models.js', OUT_OF_ZONE],
    ['web/src/features/layer-probe.tsx', '../../../eventstore/event-store.js', OUT_OF_ZONE],
    ['web/src/features/layer-probe.tsx', 'node:path', OUT_OF_TREE],
  ])('%s may not import %s', async (path, specifier, rule) => {
    expect(await brokenRules(path, specifier)).toEqual([rule]);
  });

  it.each([
    ['shared/layer-probe.ts', './money.js'],
    ['domain/reservations/layer-probe.ts', '../../shared/paris-time.js'],
    ['domain/finance/layer-probe.ts', 'node:crypto'],
    ['eventstore/layer-probe.ts', '../domain/shared/errors.js'],
    ['projections/tables/layer-probe.ts', '../../domain/shared/errors.js'],
    ['projections/tables/layer-probe.ts', '../../eventstore/event-store.js'],
    ['api/layer-probe.ts', '../projections/tables/read-models.js'],
    ['web/src/features/layer-probe.tsx', '../../../shared/money.js'],
    ['web/src/features/layer-probe.tsx', 'react'],
    // Specs may use what the code under test may not: test tools, Node's modules.
    ['shared/layer-probe.spec.ts', 'node:fs'],
    ['domain/reservations/layer-probe.spec.ts', 'fast-check'],
  ])('%s may import %s', async (path, specifier) => {
    expect(await brokenRules(path, specifier)).toEqual([]);
  });

  it('refuses an import that closes a cycle', async () => {
    // domain/reservations/booking-rules.ts imports domain/shared/errors.ts.
    expect(await brokenRules('domain/shared/errors.ts', '../reservations/booking-rules.js')).toEqual(['import-x/no-cycle']);
  });
});
