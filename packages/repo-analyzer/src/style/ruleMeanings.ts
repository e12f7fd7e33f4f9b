/**
 * Lint rules that change how code must be written, with what they ask, in
 * words an agent can follow. Rules not listed here are still facts; they are
 * just not worth a line in AGENTS.md.
 */
export const RULE_MEANINGS: Record<string, string> = {
  'no-console': 'no `console.*` calls',
  'no-debugger': 'no `debugger` statements',
  eqeqeq: 'use `===` / `!==`',
  curly: 'braces around every block',
  'no-var': 'no `var`',
  'prefer-const': '`const` unless reassigned',
  'no-param-reassign': 'do not reassign parameters',
  'no-nested-ternary': 'no nested ternaries',
  'no-restricted-imports': 'some imports are forbidden (see the config)',
  'no-restricted-syntax': 'some syntax is forbidden (see the config)',
  'func-style': 'function style is enforced',
  'prefer-arrow-callback': 'arrow functions for callbacks',
  'arrow-body-style': 'concise arrow bodies',
  'object-shorthand': 'object shorthand',
  'max-lines': 'file length limit',
  '@typescript-eslint/no-explicit-any': 'no `any`',
  '@typescript-eslint/no-non-null-assertion': 'no `!` non-null assertions',
  '@typescript-eslint/consistent-type-imports':
    'use `import type` for type-only imports',
  '@typescript-eslint/consistent-type-definitions':
    'one way to declare object types (`interface` or `type`)',
  '@typescript-eslint/explicit-function-return-type':
    'explicit function return types',
  '@typescript-eslint/explicit-module-boundary-types':
    'explicit types on exported functions',
  '@typescript-eslint/no-floating-promises': 'await or handle every promise',
  '@typescript-eslint/no-unused-vars': 'no unused variables',
  '@typescript-eslint/naming-convention':
    'naming conventions enforced (see the config)',
  '@typescript-eslint/ban-ts-comment': 'no `@ts-ignore` style comments',
  'import/no-default-export': 'named exports only (no default exports)',
  'import/prefer-default-export':
    'default export when a module exports one thing',
  'import/order': 'imports in a fixed order',
  'import/no-cycle': 'no import cycles',
  'import/no-extraneous-dependencies': 'import only declared dependencies',
  'simple-import-sort/imports': 'sorted imports',
  'perfectionist/sort-imports': 'sorted imports',
  'react/function-component-definition': 'one style of component definition',
  'react/jsx-no-useless-fragment': 'no useless fragments',
  'react/no-array-index-key': 'no array index as React key',
  'react-hooks/exhaustive-deps': 'complete hook dependency arrays',
  'react-hooks/rules-of-hooks': 'rules of hooks',
  '@next/next/no-img-element': 'use `next/image` rather than `<img>`',
  '@next/next/no-html-link-for-pages': 'use `next/link` for internal links',
  'unicorn/filename-case': 'file name casing enforced',
  'unicorn/prefer-node-protocol': '`node:` prefix for built-in modules',
  'tailwindcss/classnames-order': 'Tailwind classes in a fixed order',
  'jsx-a11y/alt-text': 'alt text on images',
  'no-only-tests/no-only-tests': 'no `.only` in tests',
  'jest/no-focused-tests': 'no `.only` in tests',
  'vitest/no-focused-tests': 'no `.only` in tests',
  'testing-library/prefer-screen-queries': 'query through `screen`',
};

/** Style rules whose options are the style itself. */
export const STYLE_RULES: Record<string, string> = {
  quotes: 'quotes',
  '@stylistic/quotes': 'quotes',
  semi: 'semicolons',
  '@stylistic/semi': 'semicolons',
  indent: 'indent',
  '@stylistic/indent': 'indent',
  'max-len': 'lineLength',
  '@stylistic/max-len': 'lineLength',
  'comma-dangle': 'trailingCommas',
  '@stylistic/comma-dangle': 'trailingCommas',
};
