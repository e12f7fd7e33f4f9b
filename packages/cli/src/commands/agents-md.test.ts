import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../__testUtils__/runCli';

const run = (...args: string[]) => runCli('agents-md', ...args);

function write(root: string, path: string, content: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function git(root: string, ...args: string[]) {
  execFileSync(
    'git',
    [
      '-c',
      'user.name=CLI Test',
      '-c',
      'user.email=cli@example.com',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd: root },
  );
}

const packageJson = (scripts: Record<string, string>) =>
  `${JSON.stringify(
    {
      name: 'cli-fixture',
      description: 'A fixture for the agents-md command',
      packageManager: 'npm@10.8.0',
      scripts,
      devDependencies: { jest: '^29.7.0' },
    },
    null,
    2,
  )}\n`;

describe('catalyst agents-md', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'catalyst-agents-md-'));
    write(
      root,
      'package.json',
      packageJson({ test: 'jest', build: 'tsc -p .' }),
    );
    write(root, 'package-lock.json', '{"lockfileVersion": 3}\n');
    write(
      root,
      'src/sum.ts',
      'export const sum = (a: number, b: number) => a + b;\n',
    );
    write(root, 'src/sum.test.ts', "import { sum } from './sum';\n");
    write(
      root,
      'AGENTS.md',
      '# Agents\n\nHand-written: the staging database is read-only.\n\n<!-- SPECKIT START -->\nSpec Kit context\n<!-- SPECKIT END -->\n',
    );
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'feat: start');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prints the generated AGENTS.md, keeping what humans wrote', async () => {
    const result = await run(root);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(
      result.stdout.startsWith(
        '# Agents\n\nHand-written: the staging database is read-only.\n\n<!-- SPECKIT START -->\nSpec Kit context\n<!-- SPECKIT END -->\n\n<!-- catalyst:begin -->\n',
      ),
    ).toBe(true);
    expect(result.stdout).toContain('| Test | `npm test` | `jest` |');
    expect(result.stdout).toContain(
      '| One test | `npm test -- src/path/to/file.test.ts -t "name"` |  |',
    );
    expect(result.stdout).toContain('| Build | `npm run build` | `tsc -p .` |');
    expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).not.toContain(
      'catalyst:begin',
    );
  });

  it('writes AGENTS.md, then --check passes until a significant fact changes', async () => {
    const written = await run(root, '--write');
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toMatch(
      /^updated .*AGENTS\.md \(facts [0-9a-f]{12}\)\n$/,
    );
    const file = readFileSync(join(root, 'AGENTS.md'), 'utf8');
    expect(file).toContain(
      '<!-- SPECKIT START -->\nSpec Kit context\n<!-- SPECKIT END -->',
    );
    expect(file).toContain('<!-- catalyst:end -->\n');

    expect(await run(root, '--check')).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/^AGENTS\.md is up to date/),
    });
    expect((await run(root, '--write')).stdout).toMatch(
      /^AGENTS\.md is up to date/,
    );

    // Reformatting the block (a table padded by prettier) is not a change in substance.
    writeFileSync(
      join(root, 'AGENTS.md'),
      file.replace(
        '| Test | `npm test` | `jest` |',
        '|  Test  |  `npm test`   | `jest`  |',
      ),
    );
    expect((await run(root, '--check')).exitCode).toBe(0);

    // A new lint script is.
    write(
      root,
      'package.json',
      packageJson({ test: 'jest', build: 'tsc -p .', lint: 'eslint src' }),
    );
    const stale = await run(root, '--check');
    expect(stale.exitCode).toBe(1);
    expect(stale.stdout).toContain('AGENTS.md is stale.');
    expect(stale.stdout).toContain(
      '+ | Lint | `npm run lint` | `eslint src` |',
    );
  });

  it('explains a missing block and prints facts as JSON', async () => {
    const check = await run(root, '--check');
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain(
      'AGENTS.md is stale: AGENTS.md has no catalyst block.',
    );
    const json = await run(root, '--json');
    expect(json.exitCode).toBe(0);
    const facts = JSON.parse(json.stdout);
    expect(facts.packageManagers[0]).toMatchObject({
      name: 'npm',
      version: '10.8.0',
      lockfile: 'package-lock.json',
    });
    expect(facts.commands).toContainEqual(
      expect.objectContaining({
        kind: 'test',
        command: 'npm test',
        source: { file: 'package.json', line: 6 },
      }),
    );
  });

  it('reports malformed manifests on stderr and bad arguments with exit 2', async () => {
    write(root, 'package.json', '{ "scripts": { "test": "jest", }\n');
    const result = await run(root);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(
      /^catalyst agents-md: warning: package\.json:\d+: malformed JSON/,
    );
    expect(await run(join(root, 'missing'))).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('does not exist'),
    });
    expect(await run(root, '--write', '--check')).toMatchObject({
      exitCode: 2,
      stderr:
        'catalyst agents-md: use only one of --write, --check and --json\n',
    });
  });

  describe('the Catalyst tools section', () => {
    const ENDPOINT = 'https://portal.example.com/api/mcp-actions/v1';
    afterEach(() => {
      delete process.env.CATALYST_PORTAL_URL;
    });

    it('is left out when no portal URL is known', async () => {
      const result = await run(root);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('Catalyst tools');
      expect(result.stdout).not.toContain('mcp-actions');
    });

    it('names the portal MCP endpoint and the component from --portal-url', async () => {
      write(
        root,
        'catalog-info.yaml',
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cli-fixture\nspec:\n  type: service\n',
      );
      const result = await run(
        root,
        '--portal-url',
        'https://portal.example.com/',
      );
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      const block = result.stdout.slice(
        result.stdout.indexOf('<!-- catalyst:begin -->'),
      );
      const tools = block.slice(block.indexOf('## Catalyst tools'));
      expect(tools).toContain(
        `\`component:default/cli-fixture\` is in the Catalyst portal. Its MCP server, \`${ENDPOINT}\``,
      );
      expect(tools).toContain('- `platform.get-spec-context`');
      expect(tools).toContain('- `platform.check-conventions`');
      // The section ends the block, after the commands it refers to.
      expect(block.indexOf('## Commands')).toBeLessThan(
        block.indexOf('## Catalyst tools'),
      );
      expect(tools.trimEnd().endsWith('<!-- catalyst:end -->')).toBe(true);
    });

    it('takes the portal from CATALYST_PORTAL_URL, then from catalyst.yaml', async () => {
      write(
        root,
        'catalyst.yaml',
        'context:\n  portalUrl: https://portal.example.com\n',
      );
      expect((await run(root)).stdout).toContain(
        `This repository is in the Catalyst portal. Its MCP server, \`${ENDPOINT}\``,
      );
      process.env.CATALYST_PORTAL_URL = 'http://localhost:7007';
      expect((await run(root)).stdout).toContain(
        '`http://localhost:7007/api/mcp-actions/v1`',
      );
    });

    it('does not make a written block stale, with or without the portal', async () => {
      await run(root, '--write', '--portal-url', 'https://portal.example.com');
      expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toContain(
        '## Catalyst tools',
      );
      expect((await run(root, '--check')).exitCode).toBe(0);
      expect(
        (await run(root, '--check', '--portal-url', 'http://other.example'))
          .exitCode,
      ).toBe(0);
    });

    it('refuses a portal URL that is not http(s), and warns on one in catalyst.yaml', async () => {
      expect(
        await run(root, '--portal-url', 'ftp://portal.example.com'),
      ).toMatchObject({
        exitCode: 2,
        stderr:
          'catalyst agents-md: --portal-url is not an http(s) URL: ftp://portal.example.com\n',
      });
      write(root, 'catalyst.yaml', 'context:\n  portalUrl: [1, 2]\n');
      const result = await run(root);
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe(
        'catalyst agents-md: warning: catalyst.yaml: context.portalUrl is not an http(s) URL; ignored\n',
      );
      expect(result.stdout).not.toContain('Catalyst tools');
    });
  });
});
