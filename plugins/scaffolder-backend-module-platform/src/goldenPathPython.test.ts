import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  defaultConventionPacks,
  detectConventionDrift,
} from '@catalyst/conventions';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';
import { runInProject, runTemplateSteps } from './testUtils';

const templateDir = resolve(__dirname, '../../../templates/python-service');
const workspace = createMockDirectory();
let ran: string[] = [];

// Creates a virtualenv and installs the generated project's requirements from PyPI.
jest.setTimeout(300_000);

describe('the Python golden-path template', () => {
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
    await runInProject(workspace.path, 'python3', ['-m', 'venv', '.venv']);
    await runInProject(workspace.path, '.venv/bin/pip', [
      'install',
      '--quiet',
      '-r',
      'requirements-dev.txt',
    ]);
  });

  it('runs fetch:template, then its Catalyst steps', () => {
    expect(ran).toEqual([
      'fetch:template',
      'catalyst:conventions:scaffold',
      'catalyst:agents-md:generate',
    ]);
  });

  it('starts with zero convention drift on the python pack', async () => {
    const check = await detectConventionDrift({
      repoDir: workspace.path,
      packs: defaultConventionPacks,
    });
    expect(check.pack).toMatchObject({ id: 'python' });
    expect(check.drifted).toBe(false);
  });

  it('generates a project whose ruff check, ruff format and pytest pass', async () => {
    const bin = (name: string) => workspace.resolve(`.venv/bin/${name}`);
    const lint = await runInProject(workspace.path, bin('ruff'), [
      'check',
      '.',
    ]);
    expect(lint.stdout).toContain('All checks passed!');
    const format = await runInProject(workspace.path, bin('ruff'), [
      'format',
      '--check',
      '.',
    ]);
    expect(format.stdout).toMatch(/\d+ files already formatted/);
    const test = await runInProject(
      workspace.path,
      bin('pytest'),
      ['-v', '-p', 'no:cacheprovider'],
      { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    );
    expect(test.stdout).toMatch(/\b8 passed\b/);
    // Its own OTLP/HTTP receiver on 127.0.0.1 gets the request's span, with the log line's trace id.
    expect(test.stdout).toContain(
      'tests/test_telemetry.py::test_request_span_is_exported_with_the_trace_id_of_its_log_line PASSED',
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
        tags: ['python'],
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
    expect(readFileSync(workspace.resolve('pyproject.toml'), 'utf8')).toContain(
      'name = "payments"',
    );
  });

  it('writes AGENTS.md, a Spec Kit spec and TechDocs', () => {
    const agentsMd = readFileSync(workspace.resolve('AGENTS.md'), 'utf8');
    expect(agentsMd).toContain('<!-- catalyst:begin -->');
    expect(agentsMd).toContain('pytest');
    expect(
      readFileSync(workspace.resolve('specs/001-payments/spec.md'), 'utf8'),
    ).toMatch(/^# Feature Specification: payments/);
    expect(
      readFileSync(workspace.resolve('specs/001-payments/plan.md'), 'utf8'),
    ).toContain('FastAPI');
    expect(readFileSync(workspace.resolve('mkdocs.yml'), 'utf8')).toContain(
      'techdocs-core',
    );
  });
});
