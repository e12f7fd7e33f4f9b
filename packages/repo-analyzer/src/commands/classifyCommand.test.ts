import { classifyCommand, kindFromBody, refineKind } from './classifyCommand';
import { ciLineKind } from './ciCommands';

describe('refineKind', () => {
  it('keeps docs servers and builds out of "run locally" and "build"', () => {
    expect(refineKind('dev', 'serve-docs', 'uv run mkdocs serve')).toBe(
      'other',
    );
    expect(refineKind('build', 'docs:build', 'sphinx-build docs out')).toBe(
      'other',
    );
    expect(refineKind('dev', 'dev', 'next dev')).toBe('dev');
  });

  it('keeps a target that updates or installs the program out of "install dependencies"', () => {
    expect(
      refineKind('install', 'deps', '', 'Update Fantasy and Catwalk'),
    ).toBe('other');
    expect(refineKind('install', 'install', 'go install ./cmd/tool')).toBe(
      'other',
    );
    expect(
      refineKind('install', 'install', '', 'Install the application'),
    ).toBe('other');
    expect(refineKind('install', 'install', 'npm ci')).toBe('install');
  });

  it('keeps tool and browser installs out of the checks they serve', () => {
    expect(
      refineKind(
        'e2e',
        'playwright:install',
        'pnpm exec playwright install chromium',
      ),
    ).toBe('other');
    expect(refineKind('lint', 'lint:install', 'go install golangci-lint')).toBe(
      'other',
    );
  });

  it('makes unknown names `other`', () => {
    expect(
      refineKind(
        classifyCommand('modernize', 'modernize ./...'),
        'modernize',
        '',
      ),
    ).toBe('other');
  });
});

describe('tool installs in CI', () => {
  it('are not lints or scans', () => {
    expect(
      kindFromBody('go install honnef.co/go/tools/cmd/staticcheck@latest'),
    ).toBeUndefined();
    expect(
      ciLineKind('go install golang.org/x/vuln/cmd/govulncheck@latest'),
    ).toBeUndefined();
    expect(ciLineKind('staticcheck ./...')).toBe('lint');
    expect(ciLineKind('govulncheck ./...')).toBe('security');
  });

  it('never run a dev server, and `ruff` must be the command, not part of a path', () => {
    expect(ciLineKind('npm run dev:build')).toBeUndefined();
    expect(ciLineKind('git add site/ruff')).toBeUndefined();
    expect(ciLineKind('uv run ruff check .')).toBe('lint');
  });
});
