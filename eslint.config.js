// ESLint for the whole tree: typescript-eslint's type-checked recommended rules, and the layering
// of the code (README, "How it is built") as import rules, so that a forbidden import fails
// `npm run lint` instead of waiting for a reviewer. test/schema/boundaries.test.ts shows each
// boundary rejecting the import it is there to reject.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The folders at the root that hold code: the server's layers, the web app, the offline verifier, tests, benchmarks. */
const FOLDERS = ['shared', 'domain', 'eventstore', 'projections', 'api', 'web', 'verifier', 'test', 'bench'];
/** Specs and tests may use test tools and fixtures that the code under test may not. */
const TESTS = ['**/*.spec.ts', '**/*.spec.tsx', '**/*.test.ts', '**/*.test.tsx'];
/** Node's own modules, by either name (`fs`, `node:fs`, `fs/promises`). */
const NODE_MODULE = `^(node:|(${builtinModules.filter((name) => !name.includes('/')).join('|')})(/|$))`;

/**
 * A zone forbidding the files under `target` to import from any other folder than the `allowed` ones.
 * @param {string} target
 * @param {string[]} allowed
 * @param {string} message
 */
function importsOnlyFrom(target, allowed, message) {
  const forbidden = FOLDERS.filter((folder) => folder !== target && !allowed.includes(folder));
  return { target: `./${target}`, from: forbidden.map((folder) => `./${folder}`), message };
}

export default defineConfig(
  globalIgnores(['dist/', 'web/src/shared/generated/', 'node_modules/']),

  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One program for the whole tree (tsconfig.json): `npm run typecheck` already checks each part
      // with the types of where it runs; the lint only needs the types, and one program is the fastest.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads the modules an import leads to (for cycles) only if it knows how to parse them.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Imports name the compiled file (`./money.js`, as NodeNext wants); the file is `money.ts`.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: {
      // A field destructured only to leave it out of the rest (`const { status: _status, ...facts } = state`)
      // is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // The exports (FEC, iCalendar, CSV) strip control characters on purpose, and their tests look
      // for them: every such pattern here is written with `\u` escapes and meant.
      'no-control-regex': 'off',
      'import-x/no-cycle': 'error',
      // The boundaries between folders: `from` is what the files under `target` may not import.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            importsOnlyFrom('shared', [], 'shared/ is loaded by the browser and the server alike: it imports only itself.'),
            importsOnlyFrom('domain', ['shared'], 'domain/ is pure: it imports only domain/ and shared/.'),
            {
              target: './eventstore',
              from: ['./projections', './api', './web'],
              message: 'The event store lies below the read models, the API and the web app.',
            },
            {
              target: './projections',
              from: ['./api', './web'],
              message: 'Read models lie below the API, and know nothing of the web app.',
            },
            importsOnlyFrom('web', ['shared'], 'The web app runs in the browser: it imports only web/ and shared/.'),
          ],
        },
      ],
    },
  },

  // What a folder may import from outside the tree (packages, Node's modules): relative imports are
  // the zones' business above. Specs and tests are free to use vitest, fast-check and Node.
  {
    files: ['shared/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        // One package is allowed: intl-messageformat (FormatJS) runs in both, and the ICU rules of
        // plurals and numbers must be the same for the web's messages and the server's sentences.
        patterns: [{ regex: '^(?!\\.|intl-messageformat$)', message: 'shared/ is loaded by the browser and the server alike: no package (but intl-messageformat), no module of Node.' }],
      }],
    },
  },
  {
    files: ['domain/**/*.ts'],
    // decider-specification.ts is the Given/When/Then helper of the deciders' specs, built on vitest.
    ignores: [...TESTS, 'domain/shared/decider-specification.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\.|node:crypto$)', message: 'domain/ is pure: no package, and of Node only node:crypto, for digests.' }],
      }],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: NODE_MODULE, message: 'The web app runs in the browser: no module of Node.' }],
      }],
    },
  },

  {
    files: ['web/**/*.tsx'],
    rules: {
      // React calls an event handler and drops what it returns, so an async `onSubmit` or `onClick`
      // is the idiom. The app's handlers await urql, whose results carry errors instead of
      // rejecting, and catch what else can fail (the clipboard); promises passed anywhere else
      // (arguments, properties, returns) are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },

  {
    // Adapters of async ports (EventStore, IdentityStore, CalendarFeedStore, the projector's lease)
    // over better-sqlite3, whose calls are synchronous. Their methods stay `async` without awaiting,
    // so that a failure of SQLite reaches the caller as a rejected promise, as the port says and as
    // the KurrentDB and PostgreSQL adapters do; without `async` it would be thrown before a caller's
    // `.catch` could see it.
    files: ['eventstore/sqlite/*.ts', 'api/**/sqlite-*.ts', 'api/mail/notice-store.ts', 'projections/tables/read-model-database.ts'],
    ignores: TESTS,
    rules: { '@typescript-eslint/require-await': 'off' },
  },

  // This file: plain JavaScript, outside every tsconfig.
  { files: ['eslint.config.js'], extends: [js.configs.recommended] },
);
