import { hostileProbeScript } from '@catalyst/checkout-guard/testUtils';

/**
 * An `.eslintrc.js` as a hostile repository would commit it: when ESLint
 * loads it, it records what the repository's code could reach (the
 * environment, a file outside the checkout, a port on 127.0.0.1) in
 * `leak.json`, which the lint fix would then propose in its pull request.
 */
export function leakingEslintConfig(options: {
  outsideFile: string;
  port: number;
}): string {
  return `${hostileProbeScript({ ...options, reportFile: "'leak.json'" })}
module.exports = {
  root: true,
  env: { node: true, es2022: true },
  parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
  extends: 'eslint:recommended',
  rules: { 'prefer-const': 'error' },
};
`;
}
