import type { Entity } from '@backstage/catalog-model';
import { BareRepository } from '@catalyst/github-simulator';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { componentEntity } from './components';

const run = promisify(execFile);

/** package.json of the payments fixture, with extra scripts when a test adds some. */
export function paymentsPackageJson(scripts: Record<string, string> = {}) {
  return `${JSON.stringify(
    {
      name: 'payments',
      description: 'Payments API: charges and refunds',
      private: true,
      packageManager: 'yarn@4.1.0',
      scripts: { test: 'jest', build: 'tsc -p .', ...scripts },
      devDependencies: {
        jest: '^29.0.0',
        prettier: '^3.0.0',
        typescript: '^5.0.0',
      },
    },
    null,
    2,
  )}\n`;
}

export const HAND_WRITTEN_AGENTS_MD =
  '# AGENTS.md\n\nHand-written: ask Dana before touching billing.\n';

/**
 * A small TypeScript service with Jest, Prettier, a hand-written AGENTS.md
 * and fourteen conventional commits, enough history for the analyzer to state
 * the commit convention.
 */
export function paymentsCommits(): {
  message: string;
  files: Record<string, string | null>;
}[] {
  return [
    {
      message: 'feat(api): first',
      files: {
        'package.json': paymentsPackageJson(),
        '.prettierrc': '{ "singleQuote": true, "semi": false }\n',
        'src/index.ts': 'export const a = 1\n',
        'src/index.test.ts': "test('a', () => {})\n",
        'AGENTS.md': HAND_WRITTEN_AGENTS_MD,
      },
    },
    ...Array.from({ length: 11 }, (_, i) => ({
      message: i % 3 === 2 ? `fix(api): bug ${i}` : `feat(api): step ${i}`,
      files: { [`src/m${i}.ts`]: `export const v${i} = ${i}\n` },
    })),
    // Earlier AGENTS.md work: merging Catalyst's own `chore(agents-md)` pull
    // request then adds no new commit type or scope to what the file states.
    ...[1, 2].map(i => ({
      message: `chore(agents-md): agent notes ${i}`,
      files: { 'docs/agents.md': `Notes ${i}\n` },
    })),
  ];
}

/** A working-tree checkout of the fixture in a temp folder, as a `file:` location would have. */
export async function createPaymentsCheckout(): Promise<{
  dir: string;
  remove(): Promise<void>;
}> {
  const root = await fs.mkdtemp(join(tmpdir(), 'agent-context-fixture-'));
  await BareRepository.create(join(root, 'payments.git'), {
    defaultBranch: 'main',
    commits: paymentsCommits(),
  });
  const dir = join(root, 'payments');
  await run('git', ['clone', '--quiet', join(root, 'payments.git'), dir]);
  return { dir, remove: () => fs.rm(root, { recursive: true, force: true }) };
}

/** The `payments-local` component, read in place from `dir` through its catalog file. */
export function localPaymentsComponent(
  dir: string,
  annotations: Record<string, string> = {},
): Entity {
  return componentEntity('payments-local', {
    'backstage.io/managed-by-location': `file:${join(
      dir,
      'catalog-info.yaml',
    )}`,
    ...annotations,
  });
}
