import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: the types of the web app's GraphQL documents, generated from the committed
 * schema.graphql by GraphQL Code Generator's client preset into web/src/shared/generated/.
 * Generating also validates every document against the schema.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/shared/generated/**', '!web/src/**/*.spec.{ts,tsx}'],
  emitLegacyCommonJSImports: false,
  generates: {
    'web/src/shared/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { Date: 'string', DateTime: 'string' },
        strictScalars: true,
        enumsAsTypes: true,
        skipTypename: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
