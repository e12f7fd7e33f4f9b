import { FixtureRepo } from './__testUtils__/FixtureRepo';
import { buildNextApp } from './__testUtils__/nextAppFixture';
import { analyzeRepository } from './analyzeRepository';
import { generateAgentsMd } from './agentsMd/generateAgentsMd';
import { RepoFacts } from './types';

describe('analyzeRepository on a Next.js app', () => {
  let repo: FixtureRepo;
  let facts: RepoFacts;

  beforeAll(async () => {
    repo = buildNextApp();
    facts = await analyzeRepository(repo.root);
  });
  afterAll(() => repo.remove());

  it('finds pnpm from the packageManager field and Node from .nvmrc', () => {
    expect(facts.packageManagers).toEqual([
      {
        name: 'pnpm',
        ecosystem: 'node',
        directory: '',
        version: '9.12.0',
        lockfile: 'pnpm-lock.yaml',
        source: { file: 'package.json', line: 5 },
      },
    ]);
    expect(facts.runtimes).toEqual([
      { name: 'node', version: '20.12.2', source: { file: '.nvmrc', line: 1 } },
    ]);
    expect(facts.project).toEqual({
      name: 'acme-shop',
      description: 'Storefront for Acme built with Next.js',
      source: { file: 'package.json', line: 3 },
    });
  });

  it('reads scripts as commands with the pnpm prefix, their lines, and whether CI runs them', () => {
    const command = (kind: string) =>
      facts.commands.filter(
        c => c.kind === kind && c.origin === 'package-script',
      );
    expect(command('test')).toEqual([
      {
        kind: 'test',
        command: 'pnpm test',
        origin: 'package-script',
        name: 'test',
        runs: 'vitest',
        directory: '',
        runInCi: true,
        source: { file: 'package.json', line: 14 },
      },
    ]);
    expect(command('dev').map(c => c.command)).toEqual(['pnpm dev']);
    expect(command('lint')[0]).toMatchObject({
      command: 'pnpm lint',
      runs: 'next lint',
      runInCi: true,
    });
    expect(command('typecheck')[0]).toMatchObject({
      command: 'pnpm typecheck',
      runInCi: true,
    });
    expect(command('format-check')[0]).toMatchObject({
      command: 'pnpm format:check',
    });
    expect(command('migrate')[0]).toMatchObject({
      command: 'pnpm db:migrate',
      runs: 'prisma migrate dev',
    });
    // `start` serves a production build in Next.js, `test:watch` is a variant, `postinstall` a hook.
    expect(facts.commands.map(c => c.command)).not.toContain('pnpm start');
    expect(facts.commands.map(c => c.name)).not.toContain('test:watch');
    expect(facts.commands.map(c => c.name)).not.toContain('postinstall');
  });

  it('derives single-test invocations from Vitest and Playwright', () => {
    expect(facts.commands.find(c => c.kind === 'test-single')).toMatchObject({
      command: 'pnpm exec vitest run src/path/to/file.test.ts -t "name"',
      origin: 'derived',
      source: { file: 'package.json', line: 28 },
    });
    expect(facts.commands.find(c => c.kind === 'e2e-single')?.command).toBe(
      'pnpm exec playwright test e2e/path/to/file.spec.ts -g "name"',
    );
  });

  it('finds Vitest tests beside the code and Playwright tests in e2e/', () => {
    expect(facts.testFrameworks).toEqual([
      expect.objectContaining({
        name: 'vitest',
        e2e: false,
        files: 2,
        colocatedShare: 1,
        patterns: ['*.test.ts', '*.test.tsx'],
        helpers: ['Testing Library'],
        config: 'vitest.config.ts',
      }),
      expect.objectContaining({
        name: 'playwright',
        e2e: true,
        files: 1,
        locations: ['e2e/'],
        patterns: ['*.spec.ts'],
        config: 'playwright.config.ts',
      }),
    ]);
  });

  it('reads Prettier options, ESLint presets and rules, and TypeScript strictness and aliases with their lines', () => {
    const prettier = facts.styleTools.find(t => t.name === 'prettier')!;
    expect(prettier.settings).toEqual([
      {
        key: 'quotes',
        value: 'single',
        source: { file: '.prettierrc', line: 2 },
      },
      {
        key: 'semicolons',
        value: 'never',
        source: { file: '.prettierrc', line: 3 },
      },
      {
        key: 'lineLength',
        value: '100',
        source: { file: '.prettierrc', line: 4 },
      },
      {
        key: 'indent',
        value: '2 spaces',
        source: {
          file: '.prettierrc',
          note: 'Prettier default (not set in the config)',
        },
      },
    ]);
    const eslint = facts.styleTools.find(t => t.name === 'eslint')!;
    expect(eslint.config).toBe('eslint.config.mjs');
    expect(eslint.presets).toEqual(
      expect.arrayContaining(['next/core-web-vitals', 'next/typescript']),
    );
    expect(eslint.rules.map(r => [r.name, r.meaning, r.source.line])).toEqual([
      ['@typescript-eslint/no-explicit-any', 'no `any`', 10],
      ['no-console', 'no `console.*` calls', 9],
    ]);
    expect(facts.typescript).toEqual({
      config: 'tsconfig.json',
      strict: true,
      extends: [],
      paths: [{ alias: '@/*', target: './src/*' }],
      source: { file: 'tsconfig.json', line: 4 },
    });
  });

  it('reads the stack, the history, the PR template and CI', () => {
    expect(facts.stack.map(s => `${s.name} ${s.version ?? ''}`.trim())).toEqual(
      expect.arrayContaining([
        'Next.js 14',
        'React 18',
        'Prisma 5',
        'Tailwind CSS 3',
        'zod 3',
      ]),
    );
    expect(facts.stack.find(s => s.name === 'Next.js')).toMatchObject({
      role: "framework (App Router in `src/app/`, Server Components by default, `'use client'` marks client components)",
      source: { file: 'package.json' },
    });
    expect(facts.history).toMatchObject({
      available: true,
      shallow: false,
      commitsAnalysed: 11,
      mergeCommits: 4,
      conventionalCommits: 11,
      conventionalShare: 1,
    });
    expect(facts.history.branchPrefixes).toEqual([
      { name: 'feat', count: 2 },
      { name: 'chore', count: 1 },
      { name: 'fix', count: 1 },
    ]);
    expect(facts.history.types).toEqual([
      { name: 'feat', count: 4 },
      { name: 'chore', count: 2 },
      { name: 'fix', count: 2 },
      { name: 'docs', count: 1 },
      { name: 'refactor', count: 1 },
      { name: 'test', count: 1 },
    ]);
    expect(facts.collaboration.pullRequestTemplate).toEqual({
      file: '.github/pull_request_template.md',
      headings: ['Summary', 'Test plan'],
      checklist: ['Tests added or updated', '`pnpm lint` passes'],
      source: { file: '.github/pull_request_template.md' },
    });
    expect(facts.ci).toHaveLength(1);
    expect(facts.ci[0]).toMatchObject({
      file: '.github/workflows/ci.yml',
      name: 'CI',
      onPullRequest: true,
      triggers: ['pull_request', 'push'],
    });
    expect(
      facts.ci[0].steps.filter(s => s.run).map(s => [s.run, s.source.line]),
    ).toEqual([
      ['pnpm install --frozen-lockfile', 12],
      ['pnpm lint', 13],
      ['pnpm typecheck', 14],
      ['pnpm test -- --run', 16],
      ['pnpm build', 17],
    ]);
    expect(facts.environmentFiles).toEqual([
      { file: '.env.example', variables: 2, source: { file: '.env.example' } },
    ]);
  });

  it('generates the commands, conventions and layout an agent needs', () => {
    const { content } = generateAgentsMd(facts);
    const lines = content.split('\n');
    expect(lines[0]).toBe('# AGENTS.md');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Use pnpm 9.12.0 (`pnpm-lock.yaml`), not npm or yarn; Node 20.12.2 (`.nvmrc`).',
        '| Install dependencies | `pnpm install` |  |',
        '| Run locally | `pnpm dev` | `next dev --turbo` |',
        '| Build | `pnpm build` | `next build` |',
        '| Test | `pnpm test` | `vitest` |',
        '| One test | `pnpm exec vitest run src/path/to/file.test.ts -t "name"` |  |',
        '| End-to-end tests | `pnpm test:e2e` | `playwright test` |',
        '| Lint | `pnpm lint` | `next lint` |',
        '| Format | `pnpm format` | `prettier --write .` |',
        '| Type check | `pnpm typecheck` | `tsc --noEmit` |',
        '| Database migrations | `pnpm db:migrate` | `prisma migrate dev` |',
        'CI (`.github/workflows/ci.yml`) runs on pull requests: `pnpm lint`, `pnpm typecheck`, `pnpm test -- --run`, `pnpm build`.',
        '- **Formatting**: Prettier (`.prettierrc`): single quotes, no semicolons, line length 100, 2-space indent. Run `pnpm format` before committing.',
        '- **Types**: TypeScript (`tsconfig.json`): strict mode; import aliases `@/*` → `./src/*` (use them instead of long relative paths).',
        '- **Tests**: Vitest beside the code they test as `*.test.ts` / `*.test.tsx`, using Testing Library; Playwright end-to-end tests in `e2e/` as `*.spec.ts`.',
        '- **Environment**: variables are listed in `.env.example` (2).',
        '| `src/app/` | App Router: routes, layouts, route handlers |',
        '| `prisma/` | Prisma schema and migrations |',
      ]),
    );
    expect(lines.find(l => l.startsWith('- **Stack**'))).toBe(
      "- **Stack**: TypeScript, Next.js 14 (App Router in `src/app/`, Server Components by default, `'use client'` marks client components), React 18, shadcn/ui (`@/components/ui`, `components.json`), Tailwind CSS 3, Prisma 5, zod 3.",
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        '| Start services | `docker compose up -d` | starts db, redis |',
        '- **File names**: `.tsx`/`.jsx` files in kebab-case (`alert-dialog.tsx`).',
      ]),
    );
    expect(facts.fileNaming).toEqual([
      {
        extensions: ['.tsx', '.jsx'],
        style: 'kebab-case',
        share: 1,
        example: 'src/components/ui/alert-dialog.tsx',
        source: {
          file: 'src/components/ui/alert-dialog.tsx',
          note: '6 of 6 multi-word .tsx/.jsx names',
        },
      },
    ]);
    expect(lines.find(l => l.startsWith('- **Linting**'))).toBe(
      '- **Linting**: ESLint (`eslint.config.mjs`, next/core-web-vitals, next/typescript): no `any`, no `console.*` calls. Run `pnpm lint`.',
    );
    expect(lines.find(l => l.startsWith('- **Commits**'))).toBe(
      '- **Commits**: Conventional Commits, `type(scope): summary` (nearly every recent commit); types used: `chore`, `feat`, `fix`; with a scope (`api`, `cart`, `checkout`, `deps`, `ui`).',
    );
    expect(lines.find(l => l.startsWith('- **Branches**'))).toBe(
      '- **Branches**: the default branch is `main`; branch off it; name topic branches by kind: `chore/`, `feat/`, `fix/`; keep chore work (dependencies, tooling, formatting) on its own `chore/` branch and pull request, apart from feature work.',
    );
    // The repository has its own lint script, so no derived eslint --fix second-guesses it.
    expect(content).not.toContain('eslint --fix');
    expect(lines.find(l => l.startsWith('- **Pull requests**'))).toBe(
      '- **Pull requests**: fill in `.github/pull_request_template.md` (Summary, Test plan); its checklist: Tests added or updated; `pnpm lint` passes.',
    );
    expect(lines.length).toBeLessThan(80);
  });
});
