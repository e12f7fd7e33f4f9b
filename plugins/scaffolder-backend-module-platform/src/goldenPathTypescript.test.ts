import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  defaultConventionPacks,
  detectConventionDrift,
} from '@catalyst/conventions';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';
import { runInProject, runTemplateSteps } from './testUtils';

const templateDir = resolve(__dirname, '../../../templates/typescript-service');
const workspace = createMockDirectory();
let ran: string[] = [];

// Installs the generated project's dependencies from the npm registry.
jest.setTimeout(300_000);

describe('the TypeScript golden-path template', () => {
  beforeAll(async () => {
    ran = await runTemplateSteps({
      templateDir,
      workspacePath: workspace.path,
      values: {
        name: 'payments',
        description: 'Payments API',
        owner: 'group:default/team-a',
        system: 'system:default/billing',
        namespace: 'payments',
        repoUrl: 'github.com?owner=acme&repo=payments',
      },
    });
    // --ignore-scripts: no lifecycle script of a dependency runs in the test.
    await runInProject(workspace.path, 'npm', [
      'install',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
    ]);
  });

  it('runs fetch:template, then its Catalyst steps', () => {
    expect(ran).toEqual([
      'fetch:template',
      'catalyst:conventions:scaffold',
      'catalyst:agents-md:generate',
    ]);
  });

  it('starts with zero convention drift on the typescript pack', async () => {
    const check = await detectConventionDrift({
      repoDir: workspace.path,
      packs: defaultConventionPacks,
    });
    expect(check.pack).toMatchObject({ id: 'typescript' });
    expect(check.drifted).toBe(false);
  });

  it('generates a project whose tests, ESLint and Prettier pass', async () => {
    const test = await runInProject(workspace.path, 'npm', ['test']);
    expect(test.stdout).toMatch(/# pass 8\b/);
    expect(test.stdout).toMatch(/# fail 0\b/);
    // Its own OTLP/HTTP receiver on 127.0.0.1 gets the request's span, with the log line's trace id.
    expect(test.stdout).toMatch(
      /^ok \d+ - exports the span of a request, with the trace id of its log line$/m,
    );
    await runInProject(workspace.path, 'npm', ['run', 'lint']);
    const format = await runInProject(workspace.path, 'npm', [
      'run',
      'format:check',
    ]);
    expect(format.stdout).toContain(
      'All matched files use Prettier code style!',
    );
  });

  it('describes the component with its source, TechDocs and observability scope', () => {
    const entity = yaml.parse(
      readFileSync(workspace.resolve('catalog-info.yaml'), 'utf8'),
    );
    expect(entity).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'payments',
        tags: ['typescript'],
        annotations: {
          'github.com/project-slug': 'acme/payments',
          'backstage.io/techdocs-ref': 'dir:.',
          'backstage.io/kubernetes-namespace': 'payments',
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=payments',
        },
      },
      spec: { owner: 'group:default/team-a', system: 'system:default/billing' },
    });
  });

  it('writes AGENTS.md, a Spec Kit spec and TechDocs', () => {
    const agentsMd = readFileSync(workspace.resolve('AGENTS.md'), 'utf8');
    expect(agentsMd).toContain('<!-- catalyst:begin -->');
    expect(agentsMd).toContain('`npm test`');
    expect(
      readFileSync(workspace.resolve('specs/001-payments/plan.md'), 'utf8'),
    ).toContain('Fastify');
    expect(readFileSync(workspace.resolve('mkdocs.yml'), 'utf8')).toContain(
      'techdocs-core',
    );
  });
});
