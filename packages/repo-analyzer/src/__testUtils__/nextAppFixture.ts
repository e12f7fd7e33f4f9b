import { FixtureRepo } from './FixtureRepo';

/** A Next.js app: pnpm, Vitest, ESLint flat config + Prettier, Playwright, Prisma, CI on PRs. */
export function buildNextApp(): FixtureRepo {
  const repo = FixtureRepo.create('nextjs').init();
  repo
    .writeJson('package.json', {
      name: 'acme-shop',
      description: 'Storefront for Acme built with Next.js',
      private: true,
      packageManager: 'pnpm@9.12.0',
      scripts: {
        dev: 'next dev --turbo',
        build: 'next build',
        start: 'next start',
        lint: 'next lint',
        format: 'prettier --write .',
        'format:check': 'prettier --check .',
        typecheck: 'tsc --noEmit',
        test: 'vitest',
        'test:watch': 'vitest --watch',
        'test:e2e': 'playwright test',
        'db:migrate': 'prisma migrate dev',
        postinstall: 'prisma generate',
      },
      dependencies: {
        next: '^14.2.3',
        react: '^18.3.1',
        'react-dom': '^18.3.1',
        '@prisma/client': '^5.14.0',
        zod: '^3.23.8',
      },
      devDependencies: {
        vitest: '^1.6.0',
        '@playwright/test': '^1.44.0',
        '@testing-library/react': '^15.0.0',
        eslint: '^8.57.0',
        'eslint-config-next': '14.2.3',
        prettier: '^3.2.5',
        prisma: '^5.14.0',
        tailwindcss: '^3.4.3',
        typescript: '^5.4.5',
      },
    })
    .write(
      'pnpm-lock.yaml',
      "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n",
    )
    .write('.nvmrc', 'v20.12.2\n')
    .write(
      '.prettierrc',
      '{\n  "singleQuote": true,\n  "semi": false,\n  "printWidth": 100\n}\n',
    )
    .write(
      'eslint.config.mjs',
      [
        "import { FlatCompat } from '@eslint/eslintrc'",
        '',
        'const compat = new FlatCompat({ baseDirectory: import.meta.dirname })',
        '',
        'export default [',
        "  ...compat.extends('next/core-web-vitals', 'next/typescript'),",
        '  {',
        '    rules: {',
        "      'no-console': 'error',",
        "      '@typescript-eslint/no-explicit-any': ['error'],",
        "      'prefer-const': 'off',",
        '    },',
        '  },',
        ']',
        '',
      ].join('\n'),
    )
    .write(
      'tsconfig.json',
      '{\n  // Next.js defaults\n  "compilerOptions": {\n    "strict": true,\n    "noEmit": true,\n    "paths": { "@/*": ["./src/*"] },\n  },\n}\n',
    )
    .write(
      'playwright.config.ts',
      "import { defineConfig } from '@playwright/test'\n\nexport default defineConfig({\n  testDir: './e2e',\n})\n",
    )
    .write(
      'vitest.config.ts',
      "import { defineConfig } from 'vitest/config'\n\nexport default defineConfig({ test: { environment: 'jsdom' } })\n",
    )
    .write(
      'prisma/schema.prisma',
      'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
    )
    .write(
      'src/app/layout.tsx',
      'export default function Layout({ children }) { return children }\n',
    )
    .write(
      'src/app/page.tsx',
      'export default function Page() { return null }\n',
    )
    .write(
      'src/lib/price.ts',
      'export const price = (n: number) => n.toFixed(2)\n',
    )
    .write('src/lib/price.test.ts', "import { price } from './price'\n")
    .write(
      'src/components/Button.tsx',
      'export function Button() { return null }\n',
    )
    .write(
      'src/components/Button.test.tsx',
      "import { Button } from './Button'\n",
    )
    .write('e2e/checkout.spec.ts', "import { test } from '@playwright/test'\n")
    .write('public/logo.svg', '<svg/>\n')
    .writeJson('components.json', {
      $schema: 'https://ui.shadcn.com/schema.json',
      style: 'new-york',
      aliases: { components: '@/components', ui: '@/components/ui' },
    })
    .write('src/components/ui/alert-dialog.tsx', "'use client'\n\nexport {}\n")
    .write('src/components/ui/dropdown-menu.tsx', 'export {}\n')
    .write('src/components/ui/radio-group.tsx', 'export {}\n')
    .write('src/components/ui/scroll-area.tsx', 'export {}\n')
    .write('src/components/ui/toggle-group.tsx', 'export {}\n')
    .write('src/components/ui/hover-card.tsx', 'export {}\n')
    .write(
      'docker-compose.yml',
      'services:\n  db:\n    image: postgres:16\n  redis:\n    image: redis:7\n',
    )
    .write(
      '.env.example',
      'DATABASE_URL=postgres://localhost/shop\nNEXTAUTH_SECRET=\n',
    )
    .write(
      '.github/workflows/ci.yml',
      [
        'name: CI',
        'on:',
        '  pull_request:',
        '  push:',
        '    branches: [main]',
        'jobs:',
        '  check:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: pnpm/action-setup@v4',
        '      - run: pnpm install --frozen-lockfile',
        '      - run: pnpm lint',
        '      - run: pnpm typecheck',
        '      - run: |',
        '          pnpm test -- --run',
        '          pnpm build',
        '',
      ].join('\n'),
    )
    .write(
      '.github/pull_request_template.md',
      '## Summary\n\n## Test plan\n\n- [ ] Tests added or updated\n- [ ] `pnpm lint` passes\n',
    )
    .commit('chore: scaffold Next.js app');
  repo.mergeBranch('feat/cart', [
    'feat(cart): add cart page',
    'test(cart): cover totals',
  ]);
  repo.mergeBranch('fix/price-rounding', ['fix(ui): round prices to cents']);
  repo.mergeBranch('chore/deps', ['chore(deps): bump next to 14.2.3']);
  repo.mergeBranch('feat/checkout', [
    'feat(checkout): add checkout flow',
    'feat(api): add orders route',
  ]);
  repo.commit('docs: describe local setup', 'README.md');
  repo.commit('refactor(ui): extract Button', 'src/components/index.ts');
  repo.commit(
    'fix(api): validate order payload',
    'src/app/api/orders/route.ts',
  );
  repo.commit('feat(ui): add header', 'src/components/Header.tsx');
  return repo;
}
