import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';

const templates = ['typescript-service', 'go-service', 'python-service'];

function readTemplate(name: string) {
  return yaml.parse(
    readFileSync(
      resolve(__dirname, '../../../templates', name, 'template.yaml'),
      'utf8',
    ),
  );
}

describe.each(templates)('the %s template publishes', name => {
  const template = readTemplate(name);
  const steps = template.spec.steps as Array<{
    id: string;
    action: string;
    if?: string;
    input?: Record<string, string>;
  }>;
  const step = (id: string) => steps.find(s => s.id === id)!;

  it('asks whether to create a repository or open a pull request', () => {
    const repository = template.spec.parameters.find(
      (page: any) => page.properties?.repoUrl,
    );
    expect(repository.properties.publishMode).toMatchObject({
      enum: ['new-repository', 'pull-request'],
      default: 'new-repository',
    });
    expect(
      repository.dependencies.publishMode.oneOf[1].properties.targetPath,
    ).toMatchObject({ type: 'string' });
  });

  it('creates and registers a new repository, or opens a pull request with a conventional title', () => {
    const newRepository = "${{ parameters.publishMode !== 'pull-request' }}";
    const pullRequest = "${{ parameters.publishMode === 'pull-request' }}";
    expect(step('publish')).toMatchObject({
      action: 'publish:github',
      if: newRepository,
    });
    expect(step('register')).toMatchObject({
      action: 'catalog:register',
      if: newRepository,
    });
    expect(step('pull-request')).toMatchObject({
      action: 'publish:github:pull-request',
      if: pullRequest,
      input: {
        repoUrl: '${{ parameters.repoUrl }}',
        branchName: 'catalyst/add-${{ parameters.name }}',
        targetPath: '${{ parameters.targetPath }}',
      },
    });
    expect(step('pull-request').input!.title).toMatch(
      /^feat\(\$\{\{ parameters\.name \}\}\): /,
    );
    expect(
      template.spec.output.links.map((link: any) => [link.title, link.if]),
    ).toEqual([
      ['Repository', newRepository],
      ['Open in catalog', newRepository],
      ['Pull request', pullRequest],
    ]);
  });
});
