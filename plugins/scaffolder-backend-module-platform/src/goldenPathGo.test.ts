import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  defaultConventionPacks,
  detectConventionDrift,
} from '@catalyst/conventions';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';
import { runInProject, runTemplateSteps } from './testUtils';

const templateDir = resolve(__dirname, '../../../templates/go-service');
const workspace = createMockDirectory();
let ran: string[] = [];

// Downloads modules through the Go module proxy on a cold cache.
jest.setTimeout(300_000);

describe('the Go golden-path template', () => {
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
  });

  it('runs fetch:template, then its Catalyst steps', () => {
    expect(ran).toEqual([
      'fetch:template',
      'catalyst:conventions:scaffold',
      'catalyst:agents-md:generate',
    ]);
  });

  it('starts with zero convention drift on the go pack', async () => {
    const check = await detectConventionDrift({
      repoDir: workspace.path,
      packs: defaultConventionPacks,
    });
    expect(check.pack).toMatchObject({ id: 'go' });
    expect(check.drifted).toBe(false);
  });

  it('generates a project whose gofmt, go vet and go test pass', async () => {
    const gofmt = await runInProject(workspace.path, 'gofmt', ['-l', '.']);
    expect(gofmt.stdout).toBe('');
    await runInProject(workspace.path, 'go', ['vet', './...']);
    const test = await runInProject(workspace.path, 'go', [
      'test',
      '-count=1',
      '-v',
      './...',
    ]);
    expect(test.stdout).toContain('ok  \tpayments/internal/server');
    expect(test.stdout).toContain('ok  \tpayments\t');
    // Its own OTLP/HTTP receiver on 127.0.0.1 gets the request's span, with the log line's trace id.
    expect(test.stdout).toContain(
      '--- PASS: TestRequestSpanIsExportedWithTheTraceIDOfItsLogLine',
    );
    expect(test.stdout).toContain('ok  \tpayments/internal/telemetry');
  });

  it('describes the component with its source, TechDocs and observability scope', () => {
    const entity = yaml.parse(
      readFileSync(workspace.resolve('catalog-info.yaml'), 'utf8'),
    );
    expect(entity).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'payments',
        annotations: {
          'github.com/project-slug': 'acme/payments',
          'backstage.io/source-location':
            'url:https://github.com/acme/payments/tree/main/',
          'backstage.io/techdocs-ref': 'dir:.',
          'backstage.io/kubernetes-namespace': 'payments',
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=payments',
        },
      },
      spec: { owner: 'group:default/team-a', system: 'system:default/billing' },
    });
    const [deployment] = yaml
      .parseAllDocuments(
        readFileSync(
          workspace.resolve('deploy/kubernetes/deployment.yaml'),
          'utf8',
        ),
      )
      .map(doc => doc.toJS());
    expect(deployment.metadata.namespace).toBe('payments');
    expect(deployment.spec.template.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'payments',
    });
  });

  it('writes AGENTS.md, a Spec Kit spec and TechDocs', () => {
    const agentsMd = readFileSync(workspace.resolve('AGENTS.md'), 'utf8');
    expect(agentsMd).toContain('<!-- catalyst:begin -->');
    expect(agentsMd).toContain('go test');
    expect(
      readFileSync(workspace.resolve('specs/001-payments/spec.md'), 'utf8'),
    ).toMatch(/^# Feature Specification: payments/);
    expect(
      readFileSync(workspace.resolve('specs/001-payments/tasks.md'), 'utf8'),
    ).toContain('- [ ] T003');
    expect(readFileSync(workspace.resolve('mkdocs.yml'), 'utf8')).toContain(
      'techdocs-core',
    );
  });
});
