module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  tsRules: {
    // Isomorphic package: spec-kit's parser reads folders with node:fs, so
    // only its types may come in (erased at build, never in the frontend bundle).
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: '@catalyst/spec-kit',
            allowTypeImports: true,
            message:
              'platform-common is isomorphic: import only types from @catalyst/spec-kit (`import type`).',
          },
        ],
      },
    ],
  },
});
