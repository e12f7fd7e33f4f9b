import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { CommandFact, CommandKind } from '../types';
import { kindFromName } from './classifyCommand';

/** Binstubs that are tools rather than entry points for a contributor. */
const TOOLS = new Set([
  'bundle',
  'rake',
  'rails',
  'yarn',
  'importmap',
  'docker-entrypoint',
  'thrust',
  'kamal',
  'jobs',
  'spring',
  'webpack',
  'webpack-dev-server',
  'rspec',
  'rubocop',
  'console',
]);
const BIN_KINDS: Record<string, CommandKind> = {
  ci: 'check',
  cibuild: 'check',
  server: 'dev',
  start: 'dev',
  'dev-server': 'dev',
  update: 'install',
  'pre-commit': 'check',
};

/** What a script hands over to, when it ends in `exec <command>` (bin/dev: `exec foreman start`). */
function execTarget(text: string): string | undefined {
  const line = text
    .split('\n')
    .map(l => l.trim())
    .find(l => /^exec\s+\S/.test(l));
  return line?.replace(/^exec\s+/, '').replace(/\s*"\$@"$/, '');
}

/**
 * Entry-point scripts: `bin/dev`, `bin/setup`, `bin/ci`, GitHub's
 * `script/bootstrap`-style folder, and `scripts/test.sh`-style helpers.
 */
export function binScriptCommands(checkout: Checkout): CommandFact[] {
  const facts: CommandFact[] = [];
  for (const folder of ['bin', 'script', 'scripts']) {
    for (const file of checkout.filesIn(folder)) {
      const base = posix.basename(file.path);
      const name = base.replace(/\.(sh|bash|rb|py|js|ts|mjs)$/, '');
      if (
        TOOLS.has(name) ||
        (folder === 'scripts' &&
          base === name &&
          !/^(test|lint|build|setup|bootstrap|start|dev|ci|check|format|fmt|server)$/.test(
            name,
          ))
      )
        continue;
      const kind = BIN_KINDS[name] ?? kindFromName(name);
      if (!kind) continue;
      const text = checkout.readText(file.path);
      facts.push({
        kind,
        command: `${folder === 'scripts' ? './' : ''}${file.path}`,
        origin: 'bin-script',
        name: base,
        runs: text ? execTarget(text) : undefined,
        directory: '',
        source: { file: file.path },
      });
    }
  }
  return facts;
}
